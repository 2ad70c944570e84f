-- Search ranks every match by a weighted tsvector: names and aliases weigh A,
-- the summary D. Computed per match at query time, it took over a second for a
-- common word at 100,000 entities; stored, it is computed once per write, and
-- its GIN index serves the full-text match the expression index served.

-- array_to_string is only STABLE; this wrapper is IMMUTABLE like
-- entity_search_text (text arrays print the same under every setting).
CREATE FUNCTION "entity_search_vector"(name TEXT, aliases TEXT[], summary TEXT) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT setweight(to_tsvector('english'::regconfig, name || ' ' || coalesce(array_to_string(aliases, ' '), '')), 'A')
              || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'D') $$;

-- AlterTable
ALTER TABLE "entity" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS ("entity_search_vector"("name", "aliases", "summary")) STORED;

-- The expression index on to_tsvector(entity_search_text(...)) served the match only.
DROP INDEX "entity_search_fts_idx";

-- CreateIndex
CREATE INDEX "entity_search_vector_idx" ON "entity" USING GIN ("search_vector");
