import postgres from "postgres";
import type { Database } from "./client";

/** A Postgres.js client: tagged-template SQL with bound parameters, prepared statements. */
export type ReadSql = postgres.Sql;

export interface ReadSqlOptions {
  poolMax: number;
  connectTimeoutMs: number;
  /** PostgreSQL `statement_timeout` (ms); 0 for none (the embedded database, see client.ts). */
  statementTimeoutMs: number;
  /** PostgreSQL `idle_in_transaction_session_timeout` (ms). */
  idleInTransactionTimeoutMs: number;
  /** Called with every SQL statement the client sends, and its parameters (tests count them). */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void;
}

interface Reader {
  sql: ReadSql;
  /** Longest wait for one read's answer (ms): a connection, then the statement; 0 for none. */
  answerWithinMs: number;
}

const readers = new WeakMap<Database, Reader>();

/** How long the client waits for an answer beyond the server's own `statement_timeout`. */
const READ_TIMEOUT_MARGIN_MS = 1000;

/**
 * Gives `db` a Postgres.js client on the same database, for the compiled
 * read path (src/graph/sql): Prisma keeps the writes and the migrations.
 * It connects on first use, and `db.$disconnect()` closes it too.
 */
export function attachReadSql(db: Database, url: string, options: ReadSqlOptions): void {
  const sql = postgres(url, {
    max: options.poolMax,
    connect_timeout: Math.max(1, Math.ceil(options.connectTimeoutMs / 1000)),
    // The read path sends arrays as parameters and reads JSON back: no need for the array type catalog.
    fetch_types: false,
    // The same server-side bounds as the Prisma client's pool (client.ts).
    connection: {
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs,
      ...(options.statementTimeoutMs > 0 && { statement_timeout: options.statementTimeoutMs }),
    },
    onnotice: () => undefined,
    ...(options.onQuery && {
      debug: (_connection: number, query: string, parameters: unknown[]) => options.onQuery!(query, parameters),
    }),
  });
  // A connection that went silent (a network partition) never delivers the server's cancel: give up
  // on the answer as pg's query_timeout does for the Prisma pool (client.ts).
  const answerWithinMs = options.statementTimeoutMs > 0 ? options.connectTimeoutMs + options.statementTimeoutMs + READ_TIMEOUT_MARGIN_MS : 0;
  readers.set(db, { sql, answerWithinMs });
  const disconnectPrisma = db.$disconnect.bind(db);
  db.$disconnect = async () => {
    await Promise.all([sql.end({ timeout: 5 }), disconnectPrisma()]);
  };
}

/**
 * Runs one read on the read client of `db` (see attachReadSql): `query`
 * builds it with the client's tagged template. Rejects with a "Query read
 * timeout" (a database fault, see faults.ts) when no answer comes in time.
 */
export function readWith<T>(db: Database, query: (sql: ReadSql) => Promise<T>): Promise<T> {
  const reader = readers.get(db);
  if (!reader) throw new Error("This database client has no read client (create it with createDatabase).");
  const answer = query(reader.sql);
  if (reader.answerWithinMs === 0) return answer;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("Query read timeout")), reader.answerWithinMs);
  });
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}
