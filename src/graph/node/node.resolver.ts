import { ArgsType, Args, Ctx, Field, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { findNode } from "./node.service";
import { Node } from "./node.type";

@ArgsType()
class NodeArgs {
  @Field((_type) => ID, { description: "A global id, as any object's `id` gives it." })
  id!: string;
}

/**
 * Relay's `node(id: ID!): Node` takes exactly that one argument (relay-compiler
 * refuses `@refetchable` otherwise), so editors read drafts through a root
 * field of its own, `draftNode`, rather than an `includeDrafts` argument.
 */
@Resolver()
export class NodeResolver {
  @Query((_returns) => Node, {
    nullable: true,
    description: "Any object by its global id, as the public sees it (Relay's Object Identification); null when there is none to see.",
  })
  node(@Args() { id }: NodeArgs, @Ctx() context: Context): Promise<Node | null> {
    return findNode(context, id, false);
  }

  @Query((_returns) => Node, {
    nullable: true,
    description:
      "Signed-in editors only: any object by its global id, drafts and retracted records included, with pending edits applied; null when there is none. Anonymous: UNAUTHENTICATED.",
  })
  draftNode(@Args() { id }: NodeArgs, @Ctx() context: Context): Promise<Node | null> {
    return findNode(context, id, true);
  }
}
