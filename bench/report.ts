import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { sizeLabel } from "./graph-shape";
import type { LoadResult } from "./load";
import { type Cell, median } from "./measure";
import type { BenchOptions } from "./options";
import { QUERY_MIX, type Targets } from "./query-mix";

/** What one graph size produced. */
export interface SizeResult {
  entities: number;
  databaseUrl: string;
  targets: Targets;
  cells: Cell[];
  /** Peak RSS per server, bytes. */
  memory: Record<string, number>;
}

export interface Report {
  options: BenchOptions;
  results: SizeResult[];
  embedded?: SizeResult;
  pinned: boolean;
  started: Date;
  argv: string[];
}

const ROOT = path.resolve(__dirname, "..", "..");
// Everything from this line on in the report is written by hand and kept by every run.
const NOTES_MARKER = "<!-- Below this line: written by hand, kept by npm run bench. -->";
const DEFAULT_NOTES = `${NOTES_MARKER}

## Notes and what each change bought

(Nothing yet.)
`;

/** The hand-written notes at the end of the existing report, or the empty notes section. */
async function keptNotes(file: string): Promise<string> {
  const existing = await readFile(file, "utf8").catch(() => "");
  const at = existing.indexOf(NOTES_MARKER);
  return at >= 0 ? existing.slice(at) : DEFAULT_NOTES;
}
const PACKAGES = ["@apollo/server", "fastify", "type-graphql", "graphql", "@prisma/client", "pg", "postgraphile", "autocannon", "undici", "@electric-sql/pglite"];

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

async function postgresVersion(serverUrl: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
  } finally {
    await client.end();
  }
}

/** The short commit of the checkout, or "?". */
export function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "?";
  }
}

const rps = (runs: LoadResult[]) => median(runs.map((run) => run.requestsPerSecond));
const ms = (value: number) => (value >= 10 ? value.toFixed(0) : value.toFixed(1));
const fmt = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : "-");

function latency(runs: LoadResult[]): string {
  return runs.length ? `${ms(median(runs.map((run) => run.p50)))} / ${ms(median(runs.map((run) => run.p99)))}` : "-";
}

function statusNote(cell: Cell): string {
  return cell.status === "ok" ? "" : cell.status;
}

/**
 * Caregraph's median req/s over another server's, "0.21×", in the runs `runsOf`
 * picks (alternating by default, or the shared-core ones); "-" when either is missing.
 */
function ratio(cells: Cell[], server: string, runsOf: (cell: Cell) => LoadResult[] = (cell) => cell.concurrency): string {
  const caregraph = cells.find((cell) => cell.server === "caregraph");
  const other = cells.find((cell) => cell.server === server);
  if (!caregraph || !other || !runsOf(caregraph).length || !runsOf(other).length) return "-";
  return `${(rps(runsOf(caregraph)) / rps(runsOf(other))).toFixed(2)}×`;
}

const shared = (cell: Cell) => cell.sharedCore;

function sharedCore(cell: Cell): string {
  if (!cell.sharedCore.length) return "-";
  return `${fmt(rps(cell.sharedCore))} / ${median(cell.sharedCore.map((run) => run.cpuMsPerRequest)).toFixed(2)}`;
}

function sizeSection(result: SizeResult, options: BenchOptions): string {
  const lines = [`### ${sizeLabel(result.entities)} entities`, ""];
  const t = result.targets;
  lines.push(
    `Targets: \`${t.conditionSlug}\` (paths to \`${t.otherConditionSlug}\`), search "${t.commonWord}" and "${t.rareWord}", the page after \`${t.middle.slug}\`.`,
    "",
    `| query | server | req/s per round (c=${options.connections}) | median req/s | p50 / p99 ms | shared core: req/s / CPU ms per request | fixed rate | p50 / p99 ms at that rate | statements / request | note |`,
    "|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const query of QUERY_MIX) {
    for (const cell of result.cells.filter((candidate) => candidate.query === query.id)) {
      if (cell.status === "n/a") {
        lines.push(`| ${query.id} | ${cell.server} | n/a | | | | | | | cannot express it |`);
        continue;
      }
      lines.push(
        `| ${query.id} | ${cell.server} | ${cell.concurrency.map((run) => fmt(run.requestsPerSecond)).join(" / ") || "-"} | ${cell.concurrency.length ? fmt(rps(cell.concurrency)) : "-"} `
          + `| ${latency(cell.concurrency)} | ${sharedCore(cell)} | ${cell.rate ? `${cell.rate}/s` : "-"} | ${latency(cell.atRate)} | ${cell.statements ?? "-"} | ${statusNote(cell)} |`,
      );
    }
  }
  lines.push("", "Peak RSS of each server over all the runs of this size: "
    + Object.entries(result.memory).map(([server, bytes]) => `${server} ${fmt(bytes / 2 ** 20)} MB`).join(", ") + ".", "");
  return lines.join("\n");
}

