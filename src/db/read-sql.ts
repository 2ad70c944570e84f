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

const readers = new WeakMap<Database, ReadSql>();

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
  readers.set(db, sql);
  const disconnectPrisma = db.$disconnect.bind(db);
  db.$disconnect = async () => {
    await Promise.all([sql.end({ timeout: 5 }), disconnectPrisma()]);
  };
}

/** The read client of `db` (see attachReadSql). */
export function readSqlOf(db: Database): ReadSql {
  const sql = readers.get(db);
  if (!sql) throw new Error("This database client has no read client (create it with createDatabase).");
  return sql;
}
