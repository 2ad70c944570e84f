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
  /** How long a query or a transaction waits for a pooled connection, and a new connection for the server's hello. */
  databaseConnectTimeoutMs: number;
  /** PostgreSQL `statement_timeout`; the client gives up on an unanswered statement a second later. */
  databaseStatementTimeoutMs: number;
  /** PostgreSQL `idle_in_transaction_session_timeout`: frees locks held by a client that went silent. */
  databaseIdleInTransactionTimeoutMs: number;
  /** Idle time before TCP keepalive probes start on a database connection. */
  databaseKeepaliveMs: number;
  /** Per-request deadline: a request still running after this gets DEADLINE_EXCEEDED. */
  requestTimeoutMs: number;
  /** How long `GET /ready` waits for `SELECT 1`. */
  readyTimeoutMs: number;
  /** How long SIGTERM/SIGINT may take; after it the process exits with status 1. */
  shutdownTimeoutMs: number;
  /** Load the seed article when the database has no content. */
  seedOnStart: boolean;
  /** NODE_ENV=production: the defaults below tighten (introspection, suggestions). */
  production: boolean;
  /** Who may run introspection (`__schema`, `__type`): everyone, signed-in viewers only, or no one. */
  introspection: "public" | "signed-in" | "off";
  /** "Did you mean ...?" hints in validation errors, which reveal the schema. */
  schemaSuggestions: boolean;
  /** Admission limits, checked before an operation runs (src/graphql/admission.ts). */
  limits: QueryLimits;
  /** Largest request body, in bytes; a larger one is 413. */
  maxBodyBytes: number;
  /** Origins allowed to call the API from a browser (CORS); none by default. */
  corsOrigins: string[];
  /** Requests per client (token, else IP) per window; 0 turns the limit off. */
  rateLimit: { max: number; windowMs: number };
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** A persisted query manifest: when set, only its operations are accepted. */
  trustedOperationsFile: string | undefined;
}

/** What one operation may ask for; see the README's "Admission control". */
export interface QueryLimits {
  maxCost: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxTokens: number;
  maxDirectives: number;
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
  DATABASE_STATEMENT_TIMEOUT_MS: integer(100, 3_600_000).default(5000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: integer(100, 3_600_000).default(10_000),
  DATABASE_KEEPALIVE_MS: integer(1000, 3_600_000).default(10_000),
  REQUEST_TIMEOUT_MS: integer(100, 3_600_000).default(15_000),
  READY_TIMEOUT_MS: integer(100, 60_000).default(2000),
  SHUTDOWN_TIMEOUT_MS: integer(100, 600_000).default(20_000),
  SEED_ON_START: flag.default(true),
  NODE_ENV: z.string().optional(),
  INTROSPECTION: z.enum(["public", "signed-in", "off"], "must be public, signed-in or off").optional(),
  SCHEMA_SUGGESTIONS: flag.optional(),
  MAX_QUERY_COST: integer(1, 10_000_000).default(5000),
  MAX_QUERY_DEPTH: integer(1, 1000).default(10),
  MAX_QUERY_ALIASES: integer(0, 10_000).default(20),
  MAX_ROOT_FIELDS: integer(1, 10_000).default(10),
  MAX_QUERY_TOKENS: integer(10, 1_000_000).default(2000),
  MAX_QUERY_DIRECTIVES: integer(0, 10_000).default(10),
  MAX_BODY_BYTES: integer(1024, 100 * 1024 * 1024).default(1024 * 1024),
  CORS_ORIGINS: z
    .string()
    .transform((value) => value.split(",").map((origin) => origin.trim()).filter(Boolean))
    .refine((origins) => origins.every((origin) => /^https?:\/\/[^/\s]+$/.test(origin)), "must be a comma-separated list of origins such as https://app.example.org (scheme and host, no path)")
    .default([]),
  RATE_LIMIT_MAX: integer(0, 1_000_000).default(1200),
  RATE_LIMIT_WINDOW_MS: integer(1000, 86_400_000).default(60_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], "must be fatal, error, warn, info, debug, trace or silent").optional(),
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
  const production = settings.NODE_ENV === "production";
  return {
    databaseUrl: settings.DATABASE_URL,
    embeddedDataDir: path.resolve(settings.EMBEDDED_DATA_DIR),
    port: settings.PORT,
    host: settings.HOST,
    databasePoolMax: settings.DATABASE_POOL_MAX,
    databaseConnectTimeoutMs: settings.DATABASE_CONNECT_TIMEOUT_MS,
    databaseStatementTimeoutMs: settings.DATABASE_STATEMENT_TIMEOUT_MS,
    databaseIdleInTransactionTimeoutMs: settings.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    databaseKeepaliveMs: settings.DATABASE_KEEPALIVE_MS,
    requestTimeoutMs: settings.REQUEST_TIMEOUT_MS,
    readyTimeoutMs: settings.READY_TIMEOUT_MS,
    shutdownTimeoutMs: settings.SHUTDOWN_TIMEOUT_MS,
    seedOnStart: settings.SEED_ON_START,
    production,
    // Production closes what helps an attacker map the API, unless a setting opens it.
    introspection: settings.INTROSPECTION ?? (production ? "off" : "public"),
    schemaSuggestions: settings.SCHEMA_SUGGESTIONS ?? !production,
    limits: {
      maxCost: settings.MAX_QUERY_COST,
      maxDepth: settings.MAX_QUERY_DEPTH,
      maxAliases: settings.MAX_QUERY_ALIASES,
      maxRootFields: settings.MAX_ROOT_FIELDS,
      maxTokens: settings.MAX_QUERY_TOKENS,
      maxDirectives: settings.MAX_QUERY_DIRECTIVES,
    },
    maxBodyBytes: settings.MAX_BODY_BYTES,
    corsOrigins: settings.CORS_ORIGINS,
    rateLimit: { max: settings.RATE_LIMIT_MAX, windowMs: settings.RATE_LIMIT_WINDOW_MS },
    // Tests (Jest sets NODE_ENV=test) stay quiet unless LOG_LEVEL asks otherwise.
    logLevel: settings.LOG_LEVEL ?? (settings.NODE_ENV === "test" ? "silent" : "info"),
    trustedOperationsFile: settings.TRUSTED_OPERATIONS && path.resolve(settings.TRUSTED_OPERATIONS),
  };
}