/** The one-screen summary: per size and query, req/s of each peer, Caregraph's ratios, p99 at the fixed rate, statements. */
export function summary(report: Report): string {
  const lines = [
    "| size | query | Caregraph req/s | PostGraphile req/s | floor req/s | Caregraph ÷ PostGraphile | Caregraph ÷ floor | the same on a shared core | Caregraph p99 at ½ its max | statements (Caregraph / PostGraphile / floor) |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const result of report.results) {
    for (const query of QUERY_MIX) {
      const cells = result.cells.filter((cell) => cell.query === query.id);
      if (cells.length === 0) continue;
      const of = (server: string) => cells.find((cell) => cell.server === server);
      const reqs = (server: string) => {
        const cell = of(server);
        if (!cell) return "-";
        if (cell.status === "n/a") return "n/a";
        return cell.concurrency.length ? fmt(rps(cell.concurrency)) + (cell.status === "ok" ? "" : " (!)") : cell.status;
      };
      const caregraph = of("caregraph");
      const p99 = caregraph?.atRate.length ? `${ms(median(caregraph.atRate.map((run) => run.p99)))} ms @ ${caregraph.rate}/s` : "-";
      const statements = ["caregraph", "postgraphile", "floor"].map((server) => of(server)?.statements ?? (of(server)?.status === "n/a" ? "n/a" : "-")).join(" / ");
      lines.push(`| ${sizeLabel(result.entities)} | ${query.id} | ${reqs("caregraph")} | ${reqs("postgraphile")} | ${reqs("floor")} | ${ratio(cells, "postgraphile")} | ${ratio(cells, "floor")} | ${ratio(cells, "postgraphile", shared)} / ${ratio(cells, "floor", shared)} | ${p99} | ${statements} |`);
    }
  }
  const embedded = report.embedded?.cells[0];
  if (embedded?.concurrency.length) {
    lines.push(
      "",
      `Caregraph over the embedded database (PGlite), ${embedded.query} at ${sizeLabel(report.embedded!.entities)}: ${fmt(rps(embedded.concurrency))} req/s, p50 / p99 ${latency(embedded.concurrency)} ms (for information).`,
    );
  }
  return lines.join("\n");
}

/** Writes the report to `options.out`; returns the summary. */
export async function writeReport(report: Report): Promise<string> {
  const { options } = report;
  const table = summary(report);
  const cpu = os.cpus();
  const machine = [
    `- Date: ${report.started.toISOString().slice(0, 16).replace("T", " ")} UTC; Caregraph commit ${gitCommit()}.`,
    `- Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, load average at start ${os.loadavg().map((value) => value.toFixed(1)).join(" / ")}.`,
    `- Node ${process.version}; PostgreSQL ${await postgresVersion(options.serverUrl)}; ${PACKAGES.map((name) => `${name} ${packageVersion(name)}`).join(", ")}.`,
    `- ${report.pinned ? "Servers pinned to core 0 and the load to core 1 (`taskset -c`)" : "Not pinned (taskset or a second core missing): servers and load share the cores"}; ${options.databaseCore === undefined ? "PostgreSQL's processes left on every core" : `PostgreSQL's processes pinned to core ${options.databaseCore} (\`--database-core\`)`}.`,
    `- Command: \`npm run bench -- ${report.argv.join(" ")}\` (${options.duration} s per run, ${options.rounds} round(s), ${options.connections} connections).`,
  ];
  const text = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts); the method is in the README's Benchmark section. Ratios between servers",
    "come from one run on one machine; absolute figures depend on the machine and on what else runs on it.",
    "",
    ...machine,
    "",
    "## Summary",
    "",
    table,
    "",
    "## Per size and query",
    "",
    ...report.results.map((result) => sizeSection(result, options)),
    ...(report.embedded ? ["## Embedded database (for information)", "", sizeSection(report.embedded, options)] : []),
  ].join("\n");
  const file = path.resolve(ROOT, options.out);
  await writeFile(file, `${text}\n${await keptNotes(file)}`);
  return table;
}
