import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { Node } from "../node/node.type";
import { history, revert } from "./history.service";
import { Revision } from "./revision.type";

@ArgsType()
class RevertArgs {
  @Field((_type) => ID, { description: "The revision to undo: the record returns to its state before it." })
  revisionId!: string;

  @Field((_type) => Int, { description: "The record's current version, as the caller read it." })
  expectedVersion!: number;
}

@Resolver()
export class HistoryResolver {
  @Query((_returns) => [Revision], { description: "Signed-in editors: every change to a record, newest first." })
  history(@Arg("id", (_type) => ID, { description: "The global id of an entity, relation, source or citation." }) id: string, @Ctx() ctx: Context): Promise<Revision[]> {
    return history(ctx, id);
  }

  @Mutation((_returns) => Node, {
    description:
      "REVIEWER: restores a record's state from before a revision, as a new revision. CONFLICT if the record is not at expectedVersion. Passes the checks of the action that would make the change by hand (a relation it publishes needs a live citation of a visible source; reverting a deletion is a restore; an older edit of a record deleted since is refused); BAD_USER_INPUT when it would change nothing.",
  })
  revert(@Args() { revisionId, expectedVersion }: RevertArgs, @Ctx() ctx: Context): Promise<Node> {
    return revert(ctx, revisionId, expectedVersion);
  }
}
