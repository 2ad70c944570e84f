import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { type GraphQLSchema, execute, getOperationAST, parse } from "graphql";
import { seedDatabase } from "../seed/seed";
import type { Context } from "../src/context";
import { createDatabase } from "../src/db/client";
import { startEmbeddedPostgres } from "../src/db/embedded";
import { migrate } from "../src/db/migrate";
import { createLoaders } from "../src/graph/loaders";
import { answerCompiled } from "../src/graph/sql/compiled-operation";
import { buildGraphSchema } from "../src/schema";

/*
 * What answering without graphql-js's execution saves (`npm run bench:completion`):
 * the treatments question on the seeded article, its compiled JSON read once,
 * then answered from that JSON in-process, no HTTP and no database, by
 * graphql-js's `execute` and by the compiled path (`answerCompiled`), in
 * alternating rounds on one thread. Both run the same root resolver, stubbed
 * to hand back the JSON, so the difference is the per-field work alone.
 * Prints a Markdown table; the two must answer alike or the script fails.
 */

const QUERY = `{ entity(slug: "back-spasms") { name ... on Condition {
  treatments(context: ACUTE) { context note object { name } citations { quote section source { title } } } } } }`;
const RUNS = Number(process.env.COMPLETION_RUNS ?? 5000);
const ROUNDS = 5;

/** The schema with Query.entity answering `QUERY`'s compiled JSON, read once from a seeded embedded database. */
async function schemaAnsweringFromJson(): Promise<GraphQLSchema> {
  const embedded = await startEmbeddedPostgres(undefined);
  try {
    await migrate(embedded.url);
    const db = createDatabase(embedded.url, { poolMax: 1 });
    try {
      await seedDatabase(db);
      const schema = await buildGraphSchema();
      const entity = schema.getQueryType()!.getFields().entity;
      const resolve = entity.resolve!;
      let json: unknown;
      entity.resolve = async (...args) => (json = await resolve(...args));
      const context: Context = { db, viewer: null, loaders: createLoaders(db), signal: new AbortController().signal };
      const read = await execute({ schema, document: parse(QUERY), contextValue: context });
      if (read.errors) throw new Error(JSON.stringify(read.errors));
      entity.resolve = () => json;
      return schema;
    } finally {
      await db.$disconnect();
    }
  } finally {
    await embedded.stop();
  }
}

async function main(): Promise<void> {
  const schema = await schemaAnsweringFromJson();
  const document = parse(QUERY);
  const operation = getOperationAST(document)!;
  const context = {} as Context; // the stubbed resolver reads nothing of it
  const ways: Record<string, () => Promise<unknown>> = {
    "graphql-js execute": async () => (await execute({ schema, document, contextValue: context })).data,
    "compiled path (answerCompiled)": () => answerCompiled({ schema, document, operation, request: { query: QUERY }, contextValue: context }),
  };
  const answers = await Promise.all(Object.values(ways).map((way) => way()));
  if (JSON.stringify(answers[0]) !== JSON.stringify(answers[1])) throw new Error("The two ways answer differently.");
  const micros: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, way] of Object.entries(ways)) {
      const start = performance.now();
      for (let run = 0; run < RUNS; run++) await way();
      (micros[name] ??= []).push(((performance.now() - start) * 1000) / RUNS);
    }
  }
  const [executeMicros, compiledMicros] = Object.values(micros).map((rounds) => [...rounds].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]);
  console.log(`${RUNS} answers per round, ${ROUNDS} alternating rounds; µs per answer (median of the rounds)\n`);
  console.log("| way | µs per answer, each round | median |\n|---|---|---|");
  for (const [name, rounds] of Object.entries(micros)) {
    const median = [...rounds].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
    console.log(`| ${name} | ${rounds.map((value) => value.toFixed(1)).join(" / ")} | ${median.toFixed(1)} |`);
  }
  console.log(`\nThe compiled path takes ${(compiledMicros / executeMicros).toFixed(2)}× execute's time.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
