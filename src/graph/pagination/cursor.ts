import { userInputError } from "../../errors";
import type { ConnectionArgs } from "./connection.args";

/*
 * Relay cursor pagination by keyset on (sort field, id): a page costs the
 * same wherever it is, and stays correct while rows are added (no OFFSET).
 * Cursors are opaque: base64url of the JSON array [sort value, id] of their
 * row (made in SQL, see sql/connection.ts).
 */

const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Where a row stands in a list ordered by (a text field, id): what a cursor holds. */
export interface SortKey {
  value: string;
  id: number;
}

/** first and last, checked: BAD_USER_INPUT when both are given or one is out of 0..100. */
export function checkPageSizes(args: ConnectionArgs): { first: number | null; last: number | null } {
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

/** The sort key a cursor holds; BAD_USER_INPUT naming `field` when it was not made here. */
export function decodeCursor(cursor: string, field: "after" | "before"): SortKey {
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
