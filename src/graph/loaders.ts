import type DataLoader from "dataloader";
import type { Database } from "../db/client";
import type { Reference } from "../generated/prisma/client";
import { loaderFamily } from "./batch";
import { loadCitations, loadCitationsOfRelations } from "./citations/citation.service";
import type { Citation } from "./citations/citation.type";
import { loadEntities } from "./entities/entity.service";
import type { Entity } from "./entities/entity.type";
import { loadRelations, loadRelationsOfEntities, type RelationFilter, relationFilterSignature } from "./relations/relation.service";
import type { Relation } from "./relations/relation.type";
import { loadReferencesTo, loadSources } from "./sources/source.service";
import type { Source } from "./sources/source.type";

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
}

export function createLoaders(db: Database): Loaders {
  const byDrafts = (includeDrafts: boolean): string => String(includeDrafts);
  return {
    entity: loaderFamily(byDrafts, (includeDrafts, ids) => loadEntities(db, includeDrafts, ids)),
    relation: loaderFamily(byDrafts, (includeDrafts, ids) => loadRelations(db, includeDrafts, ids)),
    relationsOfEntity: loaderFamily(relationFilterSignature, (filter, ids) => loadRelationsOfEntities(db, filter, ids)),
    citation: loaderFamily(byDrafts, (includeDrafts, ids) => loadCitations(db, includeDrafts, ids)),
    citationsOfRelation: loaderFamily(byDrafts, (includeDrafts, ids) => loadCitationsOfRelations(db, includeDrafts, ids)),
    source: loaderFamily(byDrafts, (includeDrafts, ids) => loadSources(db, includeDrafts, ids)),
    referencesTo: loaderFamily(byDrafts, (includeDrafts, ids) => loadReferencesTo(db, includeDrafts, ids)),
  };
}
