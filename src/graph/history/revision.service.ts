import type { Prisma } from "../../generated/prisma/client";
import type { RecordType } from "../../generated/prisma/enums";

/** Who made a change: an editor account, or a process such as the seed. */
export interface Actor {
  /** The editor's account id; null for the seed and other imports. */
  editorId: number | null;
  name: string;
}

export interface RevisionInput {
  recordType: RecordType;
  recordId: number;
  /** create, update, delete, restore, publish, retract, revert, merge, import... */
  action: string;
  actor: Actor;
  before: Prisma.InputJsonValue | null;
  after: Prisma.InputJsonValue | null;
  reason?: string | null;
}

/** What a revision stores of a row: every column, dates as ISO strings. */
export function snapshot(row: object): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(row)) as Prisma.InputJsonValue;
}

/**
 * Appends one entry to the revision log. Call it with the transaction client
 * of the write it records, so the change and its revision commit together.
 */
export async function recordRevision(tx: Prisma.TransactionClient, input: RevisionInput): Promise<void> {
  await recordRevisions(tx, [input]);
}

/** Appends several entries in one statement (an import or a merge touches many records). */
export async function recordRevisions(tx: Prisma.TransactionClient, inputs: RevisionInput[]): Promise<void> {
  // Stryker disable next-line ConditionalExpression: equivalent: createMany of no rows writes nothing; returning first only spares the round trip
  if (inputs.length === 0) return;
  await tx.revision.createMany({
    data: inputs.map((input) => ({
      recordType: input.recordType,
      recordId: input.recordId,
      action: input.action,
      editorId: input.actor.editorId,
      actor: input.actor.name,
      before: input.before ?? undefined,
      after: input.after ?? undefined,
      reason: input.reason ?? null,
    })),
  });
}
