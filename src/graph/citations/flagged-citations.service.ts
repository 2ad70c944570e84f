import { requireRole } from "../../auth/roles";
import type { Context } from "../../context";
import type { Connection } from "../pagination/connection.type";
import { checkPageSizes, DEFAULT_PAGE_SIZE, decodeCursor } from "../pagination/cursor";
import { type Citation, toCitation } from "./citation.type";

// Live citations of live relations whose quote the source's latest snapshot lacks.
const FLAGGED = { anchorStatus: "QUOTE_NOT_FOUND", deletedAt: null, relation: { deletedAt: null } } as const;

// Opaque like every cursor of the API (pagination/cursor.ts): base64url of ["", id]; the list is ordered by id alone.
const cursorOf = (rowId: number) => Buffer.from(JSON.stringify(["", rowId])).toString("base64url");

/**
 * Signed-in editors: citations flagged QUOTE_NOT_FOUND (their source's latest
 * snapshot lacks the quote), oldest citation first, drafts included; Relay
 * forward pagination. `first` is 0 to 100 (default 20), `after` a cursor of
 * this list; BAD_USER_INPUT otherwise. A small list meant to be folded into
 * a general review queue.
 */
export async function flaggedCitations(ctx: Context, first: number | null, after: string | null): Promise<Connection<Citation>> {
  requireRole(ctx, "EDITOR");
  const size = checkPageSizes({ first }).first ?? DEFAULT_PAGE_SIZE;
  const afterId = after === null ? 0 : decodeCursor(after, "after").id;
  const [rows, totalCount] = await Promise.all([
    ctx.db.citation.findMany({ where: { ...FLAGGED, id: { gt: afterId } }, orderBy: { id: "asc" }, take: size + 1 }),
    ctx.db.citation.count({ where: FLAGGED }),
  ]);
  const edges = rows.slice(0, size).map((row) => ({ cursor: cursorOf(row.id), node: toCitation(row, true) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: afterId > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
