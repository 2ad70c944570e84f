import path from "node:path";
import { importArticle } from "../import-article";
import { runImport } from "./run-import";

// `npm run import -- <article file> <extraction file>`: loads another article the way the seed is loaded.
const [articleFile, extractionFile] = process.argv.slice(2);
if (!articleFile || !extractionFile || process.argv.length > 4) {
  console.error("Usage: npm run import -- <article file> <extraction file>");
  process.exit(2);
}
const articlePath = path.resolve(articleFile);
const extractionPath = path.resolve(extractionFile);
runImport(`${path.basename(articlePath)} with ${path.basename(extractionPath)}`, (db) => importArticle(db, { articlePath, extractionPath }));
