import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context";
import { userInputError } from "../../errors";
import type { EntityKind } from "../enums";
import { returnedType, selectObject } from "../sql/compile";
import { arrayParam, col, sql } from "../sql/fragment";
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
 * (typos: "sciatia" finds "Sciatica"), both served by the GIN indexes on
 * entity_search_text(...) (see the init migration). Ranking: an exact name
 * or alias first, then full-text rank with names and aliases weighing more
 * than summaries, then trigram similarity to the name and aliases.
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
    const searchText = sql`entity_search_text(${m("name")}, ${m("aliases")}, ${m("summary")})`;
    const matches = sql`
      SELECT ${m("id")}, row_number() OVER (ORDER BY
        (lower(${m("name")}) = ${text} OR EXISTS (SELECT 1 FROM unnest(${m("aliases")}) AS alias WHERE lower(alias) = ${text})) DESC,
        ts_rank(
          setweight(to_tsvector('english', ${m("name")} || ' ' || array_to_string(${m("aliases")}, ' ')), 'A')
            || setweight(to_tsvector('english', coalesce(${m("summary")}, '')), 'D'),
          websearch_to_tsquery('english', ${text})) DESC,
        word_similarity(${text}, ${m("name")} || ' ' || array_to_string(${m("aliases")}, ' ')) DESC,
        ${m("name")}, ${m("id")}) AS rank
      FROM entity AS ${sql(match)}
      WHERE ${visibleSql("entity", match, options.includeDrafts)} ${kindFilter}
        AND (to_tsvector('english', ${searchText}) @@ websearch_to_tsquery('english', ${text}) OR ${text} <% ${searchText})
      ORDER BY rank
      LIMIT ${first}`;
    const entity = selectObject(scope, returnedType(info.returnType), info.fieldNodes, row, TABLES.entity, []);
    return sql`(SELECT coalesce(json_agg(${entity} ORDER BY ranked.rank), '[]'::json)
      FROM (${matches}) AS ranked JOIN ${fromTable(TABLES.entity, row, options.includeDrafts)} ON ${col(row, "id")} = ranked.id)`;
  });
}
