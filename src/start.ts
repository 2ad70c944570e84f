import type { Config } from "./config";
import { hasAnyToken } from "./auth/token.service";
import { migrate } from "./db/migrate";
import { openDatabase } from "./db/open";
import { underStartLock } from "./db/start-lock";
import { formatSummary } from "../seed/import/summary";
import { seedIfEmpty } from "../seed/seed";
import { loadTrustedOperations } from "./http/persisted-queries";
import { assertPortFree, createServer, listen } from "./server";

// A production image (Dockerfile) has the compiled code but not the compiler that `npm run` scripts call first.
const FIRST_TOKEN_COMMAND =
  process.env.NODE_ENV === "production"
    ? "node dist/src/cli/token-create.js --name <you> --role ADMIN"
    : "npm run token:create -- --name <you> --role ADMIN";

export interface RunningCaregraph {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** Finishes the requests in flight, then closes the server and the database. */
  stop(): Promise<void>;
}

/** Starts Caregraph: database -> migrations -> seed (if empty), one instance at a time -> server -> listen. */
export async function startCaregraph(config: Config, log: (line: string) => void = console.log): Promise<RunningCaregraph> {
  await assertPortFree(config.port, config.host);
  const trustedOperations = config.trustedOperationsFile ? await loadTrustedOperations(config.trustedOperationsFile) : undefined;
  const database = await openDatabase(config, "server");
  try {
    await underStartLock(database.url, database.embedded, async () => {
      const applied = await migrate(database.url);
      if (applied.length > 0) log(`Applied migrations: ${applied.join(", ")}`);
      if (config.seedOnStart) {
        const seeded = await seedIfEmpty(database.db);
        if (seeded) log(`Seeded the empty database with the back-spasms article:\n${formatSummary(seeded)}`);
      }
    });
    const server = await createServer(database.db, config, { trustedOperations });
    await listen(server.httpServer, config.port, config.host);
    const { port } = server.httpServer.address() as import("node:net").AddressInfo;
    const url = `http://${config.host}:${port}/graphql`;
    const where = database.embedded ? `embedded PostgreSQL in ${config.embeddedDataDir}` : "PostgreSQL from DATABASE_URL";
    log(`Caregraph GraphQL API at ${url} (${where})`);
    if (!(await hasAnyToken(database.db))) log(`No API tokens yet. Create the first admin token with \`${FIRST_TOKEN_COMMAND}\`.`);
    return {
      url,
      async stop() {
        await server.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
