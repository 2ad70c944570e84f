import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context";
import { userInputError } from "../../errors";
import { COMPILED, type Compiled } from "../sql/marker";
import { assertDepth, otherEnd, readWalkAnswer, relationsTouching, type WalkedRelation } from "./graph-walk";
import { MAX_PATHS } from "./limits";

export interface PathsOptions {
  fromRowId: number;
  toRowId: number;
  /** 1 to 4; an explicit null is refused like any other value out of range. */
  maxDepth: number | null;
  includeDrafts: boolean;
}

/** Relations by entity, each list in relation id order. */
type Adjacency = Map<number, WalkedRelation[]>;

/**
 * At most MAX_PATHS simple paths (no entity twice) from one entity to
 * another, ignoring the direction of relations, shortest first; paths of one
 * length in the order of their relation ids, read from the start.
 *
 * The walk meets in the middle: it expands ceil(maxDepth / 2) levels around
 * `from` and floor(maxDepth / 2) around `to`, both frontiers in the same
 * statement per level. Every relation of a path of length <= maxDepth
 * touches an entity within those radii, so the relations loaded hold all
 * the paths, which are then enumerated in memory.
 */
export async function findPaths(context: Context, options: PathsOptions, info: GraphQLResolveInfo): Promise<Compiled[]> {
  assertDepth(options.maxDepth, "maxDepth");
  if (options.fromRowId === options.toRowId) throw userInputError("fromId and toId must be different entities.", "toId");
  const adjacency = await walkFromBothEnds(context, { ...options, maxDepth: options.maxDepth });
  const found = enumeratePaths(adjacency, options.fromRowId, options.toRowId, options.maxDepth);
  // Hidden ends have no visible relations, so no path: readWalkAnswer reports them.
  const answer = await readWalkAnswer(
    context,
    info,
    options.includeDrafts,
    {
      entityRowIds: [options.fromRowId, options.toRowId, ...found.flatMap((path) => path.entityIds)],
      relationRowIds: found.flatMap((path) => path.relations.map((relation) => relation.rowId)),
    },
    [
      { rowId: options.fromRowId, field: "fromId" },
      { rowId: options.toRowId, field: "toId" },
    ],
  );
  // An entity or relation hidden between two statements takes its paths with it.
  return found
    .filter(
      (path) =>
        path.entityIds.every((id) => answer.names.has(id)) && path.relations.every((relation) => answer.relationRowIds.has(relation.rowId)),
    )
    .map((path) => {
      const compiled: Compiled = { [COMPILED]: "Path" };
      for (const { key, field, byRowId } of answer.keys) {
        if (field === "length") compiled[key] = path.relations.length;
        if (field === "entities") compiled[key] = path.entityIds.map((id) => byRowId.get(id));
        if (field === "relations") compiled[key] = path.relations.map((relation) => byRowId.get(relation.rowId));
      }
      return compiled;
    });
}

/** One end of the walk: how far it may go, what it has reached, and what it expands next. */
interface WalkSide {
  radius: number;
  reached: Set<number>;
  frontier: number[];
}

async function walkFromBothEnds(context: Context, options: PathsOptions & { maxDepth: number }): Promise<Adjacency> {
  const adjacency: Adjacency = new Map();
  const loaded = new Set<number>();
  const sides: WalkSide[] = [
    { radius: Math.ceil(options.maxDepth / 2), reached: new Set([options.fromRowId]), frontier: [options.fromRowId] },
    { radius: Math.floor(options.maxDepth / 2), reached: new Set([options.toRowId]), frontier: [options.toRowId] },
  ];
  for (let level = 1; ; level++) {
    const expanding = sides.filter((side) => level <= side.radius && side.frontier.length > 0);
    if (expanding.length === 0) break;
    const touching = await relationsTouching(context, [...new Set(expanding.flatMap((side) => side.frontier))], options);
    for (const relation of touching) {
      if (loaded.has(relation.rowId)) continue;
      loaded.add(relation.rowId);
      for (const end of [relation.subjectRowId, relation.objectRowId]) {
        if (!adjacency.has(end)) adjacency.set(end, []);
        adjacency.get(end)!.push(relation);
      }
    }
    for (const side of expanding) advance(side, touching);
  }
  // Relations arrive level by level; ordering them by id makes equal-length paths come in a stable order.
  for (const list of adjacency.values()) list.sort((a, b) => a.rowId - b.rowId);
  return adjacency;
}

/** Moves a side's frontier one hop along the relations loaded for it. */
function advance(side: WalkSide, touching: WalkedRelation[]): void {
  const frontier = new Set(side.frontier);
  side.frontier = [];
  for (const relation of touching) {
    for (const near of [relation.subjectRowId, relation.objectRowId]) {
      const far = otherEnd(relation, near);
      if (!frontier.has(near) || side.reached.has(far)) continue;
      side.reached.add(far);
      side.frontier.push(far);
    }
  }
}

interface FoundPath {
  entityIds: number[];
  relations: WalkedRelation[];
}

/** Depth-first, length by length, pruned by the distance left to `to`, so it stops as soon as it has MAX_PATHS. */
function enumeratePaths(adjacency: Adjacency, from: number, to: number, maxDepth: number): FoundPath[] {
  const distanceToEnd = distancesFrom(adjacency, to, maxDepth);
  const found: FoundPath[] = [];
  const entityIds = [from];
  const relations: WalkedRelation[] = [];
  const extend = (at: number, length: number): void => {
    if (at === to) {
      if (relations.length === length) found.push({ entityIds: [...entityIds], relations: [...relations] });
      return;
    }
    for (const relation of adjacency.get(at) ?? []) {
      if (found.length === MAX_PATHS) return;
      const next = otherEnd(relation, at);
      const left = length - relations.length - 1;
      if (entityIds.includes(next) || (distanceToEnd.get(next) ?? Infinity) > left) continue;
      entityIds.push(next);
      relations.push(relation);
      extend(next, length);
      entityIds.pop();
      relations.pop();
    }
  };
  for (let length = distanceToEnd.get(from) ?? Infinity; length <= maxDepth && found.length < MAX_PATHS; length++) {
    extend(from, length);
  }
  return found;
}

/** Hops from `start` to each entity of the loaded graph, up to `limit`. */
function distancesFrom(adjacency: Adjacency, start: number, limit: number): Map<number, number> {
  const distance = new Map([[start, 0]]);
  let frontier = [start];
  for (let hops = 1; hops <= limit && frontier.length > 0; hops++) {
    const next: number[] = [];
    for (const at of frontier) {
      for (const relation of adjacency.get(at) ?? []) {
        const end = otherEnd(relation, at);
        if (distance.has(end)) continue;
        distance.set(end, hops);
        next.push(end);
      }
    }
    frontier = next;
  }
  return distance;
}
