import type { FieldSql } from "../sql/declarations";
import { type Fragment, col, isoTime, sql } from "../sql/fragment";

/*
 * The SQL of snapshots and selectors for the compiled read path: the same
 * JSON as toSourceSnapshot and selectorOf build from rows.
 */

/** A SourceSnapshot of the source_snapshot row `snapshot`. */
export function snapshotJson(snapshot: string): Fragment {
  return sql`json_build_object('sha256', ${col(snapshot, "sha256")}, 'length', char_length(${col(snapshot, "content")}), 'createdAt', ${isoTime(col(snapshot, "created_at"))})`;
}

/** Source.snapshots: newest first. */
export const snapshotsSql: FieldSql = {
  kind: "value",
  value: (source, scope) => {
    const snapshot = scope.alias();
    return sql`(SELECT coalesce(json_agg(${snapshotJson(snapshot)} ORDER BY ${col(snapshot, "id")} DESC), '[]'::json) FROM source_snapshot AS ${sql(snapshot)} WHERE ${col(snapshot, "source_id")} = ${col(source, "id")})`;
  },
};

/** Citation.selector: null until the citation is first anchored. */
export const selectorSql: FieldSql = {
  kind: "value",
  value: (citation, scope) => {
    const snapshot = scope.alias();
    const textQuote = sql`json_build_object('exact', ${col(citation, "quote_exact")}, 'prefix', ${col(citation, "quote_prefix")}, 'suffix', ${col(citation, "quote_suffix")})`;
    const textPosition = sql`json_build_object('start', ${col(citation, "position_start")}, 'end', ${col(citation, "position_end")})`;
    return sql`(SELECT json_build_object('snapshot', ${snapshotJson(snapshot)}, 'textQuote', ${textQuote}, 'textPosition', ${textPosition}) FROM source_snapshot AS ${sql(snapshot)} WHERE ${col(snapshot, "id")} = ${col(citation, "snapshot_id")})`;
  },
};
