import path from "node:path";
import { z } from "zod";

/** Every setting Caregraph reads from the environment, parsed and checked once. */
export interface Config {
  /** PostgreSQL to use; absent means the embedded database. */
  databaseUrl: string | undefined;
  /** Data directory of the embedded database. */
  embeddedDataDir: string;
  port: number;
  host: string;
  databasePoolMax: number;
  databaseConnectTimeoutMs: number;
  /** Load the seed article when the database has no content. */
  seedOnStart: boolean;
  /** A persisted query manifest: when set, only its operations are accepted. */
  trustedOperationsFile: string | undefined;
}

const postgresUrl = z
  .string()
  .refine((value) => {
    try {
      return ["postgres:", "postgresql:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, "must be a postgres:// or postgresql:// URL, e.g. postgresql://postgres@127.0.0.1:5432/caregraph");

const integer = (min: number, max: number) => {
  const range = `must be an integer from ${min} to ${max}`;
  return z.coerce.number(range).int(range).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
};

const flag = z.enum(["true", "false"], "must be true or false").transform((value) => value === "true");

const environment = z.object({
  DATABASE_URL: postgresUrl.optional(),
  EMBEDDED_DATA_DIR: z.string().min(1).default(".data/pglite"),
  PORT: integer(0, 65535).default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_POOL_MAX: integer(1, 1000).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: integer(100, 600_000).default(5000),
  SEED_ON_START: flag.default(true),
  TRUSTED_OPERATIONS: z.string().min(1).optional(),
});

/** Thrown for a setting that cannot be used; its message is one readable line. */
export class ConfigError extends Error {}

/** Reads the configuration; throws ConfigError naming the first bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' .env habits.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid ${String(issue.path[0])}: ${issue.message}`);
  }
  const settings = parsed.data;
  return {
    databaseUrl: settings.DATABASE_URL,
    embeddedDataDir: path.resolve(settings.EMBEDDED_DATA_DIR),
    port: settings.PORT,
    host: settings.HOST,
    databasePoolMax: settings.DATABASE_POOL_MAX,
    databaseConnectTimeoutMs: settings.DATABASE_CONNECT_TIMEOUT_MS,
    seedOnStart: settings.SEED_ON_START,
    trustedOperationsFile: settings.TRUSTED_OPERATIONS && path.resolve(settings.TRUSTED_OPERATIONS),
  };
}
