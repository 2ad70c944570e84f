import { Client } from "pg";
import type { Config } from "../config";
import { ConfigError } from "../config";
import { createDatabase, type Database, type DatabaseOptions } from "./client";
import { EMBEDDED_POOL_MAX } from "./embedded";
import { type EmbeddedUse, openEmbeddedPostgres } from "./embedded-owner";

export interface OpenDatabase {
  url: string;
  /** The Prisma client, its pool sized for the server behind `url`. */
  db: Database;
  embedded: boolean;
  /** Disconnects, and stops the embedded database if this process serves it. */
  close(): Promise<void>;
}

/**
 * The configured PostgreSQL when DATABASE_URL is set (checked reachable, so a
 * typo fails at start with one line), else the embedded one in its data dir,
 * opened for the server or for a short command (see embedded-owner.ts).
 */
export async function openDatabase(config: Config, use: EmbeddedUse): Promise<OpenDatabase> {
  const options = databaseOptions(config);
  if (!config.databaseUrl) {
    const embedded = await openEmbeddedPostgres(config.embeddedDataDir, use);
    const db = createDatabase(embedded.url, { ...options, poolMax: EMBEDDED_POOL_MAX, statementTimeoutMs: 0 });
    return { url: embedded.url, db, embedded: true, close: () => db.$disconnect().then(() => embedded.stop()) };
  }
  await checkReachable(config.databaseUrl, options.connectTimeoutMs!);
  const db = createDatabase(config.databaseUrl, options);
  return { url: config.databaseUrl, db, embedded: false, close: () => db.$disconnect() };
}

/** The pool's limits from the configuration; a transaction may run as long as its request. */
export function databaseOptions(config: Config): DatabaseOptions {
  return {
    poolMax: config.databasePoolMax,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    idleInTransactionTimeoutMs: config.databaseIdleInTransactionTimeoutMs,
    keepaliveMs: config.databaseKeepaliveMs,
    transactionTimeoutMs: config.requestTimeoutMs,
  };
}

async function checkReachable(url: string, connectTimeoutMs: number): Promise<void> {
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  try {
    await probe.connect();
    await probe.query("SELECT 1");
  } catch (error) {
    const where = new URL(url);
    throw new ConfigError(`Cannot reach the database at ${where.host}${where.pathname} (DATABASE_URL): ${(error as Error).message}`);
  } finally {
    await probe.end().catch(() => undefined);
  }
}
