// type-graphql reads decorator metadata as modules load: the polyfill must come first.
import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { createDatabase } from "./db/client";
import { migrate, MigrationError } from "./db/migrate";
import { openDatabase } from "./db/open";
import { formatSummary } from "../seed/import-article";
import { seedIfEmpty } from "../seed/seed";
import { createServer, listen } from "./server";
import { hasAnyToken } from "./auth/token.service";

/** Starts Caregraph: config -> database -> migrations -> server -> listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  const applied = await migrate(database.url);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
  const db = createDatabase(database.url, {
    // pglite-socket interleaves concurrent connections' statements outside transactions: one connection.
    poolMax: config.databaseUrl ? config.databasePoolMax : 1,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
  });
  if (config.seedOnStart) {
    const seeded = await seedIfEmpty(db);
    if (seeded) console.log(`Seeded the empty database with the back-spasms article:\n${formatSummary(seeded)}`);
  }
  const server = await createServer(db);
  await listen(server.httpServer, config.port, config.host);
  const where = config.databaseUrl ? "PostgreSQL from DATABASE_URL" : `embedded PostgreSQL in ${config.embeddedDataDir}`;
  console.log(`Caregraph GraphQL API at http://${config.host}:${config.port}/graphql (${where})`);
  if (!(await hasAnyToken(db))) console.log("No API tokens yet. Create the first admin token with `npm run token:create -- --name <you> --role ADMIN` (embedded database: stop the server first).");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    await server.stop();
    await db.$disconnect();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  // Known start-up failures are one readable line; anything else is a bug, shown whole.
  if (error instanceof ConfigError || error instanceof MigrationError) console.error(`Caregraph cannot start: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
