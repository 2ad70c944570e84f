import { ArgsType, Field, Int } from "type-graphql";

/** Relay cursor pagination: `first`/`after` pages forward, `last`/`before` backward. */
@ArgsType()
export class ConnectionArgs {
  @Field((_type) => Int, { nullable: true, description: "At most this many items (0 to 100) from the start or after `after`; 20 when neither first nor last is given." })
  first?: number | null;

  @Field((_type) => String, { nullable: true, description: "A cursor: the page starts after it." })
  after?: string | null;

  @Field((_type) => Int, { nullable: true, description: "At most this many items (0 to 100) from the end or before `before`." })
  last?: number | null;

  @Field((_type) => String, { nullable: true, description: "A cursor: the page ends before it." })
  before?: string | null;
}
