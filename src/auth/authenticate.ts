import type { Database } from "../db/client";
import { invalidTokenError } from "../errors";
import { hashToken } from "./tokens";
import type { Viewer } from "./viewer";

/**
 * Resolves `Authorization: Bearer <token>` to the viewer. No header means an
 * anonymous reader (null); a malformed, unknown or revoked token is refused,
 * never silently downgraded to anonymous.
 */
export async function authenticate(db: Database, authorization: string | undefined): Promise<Viewer | null> {
  if (authorization === undefined || authorization === "") return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw invalidTokenError("The Authorization header must be 'Bearer <token>'.");
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]) },
    include: { editor: true },
  });
  if (!token || token.revokedAt) throw invalidTokenError("The API token is not valid or has been revoked.");
  await touchLastUsed(db, token.id, token.lastUsedAt);
  return { editorId: token.editorId, name: token.editor.name, role: token.role, tokenId: token.id };
}

// lastUsedAt is kept to within a few minutes: one UPDATE per token per
// interval, not a write on every request. The interval is checked in the
// UPDATE's WHERE, not only in what this request read: of 20 simultaneous
// requests, PostgreSQL lets the first update the row and re-checks the
// condition for the others on the row it wrote, so they write nothing.
const LAST_USED_PRECISION_MS = 5 * 60_000;

async function touchLastUsed(db: Database, tokenId: number, lastUsedAt: Date | null): Promise<void> {
  const now = Date.now();
  // Stryker disable next-line EqualityOperator: at exactly the interval the UPDATE's WHERE (lt stale) matches no row, so returning early writes the same.
  if (lastUsedAt && now - lastUsedAt.getTime() < LAST_USED_PRECISION_MS) return;
  const stale = new Date(now - LAST_USED_PRECISION_MS);
  await db.apiToken.updateMany({
    where: { id: tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] },
    data: { lastUsedAt: new Date(now) },
  });
}
