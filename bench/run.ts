import path from "node:path";
import { ensureBenchDatabase, ensureBenchEmbedded } from "./bench-database";
import { sizeLabel } from "./graph-shape";
import { type Cell, clean, loadRun, median, type SharedCoreRun } from "./measure";
import { type BenchOptions, parseOptions, USAGE } from "./options";
import { ask, findTargets, type MixQuery, type Peer, peerOf, QUERY_MIX, resolveTargets, type Targets } from "./query-mix";
import { writeReport, type SizeResult } from "./report";
import { pinDatabase } from "./database-pinning";
import { canPin, pinning, type RunningServer, type ServerSpec, startServer } from "./servers";
import { startStatementCounter, type StatementCounter } from "./statement-counter";

// The load comes from one address: Caregraph's per-client rate limit would answer 429 within a run
// (`--caregraph-env RATE_LIMIT_MAX=...` sets it back).
const UNLIMITED = { RATE_LIMIT_MAX: "0" };

/*
 * `npm run bench`: builds (or reuses) the bench databases, starts the peers
 * on the server core, and loads them from a second process on the load core.
 * See bench/results.md for the method and the last figures.
 */

const ROOT = path.resolve(__dirname, "..", "..");
const SERVER_CPU = 0;
const LOAD_CPU = 1;
// Sequential requests whose statements are counted, after as many warm-up requests.
const COUNTED_REQUESTS = 10;
// Seconds of unrecorded load each server takes before a query's measured runs:
// until the JIT has compiled the hot path and caches, pools and plans are
// filled (20 sequential requests left Caregraph's first seconds unoptimised).
const WARM_UP_SECONDS = 3;

function serverSpec(peer: Peer, databaseUrl: string, options: BenchOptions): ServerSpec {
  const database = { DATABASE_URL: databaseUrl, NODE_ENV: "production", ...UNLIMITED };
  switch (peer) {
    case "caregraph":
      return {
        name: peer,
        script: path.join(ROOT, "dist", "src", "index.js"),
        env: { ...database, SEED_ON_START: "false", PORT: "0", HOST: "127.0.0.1", ...options.caregraphEnv },
      };
    case "postgraphile":
      return { name: peer, script: path.join(__dirname, "postgraphile-server.js"), env: database };
    case "floor":
      return { name: peer, script: path.join(__dirname, "floor-server.js"), env: database };
  }
}

async function startAll(specs: ServerSpec[], pin: string[]): Promise<RunningServer[]> {
  const servers: RunningServer[] = [];
  try {
    // One at a time: start-up work (PostGraphile's introspection, Caregraph's migrations check) is not measured.
    for (const spec of specs) servers.push(await startServer(spec, pin));
    return servers;
  } catch (error) {
    await stopAll(servers);
    throw error;
  }
}

async function stopAll(servers: RunningServer[]): Promise<void> {
  await Promise.all(servers.map((server) => server.stop()));
}

const urlsOf = (servers: RunningServer[]) => Object.fromEntries(servers.map((server) => [server.name, server.url])) as Partial<Record<Peer, string>>;

/**
 * First pass: each peer behind a statement-counting proxy. Checks that every
 * peer's answer holds the same content as Caregraph's and counts statements
 * per request. Returns the cells, keyed "query/peer".
 */
async function countingPass(databaseUrl: string, entities: number, targets: Targets, options: BenchOptions, queries: MixQuery[], pin: string[]) {
  const counters = new Map<Peer, StatementCounter>();
  for (const peer of options.peers) counters.set(peer, await startStatementCounter(databaseUrl));
  const servers = await startAll(options.peers.map((peer) => serverSpec(peer, counters.get(peer)!.url, options)), pin).catch(async (error) => {
    await Promise.all([...counters.values()].map((counter) => counter.close()));
    throw error;
  });
  const cells = new Map<string, Cell>();
  try {
    const resolved = await resolveTargets(targets, urlsOf(servers));
    for (const query of queries) {
      let reference: string | undefined;
      for (const peer of options.peers) {
        const cell: Cell = { entities, query: query.id, server: peer, status: "ok", concurrency: [], sharedCore: [], atRate: [] };
        cells.set(`${query.id}/${peer}`, cell);
        const text = query.text(peer, resolved);
        if (text === null) {
          cell.status = "n/a";
          continue;
        }
        const url = urlsOf(servers)[peer]!;
        try {
          const content = JSON.stringify(query.content(peer, (await ask(url, text)).data));
          cell.content = content;
          if (peer === "caregraph") reference = content;
          else if (reference !== undefined && content !== reference) {
            cell.status = "answer differs from Caregraph's";
            continue;
          }
          for (let i = 0; i < COUNTED_REQUESTS; i++) await ask(url, text);
          const before = counters.get(peer)!.count();
          for (let i = 0; i < COUNTED_REQUESTS; i++) await ask(url, text);
          cell.statements = (counters.get(peer)!.count() - before) / COUNTED_REQUESTS;
        } catch (error) {
          cell.status = `error: ${(error as Error).message.split("\n")[0].slice(0, 200)}`;
        }
      }
    }
    return { cells, resolved };
  } finally {
    await stopAll(servers);
    await Promise.all([...counters.values()].map((counter) => counter.close()));
  }
}

