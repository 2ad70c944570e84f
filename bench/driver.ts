import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { execute, parse } from "graphql";
import { Client, Pool } from "pg";
import postgres from "postgres";
import { seedDatabase } from "../seed/seed";
import { createDatabase } from "../src/db/client";
import { startEmbeddedPostgres } from "../src/db/embedded";
import { migrate } from "../src/db/migrate";
import { createLoaders } from "../src/graph/loaders";
import { buildGraphSchema } from "../src/schema";

/*
 * Postgres.js against pg on the same compiled statement (`npm run bench:driver`):
 * the statement the read path compiles for the condition query (treatments,
 * citations, sources) on the seeded article, run by each driver as a prepared
 * statement from 10 concurrent callers, alternating, on PostgreSQL (pool of
 * 10) and on the embedded database over its socket (one connection, as the
 * app uses it). Prints a Markdown table.
 */

const QUERY = `{ entity(slug: "back-spasms") { name ... on Condition {
  treatments { context note object { name } citations { quote section source { title } } } } } }`;
const CALLERS = 10;
const SECONDS = Number(process.env.DRIVER_SECONDS ?? 5);
const ROUNDS = 2;

interface Statement {
  text: string;
  parameters: unknown[];
}

/** Compiles QUERY on a seeded database and returns the one statement the read path sent. */
async function compiledStatement(url: string): Promise<Statement> {
  await migrate(url);
  const seen: Statement[] = [];
  const db = createDatabase(url, { poolMax: 1, onQuery: (text, parameters) => parameters && seen.push({ text, parameters: [...parameters] }) });
  try {
    await seedDatabase(db);
    seen.length = 0;
    const result = await execute({
      schema: await buildGraphSchema(),
      document: parse(QUERY),
      contextValue: { db, viewer: null, loaders: createLoaders(db) },
    });
    if (result.errors || seen.length !== 1) throw new Error(`Expected one compiled statement: ${JSON.stringify(result.errors)}`);
    return seen[0];
  } finally {
    await db.$disconnect();
  }
}

/** Calls per second and latency percentiles of `call` from CALLERS concurrent loops for SECONDS. */
async function load(call: () => Promise<unknown>): Promise<{ perSecond: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        await call();
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { perSecond: latencies.length / SECONDS, p50: at(0.5), p99: at(0.99) };
}

async function compare(label: string, url: string, poolMax: number): Promise<string[]> {
  const statement = await compiledStatement(url);
  const sql = postgres(url, { max: poolMax, fetch_types: false });
  const pool = new Pool({ connectionString: url, max: poolMax });
  const drivers: Record<string, () => Promise<unknown>> = {
    "postgres (Postgres.js)": () => sql.unsafe(statement.text, statement.parameters as never[], { prepare: true }),
    pg: () => pool.query({ name: "compiled", text: statement.text, values: statement.parameters }),
  };
  const results: Record<string, { perSecond: number; p50: number; p99: number }[]> = {};
  try {
    for (const call of Object.values(drivers)) await call(); // warm: connect and prepare
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, call] of Object.entries(drivers)) (results[name] ??= []).push(await load(call));
    }
  } finally {
    await sql.end();
    await pool.end();
  }
  return Object.entries(results).map(([name, runs]) => {
    const rate = runs.map((run) => run.perSecond.toFixed(0)).join(" / ");
    const p50 = runs.map((run) => run.p50.toFixed(1)).join(" / ");
    const p99 = runs.map((run) => run.p99.toFixed(1)).join(" / ");
    return `| ${label} | ${name} | ${rate} | ${p50} | ${p99} |`;
  });
}

async function onServer(serverUrl: string): Promise<string[]> {
  const name = `caregraph_driver_${process.pid}`;
  const admin = async (text: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await compare("PostgreSQL 15, pool of 10", url.toString(), 10);
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

async function onEmbedded(): Promise<string[]> {
  const embedded = await startEmbeddedPostgres(undefined);
  try {
    return await compare("embedded (PGlite socket), 1 connection", embedded.url, 1);
  } finally {
    await embedded.stop();
  }
}

async function main(): Promise<void> {
  const serverUrl = process.env.BENCH_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const rows = [...(await onServer(serverUrl)), ...(await onEmbedded())];
  console.log(`${CALLERS} concurrent callers, ${SECONDS} s per run, ${ROUNDS} alternating rounds (run 1 / run 2)\n`);
  console.log("| database | driver | statements/s | p50 ms | p99 ms |\n|---|---|---|---|---|");
  console.log(rows.join("\n"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
