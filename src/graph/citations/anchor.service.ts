import type { Citation as CitationRow, Prisma, SourceSnapshot as SnapshotRow } from "../../generated/prisma/client";
import { userInputError } from "../../errors";
import type { Tx } from "../editing/mutation";
import { anchorQuote, findQuote, selectorsOf, type TextSelectors } from "./anchoring";
import { sectionProblem } from "./section-provenance";

/** The columns of a citation that say where its quote stands (see Citation in schema.prisma). */
export type AnchorColumns = Pick<
  Prisma.CitationUncheckedCreateInput,
  "anchorStatus" | "snapshotId" | "quoteExact" | "quotePrefix" | "quoteSuffix" | "positionStart" | "positionEnd"
>;

/** The anchor of a citation whose source has no snapshot. */
export const UNANCHORED: AnchorColumns = { anchorStatus: "UNANCHORED" };

/** The anchor columns of a quote found at `selectors` in `snapshot`. */
export function anchoredAt(snapshot: Pick<SnapshotRow, "id">, selectors: TextSelectors): AnchorColumns {
  return {
    anchorStatus: "ANCHORED",
    snapshotId: snapshot.id,
    quoteExact: selectors.exact,
    quotePrefix: selectors.prefix,
    quoteSuffix: selectors.suffix,
    positionStart: selectors.start,
    positionEnd: selectors.end,
  };
}

/** A source's latest text snapshot (the highest id), or null when it has none. */
export function latestSnapshot(tx: Tx, sourceRowId: number): Promise<SnapshotRow | null> {
  return tx.sourceSnapshot.findFirst({ where: { sourceId: sourceRowId }, orderBy: { id: "desc" } });
}

/**
 * The anchor of a new citation, computed in its source's latest snapshot, with
 * its section checked against that text (section-provenance.ts). UNANCHORED
 * when the source has no snapshot. BAD_USER_INPUT naming `quote` when the
 * source has a snapshot and the quote is not in it word for word (up to
 * whitespace), and naming `section` when the section breaks provenance.
 * Where the quote stands more than once, the first passage whose section
 * fits is anchored.
 */
export async function anchorNewCitation(
  tx: Tx,
  sourceRowId: number,
  quote: string,
  section: { section: string | null; sectionIsReconstructed: boolean },
): Promise<AnchorColumns> {
  const snapshot = await latestSnapshot(tx, sourceRowId);
  if (!snapshot) return UNANCHORED;
  const passages = findQuote(snapshot.content, quote);
  if (passages.length === 0) {
    throw userInputError(
      `quote is not in the latest text snapshot of its source (SHA-256 ${snapshot.sha256}): quote it word for word, joining fragments with " … ".`,
      "quote",
    );
  }
  const problems = passages.map((span) =>
    section.section === null ? null : sectionProblem(snapshot.content, span.start, section.section, section.sectionIsReconstructed),
  );
  const fitting = problems.findIndex((problem) => problem === null);
  if (fitting === -1) throw userInputError(problems[0] as string, "section");
  return anchoredAt(snapshot, selectorsOf(snapshot.content, passages[fitting]));
}

/** What re-anchoring did: the citations found again and those flagged QUOTE_NOT_FOUND. */
export interface Reanchoring {
  found: CitationRow[];
  flagged: CitationRow[];
}

/**
 * Re-anchors every live citation of a source in a newer snapshot: a quote
 * found again gets the new selectors (where it stands more than once, the
 * passage whose surroundings best match its old prefix and suffix); one not
 * found becomes QUOTE_NOT_FOUND and keeps its old selectors, which still
 * point into the snapshot that had it.
 */
export async function reanchorCitations(tx: Tx, snapshot: SnapshotRow): Promise<Reanchoring> {
  const citations = await tx.citation.findMany({ where: { sourceId: snapshot.sourceId, deletedAt: null }, orderBy: { id: "asc" } });
  const result: Reanchoring = { found: [], flagged: [] };
  for (const citation of citations) {
    const earlier = citation.quotePrefix !== null && citation.quoteSuffix !== null ? { prefix: citation.quotePrefix, suffix: citation.quoteSuffix } : null;
    const selectors = anchorQuote(snapshot.content, citation.quote, earlier);
    const data = selectors ? anchoredAt(snapshot, selectors) : { anchorStatus: "QUOTE_NOT_FOUND" as const };
    const updated = await tx.citation.update({ where: { id: citation.id }, data });
    (selectors ? result.found : result.flagged).push(updated);
  }
  return result;
}
