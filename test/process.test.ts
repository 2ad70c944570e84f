import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../src/paths";
import { embeddedOwner } from "../src/db/embedded-owner";
import { createDisposableDatabase, type DisposableDatabase } from "./setup/test-database";
import { startTcpProxy } from "./support/tcp-proxy";

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

const started: ChildProcess[] = [];

/** Runs the compiled server (`node dist/src/index.js`, as `npm start` does) with these settings. */
function startProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ["dist/src/index.js"], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  started.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited: Promise<Exit> = once(child, "exit").then(([code]) => ({ code: code as number | null, stdout, stderr }));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const match = /GraphQL API at (\S+)/.exec(stdout);
      if (match) resolve(match[1]);
    });
    void exited.then((exit) => reject(new Error(`exited ${exit.code}: ${exit.stderr}`)));
  });
  // A start that is meant to fail never listens; only awaiting it should throw.
  listening.catch(() => undefined);
  return { child, exited, listening };
}

// The process as users and orchestrators see it: start-up failures and signals.
describe("the server process", () => {
  let tempDir: string;
  let scratch: DisposableDatabase | undefined;
  let databaseEnv: Record<string, string>;

  beforeAll(async () => {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: PROJECT_ROOT });
    tempDir = await mkdtemp(path.join(os.tmpdir(), "caregraph-process-"));
    if (process.env.DATABASE_URL) scratch = await createDisposableDatabase("process");
    databaseEnv = scratch ? { DATABASE_URL: scratch.url } : { EMBEDDED_DATA_DIR: path.join(tempDir, "data") };
  }, 120_000);

  afterAll(async () => {
    // A failed test may leave its server running: never outlive the suite.
    for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
    await scratch?.drop();
    await rm(tempDir, { recursive: true, force: true });
  });

  it("stops gracefully on SIGTERM, with exit code 0", async () => {
    const server = startProcess({ ...databaseEnv, PORT: "0" });
    const url = await server.listening;
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ __typename }"}' });
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
    server.child.kill("SIGTERM");
    const exit = await server.exited;
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain("SIGTERM: finishing requests in flight, then stopping.");
    if (!scratch) expect(await embeddedOwner(path.join(tempDir, "data"))).toBeNull();
  }, 180_000); // the first start creates the embedded database: slow on a busy machine

  it("refuses a port in use with one readable line and a non-zero exit, before touching the database", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as import("node:net").AddressInfo).port;
    const untouched = path.join(tempDir, "untouched");
    try {
      const exit = await startProcess({ ...databaseEnv, EMBEDDED_DATA_DIR: untouched, PORT: String(port) }).exited;
      expect(exit.code).toBe(1);
      expect(exit.stderr.trim()).toBe(`Caregraph cannot start: Port ${port} is already in use (PORT).`);
      expect(existsSync(untouched)).toBe(false);
    } finally {
      taken.close();
    }
  });

  it("refuses a bad DATABASE_URL with one readable line and a non-zero exit", async () => {
    const exit = await startProcess({ DATABASE_URL: "mysql://localhost/caregraph" }).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Caregraph cannot start: Invalid DATABASE_URL: must be a postgres/)]);
  });

  it("refuses an unreachable database with one readable line and a non-zero exit", async () => {
    const exit = await startProcess({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/caregraph", DATABASE_CONNECT_TIMEOUT_MS: "2000" }).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Caregraph cannot start: Cannot reach the database at 127\.0\.0\.1:1\/caregraph/)]);
  });

  // A hung statement needs a database that stops answering: a proxy in front of PostgreSQL. The embedded
  // database runs inside the server process, where nothing outside it can freeze one of its connections.
  const postgresOnly = process.env.DATABASE_URL ? it : it.skip;

  postgresOnly("stops within SHUTDOWN_TIMEOUT_MS on SIGTERM even with a query hung on a frozen connection, then exits 1", async () => {
    const proxy = await startTcpProxy(scratch!.url);
    try {
      const hangs = { DATABASE_STATEMENT_TIMEOUT_MS: "60000", DATABASE_CONNECT_TIMEOUT_MS: "60000", REQUEST_TIMEOUT_MS: "60000" };
      const server = startProcess({ DATABASE_URL: proxy.url, ...hangs, SHUTDOWN_TIMEOUT_MS: "2000", PORT: "0" });
      const url = await server.listening;
      proxy.freeze();
      const hung = fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ entities { totalCount } }"}' }).catch(() => "cut");
      await new Promise((resolve) => setTimeout(resolve, 500));
      const signalled = Date.now();
      server.child.kill("SIGTERM");
      const exit = await server.exited;
      expect(Date.now() - signalled).toBeLessThan(10_000);
      expect(exit.code).toBe(1);
      expect(exit.stderr).toContain("Caregraph did not stop within 2000 ms (SHUTDOWN_TIMEOUT_MS); exiting anyway.");
      await hung;
    } finally {
      await proxy.close();
    }
  }, 180_000);
});

