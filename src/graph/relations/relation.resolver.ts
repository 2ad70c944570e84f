import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Citation } from "../citations/citation.type";
import { Entity } from "../entities/entity.type";
import { SqlField } from "../sql/declarations";
import { col, sql } from "../sql/fragment";
import { endOf } from "./relation.service";
import { Relation } from "./relation.type";

@Resolver((_of) => Relation)
export class RelationResolver {
  @FieldResolver((_type) => Entity, { description: "The entity the claim is about." })
  @SqlField({ kind: "one", table: "entity", foreignKey: "subject_id" })
  subject(@Root() relation: Relation, @Ctx() context: Context): Promise<Entity> {
    return endOf(context, relation, "subject");
  }

  @FieldResolver((_type) => Entity, { description: "The entity the claim points to." })
  @SqlField({ kind: "one", table: "entity", foreignKey: "object_id" })
  object(@Root() relation: Relation, @Ctx() context: Context): Promise<Entity> {
    return endOf(context, relation, "object");
  }

  @FieldResolver((_type) => [Citation], { description: "The quotes that support this claim, oldest first." })
  @SqlField({
    kind: "many",
    table: "citation",
    on: (relation, citation) => sql`${col(citation, "relation_id")} = ${col(relation, "id")}`,
    reachedFrom: "relation_id",
    orderBy: (citation) => col(citation, "id"),
  })
  citations(@Root() relation: Relation, @Ctx() context: Context): Promise<Citation[]> {
    return context.loaders.citationsOfRelation(relation.includeDrafts).load(relation.rowId);
  }
}
