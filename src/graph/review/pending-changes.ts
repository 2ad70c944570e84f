import type { JsonValue } from "@prisma/client/runtime/client";

/**
 * An edit of published content is kept in `pendingChanges` until a reviewer
 * publishes it: the public sees the row as stored, with the version and
 * time of that stored state (`publicVersion`, `publicUpdatedAt`: a pending
 * edit moves `version` for editors' optimistic concurrency, not what the
 * public reads); signed-in editors reading drafts see the pending fields
 * applied and the current version.
 */
export function withPendingChanges<Row extends { pendingChanges: JsonValue; publicVersion: number; publicUpdatedAt: Date }>(row: Row, includeDrafts: boolean): Row {
  if (!includeDrafts) return { ...row, version: row.publicVersion, updatedAt: row.publicUpdatedAt };
  // Editing writes an object of column values, or null when nothing is pending (spreading null adds nothing).
  return { ...row, ...(row.pendingChanges as Partial<Row> | null) };
}
