import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Citation } from "../citations/citation.type";
import { Entity } from "../entities/entity.type";
import { endOf } from "./relation.service";
import { Relation } from "./relation.type";

@Resolver((_of) => Relation)
export class RelationResolver {
  @FieldResolver((_type) => Entity, { description: "The entity the claim is about." })
  subject(@Root() relation: Relation, @Ctx() context: Context): Promise<Entity> {
    return endOf(context, relation, "subject");
  }

  @FieldResolver((_type) => Entity, { description: "The entity the claim points to." })
  object(@Root() relation: Relation, @Ctx() context: Context): Promise<Entity> {
    return endOf(context, relation, "object");
  }

  @FieldResolver((_type) => [Citation], { description: "The quotes that support this claim, oldest first." })
  citations(@Root() relation: Relation, @Ctx() context: Context): Promise<Citation[]> {
    return context.loaders.citationsOfRelation(relation.includeDrafts).load(relation.rowId);
  }
}
