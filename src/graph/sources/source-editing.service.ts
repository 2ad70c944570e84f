import type { Context } from "../../context";
import { userInputError } from "../../errors";
import type { Citation as CitationRow, Source as SourceRow } from "../../generated/prisma/client";
import { type Actor, recordRevisions, snapshot } from "../history/revision.service";
import { latestSnapshot, reanchorCitations } from "../citations/anchor.service";
import { lockSourcesWithRelations } from "../editing/locks";
import { runMutation, type Tx } from "../editing/mutation";
import { assertVersion, createRecord, applyEdit, findLive, updateRecord } from "../editing/versioned-record";
import { fromGlobalId, toGlobalId } from "../node/global-id";
import { newSourceColumns, sourceChanges } from "./source-fields";
import type { CreateSourceInput, UpdateSourceInput } from "./source.input";
import { type Source, toSource } from "./source.type";

/** EDITOR: a new draft source. */
export function createSource(ctx: Context, input: CreateSourceInput): Promise<Source> {
  return runMutation(ctx, "EDITOR", async (tx, actor) =>
    toSource(await createRecord(tx, "Source", newSourceColumns(input), { action: "create", actor }), true),
  );
}

/** EDITOR: changes a draft in place, or puts the change to a published source up for review. */
export function updateSource(ctx: Context, id: string, expectedVersion: number, input: UpdateSourceInput): Promise<Source> {
  return runMutation(ctx, "EDITOR", async (tx, actor) => {
    const current = await findLive(tx, "Source", fromGlobalId(id, "id", "Source").rowId);
    assertVersion(current, expectedVersion);
    const changes = sourceChanges(input);
    return toSource(await applyEdit(tx, "Source", current, changes, actor), true);
  });
}

/**
 * REVIEWER: folds duplicate sources into one. Every citation of a merged
 * source, and every reference to it, now points at the kept source with its
 * reference number unchanged; references a merged article lists move to the
 * kept one. A citation that becomes identical to one the relation already
 * has (same source, quote and section) is folded: soft-deleted, with a
 * revision naming its twin. The merged sources are soft-deleted; each
 * one's "merge" revision lists the citations and references it moved (so a
 * revert of it can move them back). Every relation whose citations moved
 * gets a new version and a revision. When the kept source has a text
 * snapshot, its citations (the moved ones too) are re-anchored in the latest.
 * Refused (BAD_USER_INPUT) when the kept
 * source is not published but a merged one is, or when a retracted source's
 * live citations would become public through a published kept source.
 */
export function mergeSources(ctx: Context, keepId: string, mergeIds: string[]): Promise<Source> {
  return runMutation(ctx, "REVIEWER", async (tx, actor) => {
    const keepRowId = fromGlobalId(keepId, "keepId", "Source").rowId;
    const mergeRowIds = [...new Set(mergeIds.map((id) => fromGlobalId(id, "mergeIds", "Source").rowId))];
    if (mergeRowIds.length === 0) throw userInputError("Name at least one source to merge.", "mergeIds");
    if (mergeRowIds.includes(keepRowId)) throw userInputError("The kept source cannot also be merged away.", "mergeIds");
    // The relations citing these sources, then the sources: a concurrent addCitation of a
    // merged source either commits first (and its citation moves) or finds it deleted.
    await lockSourcesWithRelations(tx, [keepRowId, ...mergeRowIds]);
    const keep = await findLive(tx, "Source", keepRowId);
    const merged = [];
    for (const rowId of mergeRowIds) merged.push(await findLive(tx, "Source", rowId));
    if (keep.status !== "PUBLISHED" && merged.some((source) => source.status === "PUBLISHED")) {
      throw userInputError("Keep the published source: merging it into an unpublished one would hide its citations.", "keepId");
    }
    await assertNoRetractedCitationGoesPublic(tx, keep, merged);
    await assertNoSharedReferenceNumber(tx, [keep.id, ...mergeRowIds]);
    const reason = `merged into source ${keepId}`;

    const { moved, folded, relations } = await moveCitations(tx, keep.id, mergeRowIds, actor, reason);
    // The moved quotes now answer to the kept source's text: anchored in its latest snapshot, or flagged (with none, they keep their anchors).
    const keptText = await latestSnapshot(tx, keep.id);
    if (keptText) await reanchorCitations(tx, keptText);
    // Each relation whose live citations moved was locked above (lockSourcesWithRelations).
    for (const relationId of [...relations].sort((a, b) => a - b)) {
      const relation = await tx.relation.findUniqueOrThrow({ where: { id: relationId } });
      await updateRecord(tx, "Relation", relation, {}, { action: "merge", actor, reason });
    }
    for (const source of merged) {
      const references = await moveReferences(tx, source.id, keep.id);
      const details = { merge: { into: keep.id, citations: moved.get(source.id) ?? [], folded: folded.get(source.id) ?? [], references } };
      await updateRecord(tx, "Source", source, { deletedAt: new Date() }, { action: "merge", actor, reason, details });
    }
    const mergedIds = mergeIds.join(", ");
    return toSource(await updateRecord(tx, "Source", keep, {}, { action: "merge", actor, reason: `merged in ${mergedIds}` }), true);
  });
}

/** The citation ids moved off each merged source (those folded among them too), and the relations whose live citations moved. */
interface MovedCitations {
  moved: Map<number, number[]>;
  folded: Map<number, number[]>;
  relations: Set<number>;
}

/**
 * Repoints the citations of the merged sources at the kept one, folding a
 * live citation into a live twin (same relation, quote and section) that
 * the kept source already carries, each with a "merge" revision.
 */
