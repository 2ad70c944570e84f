import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { printSchema } from "graphql";
import { PROJECT_ROOT } from "../paths";
import { buildGraphSchema } from "../schema";

const SCHEMA_FILE = path.join(PROJECT_ROOT, "schema", "schema.graphql");

/**
 * `npm run schema:emit` writes schema/schema.graphql from the code;
 * `npm run schema:check` fails when the committed file has drifted from it.
 */
async function main(): Promise<void> {
  const sdl = `${printSchema(await buildGraphSchema())}\n`;
  if (!process.argv.includes("--check")) {
    await writeFile(SCHEMA_FILE, sdl);
    console.log(`Wrote ${path.relative(PROJECT_ROOT, SCHEMA_FILE)}`);
    return;
  }
  const committed = await readFile(SCHEMA_FILE, "utf8").catch(() => "");
  if (committed !== sdl) {
    console.error("schema/schema.graphql is out of date: run `npm run schema:emit` and commit it.");
    process.exit(1);
  }
  console.log("schema/schema.graphql matches the code.");
}

void main();
