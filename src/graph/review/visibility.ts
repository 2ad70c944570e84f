import type { Context } from "../../context";
import { unauthenticatedError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { ReviewStatus } from "../../generated/prisma/enums";
import { type Fragment, col, sql } from "../sql/fragment";

/*
 * Who sees what, so that every read (root fields, nested fields, loaders,
 * search, graph walks, editor reads) applies the same rules. Anonymous
 * readers see published, non-deleted records; a signed-in viewer asking with
 * `includeDrafts` sees every non-deleted record.
 *
 * The rules are written twice, side by side: as Prisma `where` clauses (for
 * Prisma reads) and as one SQL fragment per table (`visibleSql`, which the
 * compiled read path applies at every FROM and JOIN). A test per table
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

/**
 * The SQL rules, one per table: a condition on the row named `row`.
 * `reachedFrom` names a column of the row that holds the id of a row the
 * reader is already known to see (the visible parent a nested list was
 * reached from: a citation's relation, a relation's subject): the rule then
 * does not check that row again. The rows selected are the same; the
 * statement has fewer joins for the planner to get wrong (a freshly loaded
 * table without statistics turned each repeated check into a nested scan).
 */
export const visibleSql = {
  entity: (row: string, includeDrafts: boolean, _reachedFrom?: string): Fragment => liveRecordSql(row, includeDrafts),
  source: (row: string, includeDrafts: boolean, _reachedFrom?: string): Fragment => liveRecordSql(row, includeDrafts),
  relation: (row: string, includeDrafts: boolean, reachedFrom?: string): Fragment => {
    const end = (column: string, alias: string) =>
      column === reachedFrom
        ? sql``
        : sql` AND EXISTS (SELECT 1 FROM entity AS ${sql(alias)} WHERE ${col(alias, "id")} = ${col(row, column)} AND ${visibleSql.entity(alias, includeDrafts)})`;
    const unflagged = includeDrafts ? sql`` : sql` AND NOT ${col(row, "needs_review")}`;
    return sql`${liveRecordSql(row, includeDrafts)}${unflagged}${end("subject_id", `${row}_s`)}${end("object_id", `${row}_o`)}`;
  },
  citation: (row: string, includeDrafts: boolean, reachedFrom?: string): Fragment => {
    const source = `${row}_src`;
    const relation = `${row}_rel`;
    const sourceVisible =
      reachedFrom === "source_id"
        ? sql``
        : sql` AND EXISTS (SELECT 1 FROM source AS ${sql(source)} WHERE ${col(source, "id")} = ${col(row, "source_id")} AND ${visibleSql.source(source, includeDrafts)})`;
    const relationVisible =
      reachedFrom === "relation_id"
        ? sql``
        : sql` AND EXISTS (SELECT 1 FROM relation AS ${sql(relation)} WHERE ${col(relation, "id")} = ${col(row, "relation_id")} AND ${visibleSql.relation(relation, includeDrafts)})`;
    return sql`${col(row, "deleted_at")} IS NULL${sourceVisible}${relationVisible}`;
  },
  reference: (row: string, includeDrafts: boolean, _reachedFrom?: string): Fragment => {
    const citing = `${row}_citing`;
    return sql`EXISTS (SELECT 1 FROM source AS ${sql(citing)} WHERE ${col(citing, "id")} = ${col(row, "citing_id")} AND ${visibleSql.source(citing, includeDrafts)})`;
  },
};

function liveRecordSql(row: string, includeDrafts: boolean): Fragment {
  return includeDrafts
    ? sql`${col(row, "deleted_at")} IS NULL`
    : sql`${col(row, "deleted_at")} IS NULL AND ${col(row, "status")} = 'PUBLISHED'`;
}

/** Drafts are for signed-in editors: UNAUTHENTICATED when an anonymous request asks for them. */
export function assertCanReadDrafts(context: Pick<Context, "viewer">, includeDrafts: boolean): void {
  if (includeDrafts && !context.viewer) throw unauthenticatedError("Sign in to read drafts (includeDrafts: true).");
}
