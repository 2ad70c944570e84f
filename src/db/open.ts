import { Client } from "pg";
import type { Config } from "../config";
import { ConfigError } from "../config";
import { startEmbeddedPostgres } from "./embedded";

export interface OpenDatabase {
  url: string;
  /** Stops the embedded database, if one was started. */
  close(): Promise<void>;
}

/**
 * The configured PostgreSQL when DATABASE_URL is set (checked reachable, so a
 * typo fails at start with one line), else the embedded one in its data dir.
 */
export async function openDatabase(config: Config): Promise<OpenDatabase> {
  if (!config.databaseUrl) {
    const embedded = await startEmbeddedPostgres(config.embeddedDataDir);
    return { url: embedded.url, close: () => embedded.stop() };
  }
  const probe = new Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: config.databaseConnectTimeoutMs });
  try {
    await probe.connect();
    await probe.query("SELECT 1");
  } catch (error) {
    const where = new URL(config.databaseUrl);
    throw new ConfigError(`Cannot reach the database at ${where.host}${where.pathname} (DATABASE_URL): ${(error as Error).message}`);
  } finally {
    await probe.end().catch(() => undefined);
  }
  return { url: config.databaseUrl, close: async () => undefined };
}
