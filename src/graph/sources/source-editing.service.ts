import type { Context } from "../../context";
import { userInputError } from "../../errors";
import { recordRevisions, snapshot } from "../history/revision.service";
import { runMutation, type Tx } from "../editing/mutation";
import { assertVersion, createRecord, editData, findLive, updateRecord } from "../editing/versioned-record";
import { fromGlobalId } from "../node/global-id";
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
    return toSource(await updateRecord(tx, "Source", current, editData(current, changes), { action: "update", actor }), true);
  });
}

/**
 * REVIEWER: folds duplicate sources into one. Every citation of a merged
 * source, and every reference to it, now points at the kept source with its
 * reference number unchanged; references a merged article lists move to the
 * kept one. The merged sources are soft-deleted. Each record touched gets a
 * "merge" revision; all of it commits together or not at all.
 */
export function mergeSources(ctx: Context, keepId: string, mergeIds: string[]): Promise<Source> {
  return runMutation(ctx, "REVIEWER", async (tx, actor) => {
    const keepRowId = fromGlobalId(keepId, "keepId", "Source").rowId;
    const mergeRowIds = [...new Set(mergeIds.map((id) => fromGlobalId(id, "mergeIds", "Source").rowId))];
    if (mergeRowIds.length === 0) throw userInputError("Name at least one source to merge.", "mergeIds");
    if (mergeRowIds.includes(keepRowId)) throw userInputError("The kept source cannot also be merged away.", "mergeIds");
    const keep = await findLive(tx, "Source", keepRowId);
    const merged = [];
    for (const rowId of mergeRowIds) merged.push(await findLive(tx, "Source", rowId));
    if (keep.status !== "PUBLISHED" && merged.some((source) => source.status === "PUBLISHED")) {
      throw userInputError("Keep the published source: merging it into an unpublished one would hide its citations.", "keepId");
    }
    await assertNoSharedReferenceNumber(tx, [keep.id, ...mergeRowIds]);
    const reason = `merged into source ${keepId}`;

    const citations = await tx.citation.findMany({ where: { sourceId: { in: mergeRowIds } } });
    const moved = await tx.citation.updateManyAndReturn({ where: { id: { in: citations.map((citation) => citation.id) } }, data: { sourceId: keep.id } });
    const movedById = new Map(moved.map((citation) => [citation.id, citation]));
    await recordRevisions(
      tx,
      citations.map((citation) => ({ recordType: "CITATION", recordId: citation.id, action: "merge", actor, reason, before: snapshot(citation), after: snapshot(movedById.get(citation.id)!) })),
    );
    await tx.reference.updateMany({ where: { citedId: { in: mergeRowIds } }, data: { citedId: keep.id } });
    await tx.reference.updateMany({ where: { citingId: { in: mergeRowIds } }, data: { citingId: keep.id } });

    for (const source of merged) await updateRecord(tx, "Source", source, { deletedAt: new Date() }, { action: "merge", actor, reason });
    const mergedIds = mergeIds.join(", ");
    return toSource(await updateRecord(tx, "Source", keep, {}, { action: "merge", actor, reason: `merged in ${mergedIds}` }), true);
  });
}

// An article lists each reference number once, so two sources that both list one are different articles.
async function assertNoSharedReferenceNumber(tx: Tx, sourceRowIds: number[]): Promise<void> {
  const numbers = (await tx.reference.findMany({ where: { citingId: { in: sourceRowIds } }, select: { number: true } })).map((reference) => reference.number);
  const shared = numbers.find((number, index) => numbers.indexOf(number) !== index);
  if (shared !== undefined) throw userInputError(`Two of these sources list a reference number ${shared}; they are not duplicates.`, "mergeIds");
}
