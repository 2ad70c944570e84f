import { ConfigError, loadConfig } from "../config";
import type { Database } from "../db/client";
import { migrate, MigrationError } from "../db/migrate";
import { openDatabase } from "../db/open";

/** A failure the command explains in one line (bad arguments, unknown names). */
export class CommandError extends Error {}

/**
 * Parses a command's arguments, then runs its task against the configured
 * database, migrated first so that it also works before the server's first
 * start. Bad arguments fail before any database is opened; known failures
 * print one line and exit 1.
 * On the embedded database a command borrows the running server's
 * connection when there is one (see src/db/embedded-owner.ts).
 */
export function runWithDatabase<Args>(parse: () => Args, task: (db: Database, args: Args) => Promise<void>): void {
  void (async () => {
    const args = parse();
    const config = loadConfig();
    const database = await openDatabase(config, "command");
    try {
      await migrate(database.url);
      await task(database.db, args);
    } finally {
      await database.close();
    }
  })().catch((error: unknown) => {
    const known =
      error instanceof CommandError ||
      error instanceof ConfigError ||
      error instanceof MigrationError ||
      // The services' client errors (BAD_USER_INPUT, NOT_FOUND) carry readable messages.
      (error instanceof Error && error.name === "GraphQLError");
    console.error(known ? `Error: ${(error as Error).message}` : error);
    process.exit(1);
  });
}
