import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../src/paths";
import { createDisposableDatabase, type DisposableDatabase } from "./setup/test-database";

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
    if (!scratch) expect(existsSync(path.join(tempDir, "data", "caregraph-owner.json"))).toBe(false);
  });

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
});
