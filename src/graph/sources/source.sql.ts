import type { FieldSql } from "../sql/declarations";
import { col, sql } from "../sql/fragment";
import { TABLES, visibleRows } from "../sql/tables";

/*
 * The SQL of a source's references, for the compiled read path: the same
 * answers as referenceNumbersOf and citedByOf in source.service.ts.
 */

/** Every number under which a visible article lists the source, ascending, each once. */
export const referenceNumbersSql: FieldSql = {
  kind: "value",
  value: (source, scope) => {
    const reference = scope.alias();
    const listed = visibleRows(TABLES.reference, reference, scope.includeDrafts, [sql`${col(reference, "cited_id")} = ${col(source, "id")}`]);
    return sql`(SELECT coalesce(json_agg(DISTINCT ${col(reference, "number")} ORDER BY ${col(reference, "number")}), '[]'::json) FROM ${listed})`;
  },
};

/** The visible articles that list the source among their references, by title then id. */
export const citedBySql: FieldSql = {
  kind: "many",
  table: "source",
  on: (source, citing) =>
    sql`EXISTS (SELECT 1 FROM reference AS ${sql(`${citing}_ref`)} WHERE ${col(`${citing}_ref`, "citing_id")} = ${col(citing, "id")} AND ${col(`${citing}_ref`, "cited_id")} = ${col(source, "id")})`,
  orderBy: (citing) => sql`${col(citing, "title")}, ${col(citing, "id")}`,
};
