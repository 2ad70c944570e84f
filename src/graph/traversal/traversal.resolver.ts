import { Arg, Args, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { Predicate } from "../enums";
import { fromGlobalId } from "../node/global-id";
import { DraftsArgs } from "../review/drafts.args";
import { assertCanReadDrafts } from "../review/visibility";
import { findNeighborhood } from "./neighborhood.service";
import { Path } from "./path.type";
import { findPaths } from "./paths.service";
import { Subgraph } from "./subgraph.type";

@Resolver()
export class TraversalResolver {
  @Query((_returns) => Subgraph, {
    description: "An entity and everything within `depth` hops of it, following relations both ways. NOT_FOUND for an unknown entity.",
  })
  neighborhood(
    @Ctx() context: Context,
    @Arg("id", (_type) => ID) id: string,
    @Arg("depth", (_type) => Int, { defaultValue: 1, description: "Hops from the entity, 1 to 4." }) depth: number,
    @Arg("predicates", (_type) => [Predicate], { nullable: true, description: "Follow only these predicates; all when omitted." })
    predicates: Predicate[] | null,
    @Args() { includeDrafts }: DraftsArgs,
  ): Promise<Subgraph> {
    assertCanReadDrafts(context, includeDrafts);
    const { rowId } = fromGlobalId(id, "id", "Entity");
    return findNeighborhood(context, { startRowId: rowId, depth, predicates, includeDrafts });
  }

  @Query((_returns) => [Path], {
    description:
      "At most 10 simple paths between two different entities, ignoring the direction of relations, shortest first. NOT_FOUND for an unknown entity.",
  })
  paths(
    @Ctx() context: Context,
    @Arg("fromId", (_type) => ID) fromId: string,
    @Arg("toId", (_type) => ID) toId: string,
    @Arg("maxDepth", (_type) => Int, { defaultValue: 3, description: "The longest path wanted, 1 to 4 relations." }) maxDepth: number,
    @Args() { includeDrafts }: DraftsArgs,
  ): Promise<Path[]> {
    assertCanReadDrafts(context, includeDrafts);
    const from = fromGlobalId(fromId, "fromId", "Entity");
    const to = fromGlobalId(toId, "toId", "Entity");
    return findPaths(context, { fromRowId: from.rowId, toRowId: to.rowId, maxDepth, includeDrafts });
  }
}
