import type { Database } from "../../db/client";
import { manyForEachKey, oneForEachKey } from "../batch";
import { visibleCitation } from "../review/visibility";
import { type Citation, toCitation } from "./citation.type";

/** Batch function of the citation loader: the visible citations with these row ids. */
export async function loadCitations(db: Database, includeDrafts: boolean, rowIds: readonly number[]): Promise<(Citation | null)[]> {
  const rows = await db.citation.findMany({ where: { id: { in: [...rowIds] }, ...visibleCitation(includeDrafts) } });
  return oneForEachKey(
    rowIds,
    rows.map((row) => toCitation(row, includeDrafts)),
    (citation) => citation.rowId,
  );
}

/** Batch function of the citations-of-a-relation loader, oldest citation first. */
export async function loadCitationsOfRelations(
  db: Database,
  includeDrafts: boolean,
  relationRowIds: readonly number[],
): Promise<Citation[][]> {
  const rows = await db.citation.findMany({
    where: { relationId: { in: [...relationRowIds] }, ...visibleCitation(includeDrafts) },
    orderBy: { id: "asc" },
  });
  return manyForEachKey(
    relationRowIds,
    rows.map((row) => toCitation(row, includeDrafts)),
    (citation) => [citation.relationRowId],
  );
}
