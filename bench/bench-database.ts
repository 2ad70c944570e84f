import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { Client } from "pg";
import { migrate } from "../src/db/migrate";
import { startEmbeddedPostgres } from "../src/db/embedded";
import { buildSteps } from "./graph-sql";
import { type GraphShape, shapeOf, sizeLabel } from "./graph-shape";
import { Progress } from "./progress";

/*
 * The bench's own databases. Each one carries a marker saying the bench made
 * it and from which generator (a COMMENT ON DATABASE on PostgreSQL, a JSON
 * file beside the data directory of the embedded database). A database without
 * the marker is never touched; one with a stale or unfinished marker is the
 * bench's own and is rebuilt.
 */

// Bump when the generated graph changes, so that older builds are rebuilt.
const GENERATOR_VERSION = 1;
const MARKER_PREFIX = "caregraph-bench ";

interface Marker {
  generator: number;
  entities: number;
  complete: boolean;
}

function markerText(marker: Marker): string {
  return MARKER_PREFIX + JSON.stringify(marker);
}

/** "caregraph_bench_10k". */
export function benchDatabaseName(entities: number): string {
  return `caregraph_bench_${sizeLabel(entities)}`;
}

/** The URL of database `name` on the server of `serverUrl`. */
function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** What to do with a database given its marker (null: none, undefined: no database). */
function decide(existing: string | null | undefined, wanted: Marker, rebuild: boolean, what: string): "create" | "rebuild" | "reuse" {
  if (existing === undefined) return "create";
  if (existing === null || !existing.startsWith(MARKER_PREFIX)) {
    throw new Error(`${what} exists and was not made by the benchmark (no "${MARKER_PREFIX.trim()}" marker): refusing to touch it.`);
  }
  return !rebuild && existing === markerText(wanted) ? "reuse" : "rebuild";
}

/** Runs the build steps with a progress bar, then VACUUM ANALYZE so that plans see the real sizes. */
async function fill(client: Client, shape: GraphShape, title: string): Promise<void> {
  const steps = buildSteps(shape);
  // The graph is consistent by construction: skip the per-row foreign-key triggers for this session
  // (about half the build time). Only a superuser may; others build with the checks.
  await client.query("SET session_replication_role = replica").catch(() => undefined);
  const progress = new Progress(title, steps.length + 1);
  progress.start(steps[0].label);
  for (const [index, step] of steps.entries()) {
    await client.query(step.sql);
    progress.step(steps[index + 1]?.label ?? "vacuum analyze");
  }
  await client.query("VACUUM ANALYZE");
  progress.finish();
}

/**
 * Makes sure the bench database for `entities` exists on the PostgreSQL
 * server of `serverUrl`, with Caregraph's migrations applied (migrations
 * added since the build are applied to a reused database too) and the graph
 * filled in. Returns its URL.
 */
export async function ensureBenchDatabase(serverUrl: string, entities: number, rebuild: boolean): Promise<string> {
  const name = benchDatabaseName(entities);
  const url = withDatabase(serverUrl, name);
  const wanted: Marker = { generator: GENERATOR_VERSION, entities, complete: true };
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const found = await admin.query<{ marker: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1",
      [name],
    );
    const action = decide(found.rows.length === 0 ? undefined : found.rows[0].marker, wanted, rebuild, `Database ${name}`);
    if (action === "reuse") {
      const applied = await migrate(url);
      if (applied.length > 0) await analyze(url);
      return url;
    }
    if (action === "rebuild") await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.query(`COMMENT ON DATABASE "${name}" IS '${markerText({ ...wanted, complete: false })}'`);
    await migrate(url);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await fill(client, shapeOf(entities), `building ${name}`);
    } finally {
      await client.end();
    }
    await admin.query(`COMMENT ON DATABASE "${name}" IS '${markerText(wanted)}'`);
    return url;
  } finally {
    await admin.end();
  }
}

async function analyze(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query("ANALYZE").finally(() => client.end());
}

/**
 * Makes sure the embedded database's data directory `dataDir` holds the
 * bench graph for `entities`; its marker is `<dataDir>.bench.json`. A
 * directory without that file is refused.
 */
export async function ensureBenchEmbedded(dataDir: string, entities: number, rebuild: boolean): Promise<void> {
  const markerFile = `${dataDir}.bench.json`;
  const wanted: Marker = { generator: GENERATOR_VERSION, entities, complete: true };
  const existing = existsSync(markerFile) ? await readFile(markerFile, "utf8") : existsSync(dataDir) ? null : undefined;
  const action = decide(existing, wanted, rebuild, `Directory ${dataDir}`);
  if (action === "rebuild") await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  if (action !== "reuse") await writeFile(markerFile, markerText({ ...wanted, complete: false }));
  const embedded = await startEmbeddedPostgres(dataDir);
  try {
    const applied = await migrate(embedded.url);
    const client = new Client({ connectionString: embedded.url });
    await client.connect();
    try {
      if (action !== "reuse") await fill(client, shapeOf(entities), `building the embedded database (${sizeLabel(entities)})`);
      else if (applied.length > 0) await client.query("ANALYZE");
    } finally {
      await client.end();
    }
    if (action !== "reuse") await writeFile(markerFile, markerText(wanted));
  } finally {
    await embedded.stop();
  }
}
