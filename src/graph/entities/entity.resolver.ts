import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Direction } from "../enums";
import { RelationsArgs } from "../relations/relation.args";
import { relationsOf } from "../relations/relation.service";
import { relationList } from "../relations/relation.sql";
import { AnswerFromSql, SqlField } from "../sql/declarations";
import type { Compiled } from "../sql/marker";
import { Relation } from "../relations/relation.type";
import { ConnectionArgs } from "../pagination/connection.args";
import { DraftsArgs } from "../review/drafts.args";
import { EntityArgs, EntityFilterArgs } from "./entity.args";
import { findEntity, listEntities } from "./entity.service";
import { EntityConnection } from "./entity-connection.type";
import { Entity } from "./entity.type";

// Field resolvers on the interface are inherited by every kind of entity.
@Resolver((_of) => Entity)
export class EntityResolver {
  @AnswerFromSql()
  @Query((_returns) => Entity, { nullable: true, description: "One entity, by global id or by slug (exactly one of them)." })
  entity(@Args() drafts: DraftsArgs, @Args() args: EntityArgs, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): Promise<Compiled | null> {
    return findEntity(context, { ...args, ...drafts }, info);
  }

  @AnswerFromSql()
  @Query((_returns) => EntityConnection, { description: "Entities, optionally of one kind, by name then id; Relay pagination." })
  entities(
    @Args() drafts: DraftsArgs,
    @Args() page: ConnectionArgs,
    @Args() filter: EntityFilterArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Compiled> {
    return listEntities(context, { ...filter, ...page, ...drafts }, info);
  }

  @FieldResolver((_type) => [Relation], {
    description: "This entity's relations, ordered by predicate, then rank (PREFERRED first), then object name, then subject name, then id.",
  })
  @SqlField(relationList)
  relations(
    @Root() entity: Entity,
    @Args() { predicates, direction, context: careContext, includeDeprecated }: RelationsArgs,
    @Ctx() context: Context,
  ): Promise<Relation[]> {
    return relationsOf(context, entity, { predicates, direction: direction ?? Direction.BOTH, context: careContext, includeDeprecated });
  }
}
