import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context";
import { userInputError } from "../../errors";
import type { EntityKind } from "../enums";
import { returnedType, selectObject } from "../sql/compile";
import { type Fragment, arrayParam, col, sql } from "../sql/fragment";
import type { Compiled } from "../sql/marker";
import { readCompiled } from "../sql/read";
import { TABLES, fromTable } from "../sql/tables";
import { visibleSql } from "../review/visibility";

export interface SearchOptions {
  query: string;
  /** Only these kinds (an empty list matches none); all when null. */
  kinds?: EntityKind[] | null;
  /** 1 to 100; an explicit null is refused like any other value out of range. */
  first: number | null;
  includeDrafts: boolean;
}

const MAX_SEARCH_RESULTS = 100;

// Long enough for any name; bounds the trigram work a request can ask for.
const MAX_QUERY_LENGTH = 200;

/**
 * Spellings people type for the same word, mapped to the one the graph uses.
 * Stemming covers plurals and trigrams cover typos; this covers only true
 * variants that share too few letters for either. Keep it short.
 */
const SPELLING_VARIANTS: Readonly<Record<string, string>> = {
  disk: "disc",
  disks: "discs",
};

/** Lower-cases, collapses spaces and maps known spelling variants to the graph's spelling. */
function normalizeQuery(query: string): string {
  return query
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((word) => SPELLING_VARIANTS[word] ?? word)
    .join(" ");
}

/**
 * Entities matching `query`, most relevant first. A row matches by full-text
 * search (stems: "spasm" finds "Back spasms") or by trigram word similarity
 * (typos: "sciatia" finds "Sciatica"), served by GIN indexes on the stored
 * `search_vector` and on entity_search_text(...) (see the migrations).
 * Ranking: an exact name or alias first, then full-text rank with names and
 * aliases weighing more than summaries (`search_vector`'s weights), then
 * trigram similarity to the name and aliases, then name and id.
 */
export async function searchEntities(context: Context, options: SearchOptions, info: GraphQLResolveInfo): Promise<Compiled[]> {
  const text = normalizeQuery(options.query);
  if (text === "") throw userInputError("query must not be blank.", "query");
  if (text.length > MAX_QUERY_LENGTH) throw userInputError(`query must be at most ${MAX_QUERY_LENGTH} characters.`, "query");
  // PostgreSQL text cannot hold U+0000: refused here rather than failing in the database.
  if (text.includes("\u0000")) throw userInputError("query must not contain a NUL character.", "query");
  const { first } = options;
  if (first === null || !Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS) {
    throw userInputError(`first must be between 1 and ${MAX_SEARCH_RESULTS}.`, "first");
  }
  return readCompiled(context, info, options.includeDrafts, (scope) => {
    // Matched and ranked on the rows as stored (the GIN indexes serve them), answered as the reader sees them.
    const match = scope.alias();
    const row = scope.alias();
    const kindFilter = options.kinds ? sql`AND ${col(match, "kind")}::text = ANY(${arrayParam(options.kinds)}::text[])` : sql``;
    const m = (column: string) => col(match, column);
    const query = sql`websearch_to_tsquery('english', ${text})`;
    const matches = sql`
      SELECT ${m("id")}, ${m("name")}, ${m("aliases")},
        (lower(${m("name")}) = ${text} OR EXISTS (SELECT 1 FROM unnest(${m("aliases")}) AS alias WHERE lower(alias) = ${text})) AS exact,
        ts_rank(${m("search_vector")}, ${query}) AS text_rank
      FROM entity AS ${sql(match)}
      WHERE ${visibleSql("entity", match, options.includeDrafts)} ${kindFilter}
        AND (${m("search_vector")} @@ ${query} OR ${text} <% entity_search_text(${m("name")}, ${m("aliases")}, ${m("summary")}))`;
    // Trigram similarity, the costliest key, only breaks ties: it is computed for the matches that tie with
    // the first `first` on the keys before it (FETCH ... WITH TIES), not for every match of a common word.
    const [leading, tied, scored, ranked] = [scope.alias(), scope.alias(), scope.alias(), scope.alias()];
    const similarity = sql`word_similarity(${text}, ${col(tied, "name")} || ' ' || array_to_string(${col(tied, "aliases")}, ' '))`;
    const top = sql`
      SELECT * FROM (
        SELECT ${sql(tied)}.*, ${similarity} AS similarity FROM (
          SELECT * FROM (${matches}) AS ${sql(leading)}
          ORDER BY ${col(leading, "exact")} DESC, ${col(leading, "text_rank")} DESC FETCH FIRST ${first} ROWS WITH TIES
        ) AS ${sql(tied)}
      ) AS ${sql(scored)}
      ORDER BY ${ranking(scored)} LIMIT ${first}`;
    const entity = selectObject(scope, returnedType(info.returnType), info.fieldNodes, row, TABLES.entity, []);
    return sql`(SELECT coalesce(json_agg(${entity} ORDER BY ${ranking(ranked)}), '[]'::json)
      FROM (${top}) AS ${sql(ranked)}
      JOIN ${fromTable(TABLES.entity, row, options.includeDrafts)} ON ${col(row, "id")} = ${col(ranked, "id")})`;
  });
}

/** Most relevant first, over the ranking keys of the matches named `row`. */
function ranking(row: string): Fragment {
  return sql`${col(row, "exact")} DESC, ${col(row, "text_rank")} DESC, ${col(row, "similarity")} DESC, ${col(row, "name")}, ${col(row, "id")}`;
}
