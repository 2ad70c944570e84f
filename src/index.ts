// type-graphql reads decorator metadata as modules load: the polyfill must come first.
import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { MigrationError } from "./db/migrate";
import { startCaregraph } from "./start";

/** `npm start`: starts Caregraph from the environment's settings and stops it gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const caregraph = await startCaregraph(loadConfig());
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    await caregraph.stop();
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
