import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "../src/db/client";
import type { Prisma } from "../src/generated/prisma/client";
import type { RecordType } from "../src/generated/prisma/enums";
import { type Actor, recordRevisions, snapshot } from "../src/graph/history/revision.service";
import type { ExtractedCitation, ExtractedRelation, Extraction } from "./extraction.schema";
import { ExtractionError, normalizeWhitespace, parseExtraction, validateExtraction } from "./validate-extraction";

export interface ImportOptions {
  articlePath: string;
  extractionPath: string;
  /** Who the revisions name; defaults to "import:<extraction file name>". */
  actor?: Actor;
}

/** What happened to one kind of record in an import. */
export interface ImportTally {
  created: number;
  /** Already there from an earlier import, untouched by editors. */
  unchanged: number;
  /** Not written because an editor changed or deleted the record (or what it hangs on). */
  skipped: number;
}

export interface ImportSummary {
  entities: ImportTally;
  relations: ImportTally;
  citations: ImportTally;
  sources: ImportTally;
  /** Each skipped record's import key and why it was skipped. */
  skipped: { key: string; reason: string }[];
}

/**
 * Loads an article and its curated extraction into the graph as published
 * content: the article and its numbered references as sources, the entities,
 * the relations and their citations, each created record with an "import"
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
  return db.$transaction((tx) => writeExtraction(tx, extraction, actor), { maxWait: 30_000, timeout: 120_000 });
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

/** One citation of the extraction with its stable import key. */
interface KeyedCitation extends ExtractedCitation {
  key: string;
  relation: ExtractedRelation;
}

// Citations carry no key in the file; derive one from what they say, so reordering them changes nothing.
function keyCitations(extraction: Extraction): KeyedCitation[] {
  return extraction.relations.flatMap((relation) =>
    relation.citations.map((citation) => {
      const digest = createHash("sha256").update(`${citation.source}\n${normalizeWhitespace(citation.quote)}`).digest("hex");
      const key = `citation:${relation.key.slice("relation:".length)}:${digest.slice(0, 12)}`;
      return { ...citation, key, relation };
    }),
  );
}

/** The columns that tell whether an imported record was touched since. */
interface ImportedRow {
  id: number;
  importKey: string | null;
  deletedAt: Date | null;
  version?: number;
  status?: string;
  pendingChanges?: unknown;
}

const IMPORTED_COLUMNS = { id: true, importKey: true, deletedAt: true } as const;
const VERSIONED_COLUMNS = { ...IMPORTED_COLUMNS, version: true, status: true, pendingChanges: true } as const;

/** Sorts the keys of one kind into those to create and those already there (unchanged or skipped). */
class Ledger {
  readonly tally: ImportTally = { created: 0, unchanged: 0, skipped: 0 };
  /** Existing records by import key, with their ids. */
  readonly existing = new Map<string, number>();
  /** Import keys of existing records that must not be built on (edited or deleted). */
  readonly untouchable = new Set<string>();

  constructor(
    private readonly skipped: ImportSummary["skipped"],
    rows: ImportedRow[],
    editorRevised: Set<number>,
  ) {
    for (const row of rows) {
      const key = row.importKey as string;
      this.existing.set(key, row.id);
      const reason = row.deletedAt
        ? "deleted since import"
        : (row.version ?? 1) > 1 || row.pendingChanges != null || (row.status ?? "PUBLISHED") !== "PUBLISHED" || editorRevised.has(row.id)
          ? "edited since import"
          : null;
      if (reason) {
        this.untouchable.add(key);
        this.skip(key, reason);
      } else {
        this.tally.unchanged += 1;
      }
    }
  }

  isNew(key: string): boolean {
    return !this.existing.has(key);
  }

  skip(key: string, reason: string): void {
    this.tally.skipped += 1;
    this.skipped.push({ key, reason });
  }
}

// Editor revisions (not the seed's or an import's) of the given records, by record type.
async function editorRevisedIds(tx: Prisma.TransactionClient, records: { recordType: RecordType; ids: number[] }[]) {
  const rows = await tx.revision.findMany({
    where: { editorId: { not: null }, OR: records.map(({ recordType, ids }) => ({ recordType, recordId: { in: ids } })) },
    select: { recordType: true, recordId: true },
    distinct: ["recordType", "recordId"],
  });
  const byType = (recordType: RecordType) => new Set(rows.filter((row) => row.recordType === recordType).map((row) => row.recordId));
  return { sources: byType("SOURCE"), entities: byType("ENTITY"), relations: byType("RELATION"), citations: byType("CITATION") };
}

