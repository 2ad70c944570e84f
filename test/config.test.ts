import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { ConfigError, loadConfig } from "../src/config";
import { startEmbeddedPostgres } from "../src/db/embedded";
import { openDatabase } from "../src/db/open";
import { listen } from "../src/server";

/** The ConfigError `run` throws; fails the test when it throws nothing else. */
async function configErrorOf(run: () => unknown): Promise<ConfigError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError, but nothing was thrown");
}

describe("configuration", () => {
  it("defaults to the embedded database under the project, on port 4000", () => {
    expect(loadConfig({})).toMatchObject({
      databaseUrl: undefined,
      embeddedDataDir: path.resolve(".data/pglite"),
      port: 4000,
      host: "127.0.0.1",
      databasePoolMax: 10,
      databaseConnectTimeoutMs: 5000,
      databaseStatementTimeoutMs: 5000,
      databaseIdleInTransactionTimeoutMs: 10_000,
      databaseKeepaliveMs: 10_000,
      requestTimeoutMs: 15_000,
      readyTimeoutMs: 2000,
      shutdownTimeoutMs: 20_000,
      seedOnStart: true,
      trustedOperationsFile: undefined,
    });
  });

  it("defaults the HTTP edge: open schema in development, closed in production, admission limits, no CORS origin", () => {
    expect(loadConfig({})).toMatchObject({
      production: false,
      introspection: "public",
      schemaSuggestions: true,
      limits: { maxCost: 5000, maxDepth: 10, maxAliases: 20, maxRootFields: 10, maxTokens: 2000, maxDirectives: 10 },
      maxBodyBytes: 1024 * 1024,
      corsOrigins: [],
      rateLimit: { max: 1200, windowMs: 60_000 },
      logLevel: "info",
    });
    expect(loadConfig({ NODE_ENV: "production" })).toMatchObject({ production: true, introspection: "off", schemaSuggestions: false });
    expect(loadConfig({ NODE_ENV: "production", INTROSPECTION: "signed-in", SCHEMA_SUGGESTIONS: "true" })).toMatchObject({
      introspection: "signed-in",
      schemaSuggestions: true,
    });
    expect(loadConfig({ NODE_ENV: "test" }).logLevel).toBe("silent");
    expect(loadConfig({ CORS_ORIGINS: "https://app.example.org, http://localhost:5173" }).corsOrigins).toEqual([
      "https://app.example.org",
      "http://localhost:5173",
    ]);
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" })).toMatchObject({ databaseUrl: undefined, port: 4000 });
  });

  it.each([
    ["DATABASE_URL", "mysql://root@127.0.0.1/caregraph"],
    ["DATABASE_URL", "not a url"],
    ["PORT", "http"],
    ["PORT", "70000"],
    ["PORT", "80.5"],
    ["INTROSPECTION", "yes"],
    ["MAX_QUERY_COST", "0"],
    ["CORS_ORIGINS", "https://app.example.org/path"],
    ["LOG_LEVEL", "loud"],
  ])("refuses %s=%j with one line naming the variable", async (name, value) => {
    const error = await configErrorOf(() => loadConfig({ [name]: value }));
    expect(error.message).toMatch(new RegExp(`^Invalid ${name}: must be `));
    expect(error.message).not.toContain("\n");
  });

  it("refuses an unreachable DATABASE_URL at start with one line", async () => {
    const config = loadConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/caregraph", DATABASE_CONNECT_TIMEOUT_MS: "2000" });
    const error = await configErrorOf(() => openDatabase(config, "server"));
    expect(error.message).toMatch(/^Cannot reach the database at 127\.0\.0\.1:1\/caregraph \(DATABASE_URL\): /);
    expect(error.message).not.toContain("\n");
  });

  it("refuses a port that is already in use with one line naming PORT", async () => {
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const error = await configErrorOf(() => listen(http.createServer(), port, "127.0.0.1"));
      expect(error.message).toBe(`Port ${port} is already in use (PORT).`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

describe("the embedded database", () => {
  it("keeps its data across a restart", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "caregraph-restart-"));
    const query = async (url: string, sql: string) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };
    try {
      const first = await startEmbeddedPostgres(dataDir);
      try {
        await query(first.url, `CREATE TABLE "note" ("text" TEXT); INSERT INTO "note" VALUES ('still here')`);
      } finally {
        await first.stop();
      }
      const second = await startEmbeddedPostgres(dataDir);
      try {
        expect(await query(second.url, `SELECT "text" FROM "note"`)).toEqual([{ text: "still here" }]);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
