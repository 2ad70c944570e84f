import { migrate } from "../../src/db/migrate";
import { createDisposableDatabase, type DisposableDatabase } from "./test-database";

declare global {
  var caregraphTestDatabase: DisposableDatabase | undefined;
}

/**
 * One migrated database for the whole run, its URL handed to the tests in
 * CAREGRAPH_TEST_DATABASE_URL. Jest runs in band, so an embedded database
 * started here keeps serving the tests from this same process.
 */
export default async function globalSetup(): Promise<void> {
  const database = await createDisposableDatabase("test");
  globalThis.caregraphTestDatabase = database;
  await migrate(database.url);
  process.env.CAREGRAPH_TEST_DATABASE_URL = database.url;
}
