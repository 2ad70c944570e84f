import { migrate } from "../../src/db/migrate";
import { createDisposableDatabase, type DisposableDatabase } from "./test-database";

declare global {
  var caregraphTestDatabase: DisposableDatabase | undefined;
}

/**
 * Set by the mutation-testing config: its runner calls Jest once per mutant in
 * one long-lived process, so one embedded database (in memory, gone with the
 * process) serves all those runs instead of a new one per run. Every test file
 * empties the tables it uses, so a reused database is as good as a new one.
 */
export const REUSE_EMBEDDED_DATABASE = process.env.CAREGRAPH_TEST_REUSE_EMBEDDED_DATABASE === "1" && !process.env.DATABASE_URL;

/**
 * One migrated database for the whole run, its URL handed to the tests in
 * CAREGRAPH_TEST_DATABASE_URL. Jest runs in band, so an embedded database
 * started here keeps serving the tests from this same process.
 */
export default async function globalSetup(): Promise<void> {
  if (!(REUSE_EMBEDDED_DATABASE && globalThis.caregraphTestDatabase)) {
    const database = await createDisposableDatabase("test", { inMemory: REUSE_EMBEDDED_DATABASE });
    globalThis.caregraphTestDatabase = database;
    await migrate(database.url);
  }
  process.env.CAREGRAPH_TEST_DATABASE_URL = globalThis.caregraphTestDatabase!.url;
}
