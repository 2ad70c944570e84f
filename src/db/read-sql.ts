import postgres from "postgres";
import type { Database } from "./client";
import { databaseFault } from "./faults";

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
  /** The client in use; replaced when one of its connections goes silent. */
  sql: ReadSql;
  /** Makes a fresh client with the same settings. */
  connect(): ReadSql;
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
  const connect = () =>
    postgres(url, {
      max: options.poolMax,
      connect_timeout: Math.max(1, Math.ceil(options.connectTimeoutMs / 1000)),
      // The read path sends arrays as parameters and reads JSON back: no need for the array type catalog.
      fetch_types: false,
      // The same server-side bounds as the Prisma client's pool (client.ts).
      connection: {
        idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs,
        // A compiled statement's shape fixes its plan (lookups by id, slug or a keyset bound): planning it
        // again for each request's values (PostgreSQL's custom plans) cost more than running it (bench/results.md).
        plan_cache_mode: "force_generic_plan",
        ...(options.statementTimeoutMs > 0 && { statement_timeout: options.statementTimeoutMs }),
      },
      onnotice: () => undefined,
      ...(options.onQuery && {
        debug: (_connection: number, query: string, parameters: unknown[]) => options.onQuery!(query, parameters),
      }),
    });
  const answerWithinMs = options.statementTimeoutMs > 0 ? options.connectTimeoutMs + options.statementTimeoutMs + READ_TIMEOUT_MARGIN_MS : 0;
  const reader: Reader = { sql: connect(), connect, answerWithinMs };
  readers.set(db, reader);
  const disconnectPrisma = db.$disconnect.bind(db);
  db.$disconnect = async () => {
    await Promise.all([reader.sql.end({ timeout: 5 }), disconnectPrisma()]);
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
  const stale = reader.sql;
  const answer = query(stale);
  if (reader.answerWithinMs === 0) return answer;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("Query read timeout")), reader.answerWithinMs);
  });
  return Promise.race([answer, timeout])
    .catch((error: unknown) => {
      // A connection that went silent (a network partition) never delivers the server's cancel, and
      // later reads would queue behind it: drop the client's connections and start afresh, as pg's
      // query_timeout drops its connection for the Prisma pool (client.ts).
      if (databaseFault(error)?.kind === "unavailable" && reader.sql === stale) {
        reader.sql = reader.connect();
        void stale.end({ timeout: 0 }).catch(() => undefined);
      }
      throw error;
    })
    .finally(() => clearTimeout(timer));
}
