import type { JsonValue } from "@prisma/client/runtime/client";
import { conflictError, notFoundError, userInputError } from "../../errors";
import { Prisma, type Entity, type Relation, type Source } from "../../generated/prisma/client";
import type { RecordType, ReviewStatus } from "../../generated/prisma/enums";
import { type Actor, recordRevision, snapshot } from "../history/revision.service";
import { retireSlug } from "../entities/slug-history";
import { lockRows } from "./locks";
import type { Tx } from "./mutation";
import { MAX_REASON, requiredText } from "./validation";

/** The records that carry a status, a version and pending changes. */
export interface VersionedRows {
  Entity: Entity;
  Relation: Relation;
  Source: Source;
}
export type VersionedType = keyof VersionedRows;

export const RECORD_TYPE: Record<VersionedType, RecordType> = { Entity: "ENTITY", Relation: "RELATION", Source: "SOURCE" };

export interface VersionedRow {
  id: number;
  version: number;
  status: ReviewStatus;
  pendingChanges: JsonValue;
  deletedAt: Date | null;
}

/** Column values for a write; `pendingChanges: null` clears the column. */
export type RecordData = Record<string, unknown>;

// The three tables share these calls; Prisma types each delegate apart.
interface VersionedDelegate<Row> {
  findUnique(args: { where: { id: number } }): Promise<Row | null>;
  create(args: { data: RecordData }): Promise<Row>;
  updateManyAndReturn(args: { where: { id: number; version: number }; data: RecordData }): Promise<Row[]>;
}

function table<T extends VersionedType>(tx: Tx, type: T): VersionedDelegate<VersionedRows[T]> {
  const delegates = { Entity: tx.entity, Relation: tx.relation, Source: tx.source };
  return delegates[type] as unknown as VersionedDelegate<VersionedRows[T]>;
}

// Prisma writes SQL NULL into a Json column only when told so explicitly.
function toColumns(data: RecordData): RecordData {
  return "pendingChanges" in data && data.pendingChanges === null ? { ...data, pendingChanges: Prisma.DbNull } : data;
}

/** The pending edit of a row as an object (empty when there is none). */
export function pendingOf(row: VersionedRow): RecordData {
  return row.pendingChanges !== null && typeof row.pendingChanges === "object" ? (row.pendingChanges as RecordData) : {};
}

/**
 * The row, for a write through its id: NOT_FOUND when it does not exist or
 * is deleted (an editor cannot reach a deleted record; only restore can).
 * A relation is seen only with both its entities, so one resting on a
 * deleted entity is out of reach in the same way.
 */
export async function findLive<T extends VersionedType>(tx: Tx, type: T, rowId: number): Promise<VersionedRows[T]> {
  const row = await findLocked(tx, type, rowId);
  if (!row || row.deletedAt || (type === "Relation" && (await restsOnDeletedEntity(tx, row as Relation)))) {
    throw notFoundError(`There is no ${type.toLowerCase()} with this id.`);
  }
  return row;
}

// Every write path reads its row FOR UPDATE, then re-reads it: a concurrent
// writer of the same row waits here and then sees what the first committed.
async function findLocked<T extends VersionedType>(tx: Tx, type: T, rowId: number): Promise<VersionedRows[T] | null> {
  // Stryker disable next-line ArrayDeclaration: a row lock: the embedded database runs one transaction at a time, so only PostgreSQL can tell (test/editor-races.test.ts)
  await lockRows(tx, type, [rowId], "UPDATE");
  return table(tx, type).findUnique({ where: { id: rowId } });
}

/** Whether the subject or object of `relation` is deleted (restore and revert refuse to bring such a relation back). */
export async function restsOnDeletedEntity(tx: Tx, relation: Relation): Promise<boolean> {
  return (await tx.entity.count({ where: { id: { in: [relation.subjectId, relation.objectId] }, deletedAt: null } })) < 2;
}

/** The row whatever its state (restore, revert); NOT_FOUND only when it never existed. */
export async function findAny<T extends VersionedType>(tx: Tx, type: T, rowId: number): Promise<VersionedRows[T]> {
  const row = await findLocked(tx, type, rowId);
  if (!row) throw notFoundError(`There is no ${type.toLowerCase()} with this id.`);
  return row;
}

/** CONFLICT, carrying the current version, when the caller's copy is stale. */
export function assertVersion(row: VersionedRow, expectedVersion: number): void {
  if (row.version !== expectedVersion) {
    throw conflictError(`The record is at version ${row.version}, not ${expectedVersion}: reload it and retry.`, row.version);
  }
}

export interface Change {
  action: string;
  actor: Actor;
  reason?: string | null;
  /** What else the change did, kept beside the columns in the revision's `after` (a merge lists what it moved). */
  details?: Record<string, Prisma.InputJsonValue>;
}

/** Inserts a record and its "create" revision. */
export async function createRecord<T extends VersionedType>(tx: Tx, type: T, data: RecordData, change: Change): Promise<VersionedRows[T]> {
  const row = await table(tx, type).create({ data: toColumns(data) });
  await recordRevision(tx, { recordType: RECORD_TYPE[type], recordId: row.id, ...change, before: null, after: snapshot(row) });
  return row;
}

