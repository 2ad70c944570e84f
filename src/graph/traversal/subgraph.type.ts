import { Field, ObjectType } from "type-graphql";
import { Entity } from "../entities/entity.type";
import { Relation } from "../relations/relation.type";

@ObjectType({ description: "A part of the graph: entities, and the relations among them, each listed once." })
export class Subgraph {
  @Field((_type) => [Entity], { description: "The start first, then by distance from it, then by name." })
  entities!: Entity[];

  @Field((_type) => [Relation], { description: "Each joins two of the entities listed." })
  relations!: Relation[];
}
