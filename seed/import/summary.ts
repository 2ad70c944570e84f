/** The kinds of record an import writes, in the order it reads and reports them. */
export const RECORD_KINDS = ["sources", "entities", "relations", "citations"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

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

/** The summary as a few lines for a terminal. */
export function formatSummary(summary: ImportSummary): string {
  const lines = RECORD_KINDS.map((kind) => {
    const { created, unchanged, skipped } = summary[kind];
    return `${kind.padEnd(10)} ${created} created, ${unchanged} unchanged, ${skipped} skipped`;
  });
  return [...lines, ...summary.skipped.map(({ key, reason }) => `skipped ${key}: ${reason}`)].join("\n");
}
