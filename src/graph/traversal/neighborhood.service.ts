import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context";
import type { Predicate } from "../enums";
import { COMPILED, type Compiled } from "../sql/marker";
import { assertDepth, readWalkAnswer, relationsTouching, type WalkedRelation } from "./graph-walk";
import { MAX_SUBGRAPH_ENTITIES, MAX_SUBGRAPH_RELATIONS } from "./limits";

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
 * than `depth`) and the entities they reach, as `info` selects them. Runs one
 * statement per level plus one for the answer; NOT_FOUND when the start is
 * missing or hidden. Stops adding at MAX_SUBGRAPH_ENTITIES entities or
 * MAX_SUBGRAPH_RELATIONS relations (nearest levels first) and then reports
 * `truncated`.
 */
export async function findNeighborhood(context: Context, options: NeighborhoodOptions, info: GraphQLResolveInfo): Promise<Compiled> {
  assertDepth(options.depth, "depth");
  const distance = new Map([[options.startRowId, 0]]);
  const relations = new Map<number, WalkedRelation>();
  let frontier = [options.startRowId];
  let truncated = false;
  // A hidden start has no visible relations, so the walk ends at once and readWalkAnswer reports it.
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
  const answer = await readWalkAnswer(
    context,
    info,
    options.includeDrafts,
    { entityRowIds: distance.keys(), relationRowIds: relations.keys() },
    [{ rowId: options.startRowId, field: "id" }],
  );
  const { names } = answer;
  const entityOrder = [...names.keys()].sort(
    (a, b) => distance.get(a)! - distance.get(b)! || names.get(a)!.localeCompare(names.get(b)!, "en") || a - b,
  );
  // An entity hidden between two statements takes its relations with it.
  const relationOrder = [...relations.values()]
    .filter((relation) => names.has(relation.subjectRowId) && names.has(relation.objectRowId))
    .map((relation) => relation.rowId);
  const subgraph: Compiled = { [COMPILED]: "Subgraph" };
  for (const { key, field, byRowId } of answer.keys) {
    if (field === "truncated") {
      subgraph[key] = truncated;
      continue;
    }
    const order = field === "entities" ? entityOrder : relationOrder;
    subgraph[key] = order.flatMap((rowId) => byRowId.get(rowId) ?? []);
  }
  return subgraph;
}
