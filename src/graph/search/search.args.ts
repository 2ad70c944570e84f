import { ArgsType, Field, Int } from "type-graphql";
import { EntityKind } from "../enums";

@ArgsType()
export class SearchArgs {
  @Field({ description: "What the reader typed; must not be blank, at most 200 characters." })
  query!: string;

  @Field((_type) => [EntityKind], { nullable: true, description: "Only these kinds; all kinds when omitted." })
  kinds?: EntityKind[] | null;

  @Field((_type) => Int, { nullable: true, defaultValue: 10, description: "How many results, 1 to 100." })
  first!: number | null;
}
