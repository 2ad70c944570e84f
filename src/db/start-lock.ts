import { Client } from "pg";

// Any fixed bigint, distinct from Prisma Migrate's (see migrate.ts): "CGST" read as a number.
const START_LOCK_KEY = 1128747860;

/**
 * Runs the start-up's writes (migrations, then the seed when the database is
 * empty) under a PostgreSQL advisory lock, so that instances started at once
 * on one empty database take turns: the first migrates and seeds, the next
 * finds both done. The lock is a session lock on a connection of its own:
 * released when `step` ends, or by PostgreSQL when that connection drops
 * (an instance that dies mid-seed holds nothing; its seed transaction rolls back).
 * Not on the embedded database: PGlite is one session, where an advisory lock
 * excludes nothing, and its data directory's owner lock already admits one server.
 */
export async function underStartLock<T>(url: string, embedded: boolean, step: () => Promise<T>): Promise<T> {
  if (embedded) return step();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [START_LOCK_KEY]);
    return await step();
  } finally {
    await client.end().catch(() => undefined);
  }
}
