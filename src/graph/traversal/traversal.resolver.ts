import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { fromGlobalId } from "../node/global-id";
import { DraftsArgs } from "../review/drafts.args";
import { assertCanReadDrafts } from "../review/visibility";
import type { Compiled } from "../sql/marker";
import { findNeighborhood } from "./neighborhood.service";
import { Path } from "./path.type";
import { findPaths } from "./paths.service";
import { Subgraph } from "./subgraph.type";
import { NeighborhoodArgs, PathsArgs } from "./traversal.args";

@Resolver()
export class TraversalResolver {
  @Query((_returns) => Subgraph, {
    description: "An entity and everything within `depth` hops of it, following relations both ways. NOT_FOUND for an unknown entity.",
  })
  neighborhood(
    @Args() { includeDrafts }: DraftsArgs,
    @Args() { id, depth, predicates }: NeighborhoodArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Compiled> {
    assertCanReadDrafts(context, includeDrafts);
    const start = fromGlobalId(id, "id", "Entity");
    return findNeighborhood(context, { startRowId: start.rowId, depth, predicates, includeDrafts }, info);
  }

  @Query((_returns) => [Path], {
    description:
      "At most 10 simple paths between two different entities, ignoring the direction of relations, shortest first (equal lengths in a stable order). NOT_FOUND for an unknown entity.",
  })
  paths(
    @Args() { includeDrafts }: DraftsArgs,
    @Args() { fromId, toId, maxDepth }: PathsArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Compiled[]> {
    assertCanReadDrafts(context, includeDrafts);
    const from = fromGlobalId(fromId, "fromId", "Entity");
    const to = fromGlobalId(toId, "toId", "Entity");
    return findPaths(context, { fromRowId: from.rowId, toRowId: to.rowId, maxDepth, includeDrafts }, info);
  }
}
