/**
 * What went wrong with the database, as far as a client needs to know:
 * `unavailable` (down, unreachable, restarting, its connection lost or
 * silent, no free connection in time: retry later) or `timeout` (a statement
 * ran past `statement_timeout`, or a transaction past its time).
 */
export interface DatabaseFault {
  kind: "unavailable" | "timeout";
  /** One line for the server's log: the driver's words, no SQL. */
  detail: string;
}

// Prisma: can't reach (P1001), timed out reaching (P1002), operation timed out (P1008),
// server closed the connection (P1017), no pooled connection in time (P2024).
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// @prisma/adapter-pg's names for socket-level failures.
const ADAPTER_UNAVAILABLE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// SQLSTATE: connection exceptions (08), too many connections or out of resources (53),
// shutdown and restart (57P01-57P03), a session ended by idle_in_transaction_session_timeout (25P03).
const SQLSTATE_UNAVAILABLE = /^(08|53|57P0[123]$|25P03$)/;
// pg and pg-pool throw plain Errors for these, without codes.
const DRIVER_UNAVAILABLE =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|timeout expired|connection error|not queryable|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|Unable to start a transaction in the given time/;
// SQLSTATE 57014 is query_canceled: statement_timeout; Prisma's P2028 "expired transaction" its own timeout.
const TIMEOUT = /^57014$|expired transaction/;

/** Classifies an error thrown by Prisma or pg; null when it is not the database's availability or time. */
export function databaseFault(error: unknown): DatabaseFault | null {
  const clues = collectClues(error);
  const detail = firstMessage(error);
  if (clues.some((clue) => TIMEOUT.test(clue))) return { kind: "timeout", detail };
  const unavailable = clues.some(
    (clue) => PRISMA_UNAVAILABLE.has(clue) || ADAPTER_UNAVAILABLE.has(clue) || SQLSTATE_UNAVAILABLE.test(clue) || DRIVER_UNAVAILABLE.test(clue),
  );
  return unavailable ? { kind: "unavailable", detail } : null;
}

/** Codes, kinds and messages of the error and of everything it wraps (Prisma nests the driver's error). */
function collectClues(error: unknown, depth = 0, clues: string[] = []): string[] {
  if (depth > 5 || error === null || typeof error !== "object") return clues;
  const record = error as Record<string, unknown>;
  for (const key of ["code", "kind", "originalCode", "message", "originalMessage"]) {
    if (typeof record[key] === "string") clues.push(record[key] as string);
  }
  for (const key of ["cause", "meta", "driverAdapterError", "originalError"]) collectClues(record[key], depth + 1, clues);
  return clues;
}

function firstMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Prisma prefixes the call site ("Invalid `prisma.entity.findMany()` invocation: ..."): keep the last line.
  return message.trim().split("\n").filter(Boolean).at(-1) ?? "unknown";
}
