import path from "node:path";
import type { Database } from "../src/db/client";
import { PROJECT_ROOT } from "../src/paths";
import { importArticle } from "./import/import-article";
import type { ImportSummary } from "./import/summary";

const ARTICLES = path.join(PROJECT_ROOT, "seed", "articles");

/** The seed: "Crippling Back Spasms" (Verywell Health) and its curated extraction. */
export const SEED_ARTICLE = {
  articlePath: path.join(ARTICLES, "crippling-back-spasms.txt"),
  extractionPath: path.join(ARTICLES, "crippling-back-spasms.extraction.json"),
};

/** Imports the seed article; safe to re-run (see importArticle). */
export function seedDatabase(db: Database): Promise<ImportSummary> {
  return importArticle(db, { ...SEED_ARTICLE, actor: { editorId: null, name: "seed" } });
}

/** Seeds a database that has no entities yet; returns null when it already has content. */
export async function seedIfEmpty(db: Database): Promise<ImportSummary | null> {
  if ((await db.entity.count()) > 0) return null;
  return seedDatabase(db);
}
