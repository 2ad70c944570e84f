import { seedDatabase } from "../../seed/seed";
import type { Database, DatabaseOptions } from "../../src/db/client";
import { connectTestDatabase, resetDatabase } from "./database";
import { startTestServer, type TestServer } from "./http";

/** What an end-to-end test file works against: the run's database and the real server on it. */
export interface Scenario {
  db: Database;
  server: TestServer;
}

/**
 * Every end-to-end file starts alike, since files run one after another on
 * one database: empty it, load the seed article when asked, start the server.
 */
export async function openScenario({ seed = false, ...options }: { seed?: boolean } & DatabaseOptions = {}): Promise<Scenario> {
  const db = connectTestDatabase(options);
  await resetDatabase(db);
  if (seed) await seedDatabase(db);
  return { db, server: await startTestServer(db) };
}

/** Stops the server, then lets go of the database (for afterAll). */
export async function closeScenario({ db, server }: Scenario): Promise<void> {
  await server.stop();
  await db.$disconnect();
}
