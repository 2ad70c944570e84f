import type { Context } from "../../context";
import type { Predicate } from "../enums";
import type { Relation } from "../relations/relation.type";
import { assertDepth, relationsTouching, visibleEntities } from "./graph-walk";
import { MAX_SUBGRAPH_ENTITIES, MAX_SUBGRAPH_RELATIONS } from "./limits";
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
 * Stops adding at MAX_SUBGRAPH_ENTITIES entities or MAX_SUBGRAPH_RELATIONS
 * relations (nearest levels first) and then reports `truncated`.
 */
export async function findNeighborhood(context: Context, options: NeighborhoodOptions): Promise<Subgraph> {
  assertDepth(options.depth, "depth");
  const distance = new Map([[options.startRowId, 0]]);
  const relations = new Map<number, Relation>();
  let frontier = [options.startRowId];
  let truncated = false;
  // A hidden start has no visible relations, so the walk ends at once and visibleEntities reports it.
  for (let level = 1; level <= options.depth && frontier.length > 0; level++) {
    const next: number[] = [];
    for (const relation of await relationsTouching(context, frontier, options)) {
      const reached = [relation.subjectRowId, relation.objectRowId].filter((end) => !distance.has(end));
      if (relations.size === MAX_SUBGRAPH_RELATIONS || distance.size + reached.length > MAX_SUBGRAPH_ENTITIES) {
        truncated = true;
        continue;
      }
      relations.set(relation.rowId, relation);
      for (const end of reached) {
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
    truncated,
  };
}
