import type { Database } from "../../db/client";
import { notFoundError, userInputError } from "../../errors";
import type { Entity as EntityRow, Relation as RelationRow } from "../../generated/prisma/client";
import type { Predicate } from "../enums";
import { visibleEntity, visibleRelation } from "../review/visibility";

/*
 * What neighborhood and paths share: walks go level by level, one statement
 * per level for every entity of the frontier at once, so the statements a
 * walk runs grow with its depth (at most MAX_DEPTH), never with the graph.
 */

export const MAX_DEPTH = 4;

/** BAD_USER_INPUT naming `field` unless 1 <= depth <= MAX_DEPTH. */
export function assertDepth(depth: number, field: string): void {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw userInputError(`${field} must be between 1 and ${MAX_DEPTH}.`, field);
  }
}

export interface WalkOptions {
  includeDrafts: boolean;
  /** Follow only these predicates; all when omitted or empty. */
  predicates?: Predicate[] | null;
}

/** The visible relations touching any of `entityIds`, in either direction, in id order: one statement. */
export function relationsTouching(db: Database, entityIds: number[], options: WalkOptions): Promise<RelationRow[]> {
  return db.relation.findMany({
    where: {
      AND: [
        visibleRelation(options.includeDrafts),
        { OR: [{ subjectId: { in: entityIds } }, { objectId: { in: entityIds } }] },
        options.predicates?.length ? { predicate: { in: options.predicates } } : {},
      ],
    },
    orderBy: { id: "asc" },
  });
}

/**
 * The visible entities among `ids`, by id: one statement. NOT_FOUND when one
 * of `required` is missing or hidden (hidden reads as missing, so a draft's
 * existence does not leak).
 */
export async function loadEntities(
  db: Database,
  ids: Iterable<number>,
  includeDrafts: boolean,
  required: { rowId: number; field: string }[],
): Promise<Map<number, EntityRow>> {
  const rows = await db.entity.findMany({ where: { id: { in: [...new Set(ids)] }, ...visibleEntity(includeDrafts) } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = required.find(({ rowId }) => !byId.has(rowId));
  if (missing) throw notFoundError(`No entity with the ${missing.field} given.`);
  return byId;
}

/** The other end of `relation` seen from `entityId`. */
export function otherEnd(relation: RelationRow, entityId: number): number {
  return relation.subjectId === entityId ? relation.objectId : relation.subjectId;
}
