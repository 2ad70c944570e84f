import { Args, ArgsType, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { ConnectionType } from "../pagination/connection.type";
import { Citation } from "./citation.type";
import { flaggedCitations } from "./flagged-citations.service";

@ObjectType({ description: "A page of citations (Relay)." })
export class CitationConnection extends ConnectionType("Citation", Citation) {}

@ArgsType()
class FlaggedCitationsArgs {
  @Field((_type) => Int, { nullable: true, description: "At most this many citations (0 to 100); 20 when absent." })
  first?: number | null;

  @Field((_type) => String, { nullable: true, description: "A cursor of this list: the page starts after it." })
  after?: string | null;
}

@Resolver()
export class FlaggedCitationsResolver {
  @Query((_returns) => CitationConnection, {
    description:
      "Signed-in editors: citations whose quote the latest text snapshot of their source lacks (QUOTE_NOT_FOUND), for a reviewer to check; oldest first, drafts included.",
  })
  flaggedCitations(@Args() { first, after }: FlaggedCitationsArgs, @Ctx() ctx: Context) {
    return flaggedCitations(ctx, first ?? null, after ?? null);
  }
}
