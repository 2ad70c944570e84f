/**
 * `npm run bench:refusals`: how fast admission control refuses issue 8's four hostile requests, and how
 * fast a trivial query sent at the same moment answers. The issue asks for each refusal in under 50 ms
 * and the concurrent query in under 100 ms; speed is measured here, never asserted in timed tests.
 *
 * Starts the compiled server as `npm start` would on a fresh embedded database (seeded with the article)
 * in production mode without a rate limit, pinned to core 0 when it can. After a warm-up, each request is
 * sent first as documents the server has never seen (`--cold`, the exact document then copies that differ
 * by a trailing comment: parse, validation and admission run in full), then `--requests` times as the same
 * document (Apollo's parse cache and the admission verdicts, cached per document, answer). Every sending is
 * paired with the trivial query, both started at once over real HTTP from this process. Times are client
 * side, from the request's start to its whole body, in ms. Last, each request is sent alone, as many new
 * and then repeated documents, and the server's CPU time (/proc) per request is reported: on a loaded
 * machine wall times mostly measure the wait for a core, CPU time does not. The table is printed and added
 * at the top of the runs in `--out` (bench/refusals.md).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ISSUE_8_REQUESTS } from "../test/support/hostile-queries";
import { median, percentile } from "./measure";
import { gitCommit } from "./report";
import { canPin, pinning, type RunningServer, startServer } from "./servers";

const ROOT = path.resolve(__dirname, "..", "..");
const TRIVIAL = '{ entity(slug:"back-spasms"){ name } }';
const WARM_UP_REQUESTS = 20;
const RUNS_MARKER = "<!-- Runs below, newest first; each run of npm run bench:refusals adds one. -->";
const HEADER = `# Admission control: time to refuse issue 8's hostile requests

Written by \`npm run bench:refusals\` (bench/refusals.ts; the method is in its header comment). Issue 8 asks
that each of these requests be refused in under 50 ms and that a query sent at the same time answer in under
100 ms. Times are in ms, measured by the client over loopback HTTP; "first seen" is a document the server
has not parsed before, "repeated" the same document again. The machine is shared: read the load average.

${RUNS_MARKER}
`;

interface Timed {
  ms: number;
  status: number;
  /** The first error's `extensions.code` and `limit` (admission's), or "data" for an answer without errors. */
  outcome: string;
}

interface Row {
  name: string;
  bytes: number;
  outcomes: Set<string>;
  firstSeen: number[];
  repeated: number[];
  /** The trivial query's times alongside the first-seen and the repeated sendings. */
  alongsideFirstSeen: number[];
  alongsideRepeated: number[];
  /** Server CPU per request, ms, sent alone one after another: new documents, then one document again. */
  cpuFirstSeen: number;
  cpuRepeated: number;
  /** Concurrent trivial queries that did not answer with back spasms' name. */
  concurrentFailures: number;
}

async function post(url: string, body: string): Promise<Timed & { data?: any }> {
  const begun = performance.now();
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  const answer = (await response.json()) as { data?: any; errors?: { extensions?: { code?: string; limit?: string } }[] };
  const ms = performance.now() - begun;
  const error = answer.errors?.[0]?.extensions;
  const outcome = error ? `${error.code ?? "no code"}${error.limit ? ` (${error.limit})` : ""}` : answer.data ? "data" : "none";
  return { ms, status: response.status, outcome, data: answer.data };
}

const body = (query: string) => JSON.stringify({ query });

/** Sends `bodies` one after another, nothing else in flight; returns the server's CPU time per request, in ms. */
async function cpuPerRequest(server: RunningServer, bodies: string[]): Promise<number> {
  const before = await server.cpuMs();
  for (const each of bodies) await post(server.url, each);
  return ((await server.cpuMs()) - before) / bodies.length;
}

/** Sends `hostile` and the trivial query at once; records the hostile one's time and outcome and the trivial one's time. */
async function pair(url: string, hostile: string, row: Row, times: number[], alongside: number[]): Promise<void> {
  const [refusal, trivial] = await Promise.all([post(url, hostile), post(url, body(TRIVIAL))]);
  times.push(refusal.ms);
  row.outcomes.add(`${refusal.status} ${refusal.outcome}`);
  alongside.push(trivial.ms);
  if (trivial.data?.entity?.name !== "Back spasms") row.concurrentFailures++;
}

const ms = (value: number) => (Number.isFinite(value) ? (value >= 10 ? value.toFixed(0) : value.toFixed(1)) : "-");

