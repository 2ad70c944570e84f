import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { startEmbeddedPostgres } from "../../src/db/embedded";

/** A database made for one purpose, and the way to throw it away. */
export interface DisposableDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A new, empty database: on the PostgreSQL server of DATABASE_URL when set
 * (a uniquely named database, dropped afterwards), otherwise an embedded
 * PostgreSQL in a temporary directory (or in memory).
 */
export async function createDisposableDatabase(purpose: string, options: { inMemory?: boolean } = {}): Promise<DisposableDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) return createOnServer(serverUrl, purpose);
  const dataDir = options.inMemory ? undefined : await mkdtemp(path.join(os.tmpdir(), `caregraph-${purpose}-`));
  const embedded = await startEmbeddedPostgres(dataDir);
  return {
    url: embedded.url,
    async drop() {
      await embedded.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function createOnServer(serverUrl: string, purpose: string): Promise<DisposableDatabase> {
  const name = `caregraph_${purpose}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