/** Load runs of every runnable cell: fixed concurrency, then a fixed rate of half Caregraph's maximum; servers alternate in each round. */
async function loadPass(
  servers: RunningServer[],
  cellsOf: (query: string) => Cell[],
  textOf: (query: MixQuery, server: string) => string,
  queries: MixQuery[],
  options: BenchOptions,
  loadPin: string[],
  log: (line: string) => void,
): Promise<void> {
  for (const query of queries) {
    const runnable = cellsOf(query.id).filter((cell) => cell.status === "ok");
    const samples = new Map<string, { url: string; body: string; expected: string }>();
    for (const cell of runnable) {
      const server = servers.find((candidate) => candidate.name === cell.server)!;
      const body = JSON.stringify({ query: textOf(query, cell.server) });
      const post = () => fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body }).then((r) => r.text());
      // The verified sample: its content was checked against Caregraph's in the counting pass, and again here.
      const expected = await post();
      if (cell.content !== undefined && JSON.stringify(query.content(peerOf(cell.server), JSON.parse(expected).data)) !== cell.content) {
        cell.status = "answer differs from the checked one";
        continue;
      }
      const sample = { url: server.url, body, expected };
      samples.set(cell.server, sample);
      await loadRun({ ...sample, connections: options.connections, duration: WARM_UP_SECONDS }, loadPin);
    }
    const ready = runnable.filter((cell) => samples.has(cell.server));
    const rounds = async (mode: "concurrency" | "rate", rate?: number) => {
      for (let round = 0; round < options.rounds; round++) {
        const order = ready.map((_, i) => ready[(i + round) % ready.length]);
        for (const cell of order) {
          const sample = samples.get(cell.server)!;
          const result = await loadRun({ ...sample, connections: options.connections, duration: options.duration, rate }, loadPin);
          (mode === "rate" ? cell.atRate : cell.concurrency).push(result);
          if (!clean(result)) cell.status = "failed responses";
          log(`  ${query.id} ${cell.server} ${mode === "rate" ? `@${rate}/s` : `c=${options.connections}`} round ${round + 1}: `
            + `${result.requestsPerSecond.toFixed(0)} req/s p50 ${result.p50} ms p99 ${result.p99} ms${clean(result) ? "" : ` (errors ${result.errors}, non-2xx ${result.non2xx}, mismatches ${result.mismatches})`}`);
        }
      }
    };
    if (ready.length === 0) continue;
    await rounds("concurrency");
    if (ready.length > 1) {
      for (let round = 0; round < options.rounds; round++) {
        const runs = await sharedCoreRun(ready.map((cell) => ({ server: servers.find((s) => s.name === cell.server)!, sample: samples.get(cell.server)! })), options, loadPin);
        ready.forEach((cell, i) => {
          cell.sharedCore.push(runs[i]);
          if (!clean(runs[i])) cell.status = "failed responses";
        });
        log(`  ${query.id} shared core round ${round + 1}: `
          + ready.map((cell, i) => `${cell.server} ${runs[i].requestsPerSecond.toFixed(0)} req/s ${runs[i].cpuMsPerRequest.toFixed(2)} ms CPU/request`).join(", "));
      }
    }
    const caregraph = ready.find((cell) => cell.server.startsWith("caregraph"));
    const maxima = (caregraph ? [caregraph] : ready).map((cell) => median(cell.concurrency.map((r) => r.requestsPerSecond)));
    const rate = Math.max(1, Math.floor(Math.min(...maxima) / 2));
    for (const cell of ready) cell.rate = rate;
    await rounds("rate", rate);
  }
}

/**
 * Loads every server at once, each from its own load process (all on the
 * load core), and reads each server's CPU time over the run: they share the
 * server core, so a server's CPU per request decides its share of the answers.
 */