// One "import" revision per created record, all in one statement.
function recordImports(tx: Prisma.TransactionClient, recordType: RecordType, rows: { id: number }[], actor: Actor) {
  return recordRevisions(
    tx,
    rows.map((row) => ({ recordType, recordId: row.id, action: "import", actor, before: null, after: snapshot(row) })),
  );
}

function idsByKey(rows: { id: number; importKey: string | null }[], existing: Map<string, number>): Map<string, number> {
  const ids = new Map(existing);
  for (const row of rows) ids.set(row.importKey as string, row.id);
  return ids;
}

async function writeExtraction(tx: Prisma.TransactionClient, extraction: Extraction, actor: Actor): Promise<ImportSummary> {
  const citations = keyCitations(extraction);
  const sources = [extraction.article, ...extraction.references];
  const byImportKey = (keys: string[]) => ({ where: { importKey: { in: keys } } });

  // Read everything first: every refusal happens before the first write.
  const sourceRows = await tx.source.findMany({ ...byImportKey(sources.map((s) => s.key)), select: VERSIONED_COLUMNS });
  const entityRows = await tx.entity.findMany({ ...byImportKey(extraction.entities.map((e) => e.key)), select: VERSIONED_COLUMNS });
  const relationRows = await tx.relation.findMany({ ...byImportKey(extraction.relations.map((r) => r.key)), select: VERSIONED_COLUMNS });
  const citationRows = await tx.citation.findMany({ ...byImportKey(citations.map((c) => c.key)), select: IMPORTED_COLUMNS });
  const revised = await editorRevisedIds(tx, [
    { recordType: "SOURCE", ids: sourceRows.map((row) => row.id) },
    { recordType: "ENTITY", ids: entityRows.map((row) => row.id) },
    { recordType: "RELATION", ids: relationRows.map((row) => row.id) },
    { recordType: "CITATION", ids: citationRows.map((row) => row.id) },
  ]);
  const skipped: ImportSummary["skipped"] = [];
  const sourceLedger = new Ledger(skipped, sourceRows, revised.sources);
  const entityLedger = new Ledger(skipped, entityRows, revised.entities);
  const relationLedger = new Ledger(skipped, relationRows, revised.relations);
  const citationLedger = new Ledger(skipped, citationRows, revised.citations);

  // A slug is reserved forever, so a new entity may not take one another record holds.
  const newEntities = extraction.entities.filter((entity) => entityLedger.isNew(entity.key));
  const slugHolders = await tx.entity.findMany({
    where: { slug: { in: newEntities.map((entity) => entity.slug) } },
    select: { slug: true, importKey: true },
  });
  if (slugHolders.length > 0) {
    throw new ExtractionError(
      slugHolders.map((holder) => {
        const entity = newEntities.find((candidate) => candidate.slug === holder.slug);
        return `${entity?.key}: slug "${holder.slug}" is taken by ${holder.importKey ?? "an entity created by an editor"}`;
      }),
    );
  }

  // A new relation between existing entities: leave it out if an endpoint was deleted or an editor already states the claim.
  const newRelations: ExtractedRelation[] = [];
  const candidates = extraction.relations.filter((relation) => relationLedger.isNew(relation.key));
  const liveClaims = await findLiveClaims(tx, candidates, entityLedger.existing);
  for (const relation of candidates) {
    const deletedEndpoint = [relation.subject, relation.object].find((key) => entityRows.some((row) => row.importKey === key && row.deletedAt));
    const claimHolder = liveClaims.get(claimOf(relation, entityLedger.existing));
    if (deletedEndpoint) relationLedger.skip(relation.key, `${deletedEndpoint} was deleted since import`);
    else if (claimHolder) relationLedger.skip(relation.key, `relation ${claimHolder} already states this claim`);
    else newRelations.push(relation);
  }

  // Sources, and the article's numbered references to them.
  const createdSources = await tx.source.createManyAndReturn({
    data: sources
      .filter((source) => sourceLedger.isNew(source.key))
      .map(({ key, title, publisher, authors, publishedOn, url, doi }) => ({
        importKey: key, title, publisher, authors, publishedOn, url, doi, status: "PUBLISHED" as const,
      })),
  });
  sourceLedger.tally.created = createdSources.length;
  await recordImports(tx, "SOURCE", createdSources, actor);
  const sourceIds = idsByKey(createdSources, sourceLedger.existing);
  const articleCreated = sourceLedger.isNew(extraction.article.key);
  await tx.reference.createMany({
    data: extraction.references
      .filter((reference) => articleCreated || sourceLedger.isNew(reference.key))
      .flatMap((reference) =>
        reference.numbers.map((number) => ({
          citingId: sourceIds.get(extraction.article.key) as number,
          number,
          citedId: sourceIds.get(reference.key) as number,
        })),
      ),
    skipDuplicates: true,
  });

  const createdEntities = await tx.entity.createManyAndReturn({
    data: newEntities.map(({ key, kind, slug, name, aliases, summary }) => ({
      importKey: key, kind, slug, name, aliases, summary, status: "PUBLISHED" as const,
    })),
  });
  entityLedger.tally.created = createdEntities.length;
  await recordImports(tx, "ENTITY", createdEntities, actor);
  const entityIds = idsByKey(createdEntities, entityLedger.existing);

  const createdRelations = await tx.relation.createManyAndReturn({
    data: newRelations.map(({ key, subject, predicate, object, context, redFlag, urgency, note }) => ({
      importKey: key,
      subjectId: entityIds.get(subject) as number,
      predicate,
      objectId: entityIds.get(object) as number,
      context, redFlag, urgency, note,
      status: "PUBLISHED" as const,
    })),
  });
  relationLedger.tally.created = createdRelations.length;
  await recordImports(tx, "RELATION", createdRelations, actor);
  const relationIds = idsByKey(createdRelations, relationLedger.existing);

  // A citation is added to a relation the import created or left unchanged, never to one an editor has reworked.
  const newCitations: KeyedCitation[] = [];
  for (const citation of citations.filter((c) => citationLedger.isNew(c.key))) {
    const relationKey = citation.relation.key;
    if (!relationIds.has(relationKey) || relationLedger.untouchable.has(relationKey)) {
      citationLedger.skip(citation.key, `its relation ${relationKey} was skipped`);
    } else {
      newCitations.push(citation);
    }
  }
  const createdCitations = await tx.citation.createManyAndReturn({
    data: newCitations.map(({ key, relation, source, quote, section }) => ({
      importKey: key,
      relationId: relationIds.get(relation.key) as number,
      sourceId: sourceIds.get(source) as number,
      quote: normalizeWhitespace(quote),
      section,
    })),
  });
  citationLedger.tally.created = createdCitations.length;
  await recordImports(tx, "CITATION", createdCitations, actor);

  return {
    entities: entityLedger.tally,
    relations: relationLedger.tally,
    citations: citationLedger.tally,
    sources: sourceLedger.tally,
    skipped,
  };
}

