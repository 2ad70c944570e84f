import { requireRole } from "../../auth/roles";
import type { Context } from "../../context";
import { notFoundError, userInputError } from "../../errors";
import type { RecordType } from "../../generated/prisma/enums";
import { lockEntitiesOfRelation, lockSourcesWithRelations } from "../editing/locks";
import { runMutation, type Tx } from "../editing/mutation";
import {
  assertVersion,
  effectiveState,
  findAny,
  RECORD_TYPE,
  type RecordData,
  restsOnDeletedEntity,
  sameValue,
  updateRecord,
  type VersionedRow,
  type VersionedRows,
  type VersionedType,
} from "../editing/versioned-record";
import { assertRelationsFitKind } from "../entities/entity-editing.service";
import { assertSlugFree } from "../entities/slug-history";
import { assertNoLiveDuplicate, assertRestorable } from "../relations/relation-editing.service";
import { publishWhatRelationNeeds } from "../review/review.service";
import { type MergeDetails, undoMerge } from "../sources/source-editing.service";
import { clearFlagsRestoredBy, flagClaimsRestingOnlyOn } from "../sources/source-support";
import type { Actor } from "./revision.service";
import { fromGlobalId, toGlobalId } from "../node/global-id";
import type { Node } from "../node/node.type";
import { toNode } from "../review/review.service";
import { type Revision, toRevision } from "./revision.type";

const RECORD_TYPE_OF_NODE: Record<string, RecordType> = { ...RECORD_TYPE, Citation: "CITATION" };

// What a revert puts back: the editable columns and the review state, never
// the identity (id, subject, predicate, object) or the bookkeeping (version, dates).
const RESTORED_COLUMNS: Record<VersionedType, string[]> = {
  Entity: ["slug", "kind", "name", "aliases", "summary"],
  Relation: [
    "context",
    "redFlag",
    "urgency",
    "note",
    "rank",
    "deprecationReason",
    "rankNote",
    "knowledgeLevel",
    "agentType",
    "negated",
    "hedge",
    "needsReview",
    "needsReviewReason",
    "flaggedAt",
  ],
  Source: ["title", "publisher", "authors", "publishedOn", "url", "doi", "publisherRetractedOn", "retractionNotice"],
};
const REVIEW_COLUMNS = ["status", "pendingChanges"];

/** Any signed-in role: a record's revisions, newest first (deleted records included). */
export async function history(ctx: Context, id: string): Promise<Revision[]> {
  requireRole(ctx, "EDITOR");
  const { type, rowId } = fromGlobalId(id, "id");
  const recordType = RECORD_TYPE_OF_NODE[type];
  if (!recordType) throw userInputError("Revisions have no history of their own; pass the id of the record.", "id");
  const rows = await ctx.db.revision.findMany({ where: { recordType, recordId: rowId }, orderBy: { id: "desc" } });
  return rows.map(toRevision);
}

/** One revision, for `node(id)`: signed-in readers only, like `history`; null for anyone else. */
export async function findRevision(ctx: Context, rowId: number): Promise<Revision | null> {
  if (!ctx.viewer) return null;
  const row = await ctx.db.revision.findUnique({ where: { id: rowId } });
  return row && toRevision(row);
}

/**
 * REVIEWER: puts a record back into the state it had before the given
 * revision, as a new "revert" revision (the log only grows). CONFLICT when
 * the record is no longer at `expectedVersion`. A revert passes the checks
 * of the action that would make its change by hand:
 * - reverting a creation deletes; reverting a deletion is a restore (both
 *   entities live, predicate fitting their kinds, no live duplicate claim);
 * - reverting a content edit of a record deleted since is refused (restore
 *   it first): it never undeletes by the way;
 * - a relation that becomes published needs what publish needs (a live
 *   citation, entities and sources neither deleted nor retracted, drafts
 *   among them published with it, a predicate fitting the public kinds);
 * - a source is deleted only when no live citation quotes it (a live
 *   citation is of a live source): remove or move those citations first;
 * - a source that becomes hidden flags the published relations that lose
 *   their last visible citation, one shown again clears the flags it can
 *   (as retract and publish do); a kind must fit the entity's relations; a slug
 *   must be free; a relation's context must not repeat a live claim;
 * - a revert that would change nothing is BAD_USER_INPUT, and so are
 *   citation changes (undone with addCitation or removeCitation).
 */
