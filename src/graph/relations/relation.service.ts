import type { Context } from "../../context";
import type { Database } from "../../db/client";
import type { Prisma } from "../../generated/prisma/client";
import { manyForEachKey } from "../batch";
import { CareContext, ClaimRank, Direction, type Predicate } from "../enums";
import type { Entity } from "../entities/entity.type";
import { visibleRelation } from "../review/visibility";
import { type Relation, toRelation } from "./relation.type";

/** Which relations of an entity a loader fetches; one query per distinct filter. */
export interface RelationFilter {
  direction: Direction;
  /** Null: every predicate. */
  predicates: readonly Predicate[] | null;
  includeDrafts: boolean;
}

/** Names a filter, so that equal filters share one loader. */
export function relationFilterSignature({ direction, predicates, includeDrafts }: RelationFilter): string {
  return [direction, predicates ? [...predicates].sort().join(",") : "*", includeDrafts].join("|");
}

// Lists read the same everywhere. Outgoing lists share the subject, so the object's name orders them;
// incoming lists share the object, so the subject's name does.
// Within a predicate, PREFERRED claims first (the rank enum's order).
const RELATION_ORDER: Prisma.RelationOrderByWithRelationInput[] = [
  { predicate: "asc" },
  { rank: "asc" },
  { object: { name: "asc" } },
  { subject: { name: "asc" } },
  { id: "asc" },
];

/** Batch function of the relations-of-an-entity loader: one query for every entity asked for under `filter`. */
export async function loadRelationsOfEntities(
  db: Database,
  { direction, predicates, includeDrafts }: RelationFilter,
  entityRowIds: readonly number[],
): Promise<Relation[][]> {
  const ids = [...entityRowIds];
  const outgoing = direction !== Direction.INCOMING;
  const incoming = direction !== Direction.OUTGOING;
  const rows = await db.relation.findMany({
    where: {
      ...visibleRelation(includeDrafts),
      ...(predicates && { predicate: { in: [...predicates] } }),
      OR: [...(outgoing ? [{ subjectId: { in: ids } }] : []), ...(incoming ? [{ objectId: { in: ids } }] : [])],
    },
    orderBy: RELATION_ORDER,
  });
  return manyForEachKey(
    entityRowIds,
    rows.map((row) => toRelation(row, includeDrafts)),
    (relation) => [...(outgoing ? [relation.subjectRowId] : []), ...(incoming ? [relation.objectRowId] : [])],
  );
}

export interface RelationQuery {
  direction: Direction;
  predicates?: readonly Predicate[] | null;
  /** ACUTE or CHRONIC: that context and ANY; ANY: only ANY; absent: all. */
  context?: CareContext | null;
  onlyRedFlags?: boolean;
  /** Also DEPRECATED claims; left out by default. */
  includeDeprecated?: boolean | null;
}

/**
 * An entity's relations, seen as its root field chose (drafts or not).
 * Context, red flag and rank are checked on the loaded relations, after pending
 * edits apply, so that queries differing only there share one SQL statement.
 */
export async function relationsOf(context: Context, entity: Entity, query: RelationQuery): Promise<Relation[]> {
  const relations = await context.loaders
    .relationsOfEntity({ direction: query.direction, predicates: query.predicates ?? null, includeDrafts: entity.includeDrafts })
    .load(entity.rowId);
  return relations.filter(
    (relation) =>
      holdsIn(relation.context, query.context ?? null) &&
      (!query.onlyRedFlags || relation.redFlag) &&
      (query.includeDeprecated === true || relation.rank !== ClaimRank.DEPRECATED),
  );
}

function holdsIn(relationContext: CareContext, wanted: CareContext | null): boolean {
  if (wanted === null) return true;
  return relationContext === wanted || (wanted !== CareContext.ANY && relationContext === CareContext.ANY);
}

/** The subject or object of a relation, seen as the relation was. */
export async function endOf(context: Context, relation: Relation, end: "subject" | "object"): Promise<Entity> {
  const rowId = end === "subject" ? relation.subjectRowId : relation.objectRowId;
  const entity = await context.loaders.entity(relation.includeDrafts).load(rowId);
  // A relation is visible only when both its entities are, under the same choice of drafts.
  if (!entity) throw new Error(`The ${end} of relation ${relation.rowId} is not visible.`);
  return entity;
}
