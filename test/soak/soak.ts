/**
 * `npm run soak`: the server under a steady mix of reads and writes for a few
 * minutes, to show that nothing fails that should not and that memory stays
 * flat. It starts the compiled server (`node dist/src/index.js`) on a fresh
 * database (a scratch database on DATABASE_URL's server, dropped afterwards,
 * or the embedded one in a temporary directory), then this process is the
 * client: SOAK_CONCURRENCY loops (default 8) for SOAK_MINUTES (default 3),
 * loopback only. Every 15 s it prints the server's resident memory. Exit
 * status 1 when any answer was unexpected. Not part of `npm test`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/paths";
import { createDisposableDatabase, type DisposableDatabase } from "../setup/test-database";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 3);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 8);
const SAMPLE_EVERY_MS = 15_000;
const REQUEST_TIMEOUT_MS = 30_000;

interface Operation {
  name: string;
  weight: number;
  /** The GraphQL request; null when it cannot run yet (nothing created to update). */
  request(): { query: string; variables?: Record<string, unknown>; signedIn?: boolean } | null;
  /** Error codes this operation may meet under concurrency (e.g. a lost update race). */
  expectedCodes?: string[];
  onData?(data: any): void;
}

interface Tally {
  ok: number;
  expected: number;
  unexpected: number;
  latencies: number[];
}

async function main(): Promise<void> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "caregraph-soak-"));
  let scratch: DisposableDatabase | undefined;
  if (process.env.DATABASE_URL) scratch = await createDisposableDatabase("soak");
  // One client sends the whole load: the per-client rate limit would answer 429 to most of it.
  const env = { PATH: process.env.PATH ?? "", PORT: "0", RATE_LIMIT_MAX: "0", ...(scratch ? { DATABASE_URL: scratch.url } : { EMBEDDED_DATA_DIR: path.join(workDir, "data") }) };
  const server = spawn(process.execPath, ["dist/src/index.js"], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let serverErrors = "";
  server.stderr.on("data", (chunk) => (serverErrors += chunk));
  try {
    const url = await listening(server);
    const token = execFileSync(process.execPath, ["dist/src/cli/token-create.js", "--name", "soak", "--role", "REVIEWER"], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ["ignore", "pipe", "ignore"],
    })
      .toString()
      .trim();
    console.log(`Soak: ${MINUTES} min, ${CONCURRENCY} concurrent clients against ${url} (${scratch ? "PostgreSQL" : "embedded database"}), server pid ${server.pid}`);
    await run(url, token, server.pid!);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    if (serverErrors.trim()) console.log(`Server stderr:\n${serverErrors.trim().split("\n").slice(0, 20).join("\n")}`);
    await scratch?.drop();
    await rm(workDir, { recursive: true, force: true });
  }
}

