import path from "node:path";
import { parseArgs } from "node:util";
import { ensureBenchDatabase } from "./bench-database";
import { parseSize } from "./graph-shape";
import { loadRun, median } from "./measure";
import { positive } from "./options";
import { ask, findTargets, QUERY_MIX, resolveTargets } from "./query-mix";
import { canPin, pinning, type RunningServer, startServer } from "./servers";

/*
 * `npm run bench:builds -- --baseline DIR`: what a change bought. This
 * checkout's build and another Caregraph build (DIR: a checkout of the
 * commit before the change, with `npm ci` and `npm run build` run in it)
 * answer the same query at once on the server core, each loaded by its own
 * process on the load core: the machine's drift hits both alike, so the
 * ratio of their answers and of their CPU per request is the change's own.
 * Both answers must be the same bytes, checked on every response.
 */

const USAGE = `npm run bench:builds -- --baseline DIR [--size 10k] [--query treatments] [--windows 5] [--duration 5] [--connections 5]`;
const ROOT = path.resolve(__dirname, "..", "..");
const WARM_UP_SECONDS = 3;

interface Options {
  baseline: string;
  entities: number;
  query: string;
  windows: number;
  duration: number;
  connections: number;
  serverUrl: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      baseline: { type: "string" },
      size: { type: "string", default: "10k" },
      query: { type: "string", default: "treatments" },
      windows: { type: "string", default: "5" },
      duration: { type: "string", default: "5" },
      connections: { type: "string", default: "5" },
      "server-url": { type: "string", default: process.env.BENCH_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
    },
  });
  if (!values.baseline) throw new Error(`--baseline is required.\n${USAGE}`);
  if (!QUERY_MIX.some((query) => query.id === values.query)) throw new Error(`--query: unknown "${values.query}"; known: ${QUERY_MIX.map((query) => query.id).join(", ")}.`);
  return {
    baseline: path.resolve(values.baseline),
    entities: parseSize(values.size!),
    query: values.query!,
    windows: positive("windows", values.windows, 1),
    duration: positive("duration", values.duration, 1),
    connections: positive("connections", values.connections, 1),
    serverUrl: values["server-url"]!,
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const pinned = canPin();
  const databaseUrl = await ensureBenchDatabase(options.serverUrl, options.entities, false);
  const env = { DATABASE_URL: databaseUrl, NODE_ENV: "production", RATE_LIMIT_MAX: "0", SEED_ON_START: "false", PORT: "0", HOST: "127.0.0.1" };
  const builds = [
    { name: "baseline", script: path.join(options.baseline, "dist", "src", "index.js"), env },
    { name: "this checkout", script: path.join(ROOT, "dist", "src", "index.js"), env },
  ];
  const servers: RunningServer[] = [];
  try {
    for (const build of builds) servers.push(await startServer(build, pinning(0, pinned)));
    const targets = await resolveTargets(await findTargets(databaseUrl, options.entities), { caregraph: servers[1].url });
    const text = QUERY_MIX.find((query) => query.id === options.query)!.text("caregraph", targets)!;
    const body = JSON.stringify({ query: text });
    const [expected, other] = await Promise.all(servers.map(async (server) => (await ask(server.url, text)).body));
    if (other !== expected) throw new Error("The two builds answer differently; compare them only on a query they answer alike.");
    const load = (server: RunningServer, duration: number) => loadRun({ url: server.url, body, expected, connections: options.connections, duration }, pinning(1, pinned));
    await Promise.all(servers.map((server) => load(server, WARM_UP_SECONDS)));
    console.log(`${options.query} at ${options.entities} entities; ${options.windows} windows of ${options.duration} s, ${options.connections} connections per build${pinned ? "" : " (not pinned: taskset or a second core is missing)"}`);
    const answerRatios: number[] = [];
    const cpuRatios: number[] = [];
    for (let window = 1; window <= options.windows; window++) {
      const before = await Promise.all(servers.map((server) => server.cpuMs()));
      const runs = await Promise.all(servers.map((server) => load(server, options.duration)));
      const after = await Promise.all(servers.map((server) => server.cpuMs()));
      const failed = runs.find((run) => run.errors + run.non2xx + run.mismatches > 0);
      if (failed) throw new Error(`window ${window}: ${failed.errors} errors, ${failed.non2xx} non-2xx, ${failed.mismatches} bodies that differ`);
      const cpu = runs.map((run, i) => (after[i] - before[i]) / run.total);
      answerRatios.push(runs[1].total / runs[0].total);
      cpuRatios.push(cpu[1] / cpu[0]);
      console.log(
        `window ${window}: baseline ${runs[0].total} answers, ${cpu[0].toFixed(2)} ms CPU each; this checkout ${runs[1].total}, ${cpu[1].toFixed(2)} ms;` +
          ` answers ${answerRatios.at(-1)!.toFixed(2)}×, CPU per answer ${cpuRatios.at(-1)!.toFixed(2)}×`,
      );
    }
    console.log(`median: answers ${median(answerRatios).toFixed(2)}× the baseline's, CPU per answer ${median(cpuRatios).toFixed(2)}×`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