// The embedded database's data directory after a crash: one owner, nothing lost.
describe("the embedded database's single owner", () => {
  const embeddedOnly = process.env.DATABASE_URL ? it.skip : it; // DATABASE_URL's server has no data directory to own
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "caregraph-owner-"));
  });

  afterAll(async () => {
    for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  async function countDrafts(url: string, token: string): Promise<number> {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ entities(includeDrafts: true) { totalCount } }` }),
    });
    return ((await response.json()) as any).data.entities.totalCount;
  }

  embeddedOnly(
    "after kill -9, six servers started at once: exactly one serves, five exit with one line, and every acknowledged write is there",
    async () => {
      const env = { EMBEDDED_DATA_DIR: dataDir, PORT: "0" };
      const first = startProcess(env);
      const url = await first.listening;
      // The command borrows the running server's database.
      const token = execFileSync(process.execPath, ["dist/src/cli/token-create.js", "--name", "ada", "--role", "EDITOR"], {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH ?? "", EMBEDDED_DATA_DIR: dataDir },
        stdio: ["ignore", "pipe", "ignore"],
      })
        .toString()
        .trim();
      for (let index = 1; index <= 10; index++) {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: `mutation { createEntity(input: { kind: TREATMENT, name: "Acknowledged ${index}" }) { id } }` }),
        });
        expect(((await response.json()) as any).data.createEntity.id).toEqual(expect.any(String));
      }
      const acknowledged = await countDrafts(url, token);
      expect(acknowledged).toBe(78 + 10);
      first.child.kill("SIGKILL");
      await first.exited;
      // What an older version left behind, naming a PID that is alive (PID 1): it must not matter.
      await writeFile(path.join(dataDir, "caregraph-owner.json"), JSON.stringify({ pid: 1, use: "server", url: "postgresql://postgres@127.0.0.1:1/postgres" }));

      const six = Array.from({ length: 6 }, () => startProcess(env));
      const outcomes = await Promise.all(
        six.map((server) => server.listening.then((serving) => ({ serving, exit: null }), async () => ({ serving: null, exit: await server.exited }))),
      );
      const serving = outcomes.filter((outcome) => outcome.serving);
      expect(serving).toHaveLength(1);
      for (const { exit } of outcomes.filter((outcome) => outcome.exit)) {
        expect(exit!.code).toBe(1);
        expect(exit!.stderr.trim().split("\n")).toEqual([
          expect.stringMatching(/^Caregraph cannot start: The embedded database in .* is already served by another Caregraph server \(process \d+\)/),
        ]);
      }
      expect(await countDrafts(serving[0].serving!, token)).toBe(acknowledged);
      const winner = six[outcomes.indexOf(serving[0])];
      winner.child.kill("SIGTERM");
      expect((await winner.exited).code).toBe(0);

      const again = startProcess(env);
      expect(await countDrafts(await again.listening, token)).toBe(acknowledged);
      again.child.kill("SIGTERM");
      expect((await again.exited).code).toBe(0);
    },
    480_000, // eight server starts, the first creating the database: minutes on a busy machine
  );
});
