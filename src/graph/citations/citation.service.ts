import type { Context } from "../../context";
import type { Database } from "../../db/client";
import { manyForEachKey } from "../batch";
import { visibleCitation } from "../review/visibility";
import type { Source } from "../sources/source.type";
import type { TextSelector } from "./selector.type";
import { type Citation, toCitation } from "./citation.type";

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

/** The source a citation quotes, seen as the citation was. */
export async function sourceOf(context: Context, citation: Citation): Promise<Source> {
  const source = await context.loaders.source(citation.includeDrafts).load(citation.sourceRowId);
  // A citation is visible only when its source is, under the same choice of drafts.
  if (!source) throw new Error(`The source of citation ${citation.rowId} is not visible.`);
  return source;
}

/** The citation's W3C selectors, with the snapshot they count in; null when it was never anchored. */
export async function selectorOf(context: Context, citation: Citation): Promise<TextSelector | null> {
  const { snapshotId, quoteExact, quotePrefix, quoteSuffix, positionStart, positionEnd } = citation.anchor;
  if (snapshotId === null || quoteExact === null || quotePrefix === null || quoteSuffix === null || positionStart === null || positionEnd === null) {
    return null;
  }
  const snapshot = await context.loaders.snapshot.load(snapshotId);
  // The foreign key keeps it: a snapshot is never deleted.
  if (!snapshot) throw new Error(`Snapshot ${snapshotId} of citation ${citation.rowId} is missing.`);
  return {
    snapshot,
    textQuote: { exact: quoteExact, prefix: quotePrefix, suffix: quoteSuffix },
    textPosition: { start: positionStart, end: positionEnd },
  };
}