function table(rows: Row[], alone: number[], aloneCpu: number): string {
  const spread = (times: number[]) => `${ms(median(times))} / ${ms(Math.max(...times))}`;
  const lines = [
    "| request | bytes | answer | first seen: p50 / max | trivial query alongside: p50 / max | repeated: p50 / p99 / max | trivial query alongside: p50 / max | server CPU per request: first seen / repeated |",
    "|---|---:|---|---:|---:|---:|---:|---:|",
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.bytes} | ${[...row.outcomes].join(", ")} | ${spread(row.firstSeen)} | ${spread(row.alongsideFirstSeen)} | ` +
        `${ms(median(row.repeated))} / ${ms(percentile(row.repeated, 0.99))} / ${ms(Math.max(...row.repeated))} | ` +
        `${spread(row.alongsideRepeated)}${row.concurrentFailures ? ` (${row.concurrentFailures} did not answer)` : ""} | ${ms(row.cpuFirstSeen)} / ${ms(row.cpuRepeated)} |`,
    ),
    `| the trivial query alone (for comparison) | ${Buffer.byteLength(TRIVIAL)} | 200 data | | | ${ms(median(alone))} / ${ms(percentile(alone, 0.99))} / ${ms(Math.max(...alone))} | | ${ms(aloneCpu)} (repeated) |`,
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv,
    options: { requests: { type: "string", default: "100" }, cold: { type: "string", default: "20" }, out: { type: "string", default: "bench/refusals.md" } },
  });
  const requests = Number(values.requests);
  const cold = Number(values.cold);
  if (!(Number.isInteger(requests) && requests > 0 && Number.isInteger(cold) && cold > 0)) throw new Error("--requests and --cold take positive integers.");

  const started = new Date();
  const loadAtStart = os.loadavg();
  const pinned = canPin();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "caregraph-refusals-"));
  const server = await startServer(
    {
      name: "caregraph-embedded",
      script: path.join(ROOT, "dist", "src", "index.js"),
      env: { DATABASE_URL: "", EMBEDDED_DATA_DIR: dataDir, NODE_ENV: "production", RATE_LIMIT_MAX: "0", PORT: "0", HOST: "127.0.0.1" },
    },
    pinning(0, pinned),
  ).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  let rows: Row[];
  const alone: number[] = [];
  let aloneCpu = NaN;
  try {
    const { data } = await post(server.url, body('{ entity(slug:"back-spasms"){ id } }'));
    const backSpasmsId: string = data.entity.id;
    for (let i = 0; i < WARM_UP_REQUESTS; i++) await post(server.url, body(TRIVIAL));
    for (let i = 0; i < requests; i++) alone.push((await post(server.url, body(TRIVIAL))).ms);
    aloneCpu = await cpuPerRequest(server, Array.from({ length: requests }, () => body(TRIVIAL)));

    rows = ISSUE_8_REQUESTS.map((request) => ({
      name: request.name,
      bytes: Buffer.byteLength(request.query(backSpasmsId)),
      outcomes: new Set<string>(),
      firstSeen: [],
      repeated: [],
      alongsideFirstSeen: [],
      alongsideRepeated: [],
      cpuFirstSeen: NaN,
      cpuRepeated: NaN,
      concurrentFailures: 0,
    }));
    // A trailing comment makes a new document (a new cache key) with the same operation.
    for (let copy = 0; copy < cold; copy++) {
      for (const [index, request] of ISSUE_8_REQUESTS.entries()) {
        const query = request.query(backSpasmsId) + (copy === 0 ? "" : `\n# copy ${copy}`);
        await pair(server.url, body(query), rows[index], rows[index].firstSeen, rows[index].alongsideFirstSeen);
      }
    }
    // Interleaved, so that the shared machine's bursts spread over every request alike.
    const bodies = ISSUE_8_REQUESTS.map((request) => body(request.query(backSpasmsId)));
    for (let round = 0; round < requests; round++) {
      for (const [index, hostile] of bodies.entries()) await pair(server.url, hostile, rows[index], rows[index].repeated, rows[index].alongsideRepeated);
    }
    // CPU time does not depend on the machine's load as wall time does: the figure to compare between runs.
    for (const [index, request] of ISSUE_8_REQUESTS.entries()) {
      const query = request.query(backSpasmsId);
      rows[index].cpuFirstSeen = await cpuPerRequest(server, Array.from({ length: requests }, (_, copy) => body(`${query}\n# cpu ${copy}`)));
      rows[index].cpuRepeated = await cpuPerRequest(server, Array.from({ length: requests }, () => body(query)));
    }
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }

  const cpu = os.cpus();
  const load = (figures: number[]) => figures.map((value) => value.toFixed(1)).join(" / ");
  const section = [
    `## Run of ${started.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `- Caregraph commit ${gitCommit()}; Node ${process.version}; ${cpu.length} × ${cpu[0]?.model.trim() ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB.`,
    `- Load average (1 / 5 / 15 min): ${load(loadAtStart)} at start, ${load(os.loadavg())} at the end.`,
    `- Server: \`node dist/src/index.js\`, NODE_ENV=production, RATE_LIMIT_MAX=0, a fresh embedded database seeded with the article; ${pinned ? "pinned to core 0 (`taskset -c 0`), the client unpinned" : "not pinned (taskset or a second core missing)"}.`,
    `- Command: \`${["npm run bench:refusals", ...(argv.length ? ["--", ...argv] : [])].join(" ")}\`: ${cold} first-seen documents and ${requests} repeated sendings of each request, each paired with the trivial query \`${TRIVIAL}\`.`,
    "",
    table(rows, alone, aloneCpu),
    "",
  ].join("\n");
  console.log(section);
  const file = path.resolve(ROOT, values.out!);
  const existing = await readFile(file, "utf8").catch(() => "");
  const at = existing.indexOf(RUNS_MARKER);
  const [head, runs] = at >= 0 ? [existing.slice(0, at + RUNS_MARKER.length), existing.slice(at + RUNS_MARKER.length)] : [HEADER.trimEnd(), "\n"];
  await writeFile(file, `${head}\n\n${section}${runs.replace(/^\n+/, "\n")}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
