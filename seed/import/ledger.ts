import type { Prisma } from "../../src/generated/prisma/client";
import type { RecordType } from "../../src/generated/prisma/enums";
import { type Actor, recordRevisions, snapshot } from "../../src/graph/history/revision.service";
import { type ImportSummary, type ImportTally, RECORD_KINDS, type RecordKind } from "./summary";

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

const RECORD_TYPES: Record<RecordKind, RecordType> = { sources: "SOURCE", entities: "ENTITY", relations: "RELATION", citations: "CITATION" };

// Citations have no version, status or pending edit: only deletion or an editor's revision marks them touched.
const findImported: Record<RecordKind, (tx: Prisma.TransactionClient, keys: string[]) => Promise<ImportedRow[]>> = {
  sources: (tx, keys) => tx.source.findMany({ where: { importKey: { in: keys } }, select: VERSIONED_COLUMNS }),
  entities: (tx, keys) => tx.entity.findMany({ where: { importKey: { in: keys } }, select: VERSIONED_COLUMNS }),
  relations: (tx, keys) => tx.relation.findMany({ where: { importKey: { in: keys } }, select: VERSIONED_COLUMNS }),
  citations: (tx, keys) => tx.citation.findMany({ where: { importKey: { in: keys } }, select: IMPORTED_COLUMNS }),
};

/** One import in progress: the transaction it writes in, whom its revisions name, and what it found already there. */
export interface ImportRun {
  tx: Prisma.TransactionClient;
  actor: Actor;
  ledgers: Record<RecordKind, Ledger>;
}

/** Sorts the import keys of one kind into those to create and those already there (unchanged or skipped). */
class Ledger {
  readonly tally: ImportTally = { created: 0, unchanged: 0, skipped: 0 };
  /** Existing records by import key, with their ids. */
  readonly existing = new Map<string, number>();
  /** Import keys of existing records that must not be built on (edited or deleted). */
  readonly untouchable = new Set<string>();
  /** Import keys of existing records an editor has deleted. */
  readonly deleted = new Set<string>();

  constructor(
    private readonly recordType: RecordType,
    private readonly skipped: ImportSummary["skipped"],
    rows: ImportedRow[],
    editorRevised: Set<number>,
  ) {
    for (const row of rows) {
      const key = row.importKey as string;
      this.existing.set(key, row.id);
      if (row.deletedAt) this.deleted.add(key);
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

  /** True when no record carried this key before the import. */
  isNew(key: string): boolean {
    return !this.existing.has(key);
  }

  skip(key: string, reason: string): void {
    this.tally.skipped += 1;
    this.skipped.push({ key, reason });
  }

  /** Counts the rows just created, gives each an "import" revision (one statement), and returns every id of this kind by import key. */
  async recordCreated({ tx, actor }: Pick<ImportRun, "tx" | "actor">, rows: { id: number; importKey: string | null }[]): Promise<Map<string, number>> {
    this.tally.created = rows.length;
    await recordRevisions(
      tx,
      rows.map((row) => ({ recordType: this.recordType, recordId: row.id, action: "import", actor, before: null, after: snapshot(row) })),
    );
    const ids = new Map(this.existing);
    for (const row of rows) ids.set(row.importKey as string, row.id);
    return ids;
  }
}

/**
 * Finds the records that already carry the extraction's import keys (and any
 * editor revision of them) and opens one ledger per kind; reads only. Skipped
 * keys are appended to `skipped` kind by kind.
 */
export async function openLedgers(
  tx: Prisma.TransactionClient,
  keys: Record<RecordKind, string[]>,
  skipped: ImportSummary["skipped"],
): Promise<Record<RecordKind, Ledger>> {
  const rows = {} as Record<RecordKind, ImportedRow[]>;
  for (const kind of RECORD_KINDS) rows[kind] = await findImported[kind](tx, keys[kind]);
  const revised = await editorRevisedIds(
    tx,
    RECORD_KINDS.map((kind) => ({ recordType: RECORD_TYPES[kind], ids: rows[kind].map((row) => row.id) })),
  );
  const ledgers = {} as Record<RecordKind, Ledger>;
  for (const kind of RECORD_KINDS) {
    ledgers[kind] = new Ledger(RECORD_TYPES[kind], skipped, rows[kind], revised(RECORD_TYPES[kind]));
  }
  return ledgers;
}

// Editor revisions (not the seed's or an import's) of the given records: the revised ids of a record type.
async function editorRevisedIds(tx: Prisma.TransactionClient, records: { recordType: RecordType; ids: number[] }[]) {
  const rows = await tx.revision.findMany({
    // Stryker disable next-line ObjectLiteral: equivalent, the ids only narrow the rows read; each answer is asked about its own id
    where: { editorId: { not: null }, OR: records.map(({ recordType, ids }) => ({ recordType, recordId: { in: ids } })) },
    select: { recordType: true, recordId: true },
    // Stryker disable next-line ArrayDeclaration: equivalent, the Set below drops repeats; distinct only saves rows
    distinct: ["recordType", "recordId"],
  });
  return (recordType: RecordType) => new Set(rows.filter((row) => row.recordType === recordType).map((row) => row.recordId));
}
