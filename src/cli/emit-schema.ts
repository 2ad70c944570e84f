import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type GraphQLSchema, isAbstractType, printSchema } from "graphql";
import { PROJECT_ROOT } from "../paths";
import { buildGraphSchema } from "../schema";

/**
 * Apollo Client's `possibleTypes`: each interface (and union) of the schema
 * with the object types that implement it, so the cache can match fragments
 * on `Entity` or `Node` against a `Condition`.
 */
function possibleTypes(schema: GraphQLSchema): Record<string, string[]> {
  const abstractTypes = Object.values(schema.getTypeMap())
    .filter(isAbstractType)
    .filter((type) => !type.name.startsWith("__"))
    .sort((a, b) => a.name.localeCompare(b.name));
  return Object.fromEntries(abstractTypes.map((type) => [type.name, schema.getPossibleTypes(type).map((object) => object.name)]));
}

/** The files emitted from the code, each with its committed path. */
async function emittedFiles(): Promise<{ file: string; text: string }[]> {
  const schema = await buildGraphSchema();
  return [
    { file: path.join(PROJECT_ROOT, "schema", "schema.graphql"), text: `${printSchema(schema)}\n` },
    { file: path.join(PROJECT_ROOT, "schema", "possible-types.json"), text: `${JSON.stringify(possibleTypes(schema), null, 2)}\n` },
  ];
}

/**
 * `npm run schema:emit` writes schema/schema.graphql and
 * schema/possible-types.json from the code; `npm run schema:check` fails when
 * a committed file has drifted from it.
 */
async function main(): Promise<void> {
  const files = await emittedFiles();
  const check = process.argv.includes("--check");
  let drifted = false;
  for (const { file, text } of files) {
    const name = path.relative(PROJECT_ROOT, file);
    if (!check) {
      await writeFile(file, text);
      console.log(`Wrote ${name}`);
    } else if ((await readFile(file, "utf8").catch(() => "")) !== text) {
      console.error(`${name} is out of date: run \`npm run schema:emit\` and commit it.`);
      drifted = true;
    } else {
      console.log(`${name} matches the code.`);
    }
  }
  if (drifted) process.exit(1);
}

void main();
