import { ArgsType, Field, ID, Int } from "type-graphql";
import { Predicate } from "../enums";

@ArgsType()
export class NeighborhoodArgs {
  @Field((_type) => ID, { description: "The entity to start from." })
  id!: string;

  @Field((_type) => Int, { nullable: true, defaultValue: 1, description: "Hops from the entity, 1 to 4." })
  depth!: number | null;

  @Field((_type) => [Predicate], { nullable: true, description: "Follow only these predicates; all when omitted." })
  predicates?: Predicate[] | null;
}

@ArgsType()
export class PathsArgs {
  @Field((_type) => ID, { description: "The global id of the entity the paths start from." })
  fromId!: string;

  @Field((_type) => ID, { description: "The global id of the entity the paths end at." })
  toId!: string;

  @Field((_type) => Int, { nullable: true, defaultValue: 3, description: "The longest path wanted, 1 to 4 relations." })
  maxDepth!: number | null;
}
