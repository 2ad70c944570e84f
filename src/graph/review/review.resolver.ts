import { Arg, Args, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { ReasonedChangeArgs } from "../editing/editing.args";
import { Node } from "../node/node.type";
import { publish, retract } from "./review.service";

@Resolver()
export class ReviewResolver {
  @Mutation((_returns) => Node, {
    description:
      "REVIEWER: publishes a draft entity, relation or source, or applies the pending edit of published content. Publishing a relation also publishes its draft entities and the draft sources of its citations.",
  })
  publish(@Arg("id", (_type) => ID, { description: "The global id of an entity, relation or source." }) id: string, @Ctx() ctx: Context): Promise<Node> {
    return publish(ctx, id);
  }

  @Mutation((_returns) => Node, { description: "REVIEWER: hides published content from the public, keeping it and its history." })
  retract(@Args() { id, reason }: ReasonedChangeArgs, @Ctx() ctx: Context): Promise<Node> {
    return retract(ctx, id, reason);
  }
}
