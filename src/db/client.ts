import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { attachReadSql } from "./read-sql";

export type Database = PrismaClient;

/** How long the client waits for an answer beyond the server's own `statement_timeout`. */
const READ_TIMEOUT_MARGIN_MS = 1000;

export interface DatabaseOptions {
  poolMax?: number;
  /** Wait for a pooled connection, for a new connection's hello, and for a transaction to start (ms). */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL `statement_timeout` (ms); the client gives up a second later on a silent connection.
   * 0: none, for the embedded database (PGlite runs every statement to its end inside this very
   * process, so a client-side timeout would only report a failure for work that still completes).
   */
  statementTimeoutMs?: number;
  /** PostgreSQL `idle_in_transaction_session_timeout` (ms). */
  idleInTransactionTimeoutMs?: number;
  /** Idle time before TCP keepalive probes (ms). */
  keepaliveMs?: number;
  /** Longest an interactive transaction may run before Prisma rolls it back (ms). */
  transactionTimeoutMs?: number;
  /** Called with every SQL statement the clients send (tests count them); the read client adds its parameters. */
  onQuery?: (sql: string, parameters?: readonly unknown[]) => void;
}

/** The defaults of src/config.ts, for clients made without a configuration (tests, scripts). */
const DEFAULTS = {
  poolMax: 10,
  connectTimeoutMs: 5000,
  statementTimeoutMs: 5000,
  idleInTransactionTimeoutMs: 10_000,
  keepaliveMs: 10_000,
  transactionTimeoutMs: 15_000,
} satisfies DatabaseOptions;

/**
 * Creates the Prisma client on a `pg` pool through Prisma 7's driver adapter,
 * with every wait bounded: a connection (`connectTimeoutMs`, which is also
 * the transaction's `maxWait`, so both give up together), a statement (the
 * server's `statement_timeout`, and a client-side read timeout for a
 * connection that went silent, e.g. a network partition, where the server's
 * cancel never arrives), a transaction left open by a vanished client
 * (`idle_in_transaction_session_timeout`), and a dead peer (TCP keepalive).
 * The embedded database ignores the server-side settings (PGlite has no
 * timers inside a query) and gets no statement timeout at all (see
 * `statementTimeoutMs`); the connection bounds hold for both.
 */
export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const client = createPrismaClient(url, settings, options.onQuery);
  // The compiled read path's Postgres.js client, with the same bounds (see read-sql.ts).
  attachReadSql(client, url, { ...settings, onQuery: options.onQuery });
  return client;
}

function createPrismaClient(url: string, settings: typeof DEFAULTS, onQuery: DatabaseOptions["onQuery"]): Database {
  const adapter = new PrismaPg(
    {
      connectionString: url,
      max: settings.poolMax,
      connectionTimeoutMillis: settings.connectTimeoutMs,
      ...(settings.statementTimeoutMs > 0 && {
        statement_timeout: settings.statementTimeoutMs,
        query_timeout: settings.statementTimeoutMs + READ_TIMEOUT_MARGIN_MS,
      }),
      idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: settings.keepaliveMs,
    },
    // An idle pooled connection that breaks (the server restarted) is dropped by the pool;
    // say so once instead of letting the 'error' event crash the process.
    { onPoolError: (error) => console.error(`Database connection lost while idle: ${error.message}`) },
  );
  const transactionOptions = { maxWait: settings.connectTimeoutMs, timeout: settings.transactionTimeoutMs };
  if (!onQuery) return new PrismaClient({ adapter, transactionOptions });
  const client = new PrismaClient({ adapter, transactionOptions, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => onQuery(event.query));
  return client;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
