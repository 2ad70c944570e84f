import { ArgsType, Args, Ctx, Field, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { DraftsArgs } from "../review/drafts.args";
import { findNode } from "./node.service";
import { Node } from "./node.type";

@ArgsType()
class NodeArgs {
  @Field((_type) => ID, { description: "A global id, as any object's `id` gives it." })
  id!: string;
}

@Resolver()
export class NodeResolver {
  @Query((_returns) => Node, { nullable: true, description: "Any object by its global id; null when there is none to see." })
  node(@Args() { includeDrafts }: DraftsArgs, @Args() { id }: NodeArgs, @Ctx() context: Context): Promise<Node | null> {
    return findNode(context, id, includeDrafts);
  }
}
