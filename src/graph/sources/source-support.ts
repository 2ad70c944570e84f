import type { Prisma, Relation as RelationRow } from "../../generated/prisma/client";
import type { Tx } from "../editing/mutation";
import { updateRecord } from "../editing/versioned-record";
import type { Actor } from "../history/revision.service";
import { toGlobalId } from "../node/global-id";
import { visibleSource } from "../review/visibility";

/*
 * A claim the public sees stands on at least one citation the public sees.
 * "Visible support" of a relation: its live citations of published, live
 * sources. These helpers find the published claims whose visible support
 * rests only on some sources, and flag them for review when those sources
 * are retracted (hidden from the public until a reviewer decides; see
 * review/visibility.ts). The callers hold the locks of the sources and of
 * the relations citing them (`lockSourcesWithRelations`), so no citation
 * can be added or removed meanwhile.
 */

/** Published, live claims that are not flagged already. */
const PUBLISHED_CLAIM: Prisma.RelationWhereInput = { status: "PUBLISHED", deletedAt: null, needsReview: false };

/** The published claims citing `sourceIds` that would lose all visible support without them, and those that would keep some, by id. */
export async function supportWithout(tx: Tx, sourceIds: number[]): Promise<{ losing: RelationRow[]; keeping: RelationRow[] }> {
  const citing: Prisma.CitationWhereInput = { deletedAt: null, sourceId: { in: sourceIds } };
  // Visible support left once `sourceIds` are hidden: a live citation of another published, live source.
  const other: Prisma.CitationWhereInput = { deletedAt: null, sourceId: { notIn: sourceIds }, source: visibleSource(false) };
  const losing = await tx.relation.findMany({ where: { ...PUBLISHED_CLAIM, citations: { some: citing, none: other } }, orderBy: { id: "asc" } });
  const keeping = await tx.relation.findMany({
    where: { ...PUBLISHED_CLAIM, AND: [{ citations: { some: citing } }, { citations: { some: other } }] },
    orderBy: { id: "asc" },
  });
  return { losing, keeping };
}

/**
 * Flags each published claim that loses its last visible citation with
 * `sourceIds`: `needsReview`, why and when, each with a "flagForReview"
 * revision (revertable like any other). Call it before the sources are
 * hidden, or after: other support is counted without them either way.
 */
export async function flagClaimsRestingOnlyOn(tx: Tx, sourceIds: number[], why: string, actor: Actor): Promise<void> {
  const flaggedAt = new Date();
  for (const relation of (await supportWithout(tx, sourceIds)).losing) {
    await updateRecord(tx, "Relation", relation, { needsReview: true, needsReviewReason: why, flaggedAt }, { action: "flagForReview", actor, reason: why });
  }
}

/** The columns that clear a review flag. */
export const CLEARED_FLAG = { needsReview: false, needsReviewReason: null, flaggedAt: null } as const;

/**
 * When a source becomes visible again (published anew, or its retraction
 * reverted), the flagged claims citing it that have visible support again
 * are shown again, each with a "clearReviewFlag" revision: retracting a
 * source by mistake and undoing it leaves the graph as it was.
 */
export async function clearFlagsRestoredBy(tx: Tx, sourceId: number, actor: Actor): Promise<void> {
  const restored = await tx.relation.findMany({
    where: {
      status: "PUBLISHED",
      needsReview: true,
      deletedAt: null,
      AND: [{ citations: { some: { deletedAt: null, sourceId } } }, { citations: { some: { deletedAt: null, source: visibleSource(false) } } }],
    },
    orderBy: { id: "asc" },
  });
  const reason = `Source ${toGlobalId("Source", sourceId)} is visible again.`;
  for (const relation of restored) await updateRecord(tx, "Relation", relation, CLEARED_FLAG, { action: "clearReviewFlag", actor, reason });
}
