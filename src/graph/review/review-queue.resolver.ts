import { Args, ArgsType, Ctx, Field, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import type { Connection } from "../pagination/connection.type";
import { ReviewItemConnection, type ReviewItem } from "./review-queue.type";
import { reviewQueue } from "./review-queue.service";

/** Forward pages only: a queue is worked from its oldest end. */
@ArgsType()
class ReviewQueueArgs {
  @Field((_type) => Int, { nullable: true, description: "At most this many items (0 to 100); 20 when absent." })
  first?: number | null;

  @Field((_type) => String, { nullable: true, description: "A cursor: the page starts after it." })
  after?: string | null;
}

@Resolver()
export class ReviewQueueResolver {
  @Query((_returns) => ReviewItemConnection, {
    description:
      "Signed-in editors: everything waiting for a reviewer, oldest first (by since, then reason, type and id): drafts, pending edits of published content, and relations flagged NEEDS_REVIEW. A record with two reasons is listed twice.",
  })
  reviewQueue(@Args() args: ReviewQueueArgs, @Ctx() ctx: Context): Promise<Connection<ReviewItem>> {
    return reviewQueue(ctx, args);
  }
}