async function moveCitations(tx: Tx, keepRowId: number, mergeRowIds: number[], actor: Actor, reason: string): Promise<MovedCitations> {
  const citations = await tx.citation.findMany({ where: { sourceId: { in: mergeRowIds } }, orderBy: { id: "asc" } });
  const kept = await tx.citation.findMany({ where: { sourceId: keepRowId, deletedAt: null } });
  const twinKey = (citation: CitationRow) => JSON.stringify([citation.relationId, citation.quote, citation.section]);
  const twins = new Map(kept.map((citation) => [twinKey(citation), citation.id]));
  const result: MovedCitations = { moved: new Map(), folded: new Map(), relations: new Set() };
  const revisions = [];
  for (const citation of citations) {
    const twin = citation.deletedAt ? undefined : twins.get(twinKey(citation));
    const data = twin === undefined ? { sourceId: keepRowId } : { sourceId: keepRowId, deletedAt: new Date() };
    const moved = await tx.citation.update({ where: { id: citation.id }, data });
    if (twin === undefined && !citation.deletedAt) twins.set(twinKey(citation), citation.id);
    result.moved.set(citation.sourceId, [...(result.moved.get(citation.sourceId) ?? []), citation.id]);
    if (!citation.deletedAt) result.relations.add(citation.relationId);
    if (twin !== undefined) result.folded.set(citation.sourceId, [...(result.folded.get(citation.sourceId) ?? []), citation.id]);
    const why = twin === undefined ? reason : `${reason}; folded into its identical citation ${toGlobalId("Citation", twin)}`;
    revisions.push({ recordType: "CITATION" as const, recordId: citation.id, action: "merge", actor, reason: why, before: snapshot(citation), after: snapshot(moved) });
  }
  await recordRevisions(tx, revisions);
  return result;
}

/** Moves the references to and of a merged source to the kept one; returns what moved, for the revision. */
async function moveReferences(tx: Tx, fromRowId: number, toRowId: number) {
  const citedBy = await tx.reference.findMany({ where: { citedId: fromRowId }, select: { citingId: true, number: true } });
  const lists = await tx.reference.findMany({ where: { citingId: fromRowId }, select: { number: true, citedId: true } });
  await tx.reference.updateMany({ where: { citedId: fromRowId }, data: { citedId: toRowId } });
  await tx.reference.updateMany({ where: { citingId: fromRowId }, data: { citingId: toRowId } });
  return { citedBy, lists };
}

/**
 * A retracted source's citations are hidden by its retraction; folded into a
 * published source they would become public without review.
 */
async function assertNoRetractedCitationGoesPublic(tx: Tx, keep: SourceRow, merged: SourceRow[]): Promise<void> {
  if (keep.status !== "PUBLISHED") return;
  const retracted = merged.filter((source) => source.status === "RETRACTED").map((source) => source.id);
  const hidden = await tx.citation.findFirst({ where: { sourceId: { in: retracted }, deletedAt: null }, select: { sourceId: true } });
  if (hidden) {
    throw userInputError(
      `Source ${toGlobalId("Source", hidden.sourceId)} is retracted: merging it into a published source would make its citations public. Review and publish it first, or remove its citations.`,
      "mergeIds",
    );
  }
}

// An article lists each reference number once, so two sources that both list one are different articles.
async function assertNoSharedReferenceNumber(tx: Tx, sourceRowIds: number[]): Promise<void> {
  const numbers = (await tx.reference.findMany({ where: { citingId: { in: sourceRowIds } }, select: { number: true } })).map((reference) => reference.number);
  const shared = numbers.find((number, index) => numbers.indexOf(number) !== index);
  if (shared !== undefined) throw userInputError(`Two of these sources list a reference number ${shared}; they are not duplicates.`, "mergeIds");
}

/** What a merge revision of a merged source records in `after.merge`. */
export interface MergeDetails {
  into: number;
  citations: number[];
  folded: number[];
  references: { citedBy: { citingId: number; number: number }[]; lists: { number: number; citedId: number }[] };
}

/**
 * Part of reverting a merge (the merged source itself is restored by the
 * revert): moves back the citations and references the merge moved off
 * `sourceRowId`, those still on the kept source, un-folding folded ones,
 * each citation with a "revert" revision and each relation whose live
 * citations moved with a new version. The caller holds the locks of both
 * sources and their relations.
 */
export async function undoMerge(tx: Tx, sourceRowId: number, merge: MergeDetails, actor: Actor, reason: string): Promise<void> {
  const citations = await tx.citation.findMany({ where: { id: { in: merge.citations }, sourceId: merge.into }, orderBy: { id: "asc" } });
  const relations = new Set<number>();
  for (const citation of citations) {
    const unfold = merge.folded.includes(citation.id) && citation.deletedAt !== null;
    const moved = await tx.citation.update({ where: { id: citation.id }, data: { sourceId: sourceRowId, ...(unfold && { deletedAt: null }) } });
    await recordRevisions(tx, [{ recordType: "CITATION", recordId: citation.id, action: "revert", actor, reason, before: snapshot(citation), after: snapshot(moved) }]);
    if (!moved.deletedAt) relations.add(citation.relationId);
  }
  for (const relationId of [...relations].sort((a, b) => a - b)) {
    await updateRecord(tx, "Relation", await tx.relation.findUniqueOrThrow({ where: { id: relationId } }), {}, { action: "revert", actor, reason });
  }
  for (const { citingId, number } of merge.references.citedBy) {
    await tx.reference.updateMany({ where: { citingId, number, citedId: merge.into }, data: { citedId: sourceRowId } });
  }
  for (const { number } of merge.references.lists) {
    await tx.reference.updateMany({ where: { citingId: merge.into, number }, data: { citingId: sourceRowId } });
  }
}
