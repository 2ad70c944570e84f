import { userInputError } from "../../errors";
import type { ConnectionArgs } from "./connection.args";
import type { Connection } from "./connection.type";

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

/** Where a row stands in a list ordered by (a text field, id): what a cursor holds. */
export interface SortKey {
  value: string;
  id: number;
}

type Bound<Value> = { gt: Value } | { lt: Value } | { gte: Value } | { lte: Value };

/** A Prisma `where` for the rows on one side of a sort key, on the sort field `Name`. */
export type KeysetCondition<Name extends string> = {
  OR: [Record<Name, Bound<string>>, Record<Name, string> & { id: Bound<number> }];
};

/** What `paginate` needs of a table: its sort field, and queries within the list's own filter. */
export interface KeysetTable<Row, Name extends string> {
  sortField: Name;
  sortKey(row: Row): SortKey;
  /** Rows of the list that meet every condition, ordered by (sort field, id) in `order`. */
  findMany(conditions: KeysetCondition<Name>[], order: "asc" | "desc", take: number): Promise<Row[]>;
  /** How many rows the whole list holds. */
  count(): Promise<number>;
}

/**
 * Relay cursor pagination by keyset on (sort field, id): a page costs the
 * same wherever it is, and stays correct while rows are added (no OFFSET).
 * Cursors are opaque; they encode the sort key of their row.
 */
export async function paginate<Row, Name extends string, Item>(
  args: ConnectionArgs,
  table: KeysetTable<Row, Name>,
  toItem: (row: Row) => Item,
): Promise<Connection<Item>> {
  const { first, last } = checkPageSizes(args);
  const after = args.after == null ? null : decodeCursor(args.after, "after");
  const before = args.before == null ? null : decodeCursor(args.before, "before");
  const bounds = [
    ...(after ? [beyond(table.sortField, after, "after")] : []),
    ...(before ? [beyond(table.sortField, before, "before")] : []),
  ];
  const backward = last !== null;
  const size = backward ? last : (first ?? DEFAULT_PAGE_SIZE);
  // One row more than the page tells whether more lie ahead.
  const fetched = await table.findMany(bounds, backward ? "desc" : "asc", size + 1);
  const hasMore = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (backward) rows.reverse();
  // Rows behind the cursor the page starts from (inclusive: the cursor's own row counts).
  const anyBehind = async (key: SortKey | null, side: "after" | "before"): Promise<boolean> =>
    key !== null && (await table.findMany([beyond(table.sortField, key, side, true)], "asc", 1)).length > 0;
  const edges = rows.map((row) => ({ cursor: encodeCursor(table.sortKey(row)), node: toItem(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? await anyBehind(before, "after") : hasMore,
      hasPreviousPage: backward ? hasMore : await anyBehind(after, "before"),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: await table.count(),
  };
}

function checkPageSizes(args: ConnectionArgs): { first: number | null; last: number | null } {
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (first !== null && last !== null) throw userInputError("Pass first or last, not both.", "last");
  for (const [field, size] of [["first", first], ["last", last]] as const) {
    if (size !== null && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw userInputError(`${field} must be between 0 and ${MAX_PAGE_SIZE}.`, field);
    }
  }
  return { first, last };
}

/**
 * The rows after (or before) `key` in (sort field, id) order; `inclusive`
 * adds the key's own position.
 */
function beyond<Name extends string>(field: Name, key: SortKey, side: "after" | "before", inclusive = false): KeysetCondition<Name> {
  const value: Bound<string> = side === "after" ? { gt: key.value } : { lt: key.value };
  const id: Bound<number> =
    side === "after" ? (inclusive ? { gte: key.id } : { gt: key.id }) : inclusive ? { lte: key.id } : { lt: key.id };
  // A computed key widens to `string`; it is the sort field.
  return { OR: [{ [field]: value } as Record<Name, Bound<string>>, { [field]: key.value, id } as Record<Name, string> & { id: Bound<number> }] };
}

function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify([key.value, key.id]), "utf8").toString("base64url");
}

function decodeCursor(cursor: string, field: "after" | "before"): SortKey {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = null;
  }
  const [value, id] = Array.isArray(decoded) && decoded.length === 2 ? decoded : [];
  // Postgres text holds no NUL, and ids are int4: anything else was not made here.
  const valid = typeof value === "string" && !value.includes("\0") && Number.isInteger(id) && id > 0 && id <= 2_147_483_647;
  if (!valid) {
    throw userInputError(`${field} is not a cursor of this list.`, field);
  }
  return { value, id };
}