export function revert(ctx: Context, revisionId: string, expectedVersion: number): Promise<Node> {
  return runMutation(ctx, "REVIEWER", async (tx, actor) => {
    const revision = await tx.revision.findUnique({ where: { id: fromGlobalId(revisionId, "revisionId", "Revision").rowId } });
    if (!revision) throw notFoundError("There is no revision with this id.");
    const type = (Object.keys(RECORD_TYPE) as VersionedType[]).find((key) => RECORD_TYPE[key] === revision.recordType);
    if (!type || CITATION_ACTIONS.includes(revision.action)) throw userInputError("Citation changes are undone with addCitation or removeCitation.", "revisionId");
    if (revision.action === "addSnapshot") throw userInputError("A text snapshot is never taken back: add a newer one with addSourceSnapshot.", "revisionId");
    // The locks of the by-hand actions, in the global order (see locks.ts).
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a row lock: the embedded database runs one transaction at a time, so only PostgreSQL can tell (test/editor-races.test.ts)
    if (type === "Relation") await lockEntitiesOfRelation(tx, revision.recordId, "UPDATE");
    // Only a source's "merge" revision carries what the merge moved.
    const merge = (revision.after as { merge?: MergeDetails } | null)?.merge ?? null;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArrayDeclaration: a row lock: the embedded database runs one transaction at a time, so only PostgreSQL can tell (test/editor-races.test.ts)
    if (type === "Source") await lockSourcesWithRelations(tx, merge ? [revision.recordId, merge.into] : [revision.recordId]);
    const current = await findAny(tx, type, revision.recordId);
    assertVersion(current, expectedVersion);
    const data = revertedColumns(type, revision.before as RecordData | null, revision.after as RecordData | null, current);
    if (Object.entries(data).every(([column, value]) => sameValue((current as unknown as RecordData)[column] ?? null, value ?? null))) {
      throw userInputError("The record already is as it was before this revision: nothing to revert.", "revisionId");
    }
    await assertRevertAllowed(tx, type, current, { ...current, ...data } as VersionedRows[typeof type], actor);
    const reason = `revert of revision ${revisionId}`;
    const row = await updateRecord(tx, type, current, data, { action: "revert", actor, reason });
    // Reverting a merge always restores the merged source (the merge deleted it).
    if (merge) await undoMerge(tx, row.id, merge, actor, reason);
    // A source hidden or shown again by a revert flags or restores the claims resting on it, as retract and publish do.
    if (type === "Source" && shown(current) && !shown(row)) await flagClaimsRestingOnlyOn(tx, [row.id], `Source ${toGlobalId("Source", row.id)} was hidden: ${reason}`, actor);
    if (type === "Source" && !shown(current) && shown(row)) await clearFlagsRestoredBy(tx, row.id, actor);
    return toNode(type, row);
  });
}

// Relation revisions written by addCitation and removeCitation only move the version.
const CITATION_ACTIONS = ["addCitation", "removeCitation"];

/**
 * The columns a revert writes. Only a revision that deleted or restored the
 * record changes whether it is deleted; reverting a creation deletes it.
 */
function revertedColumns(type: VersionedType, before: RecordData | null, after: RecordData | null, current: VersionedRow): RecordData {
  if (before === null) {
    if (current.deletedAt) throw userInputError("This record is already deleted.", "revisionId");
    return { deletedAt: new Date() };
  }
  const data: RecordData = {};
  for (const column of [...RESTORED_COLUMNS[type], ...REVIEW_COLUMNS]) if (column in before) data[column] = before[column];
  const wasDeleted = typeof before.deletedAt === "string";
  if (wasDeleted !== (typeof after?.deletedAt === "string")) {
    data.deletedAt = wasDeleted ? new Date(before.deletedAt as string) : null;
  } else if (current.deletedAt) {
    throw userInputError("This record was deleted since: restore it before reverting its older changes.", "revisionId");
  }
  return data;
}

/** Whether the public sees the row itself (a relation flagged for review it does not). */
function shown(row: VersionedRow): boolean {
  return row.status === "PUBLISHED" && !row.deletedAt && !(row as Partial<VersionedRows["Relation"]>).needsReview;
}

/** The checks of the by-hand action that would lead from `current` to `next`. */
async function assertRevertAllowed<T extends VersionedType>(tx: Tx, type: T, current: VersionedRows[T], next: VersionedRows[T], actor: Actor): Promise<void> {
  if (type === "Relation") {
    const [was, relation] = [current as VersionedRows["Relation"], next as VersionedRows["Relation"]];
    // Stryker disable next-line LogicalOperator: equivalent: for a relation live before and after, the rules hold its entities' kinds and the checks below its entities and contexts, with the same errors
    if (was.deletedAt && !relation.deletedAt) await assertRestorable(tx, relation, "revisionId");
    else if (!relation.deletedAt && (await restsOnDeletedEntity(tx, relation))) throw userInputError("One of this relation's entities is deleted: restore it first.", "revisionId");
    // The public context and the one editors see: each that the revert changes must not repeat a live claim (one it keeps reserves nothing).
    if (!relation.deletedAt) {
      for (const [will, had] of [[relation, was], [effectiveState(relation, {}), effectiveState(was, {})]]) {
        if (will.context !== had.context) await assertNoLiveDuplicate(tx, will, relation.id);
      }
    }
    if (shown(next) && !shown(current)) await publishWhatRelationNeeds(tx, relation, actor);
  }
  if (type === "Source" && next.deletedAt) await assertNotCited(tx, current.id);
  if (type === "Source" && shown(next) && !shown(current) && (next as VersionedRows["Source"]).publisherRetractedOn !== null) {
    throw userInputError("Its publisher retracted this source: revert the revision that recorded that instead.", "revisionId");
  }
  if (type === "Entity") {
    const [was, will] = [current as VersionedRows["Entity"], next as VersionedRows["Entity"]];
    // Every kind and slug the entity will have, stored or for editors; those it has already pass (its own slugs are its own).
    for (const kind of new Set([will.kind, effectiveState(will, {}).kind])) await assertRelationsFitKind(tx, was.id, kind);
    for (const slug of new Set([will.slug, effectiveState(will, {}).slug])) await assertSlugFree(tx, slug, was.id);
  }
}

/**
 * BAD_USER_INPUT when a live citation quotes the source: deleting it would
 * leave that citation on a deleted source. The caller holds the locks of the
 * source and of the relations citing it (`lockSourcesWithRelations`), and
 * addCitation locks the source it cites, so no citation appears meanwhile.
 */
async function assertNotCited(tx: Tx, sourceId: number): Promise<void> {
  if ((await tx.citation.count({ where: { sourceId, deletedAt: null } })) > 0) {
    throw userInputError("Live citations still quote this source: remove them (removeCitation) or move them (mergeSources) before deleting it.", "revisionId");
  }
}
