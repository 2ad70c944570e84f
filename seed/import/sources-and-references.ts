import type { Extraction } from "../extraction.schema";
import type { ImportRun } from "./ledger";

/**
 * Creates the article and its references as published sources where they are
 * new and numbers the article's references to them; leaves existing sources
 * alone. Returns every source id by import key.
 */
export async function writeSourcesAndReferences(run: ImportRun, extraction: Extraction): Promise<Map<string, number>> {
  const ledger = run.ledgers.sources;
  const created = await run.tx.source.createManyAndReturn({
    data: [extraction.article, ...extraction.references]
      .filter((source) => ledger.isNew(source.key))
      .map(({ key, title, publisher, authors, publishedOn, url, doi }) => ({
        importKey: key, title, publisher, authors, publishedOn, url, doi, status: "PUBLISHED" as const,
      })),
  });
  const sourceIds = await ledger.recordCreated(run, created);
  await numberReferences(run, extraction, sourceIds);
  return sourceIds;
}

// Only a new article or a new cited source gets numbers; skipDuplicates keeps a number written before.
async function numberReferences({ tx, ledgers }: ImportRun, extraction: Extraction, sourceIds: Map<string, number>) {
  const articleCreated = ledgers.sources.isNew(extraction.article.key);
  await tx.reference.createMany({
    data: extraction.references
      .filter((reference) => articleCreated || ledgers.sources.isNew(reference.key))
      .flatMap((reference) =>
        reference.numbers.map((number) => ({
          citingId: sourceIds.get(extraction.article.key) as number,
          number,
          citedId: sourceIds.get(reference.key) as number,
        })),
      ),
    skipDuplicates: true,
  });
}
