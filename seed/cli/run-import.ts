import { ConfigError, loadConfig } from "../../src/config";
import { createDatabase, type Database } from "../../src/db/client";
import { migrate, MigrationError } from "../../src/db/migrate";
import { openDatabase } from "../../src/db/open";
import { formatSummary, type ImportSummary } from "../import-article";
import { ExtractionError } from "../validate-extraction";

/**
 * Runs one import against the configured database (migrated first), prints
 * progress and the summary, and exits non-zero on a refused extraction, which
 * has then written nothing.
 */
export function runImport(what: string, load: (db: Database) => Promise<ImportSummary>): void {
  main(what, load).catch((error: unknown) => {
    if (error instanceof ExtractionError) console.error(`Refused ${what}; nothing was written.\n${error.message}`);
    else if (error instanceof ConfigError || error instanceof MigrationError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  });
}

async function main(what: string, load: (db: Database) => Promise<ImportSummary>): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  const db = createDatabase(database.url, { connectTimeoutMs: config.databaseConnectTimeoutMs });
  try {
    const applied = await migrate(database.url);
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
    console.log(`Importing ${what}...`);
    const started = Date.now();
    const summary = await load(db);
    console.log(`${formatSummary(summary)}\nDone in ${Date.now() - started} ms.`);
  } finally {
    await db.$disconnect();
    await database.close();
  }
}
