import { createHash } from "node:crypto";
import type { SourceSnapshot } from "../../src/generated/prisma/client";
import { anchorQuote } from "../../src/graph/citations/anchoring";
import { type AnchorColumns, anchoredAt, UNANCHORED } from "../../src/graph/citations/anchor.service";
import type { ExtractedCitation, ExtractedRelation, Extraction } from "../extraction.schema";
import { normalizeWhitespace } from "../validate-extraction";
import type { ImportRun } from "./ledger";

/** One citation of the extraction with its stable import key. */
export interface KeyedCitation extends ExtractedCitation {
  key: string;
  relation: ExtractedRelation;
}

/** Every citation of the extraction, keyed by what it says (the file gives citations no key, so reordering them changes nothing). */
export function keyCitations(extraction: Extraction): KeyedCitation[] {
  return extraction.relations.flatMap((relation) =>
    relation.citations.map((citation) => {
      const digest = createHash("sha256").update(`${citation.source}\n${normalizeWhitespace(citation.quote)}`).digest("hex");
      const key = `citation:${relation.key.slice("relation:".length)}:${digest.slice(0, 12)}`;
      return { ...citation, key, relation };
    }),
  );
}

/**
 * Creates the new citations of relations the import created or left unchanged,
 * each anchored in the latest snapshot of its source when it has one (the
 * server's W3C selectors; QUOTE_NOT_FOUND when an editor's newer text lacks
 * the quote); skips those of a relation that was skipped or an editor has
 * reworked, and leaves existing citations alone.
 */
export async function writeCitations(
  run: ImportRun,
  citations: KeyedCitation[],
  ids: { relationIds: Map<string, number>; sourceIds: Map<string, number>; snapshots: Map<string, SourceSnapshot> },
): Promise<void> {
  const { citations: ledger, relations } = run.ledgers;
  const newCitations = citations.filter((citation) => {
    if (!ledger.isNew(citation.key)) return false;
    const relationKey = citation.relation.key;
    const relationKept = ids.relationIds.has(relationKey) && !relations.untouchable.has(relationKey);
    if (!relationKept) ledger.skip(citation.key, `its relation ${relationKey} was skipped`);
    return relationKept;
  });
  const created = await run.tx.citation.createManyAndReturn({
    data: newCitations.map(({ key, relation, source, quote, section, sectionIsReconstructed }) => ({
      importKey: key,
      relationId: ids.relationIds.get(relation.key) as number,
      sourceId: ids.sourceIds.get(source) as number,
      quote: normalizeWhitespace(quote),
      section,
      sectionIsReconstructed,
      ...anchorIn(ids.snapshots.get(source), quote),
    })),
  });
  await ledger.recordCreated(run, created);
}

function anchorIn(snapshot: SourceSnapshot | undefined, quote: string): AnchorColumns {
  if (!snapshot) return UNANCHORED;
  const selectors = anchorQuote(snapshot.content, quote);
  // Stryker disable next-line ObjectLiteral: unreachable, validateExtraction refuses a quote the article lacks; the branch keeps a gap between the two rules visible
  return selectors ? anchoredAt(snapshot, selectors) : { anchorStatus: "QUOTE_NOT_FOUND" };
}