function claimOf(relation: ExtractedRelation, entityIds: Map<string, number>): string {
  return [entityIds.get(relation.subject), relation.predicate, entityIds.get(relation.object), relation.context].join(" ");
}

// Live relations (by id) that already state one of these claims between existing entities.
async function findLiveClaims(tx: Prisma.TransactionClient, relations: ExtractedRelation[], entityIds: Map<string, number>) {
  const between = relations.filter((relation) => entityIds.has(relation.subject) && entityIds.has(relation.object));
  if (between.length === 0) return new Map<string, number>();
  const rows = await tx.relation.findMany({
    where: {
      deletedAt: null,
      OR: between.map((relation) => ({
        subjectId: entityIds.get(relation.subject),
        predicate: relation.predicate,
        objectId: entityIds.get(relation.object),
        context: relation.context,
      })),
    },
    select: { id: true, subjectId: true, predicate: true, objectId: true, context: true },
  });
  return new Map(rows.map((row) => [[row.subjectId, row.predicate, row.objectId, row.context].join(" "), row.id]));
}

/** The summary as a few lines for a terminal. */
export function formatSummary(summary: ImportSummary): string {
  const kinds = ["sources", "entities", "relations", "citations"] as const;
  const lines = kinds.map((kind) => {
    const { created, unchanged, skipped } = summary[kind];
    return `${kind.padEnd(10)} ${created} created, ${unchanged} unchanged, ${skipped} skipped`;
  });
  return [...lines, ...summary.skipped.map(({ key, reason }) => `skipped ${key}: ${reason}`)].join("\n");
}
