import { Field, ObjectType } from "type-graphql";
import { Entity } from "../entities/entity.type";
import { Relation } from "../relations/relation.type";

@ObjectType({ description: "A part of the graph: entities, and the relations among them, each listed once." })
export class Subgraph {
  @Field((_type) => [Entity], { description: "The start first, then by distance from it, then by name." })
  entities!: Entity[];

  @Field((_type) => [Relation], { description: "Each joins two of the entities listed." })
  relations!: Relation[];

  @Field({
    description:
      "True when the walk reached more than a subgraph may hold (200 entities or 400 relations) and stopped adding: the lists are then a part, nearest first, of what is within reach. Ask again from an entity further out, or with a smaller depth or fewer predicates.",
  })
  truncated!: boolean;
}