async function run(url: string, token: string, serverPid: number): Promise<void> {
  const created: { id: string; version: number }[] = [];
  let backSpasmsId = "";
  let serial = 0;
  const operations: Operation[] = [
    {
      name: "entity with relations",
      weight: 30,
      request: () => ({ query: `{ entity(slug: "back-spasms") { id name relations { predicate subject { name } object { name } } } }` }),
      onData: (data) => (backSpasmsId = data.entity.id),
    },
    { name: "entities page", weight: 15, request: () => ({ query: `{ entities(first: 50) { totalCount edges { cursor node { name kind } } } }` }) },
    { name: "search", weight: 15, request: () => ({ query: `{ search(query: "spasm") { name } }` }) },
    {
      name: "neighborhood",
      weight: 10,
      request: () => (backSpasmsId ? { query: `query ($id: ID!) { neighborhood(id: $id, depth: 2) { entities { name } } }`, variables: { id: backSpasmsId } } : null),
    },
    {
      name: "createEntity",
      weight: 15,
      request: () => ({
        query: `mutation ($name: String!) { createEntity(input: { kind: TREATMENT, name: $name }) { id version } }`,
        variables: { name: `Soak remedy ${process.pid}-${++serial}` },
        signedIn: true,
      }),
      onData: (data) => created.push(data.createEntity),
    },
    {
      name: "updateEntity",
      weight: 15,
      expectedCodes: ["CONFLICT"],
      request: () => {
        const record = created[Math.floor(Math.random() * created.length)];
        if (!record) return null;
        return {
          query: `mutation ($id: ID!, $v: Int!, $s: String!) { updateEntity(id: $id, expectedVersion: $v, input: { summary: $s }) { id version } }`,
          variables: { id: record.id, v: record.version, s: `Summary ${++serial}` },
          signedIn: true,
        };
      },
      onData: (data) => {
        const record = created.find((entry) => entry.id === data.updateEntity.id);
        if (record) record.version = Math.max(record.version, data.updateEntity.version);
      },
    },
  ];
  const tallies = new Map(operations.map((operation) => [operation.name, { ok: 0, expected: 0, unexpected: 0, latencies: [] } as Tally]));
  const unexpected: string[] = [];
  const totalWeight = operations.reduce((sum, operation) => sum + operation.weight, 0);
  const pick = () => {
    let roll = Math.random() * totalWeight;
    for (const operation of operations) if ((roll -= operation.weight) < 0) return operation;
    return operations[0];
  };

  const started = Date.now();
  const endAt = started + MINUTES * 60_000;
  const samples: { atS: number; requests: number; rssMb: number }[] = [];
  const sample = () => {
    const requests = [...tallies.values()].reduce((sum, tally) => sum + tally.ok + tally.expected + tally.unexpected, 0);
    const rssMb = residentMb(serverPid);
    samples.push({ atS: Math.round((Date.now() - started) / 1000), requests, rssMb });
    console.log(`  ${String(samples.at(-1)!.atS).padStart(4)} s  ${String(requests).padStart(7)} requests  server RSS ${rssMb.toFixed(1)} MB`);
  };
  sample();
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);

  const client = async () => {
    while (Date.now() < endAt) {
      const operation = pick();
      const request = operation.request();
      if (!request) continue;
      const tally = tallies.get(operation.name)!;
      const begun = performance.now();
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(request.signedIn && { authorization: `Bearer ${token}` }) },
          body: JSON.stringify({ query: request.query, variables: request.variables }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const body = (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
        tally.latencies.push(performance.now() - begun);
        const codes = (body.errors ?? []).map((error) => error.extensions?.code ?? "none");
        if (response.status === 200 && codes.length === 0) {
          tally.ok++;
          operation.onData?.(body.data);
        } else if (codes.length > 0 && codes.every((code) => operation.expectedCodes?.includes(code))) {
          tally.expected++;
        } else {
          tally.unexpected++;
          unexpected.push(`${operation.name}: HTTP ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 200)}`);
        }
      } catch (error) {
        tally.unexpected++;
        unexpected.push(`${operation.name}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  clearInterval(sampler);
  sample();

  const seconds = (Date.now() - started) / 1000;
  console.log(`\n${"operation".padEnd(24)} ${"ok".padStart(7)} ${"expected".padStart(9)} ${"unexpected".padStart(11)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)}`);
  let total = 0;
  for (const [name, tally] of tallies) {
    total += tally.ok + tally.expected + tally.unexpected;
    console.log(
      `${name.padEnd(24)} ${String(tally.ok).padStart(7)} ${String(tally.expected).padStart(9)} ${String(tally.unexpected).padStart(11)} ${percentile(tally.latencies, 0.5).padStart(8)} ${percentile(tally.latencies, 0.99).padStart(8)}`,
    );
  }
  // The first minute warms up (JIT, pools, PGlite's buffers); flat means no growth after it.
  const warm = samples.find((entry) => entry.atS >= 60) ?? samples[0];
  const last = samples.at(-1)!;
  console.log(`\n${total} requests in ${seconds.toFixed(0)} s (${(total / seconds).toFixed(0)}/s); ${unexpected.length} unexpected.`);
  console.log(`Server RSS: ${samples[0].rssMb.toFixed(1)} MB at start, ${warm.rssMb.toFixed(1)} MB at ${warm.atS} s, ${last.rssMb.toFixed(1)} MB at the end (${(((last.rssMb - warm.rssMb) / warm.rssMb) * 100).toFixed(1)}% after warm-up).`);
  for (const line of unexpected.slice(0, 10)) console.log(`  unexpected: ${line}`);
  if (unexpected.length > 0) process.exitCode = 1;
}

function listening(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    server.stdout!.on("data", (chunk) => {
      output += chunk;
      const match = /GraphQL API at (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    server.once("exit", (code) => reject(new Error(`The server exited with ${code} before listening.`)));
  });
}

function residentMb(pid: number): number {
  const kilobytes = Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)]).toString().trim());
  return kilobytes / 1024;
}

function percentile(values: number[], fraction: number): string {
  if (values.length === 0) return "-";
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))].toFixed(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