async function sharedCoreRun(
  peers: { server: RunningServer; sample: { url: string; body: string; expected: string } }[],
  options: BenchOptions,
  loadPin: string[],
): Promise<SharedCoreRun[]> {
  const before = await Promise.all(peers.map(({ server }) => server.cpuMs()));
  const results = await Promise.all(peers.map(({ sample }) => loadRun({ ...sample, connections: options.connections, duration: options.duration }, loadPin)));
  const after = await Promise.all(peers.map(({ server }) => server.cpuMs()));
  return results.map((result, i) => ({ ...result, cpuMsPerRequest: (after[i] - before[i]) / result.total }));
}

async function benchSize(entities: number, options: BenchOptions, pins: { server: string[]; load: string[] }, log: (line: string) => void): Promise<SizeResult> {
  log(`${sizeLabel(entities)}: database`);
  const databaseUrl = await ensureBenchDatabase(options.serverUrl, entities, options.rebuild);
  const targets = await findTargets(databaseUrl, entities);
  const queries = QUERY_MIX.filter((query) => options.queries.includes(query.id));
  log(`${sizeLabel(entities)}: checking answers and counting statements`);
  const { cells, resolved } = await countingPass(databaseUrl, entities, targets, options, queries, pins.server);
  log(`${sizeLabel(entities)}: load`);
  const servers = await startAll(options.peers.map((peer) => serverSpec(peer, databaseUrl, options)), pins.server);
  const memory: Record<string, number> = {};
  try {
    const cellsOf = (query: string) => options.peers.map((peer) => cells.get(`${query}/${peer}`)!);
    await loadPass(servers, cellsOf, (query, server) => query.text(peerOf(server), resolved)!, queries, options, pins.load, log);
    for (const server of servers) memory[server.name] = await server.peakRss();
  } finally {
    await stopAll(servers);
  }
  return { entities, databaseUrl, targets: resolved, cells: [...cells.values()], memory };
}

/** Caregraph over the embedded database, the main query only: a figure for information. */
async function benchEmbedded(pg: SizeResult, options: BenchOptions, pins: { server: string[]; load: string[] }, log: (line: string) => void): Promise<SizeResult> {
  const { entities } = pg;
  const dataDir = path.join(ROOT, ".data", "bench", `pglite-${sizeLabel(entities)}`);
  log(`embedded ${sizeLabel(entities)}: data directory`);
  await ensureBenchEmbedded(dataDir, entities, options.rebuild);
  const spec: ServerSpec = {
    name: "caregraph-embedded",
    script: path.join(ROOT, "dist", "src", "index.js"),
    env: { DATABASE_URL: "", EMBEDDED_DATA_DIR: dataDir, NODE_ENV: "production", ...UNLIMITED, SEED_ON_START: "false", PORT: "0", HOST: "127.0.0.1", ...options.caregraphEnv },
  };
  const query = QUERY_MIX.find((candidate) => candidate.id === "treatments")!;
  const reference = pg.cells.find((candidate) => candidate.query === query.id && candidate.server === "caregraph");
  // Checked against Caregraph's answer over PostgreSQL: the same generator made the same graph.
  const cell: Cell = { entities, query: query.id, server: spec.name, status: "ok", concurrency: [], sharedCore: [], atRate: [], content: reference?.content };
  const [server] = await startAll([spec], pins.server);
  const memory: Record<string, number> = {};
  try {
    await loadPass([server], () => [cell], (mix) => mix.text("caregraph", pg.targets)!, [query], options, pins.load, log);
    memory[server.name] = await server.peakRss();
  } finally {
    await server.stop();
  }
  return { entities, databaseUrl: "embedded", targets: pg.targets, cells: [cell], memory };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  const pinned = canPin();
  const pins = { server: pinning(SERVER_CPU, pinned), load: pinning(LOAD_CPU, pinned) };
  const log = (line: string) => console.error(line);
  const started = new Date();
  const results: SizeResult[] = [];
  const report = (embedded?: SizeResult) => writeReport({ options, results, embedded, pinned, started, argv: process.argv.slice(2) });
  const unpinDatabase = options.databaseCore === undefined ? () => {} : await pinDatabase(options.serverUrl, options.databaseCore);
  try {
    for (const entities of options.sizes) {
      results.push(await benchSize(entities, options, pins, log));
      // Written after every size, so that a long run's finished sizes are kept whatever happens later.
      await report();
    }
    let embedded: SizeResult | undefined;
    if (options.embedded && options.peers.includes("caregraph")) {
      const smallest = results.reduce((a, b) => (a.entities <= b.entities ? a : b));
      embedded = await benchEmbedded(smallest, options, pins, log);
    }
    console.log(await report(embedded));
  } finally {
    unpinDatabase();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
