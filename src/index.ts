// type-graphql reads decorator metadata as modules load: the polyfill must come first.
import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { MigrationError } from "./db/migrate";
import { startCaregraph } from "./start";

/** `npm start`: starts Caregraph from the environment's settings and stops it gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const caregraph = await startCaregraph(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    // A request or a statement hung on an unreachable database must not keep the process alive.
    setTimeout(() => {
      console.error(`Caregraph did not stop within ${config.shutdownTimeoutMs} ms (SHUTDOWN_TIMEOUT_MS); exiting anyway.`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    try {
      await caregraph.stop();
    } catch (error) {
      console.error(`Caregraph did not stop cleanly: ${(error as Error).message}`);
      process.exit(1);
    }
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
