import DataLoader from "dataloader";
import type { Database } from "../db/client";
import type { Reference } from "../generated/prisma/client";
import { loaderFamily, MAX_BATCH_SIZE, oneForEachKey } from "./batch";
import { loadCitationsOfRelations } from "./citations/citation.service";
import { type Citation, toCitation } from "./citations/citation.type";
import { type Entity, toEntity } from "./entities/entity.type";
import { loadRelationsOfEntities, type RelationFilter, relationFilterSignature } from "./relations/relation.service";
import { type Relation, toRelation } from "./relations/relation.type";
import { visibleCitation, visibleEntity, visibleRelation, visibleSource } from "./review/visibility";
import { loadReferencesTo } from "./sources/source.service";
import { type SourceSnapshot, toSourceSnapshot } from "./sources/snapshot.type";
import { type Source, toSource } from "./sources/source.type";

/**
 * The request's DataLoaders: each batches the keys a request asks for into
 * one SQL statement per loader and filter, so the number of statements does
 * not grow with the number of items returned. Made anew for every request
 * (in the context), so nothing is cached across requests. Keyed by row id;
 * a loader per `includeDrafts`, since drafts change what is visible.
 */
export interface Loaders {
  entity(includeDrafts: boolean): DataLoader<number, Entity | null>;
  relation(includeDrafts: boolean): DataLoader<number, Relation | null>;
  /** Keyed by entity row id. */
  relationsOfEntity(filter: RelationFilter): DataLoader<number, Relation[]>;
  citation(includeDrafts: boolean): DataLoader<number, Citation | null>;
  /** Keyed by relation row id. */
  citationsOfRelation(includeDrafts: boolean): DataLoader<number, Citation[]>;
  source(includeDrafts: boolean): DataLoader<number, Source | null>;
  /** Keyed by the cited source's row id. */
  referencesTo(includeDrafts: boolean): DataLoader<number, Reference[]>;
  /** A text snapshot by row id (visible with the citation that points into it). */
  snapshot: DataLoader<number, SourceSnapshot | null>;
}

export function createLoaders(db: Database): Loaders {
  const byDrafts = (includeDrafts: boolean): string => String(includeDrafts);
  return {
    entity: loaderFamily(byDrafts, (includeDrafts, ids) =>
      loadById(ids, (id) => db.entity.findMany({ where: { id, ...visibleEntity(includeDrafts) } }), (row) => toEntity(row, includeDrafts)),
    ),
    relation: loaderFamily(byDrafts, (includeDrafts, ids) =>
      loadById(ids, (id) => db.relation.findMany({ where: { id, ...visibleRelation(includeDrafts) } }), (row) => toRelation(row, includeDrafts)),
    ),
    relationsOfEntity: loaderFamily(relationFilterSignature, (filter, ids) => loadRelationsOfEntities(db, filter, ids)),
    citation: loaderFamily(byDrafts, (includeDrafts, ids) =>
      loadById(ids, (id) => db.citation.findMany({ where: { id, ...visibleCitation(includeDrafts) } }), (row) => toCitation(row, includeDrafts)),
    ),
    citationsOfRelation: loaderFamily(byDrafts, (includeDrafts, ids) => loadCitationsOfRelations(db, includeDrafts, ids)),
    source: loaderFamily(byDrafts, (includeDrafts, ids) =>
      loadById(ids, (id) => db.source.findMany({ where: { id, ...visibleSource(includeDrafts) } }), (row) => toSource(row, includeDrafts)),
    ),
    referencesTo: loaderFamily(byDrafts, (includeDrafts, ids) => loadReferencesTo(db, includeDrafts, ids)),
    snapshot: new DataLoader(
      async (ids) => {
        const rows = await db.sourceSnapshot.findMany({ where: { id: { in: [...ids] } }, select: { id: true, sha256: true, content: true, createdAt: true } });
        return oneForEachKey(ids, rows, (row) => row.id).map((row) => (row ? toSourceSnapshot(row) : null));
      },
      { maxBatchSize: MAX_BATCH_SIZE },
    ),
  };
}

// The by-id loaders share one shape: one query for the visible rows among the keys, null for the others.
async function loadById<Row, Item extends { rowId: number }>(
  rowIds: readonly number[],
  findVisible: (id: { in: number[] }) => Promise<Row[]>,
  toItem: (row: Row) => Item,
): Promise<(Item | null)[]> {
  const rows = await findVisible({ in: [...rowIds] });
  return oneForEachKey(rowIds, rows.map(toItem), (item) => item.rowId);
}
