import { ArgsType, Field, Int } from "type-graphql";
import { EntityKind } from "../enums";
import { DraftsArgs } from "../review/drafts.args";

@ArgsType()
export class SearchArgs extends DraftsArgs {
  @Field({ description: "What the reader typed; must not be blank, at most 200 characters." })
  query!: string;

  @Field((_type) => [EntityKind], { nullable: true, description: "Only these kinds; all kinds when omitted." })
  kinds?: EntityKind[] | null;

  @Field((_type) => Int, { nullable: true, defaultValue: 10, description: "How many results, 1 to 100." })
  first!: number | null;
}
