import { requireRole } from "../../auth/roles";
import type { Context } from "../../context";
import { notFoundError, userInputError } from "../../errors";
import type { Entity, Relation } from "../../generated/prisma/client";
import type { EntityKind, RecordType } from "../../generated/prisma/enums";
import { runMutation } from "../editing/mutation";
import { assertVersion, findAny, RECORD_TYPE, type RecordData, restsOnDeletedEntity, updateRecord, type VersionedType } from "../editing/versioned-record";
import { assertRelationsFitKind } from "../entities/entity-editing.service";
import { fromGlobalId } from "../node/global-id";
import type { Node } from "../node/node.type";
import { toNode } from "../review/review.service";
import { type Revision, toRevision } from "./revision.type";

const RECORD_TYPE_OF_NODE: Record<string, RecordType> = { ...RECORD_TYPE, Citation: "CITATION" };

// What a revert puts back: the editable columns and the review state, never
// the identity (id, subject, predicate, object) or the bookkeeping (version, dates).
const RESTORED_COLUMNS: Record<VersionedType, string[]> = {
  Entity: ["slug", "kind", "name", "aliases", "summary"],
  Relation: ["context", "redFlag", "urgency", "note"],
  Source: ["title", "publisher", "authors", "publishedOn", "url", "doi"],
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
 * revision, as a new "revert" revision (the log only grows). Reverting a
 * creation soft-deletes the record. CONFLICT when the record is no longer
 * at `expectedVersion`.
 */
export function revert(ctx: Context, revisionId: string, expectedVersion: number): Promise<Node> {
  return runMutation(ctx, "REVIEWER", async (tx, actor) => {
    const revision = await tx.revision.findUnique({ where: { id: fromGlobalId(revisionId, "revisionId", "Revision").rowId } });
    if (!revision) throw notFoundError("There is no revision with this id.");
    const type = (Object.keys(RECORD_TYPE) as VersionedType[]).find((key) => RECORD_TYPE[key] === revision.recordType);
    if (!type) throw userInputError("Citation changes are undone with addCitation or removeCitation.", "revisionId");
    const current = await findAny(tx, type, revision.recordId);
    assertVersion(current, expectedVersion);
    if (type === "Relation" && (await restsOnDeletedEntity(tx, current as Relation))) {
      throw userInputError("One of this relation's entities is deleted: restore it first.", "revisionId");
    }
    const data = revision.before === null ? { deletedAt: new Date() } : restoredColumns(type, revision.before as RecordData);
    if (type === "Entity" && data.kind !== undefined && data.kind !== (current as Entity).kind) {
      await assertRelationsFitKind(tx, current.id, data.kind as EntityKind);
    }
    const row = await updateRecord(tx, type, current, data, { action: "revert", actor, reason: `revert of revision ${revisionId}` });
    return toNode(type, row);
  });
}

function restoredColumns(type: VersionedType, before: RecordData): RecordData {
  const data: RecordData = {};
  for (const column of [...RESTORED_COLUMNS[type], ...REVIEW_COLUMNS]) if (column in before) data[column] = before[column];
  data.deletedAt = typeof before.deletedAt === "string" ? new Date(before.deletedAt) : null;
  return data;
}
