/*
 * The floor's statements: each answers one root field of the query mix in a
 * single statement that builds the whole JSON response in PostgreSQL. The
 * visibility rule (published and not deleted, at every table) is written
 * into each one. They answer the mix's selections only.
 */

const visible = (alias: string) => `${alias}.status = 'PUBLISHED' AND ${alias}.deleted_at IS NULL`;

const entityRef = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'slug', ${alias}.slug, 'name', ${alias}.name, 'kind', ${alias}.kind)`;

/** A visible relation r with both ends visible; `subject` and `object` are joined as s and o. */
const visibleRelationFrom = `relation r
  JOIN entity s ON s.id = r.subject_id AND ${visible("s")}
  JOIN entity o ON o.id = r.object_id AND ${visible("o")}`;

const citationsOf = (relation: string) => `(SELECT coalesce(json_agg(json_build_object(
      'id', c.id, 'quote', c.quote, 'section', c.section, 'source', json_build_object('id', src.id, 'title', src.title)) ORDER BY c.id), '[]')
    FROM citation c JOIN source src ON src.id = c.source_id AND ${visible("src")}
    WHERE c.relation_id = ${relation}.id AND c.deleted_at IS NULL)`;

const relationFields = `'id', r.id, 'predicate', r.predicate, 'context', r.context, 'redFlag', r.red_flag, 'urgency', r.urgency, 'note', r.note`;

/**
 * $1 slug; $2 whether treatments are selected, $3 their context (null: all);
 * $4 whether redFlags are selected. Red flags carry their symptom's outgoing
 * INDICATES relations as `object.relations`.
 */
export const ENTITY_BY_SLUG = `
SELECT json_build_object('id', e.id, 'slug', e.slug, 'name', e.name, 'kind', e.kind,
  'treatments', CASE WHEN $2::boolean THEN (
    SELECT coalesce(json_agg(json_build_object(${relationFields}, 'object', ${entityRef("o")}, 'citations', ${citationsOf("r")})
      ORDER BY o.name, r.id), '[]')
    FROM ${visibleRelationFrom}
    WHERE r.subject_id = e.id AND r.predicate = 'TREATED_BY' AND ${visible("r")}
      AND ($3::care_context IS NULL OR r.context = $3::care_context OR ($3::care_context <> 'ANY' AND r.context = 'ANY'))) END,
  'redFlags', CASE WHEN $4::boolean THEN (
    SELECT coalesce(json_agg(json_build_object(${relationFields},
        'object', json_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'kind', o.kind, 'relations', (
          SELECT coalesce(json_agg(json_build_object('id', i.id, 'predicate', i.predicate, 'object', ${entityRef("io")}) ORDER BY io.name, i.id), '[]')
          FROM relation i JOIN entity io ON io.id = i.object_id AND ${visible("io")}
          WHERE i.subject_id = o.id AND i.predicate = 'INDICATES' AND ${visible("i")})))
      ORDER BY o.name, r.id), '[]')
    FROM ${visibleRelationFrom}
    WHERE r.subject_id = e.id AND r.predicate = 'HAS_SYMPTOM' AND r.red_flag AND ${visible("r")}) END
) AS json
FROM entity e WHERE e.slug = $1 AND ${visible("e")}`;

/** $1 normalised query text, $2 how many: Caregraph's documented ranking (exact name or alias, full-text rank, trigram similarity). */
export const SEARCH = `
SELECT coalesce(json_agg(${entityRef("m")} ORDER BY m.rank), '[]') AS json FROM (
  SELECT e.*, row_number() OVER (ORDER BY
      (lower(e.name) = $1 OR EXISTS (SELECT 1 FROM unnest(e.aliases) AS alias WHERE lower(alias) = $1)) DESC,
      ts_rank(setweight(to_tsvector('english', e.name || ' ' || array_to_string(e.aliases, ' ')), 'A')
          || setweight(to_tsvector('english', coalesce(e.summary, '')), 'D'), websearch_to_tsquery('english', $1)) DESC,
      word_similarity($1, e.name || ' ' || array_to_string(e.aliases, ' ')) DESC, e.name, e.id) AS rank
  FROM entity e
  WHERE ${visible("e")}
    AND (to_tsvector('english', entity_search_text(e.name, e.aliases, e.summary)) @@ websearch_to_tsquery('english', $1)
         OR $1 <% entity_search_text(e.name, e.aliases, e.summary))
  ORDER BY rank LIMIT $2) AS m`;

/** $1, $2 the (name, id) after which the page starts (null: from the start); $3 how many rows (one more than the page). */
export const ENTITY_PAGE = `
SELECT coalesce(json_agg(${entityRef("p")} ORDER BY p.name, p.id), '[]') AS json FROM (
  SELECT id, slug, name, kind FROM entity e
  WHERE ${visible("e")} AND ($1::text IS NULL OR (e.name, e.id) > ($1::text, $2::int))
  ORDER BY e.name, e.id LIMIT $3) AS p`;
