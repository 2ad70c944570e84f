import type { Context } from "../../context";
import { userInputError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import type { Entity } from "../entities/entity.type";
import type { EntityKind } from "../enums";

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
export async function searchEntities(context: Context, options: SearchOptions): Promise<Entity[]> {
  const text = normalizeQuery(options.query);
  if (text === "") throw userInputError("query must not be blank.", "query");
  if (text.length > MAX_QUERY_LENGTH) throw userInputError(`query must be at most ${MAX_QUERY_LENGTH} characters.`, "query");
  // PostgreSQL text cannot hold U+0000: refused here rather than failing in the database.
  if (text.includes("\u0000")) throw userInputError("query must not contain a NUL character.", "query");
  const { first } = options;
  if (first === null || !Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS) {
    throw userInputError(`first must be between 1 and ${MAX_SEARCH_RESULTS}.`, "first");
  }
  const kindFilter = options.kinds
    ? Prisma.sql`AND e.kind::text = ANY(${options.kinds}::text[])`
    : Prisma.empty;
  // The visibility rule of visibleEntity (review/visibility.ts), in SQL.
  const statusFilter = options.includeDrafts ? Prisma.empty : Prisma.sql`AND e.status = 'PUBLISHED'`;
  const matches = await context.db.$queryRaw<{ id: number }[]>`
    SELECT e.id
    FROM entity e
    WHERE e.deleted_at IS NULL ${statusFilter} ${kindFilter}
      AND (to_tsvector('english', entity_search_text(e.name, e.aliases, e.summary)) @@ websearch_to_tsquery('english', ${text})
           OR ${text} <% entity_search_text(e.name, e.aliases, e.summary))
    ORDER BY
      (lower(e.name) = ${text} OR EXISTS (SELECT 1 FROM unnest(e.aliases) AS alias WHERE lower(alias) = ${text})) DESC,
      ts_rank(
        setweight(to_tsvector('english', e.name || ' ' || array_to_string(e.aliases, ' ')), 'A')
          || setweight(to_tsvector('english', coalesce(e.summary, '')), 'D'),
        websearch_to_tsquery('english', ${text})) DESC,
      word_similarity(${text}, e.name || ' ' || array_to_string(e.aliases, ' ')) DESC,
      e.name, e.id
    LIMIT ${first}`;
  // Through the request's loader, so nested fields find these entities cached.
  const loader = context.loaders.entity(options.includeDrafts);
  const entities = await Promise.all(matches.map((match) => loader.load(match.id)));
  return entities.filter((entity) => entity !== null);
}
