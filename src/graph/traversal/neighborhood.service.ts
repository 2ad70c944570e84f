import type { Database } from "../../db/client";
import type { Relation as RelationRow } from "../../generated/prisma/client";
import { toEntity } from "../entities/entity.type";
import type { Predicate } from "../enums";
import { toRelation } from "../relations/relation.type";
import { assertDepth, loadEntities, relationsTouching } from "./graph-walk";
import type { Subgraph } from "./subgraph.type";

export interface NeighborhoodOptions {
  startRowId: number;
  depth: number;
  predicates?: Predicate[] | null;
  includeDrafts: boolean;
}

/**
 * The start entity and everything within `depth` hops of it, following
 * relations both ways: the relations walked (those touching an entity closer
 * than `depth`) and the entities they reach. Runs one statement per level
 * plus one for the entities; NOT_FOUND when the start is missing or hidden.
 */
export async function findNeighborhood(db: Database, options: NeighborhoodOptions): Promise<Subgraph> {
  assertDepth(options.depth, "depth");
  const distance = new Map([[options.startRowId, 0]]);
  const relations = new Map<number, RelationRow>();
  let frontier = [options.startRowId];
  // A hidden start has no visible relations, so the walk ends at once and loadEntities reports it.
  for (let level = 1; level <= options.depth && frontier.length > 0; level++) {
    const next: number[] = [];
    for (const relation of await relationsTouching(db, frontier, options)) {
      relations.set(relation.id, relation);
      for (const end of [relation.subjectId, relation.objectId]) {
        if (distance.has(end)) continue;
        distance.set(end, level);
        next.push(end);
      }
    }
    frontier = next;
  }
  const entities = await loadEntities(db, distance.keys(), options.includeDrafts, [
    { rowId: options.startRowId, field: "id" },
  ]);
  const listed = [...entities.values()].sort(
    (a, b) => distance.get(a.id)! - distance.get(b.id)! || a.name.localeCompare(b.name, "en") || a.id - b.id,
  );
  return {
    entities: listed.map((row) => toEntity(row, options.includeDrafts)),
    // An entity hidden between two statements takes its relations with it.
    relations: [...relations.values()]
      .filter((relation) => entities.has(relation.subjectId) && entities.has(relation.objectId))
      .map((relation) => toRelation(relation, options.includeDrafts)),
  };
}
