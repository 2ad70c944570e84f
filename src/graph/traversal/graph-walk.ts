import type { Context } from "../../context";
import { notFoundError, userInputError } from "../../errors";
import type { Entity } from "../entities/entity.type";
import { Direction, type Predicate } from "../enums";
import type { Relation } from "../relations/relation.type";
import { MAX_DEPTH } from "./limits";

/*
 * What neighborhood and paths share: walks go level by level, asking the
 * request's loaders for the whole frontier at once (one statement per
 * level), so the statements a walk runs grow with its depth (at most
 * MAX_DEPTH), never with the graph. The loaders also keep what the walk
 * read, so nested fields (Relation.subject, Entity.relations) reuse it.
 */

/** BAD_USER_INPUT naming `field` unless 1 <= depth <= MAX_DEPTH (an explicit null included). */
export function assertDepth(depth: number | null, field: string): asserts depth is number {
  if (depth === null || !Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw userInputError(`${field} must be between 1 and ${MAX_DEPTH}.`, field);
  }
}

export interface WalkOptions {
  includeDrafts: boolean;
  /** Follow only these predicates (an empty list follows none); all when null. */
  predicates?: Predicate[] | null;
}

/** The visible relations touching any of `entityRowIds`, in either direction, each once. */
export async function relationsTouching(context: Context, entityRowIds: number[], options: WalkOptions): Promise<Relation[]> {
  const loader = context.loaders.relationsOfEntity({
    direction: Direction.BOTH,
    predicates: options.predicates ?? null,
    includeDrafts: options.includeDrafts,
  });
  const lists = await Promise.all(entityRowIds.map((rowId) => loader.load(rowId)));
  return [...new Map(lists.flat().map((relation) => [relation.rowId, relation])).values()];
}

/**
 * The visible entities among `rowIds`, by row id. NOT_FOUND when one of
 * `required` is missing or hidden (hidden reads as missing, so that a
 * draft's existence does not leak).
 */
export async function visibleEntities(
  context: Context,
  rowIds: Iterable<number>,
  includeDrafts: boolean,
  required: { rowId: number; field: string }[],
): Promise<Map<number, Entity>> {
  const loader = context.loaders.entity(includeDrafts);
  const entities = await Promise.all([...new Set(rowIds)].map((rowId) => loader.load(rowId)));
  const byRowId = new Map(entities.flatMap((entity) => (entity ? [[entity.rowId, entity] as const] : [])));
  const missing = required.find(({ rowId }) => !byRowId.has(rowId));
  if (missing) throw notFoundError(`No entity with the ${missing.field} given.`);
  return byRowId;
}

/** The other end of `relation` seen from the entity `rowId`. */
export function otherEnd(relation: Relation, rowId: number): number {
  return relation.subjectRowId === rowId ? relation.objectRowId : relation.subjectRowId;
}
