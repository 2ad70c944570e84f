import type { JsonValue } from "@prisma/client/runtime/client";

/**
 * An edit of published content is kept in `pendingChanges` until a reviewer
 * publishes it: the public sees the row as stored, signed-in editors reading
 * drafts see it with the pending fields applied.
 */
export function withPendingChanges<Row extends { pendingChanges: JsonValue }>(row: Row, includeDrafts: boolean): Row {
  if (!includeDrafts || row.pendingChanges === null || typeof row.pendingChanges !== "object") return row;
  return { ...row, ...(row.pendingChanges as Partial<Row>) };
}
