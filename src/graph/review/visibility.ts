import type { Context } from "../../context";
import { unauthenticatedError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { ReviewStatus } from "../../generated/prisma/enums";
import { type Fragment, col, sql } from "../sql/fragment";
import type { TableName } from "../sql/tables";

/*
 * Who sees what, so that every read (root fields, nested fields, loaders,
 * search, graph walks, editor reads) applies the same rules. Anonymous
 * readers see published, non-deleted records; a signed-in viewer asking with
 * `includeDrafts` sees every non-deleted record.
 *
 * The rules are written twice, side by side: as Prisma `where` clauses (for
 * Prisma reads) and as SQL per table (`visibleSql`, which the compiled read
 * path applies at every FROM and JOIN). A test per table
 * (test/visibility-rules.test.ts) proves that both select the same rows.
 */

/** Not deleted, and published unless drafts are included. */
function liveRecord(includeDrafts: boolean): { deletedAt: null; status?: ReviewStatus } {
  return includeDrafts ? { deletedAt: null } : { deletedAt: null, status: ReviewStatus.PUBLISHED };
}

/** Entities the reader may see. */
export function visibleEntity(includeDrafts: boolean): Prisma.EntityWhereInput {
  return liveRecord(includeDrafts);
}

/** Sources the reader may see. */
export function visibleSource(includeDrafts: boolean): Prisma.SourceWhereInput {
  return liveRecord(includeDrafts);
}

/**
 * Relations the reader may see: visible themselves, and both their entities
 * visible. The public does not see a claim flagged for review (it lost its
 * last visible citation): no published claim stands without a quote.
 */
export function visibleRelation(includeDrafts: boolean): Prisma.RelationWhereInput {
  return {
    ...liveRecord(includeDrafts),
    ...(!includeDrafts && { needsReview: false }),
    subject: visibleEntity(includeDrafts),
    object: visibleEntity(includeDrafts),
  };
}

/**
 * Citations the reader may see: not deleted, their source visible, and the
 * relation they support visible (a quote must not reveal a hidden claim).
 */
export function visibleCitation(includeDrafts: boolean): Prisma.CitationWhereInput {
  return {
    deletedAt: null,
    source: visibleSource(includeDrafts),
    relation: visibleRelation(includeDrafts),
  };
}

/** References ("article X lists source Y as number N") whose listing article the reader may see. */
export function visibleReference(includeDrafts: boolean): Prisma.ReferenceWhereInput {
  return { citing: visibleSource(includeDrafts) };
}

/** A row that must be visible for a row of a table to be: the parent's table, and the column that holds its id. */
export interface VisibleParent {
  column: string;
  table: TableName;
}

/**
 * The SQL rules, one per table, in two parts: what the row itself must be
 * (`ownVisibleSql`), and which parents must be visible too
 * (`VISIBLE_PARENTS`). `visibleSql` puts them together as one condition; the
 * compiled read path instead joins each parent beside the row (tables.ts,
 * `visibleRows`), so that a field that reads the parent (a relation's
 * object, a citation's source) finds it there.
 */
export const VISIBLE_PARENTS: Record<TableName, readonly VisibleParent[]> = {
  entity: [],
  source: [],
  relation: [
    { column: "subject_id", table: "entity" },
    { column: "object_id", table: "entity" },
  ],
  citation: [
    { column: "source_id", table: "source" },
    { column: "relation_id", table: "relation" },
  ],
  reference: [{ column: "citing_id", table: "source" }],
};

/** The row's own part of its table's rule, on the row named `row`. */
export const ownVisibleSql: Record<TableName, (row: string, includeDrafts: boolean) => Fragment> = {
  entity: liveRecordSql,
  source: liveRecordSql,
  relation: (row, includeDrafts) => (includeDrafts ? liveRecordSql(row, true) : sql`${liveRecordSql(row, false)} AND NOT ${col(row, "needs_review")}`),
  citation: (row) => sql`${col(row, "deleted_at")} IS NULL`,
  reference: () => sql`true`,
};

/** The alias of the parent row `column` points to, beside the row named `row`. */
export function parentAlias(row: string, column: string): string {
  return `${row}_${column}`;
}

/**
 * The whole rule for `row` of `table`, as one condition. `reachedFrom` names
 * a column of the row that holds the id of a row the reader is already known
 * to see (the visible parent a nested list was reached from: a citation's
 * relation, a relation's subject): the rule then does not check that row
 * again. The rows selected are the same; the statement has fewer lookups for
 * the planner to get wrong (a freshly loaded table without statistics turned
 * each repeated check into a nested scan).
 */
export function visibleSql(table: TableName, row: string, includeDrafts: boolean, reachedFrom?: string): Fragment {
  const parents = VISIBLE_PARENTS[table]
    .filter(({ column }) => column !== reachedFrom)
    .map(({ column, table: parent }) => {
      const alias = parentAlias(row, column);
      return sql`EXISTS (SELECT 1 FROM ${sql(parent)} AS ${sql(alias)} WHERE ${col(alias, "id")} = ${col(row, column)} AND ${visibleSql(parent, alias, includeDrafts)})`;
    });
  return parents.reduce((rule, parent) => sql`${rule} AND ${parent}`, ownVisibleSql[table](row, includeDrafts));
}

function liveRecordSql(row: string, includeDrafts: boolean): Fragment {
  return includeDrafts
    ? sql`${col(row, "deleted_at")} IS NULL`
    : sql`${col(row, "deleted_at")} IS NULL AND ${col(row, "status")} = 'PUBLISHED'`;
}

/** Drafts are for signed-in editors: UNAUTHENTICATED when an anonymous request asks for them. */
export function assertCanReadDrafts(context: Pick<Context, "viewer">, includeDrafts: boolean): void {
  if (includeDrafts && !context.viewer) throw unauthenticatedError("Sign in to read drafts (includeDrafts: true).");
}