// Every write but an edit kept pending changes what the public sees (a
// citation added or removed too): it moves the public version and time.
function publicStamp(current: VersionedRow, data: RecordData): RecordData {
  const pendingOnly = Object.keys(data).length === 1 && "pendingChanges" in data;
  return pendingOnly ? {} : { publicVersion: current.version + 1, publicUpdatedAt: new Date() };
}

/**
 * Writes `data` over `current` and bumps the version, as one conditional
 * UPDATE ... WHERE id = $1 AND version = $2. Of concurrent writers that read
 * the same version exactly one matches the row; PostgreSQL makes the others
 * wait on its lock and then re-check the WHERE, so they match nothing and get
 * CONFLICT with the version that won. The revision is written in the same
 * transaction, so a lost race leaves no revision behind.
 */
export async function updateRecord<T extends VersionedType>(
  tx: Tx,
  type: T,
  current: VersionedRows[T],
  data: RecordData,
  change: Change,
): Promise<VersionedRows[T]> {
  const delegate = table(tx, type);
  const [updated] = await delegate.updateManyAndReturn({
    where: { id: current.id, version: current.version },
    data: { ...toColumns(data), version: { increment: 1 }, ...publicStamp(current, data) },
  });
  if (!updated) {
    const now = await delegate.findUnique({ where: { id: current.id } });
    throw conflictError("Someone else changed this record first: reload it and retry.", now?.version);
  }
  // Stryker disable next-line ConditionalExpression: equivalent: a relation or source has no slug, so both are undefined and retireSlug returns at once
  if (type === "Entity") await retireSlug(tx, current.id, (current as Entity).slug, (updated as Entity).slug);
  await recordRevision(tx, {
    recordType: RECORD_TYPE[type],
    recordId: current.id,
    action: change.action,
    actor: change.actor,
    reason: change.reason,
    before: snapshot(current),
    after: { ...(snapshot(updated) as Prisma.InputJsonObject), ...change.details },
  });
  return updated;
}

/** Soft-deletes a live record; the reason goes into its revision. */
export async function softDelete<T extends VersionedType>(tx: Tx, type: T, rowId: number, reason: string, actor: Actor): Promise<VersionedRows[T]> {
  const current = await findLive(tx, type, rowId);
  const why = requiredText(reason, "reason", MAX_REASON);
  return updateRecord(tx, type, current, { deletedAt: new Date() }, { action: "delete", actor, reason: why });
}

/** Undoes a soft deletion; `check` may refuse first (a relation whose claim was stated again meanwhile). */
export async function restoreDeleted<T extends VersionedType>(
  tx: Tx,
  type: T,
  rowId: number,
  actor: Actor,
  check?: (deleted: VersionedRows[T]) => Promise<void>,
): Promise<VersionedRows[T]> {
  const current = await findAny(tx, type, rowId);
  if (!current.deletedAt) throw userInputError(`This ${type.toLowerCase()} is not deleted.`, "id");
  await check?.(current);
  return updateRecord(tx, type, current, { deletedAt: null }, { action: "restore", actor });
}

/**
 * Applies an editor's change to content. A draft (or retracted record)
 * changes in place, folding in any edit still pending; published content
 * keeps what the public sees and collects the change in `pendingChanges`
 * until a reviewer publishes it.
 */
export function editData(current: VersionedRow, changes: RecordData): RecordData {
  const pending = { ...pendingOf(current), ...changes };
  if (current.status !== "PUBLISHED") return { ...pending, pendingChanges: null };
  // A field set back to its published value is no longer pending: setting
  // the current slug again undoes a pending slug change.
  const stored = current as unknown as RecordData;
  const stillPending = Object.fromEntries(Object.entries(pending).filter(([field, value]) => !sameValue(stored[field], value)));
  return { pendingChanges: Object.keys(stillPending).length === 0 ? null : stillPending };
}

/**
 * Writes an editor's change (see `editData`) with an "update" revision;
 * BAD_USER_INPUT when it changes nothing, rather than a new version and an
 * empty revision.
 */
export async function applyEdit<T extends VersionedType>(tx: Tx, type: T, current: VersionedRows[T], changes: RecordData, actor: Actor): Promise<VersionedRows[T]> {
  const data = editData(current, changes);
  assertChangesSomething(current, data);
  return updateRecord(tx, type, current, data, { action: "update", actor });
}

/** BAD_USER_INPUT when writing `data` over `current` would leave every column as it is. */
export function assertChangesSomething(current: VersionedRow, data: RecordData): void {
  const stored = current as unknown as RecordData;
  if (Object.entries(data).every(([column, value]) => sameValue(stored[column] ?? null, value ?? null))) {
    throw userInputError("This changes nothing: every field given already has that value.", "input");
  }
}

/** Column values compared as stored: texts, enums, arrays, dates and JSON objects (key order aside). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as RecordData).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/** The state an edit leads to, as readers of drafts will see it; validate this, not the input alone. */
export function effectiveState<Row extends VersionedRow>(current: Row, changes: RecordData): Row {
  return { ...current, ...pendingOf(current), ...changes };
}
