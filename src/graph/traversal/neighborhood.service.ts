import type { Context } from "../../context";
import type { Predicate } from "../enums";
import type { Relation } from "../relations/relation.type";
import { assertDepth, relationsTouching, visibleEntities } from "./graph-walk";
import type { Subgraph } from "./subgraph.type";

export interface NeighborhoodOptions {
  startRowId: number;
  /** 1 to 4; an explicit null is refused like any other value out of range. */
  depth: number | null;
  predicates?: Predicate[] | null;
  includeDrafts: boolean;
}

/**
 * The start entity and everything within `depth` hops of it, following
 * relations both ways: the relations walked (those touching an entity closer
 * than `depth`) and the entities they reach. Runs one statement per level
 * plus one for the entities; NOT_FOUND when the start is missing or hidden.
 */
export async function findNeighborhood(context: Context, options: NeighborhoodOptions): Promise<Subgraph> {
  assertDepth(options.depth, "depth");
  const distance = new Map([[options.startRowId, 0]]);
  const relations = new Map<number, Relation>();
  let frontier = [options.startRowId];
  // A hidden start has no visible relations, so the walk ends at once and visibleEntities reports it.
  for (let level = 1; level <= options.depth && frontier.length > 0; level++) {
    const next: number[] = [];
    for (const relation of await relationsTouching(context, frontier, options)) {
      relations.set(relation.rowId, relation);
      for (const end of [relation.subjectRowId, relation.objectRowId]) {
        if (distance.has(end)) continue;
        distance.set(end, level);
        next.push(end);
      }
    }
    frontier = next;
  }
  const entities = await visibleEntities(context, distance.keys(), options.includeDrafts, [{ rowId: options.startRowId, field: "id" }]);
  return {
    entities: [...entities.values()].sort(
      (a, b) => distance.get(a.rowId)! - distance.get(b.rowId)! || a.name.localeCompare(b.name, "en") || a.rowId - b.rowId,
    ),
    // An entity hidden between two statements takes its relations with it.
    relations: [...relations.values()].filter(
      (relation) => entities.has(relation.subjectRowId) && entities.has(relation.objectRowId),
    ),
  };
}
