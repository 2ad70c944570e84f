import { requireRole } from "../../auth/roles";
import { type Context, forgetRequestReads } from "../../context";
import { userInputError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import type { Role } from "../../generated/prisma/enums";
import type { Actor } from "../history/revision.service";

export type Tx = Prisma.TransactionClient;

/**
 * Runs one mutation: checks the caller's role before reading anything, then
 * does every write, and its revisions, in one transaction (all or nothing).
 * `write` gets the transaction client and must use it for every query:
 * the embedded database is one session, so the global client would wait
 * for this very transaction.
 */
export async function runMutation<T>(ctx: Context, role: Role, write: (tx: Tx, actor: Actor) => Promise<T>): Promise<T> {
  const viewer = requireRole(ctx, role);
  const actor: Actor = { editorId: viewer.editorId, name: viewer.name };
  for (let attempt = 1; ; attempt++) {
    try {
      // The client's transactionOptions bound the wait for a connection and the
      // transaction's length (src/db/client.ts).
      const result = await ctx.db.$transaction((tx) => write(tx, actor));
      forgetRequestReads(ctx);
      return result;
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isWriteConflict(error)) continue;
      throw uniqueViolationAsInputError(error);
    }
  }
}

// A deadlock (40P01) or serialization failure (40001), which Prisma reports
// as P2034, rolled the whole transaction back: running it again from the
// start is safe. See locks.ts for where a deadlock can still arise.
const MAX_ATTEMPTS = 3;

function isWriteConflict(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034";
}

/**
 * The services check uniqueness first; a concurrent writer can still get
 * there between check and write, and the database's unique index then
 * decides. That race ends in the same BAD_USER_INPUT as the check.
 */
function uniqueViolationAsInputError(error: unknown): unknown {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return error;
  // Stryker disable next-line ConditionalExpression: equivalent, no other known error of an editor's write names a slug or a relation's ends (entities are never removed, so no foreign-key error comes here): the checks below return it unchanged
  if (error.code !== "P2002") return error;
  const detail = JSON.stringify(error.meta ?? {});
  if (detail.includes("slug")) return userInputError("That slug is already taken (slugs stay reserved after deletion).", "slug");
  if (detail.includes("relation_live_claim_key") || detail.includes("subject_id")) {
    return userInputError("A live relation already states this: same subject, predicate, object and context.", "objectId");
  }
  return error;
}
