import { ConfigError, loadConfig } from "../config";
import { migrate, MigrationError } from "../db/migrate";
import { openDatabase } from "../db/open";

/** `npm run db:migrate`: applies pending migrations to the configured database. */
async function main(): Promise<void> {
  const database = await openDatabase(loadConfig(), "command");
  try {
    const applied = await migrate(database.url);
    console.log(applied.length > 0 ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date; nothing to apply.");
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof MigrationError ? error.message : error);
  process.exit(1);
});
