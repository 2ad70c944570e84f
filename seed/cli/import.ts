import { existsSync } from "node:fs";
import path from "node:path";
import { CommandError, runWithDatabase } from "../../src/cli/with-database";
import { importArticle } from "../import/import-article";
import { reportImport } from "./report-import";

// `npm run import -- <article file> <extraction file>`: loads another article the way the seed is loaded.
function parseFiles() {
  const files = process.argv.slice(2);
  if (files.length !== 2) throw new CommandError("Usage: npm run import -- <article file> <extraction file>");
  const [articlePath, extractionPath] = files.map((file) => path.resolve(file));
  for (const file of [articlePath, extractionPath]) if (!existsSync(file)) throw new CommandError(`No such file: ${file}`);
  return { articlePath, extractionPath };
}

runWithDatabase(parseFiles, (db, files) =>
  reportImport(`${path.basename(files.articlePath)} with ${path.basename(files.extractionPath)}`, () => importArticle(db, files)),
);
