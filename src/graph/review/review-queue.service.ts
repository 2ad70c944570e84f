import { requireRole } from "../../auth/roles";
import type { Context } from "../../context";
import type { Database } from "../../db/client";
import { userInputError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { toEntity } from "../entities/entity.type";
import type { Node } from "../node/node.type";
import type { Connection } from "../pagination/connection.type";
import { DEFAULT_PAGE_SIZE } from "../pagination/cursor";
import { toRelation } from "../relations/relation.type";
import { toSource } from "../sources/source.type";
import { type ReviewItem, ReviewReason } from "./review-queue.type";

/*
 * The reviewer's queue: every record waiting for a decision, oldest first,
 * as one UNION ALL of the branches below, paged by keyset on
 * (since, reason, type, id). Each branch is one kind of work; a new kind
 * (a citation whose quote a new snapshot no longer holds) is one more
 * branch, a ReviewReason value and, for a new record type, a loader.
 */

/** Every branch selects exactly these columns. */
interface QueueRow {
  reason: ReviewReason;
  type: string;
  id: number;
  since: Date;
  detail: string | null;
}

const VERSIONED_TABLES = [
  { type: "Entity", table: Prisma.raw("entity") },
  { type: "Relation", table: Prisma.raw("relation") },
  { type: "Source", table: Prisma.raw("source") },
];

const BRANCHES: Prisma.Sql[] = [
  ...VERSIONED_TABLES.map(
    ({ type, table }) => Prisma.sql`SELECT 'DRAFT' AS reason, ${type}::text AS type, id, created_at AS since, NULL::text AS detail
      FROM ${table} WHERE deleted_at IS NULL AND status = 'DRAFT'`,
  ),
  ...VERSIONED_TABLES.map(
    ({ type, table }) => Prisma.sql`SELECT 'PENDING_EDIT', ${type}::text, id, updated_at, NULL::text
      FROM ${table} WHERE deleted_at IS NULL AND status = 'PUBLISHED' AND pending_changes IS NOT NULL`,
  ),
  Prisma.sql`SELECT 'NEEDS_REVIEW', 'Relation', id, flagged_at, needs_review_reason FROM relation WHERE deleted_at IS NULL AND needs_review`,
];

/** The records of a page, by type: each maps row ids to API objects as editors see them. */
const LOADERS: Record<string, (db: Database, ids: number[]) => Promise<Node[]>> = {
  Entity: async (db, ids) => (await db.entity.findMany({ where: { id: { in: ids } } })).map((row) => toEntity(row, true)),
  Relation: async (db, ids) => (await db.relation.findMany({ where: { id: { in: ids } } })).map((row) => toRelation(row, true)),
  Source: async (db, ids) => (await db.source.findMany({ where: { id: { in: ids } } })).map((row) => toSource(row, true)),
};

const MAX_PAGE_SIZE = 100;

/** Signed-in editors: one page of the queue, `first` (0 to 100, default 20) items after the cursor `after`. */
export async function reviewQueue(ctx: Context, args: { first?: number | null; after?: string | null }): Promise<Connection<ReviewItem>> {
  requireRole(ctx, "EDITOR");
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (first < 0 || first > MAX_PAGE_SIZE) throw userInputError(`first must be between 0 and ${MAX_PAGE_SIZE}.`, "first");
  const after = args.after == null ? null : decodeQueueCursor(args.after);
  const queue = Prisma.sql`(${Prisma.join(BRANCHES, " UNION ALL ")}) AS queue`;
  const bound = after
    ? Prisma.sql`WHERE (since, reason, type, id) > (${after.since}::timestamptz, ${after.reason}, ${after.type}, ${after.id}::int)`
    : Prisma.empty;
  const rows = await ctx.db.$queryRaw<QueueRow[]>`SELECT reason, type, id, since, detail FROM ${queue} ${bound} ORDER BY since, reason, type, id LIMIT ${first + 1}`;
  const [{ count }] = await ctx.db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM ${queue}`;
  const page = rows.slice(0, first);
  const nodes = await nodesOf(ctx.db, page);
  const edges = page.map((row) => ({ cursor: encodeQueueCursor(row), node: { reason: row.reason, since: row.since, detail: row.detail, node: nodes.get(`${row.type}:${row.id}`)! } }));
  return {
    edges,
    totalCount: count,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

async function nodesOf(db: Database, rows: QueueRow[]): Promise<Map<string, Node>> {
  const nodes = new Map<string, Node>();
  for (const [type, load] of Object.entries(LOADERS)) {
    const ids = rows.filter((row) => row.type === type).map((row) => row.id);
    if (ids.length === 0) continue;
    for (const node of await load(db, ids)) nodes.set(`${type}:${(node as Node & { rowId: number }).rowId}`, node);
  }
  return nodes;
}

interface QueueKey {
  since: string;
  reason: string;
  type: string;
  id: number;
}

// Opaque like every cursor of the API: base64url of the JSON array [since, reason, type, id].
function encodeQueueCursor(row: QueueRow): string {
  return Buffer.from(JSON.stringify([row.since.toISOString(), row.reason, row.type, row.id])).toString("base64url");
}

function decodeQueueCursor(cursor: string): QueueKey {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = null;
  }
  const [since, reason, type, id] = Array.isArray(decoded) && decoded.length === 4 ? decoded : [];
  const valid =
    typeof since === "string" &&
    !Number.isNaN(Date.parse(since)) &&
    Object.values(ReviewReason).includes(reason) &&
    typeof type === "string" &&
    type in LOADERS &&
    Number.isInteger(id) &&
    id > 0 &&
    id <= 2_147_483_647;
  if (!valid) throw userInputError("after is not a cursor of the review queue.", "after");
  return { since, reason, type, id };
}
