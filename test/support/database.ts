import { createDatabase, type Database, type DatabaseOptions } from "../../src/db/client";
import { EMBEDDED_POOL_MAX } from "../../src/db/embedded";

/** The run's migrated database (see test/setup/global-setup.ts). */
export function testDatabaseUrl(): string {
  const url = process.env.CAREGRAPH_TEST_DATABASE_URL;
  if (!url) throw new Error("CAREGRAPH_TEST_DATABASE_URL is unset: run the tests with `npm test`.");
  return url;
}

/** A Prisma client on the run's database; disconnect it in afterAll. */
export function connectTestDatabase(options: DatabaseOptions = {}): Database {
  // As the app opens it (src/db/open.ts), but with room for a busy machine: timeouts are tested where they are the subject.
  const limits = process.env.DATABASE_URL ? { statementTimeoutMs: 60_000 } : { poolMax: EMBEDDED_POOL_MAX, statementTimeoutMs: 0 };
  return createDatabase(testDatabaseUrl(), { ...limits, ...options });
}

const TABLES = ["api_token", "editor", "revision", "citation", "reference", "relation", "source", "entity"];

/** Empties every table of the graph (the revision log's append-only trigger does not fire on TRUNCATE). */
export async function resetDatabase(db: Database): Promise<void> {
  await db.$executeRawUnsafe(`TRUNCATE ${TABLES.map((table) => `"${table}"`).join(", ")} RESTART IDENTITY CASCADE`);
}
