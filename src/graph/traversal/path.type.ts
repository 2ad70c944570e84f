import { Field, Int, ObjectType } from "type-graphql";
import { Entity } from "../entities/entity.type";
import { Relation } from "../relations/relation.type";

@ObjectType({
  description: "A chain of relations from one entity to another, followed in either direction. relations[i] joins entities[i] and entities[i + 1].",
})
export class Path {
  @Field((_type) => Int, { description: "The number of relations." })
  length!: number;

  @Field((_type) => [Entity], { description: "From the start to the end, each once." })
  entities!: Entity[];

  @Field((_type) => [Relation], { description: "The relations walked, in order; relations[i] joins entities[i] and entities[i + 1], in either direction." })
  relations!: Relation[];
}
