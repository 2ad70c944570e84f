import { Args, ArgsType, Ctx, Field, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { VersionedChangeArgs } from "../editing/editing.args";
import { Node } from "../node/node.type";
import { publish, retract } from "./review.service";

/** `(id, expectedVersion, reason)`: a retraction of the version the reviewer read, which says why. */
@ArgsType()
class RetractArgs extends VersionedChangeArgs {
  @Field({ description: "Why; kept in the record's history." })
  reason!: string;
}

@Resolver()
export class ReviewResolver {
  @Mutation((_returns) => Node, {
    description:
      "REVIEWER: publishes a draft entity, relation or source, or applies the pending edit of published content, as of expectedVersion (CONFLICT with the current version when its fields, pending edit or citations changed since). Publishing a relation also publishes its draft entities and the draft sources of its citations.",
  })
  publish(@Args() { id, expectedVersion }: VersionedChangeArgs, @Ctx() ctx: Context): Promise<Node> {
    return publish(ctx, id, expectedVersion);
  }

  @Mutation((_returns) => Node, {
    description:
      "REVIEWER: hides published content from the public, keeping it and its history; CONFLICT unless at expectedVersion. A source that is the only published citation of a published relation cannot be retracted.",
  })
  retract(@Args() { id, expectedVersion, reason }: RetractArgs, @Ctx() ctx: Context): Promise<Node> {
    return retract(ctx, id, expectedVersion, reason);
  }
}
