import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "../../src/db/client";
import type { Prisma } from "../../src/generated/prisma/client";
import type { Actor } from "../../src/graph/history/revision.service";
import type { Extraction } from "../extraction.schema";
import { ExtractionError, parseExtraction, validateExtraction } from "../validate-extraction";
import { keyCitations, writeCitations } from "./citations";
import { ensureArticleSnapshot } from "./snapshots";
import { refuseTakenSlugs, writeEntities } from "./entities";
import { type ImportRun, openLedgers } from "./ledger";
import { planRelations, writeRelations } from "./relations";
import { writeSourcesAndReferences } from "./sources-and-references";
import type { ImportSummary } from "./summary";

export interface ImportOptions {
  articlePath: string;
  extractionPath: string;
  /** Who the revisions name; defaults to "import:<extraction file name>". */
  actor?: Actor;
}

/**
 * Loads an article and its curated extraction into the graph as published
 * content: the article and its numbered references as sources (the article's
 * text as its first text snapshot), the entities, the relations and their
 * citations (anchored in that snapshot), each created record with an "import"
 * revision. Validates everything before writing and writes in one transaction,
 * so a bad file writes nothing (ExtractionError lists every violation).
 *
 * Re-running is safe: records are matched on their import keys only; one that
 * exists is left alone, and one an editor has changed since is reported skipped.
 */
export async function importArticle(db: Database, options: ImportOptions): Promise<ImportSummary> {
  const [articleText, extraction] = await Promise.all([
    readFile(options.articlePath, "utf8"),
    readExtraction(options.extractionPath),
  ]);
  const violations = validateExtraction(extraction, articleText);
  if (violations.length > 0) throw new ExtractionError(violations);
  const actor = options.actor ?? { editorId: null, name: `import:${path.basename(options.extractionPath)}` };
  // Generous limits: PGlite runs this on one backend and a slow CI machine must not time out.
  // Stryker disable next-line ObjectLiteral: equivalent on the test data, which imports within Prisma's default limits
  const summary = await db.$transaction((tx) => writeExtraction(tx, extraction, articleText, actor), { maxWait: 30_000, timeout: 120_000 });
  // Fresh statistics for the tables just filled: the read path's generic plans are made from them (src/db/read-sql.ts).
  // Stryker disable next-line StringLiteral: equivalent, planner statistics only change how fast later reads run
  await db.$executeRaw`ANALYZE entity, relation, citation, source, reference`;
  return summary;
}

async function readExtraction(extractionPath: string): Promise<Extraction> {
  const raw = await readFile(extractionPath, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ExtractionError([`${path.basename(extractionPath)}: not valid JSON (${(error as Error).message})`]);
  }
  return parseExtraction(json);
}

// Every step gets the transaction client: on PGlite (one backend session) a query on the global client would deadlock.
async function writeExtraction(tx: Prisma.TransactionClient, extraction: Extraction, articleText: string, actor: Actor): Promise<ImportSummary> {
  const citations = keyCitations(extraction);
  const skipped: ImportSummary["skipped"] = [];

  // Read everything first: every refusal happens before the first write.
  const ledgers = await openLedgers(
    tx,
    {
      sources: [extraction.article, ...extraction.references].map((source) => source.key),
      entities: extraction.entities.map((entity) => entity.key),
      relations: extraction.relations.map((relation) => relation.key),
      citations: citations.map((citation) => citation.key),
    },
    skipped,
  );
  const run: ImportRun = { tx, actor, ledgers };
  const newEntities = extraction.entities.filter((entity) => ledgers.entities.isNew(entity.key));
  await refuseTakenSlugs(tx, newEntities);
  const newRelations = await planRelations(run, extraction.relations);

  // Then write, each kind after what it points to.
  const sourceIds = await writeSourcesAndReferences(run, extraction);
  const articleSnapshot = await ensureArticleSnapshot(run, sourceIds.get(extraction.article.key) as number, articleText);
  const entityIds = await writeEntities(run, newEntities);
  const relationIds = await writeRelations(run, newRelations, entityIds);
  await writeCitations(run, citations, { relationIds, sourceIds, snapshots: new Map([[extraction.article.key, articleSnapshot]]) });

  return {
    entities: ledgers.entities.tally,
    relations: ledgers.relations.tally,
    citations: ledgers.citations.tally,
    sources: ledgers.sources.tally,
    skipped,
  };
}
