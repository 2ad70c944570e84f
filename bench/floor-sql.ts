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
SELECT coalesce(json_agg(${entityRef("m")} ORDER BY m.exact DESC, m.text_rank DESC, m.similarity DESC, m.name, m.id), '[]') AS json FROM (
  SELECT t.*, word_similarity($1, t.name || ' ' || array_to_string(t.aliases, ' ')) AS similarity FROM (
    SELECT e.id, e.slug, e.name, e.kind, e.aliases,
        (lower(e.name) = $1 OR EXISTS (SELECT 1 FROM unnest(e.aliases) AS alias WHERE lower(alias) = $1)) AS exact,
        ts_rank(e.search_vector, websearch_to_tsquery('english', $1)) AS text_rank
    FROM entity e
    WHERE ${visible("e")}
      AND (e.search_vector @@ websearch_to_tsquery('english', $1) OR $1 <% entity_search_text(e.name, e.aliases, e.summary))
    ORDER BY exact DESC, text_rank DESC FETCH FIRST $2 ROWS WITH TIES) AS t
  ORDER BY exact DESC, text_rank DESC, similarity DESC, t.name, t.id LIMIT $2) AS m`;

/** $1, $2 the (name, id) after which the page starts (null: from the start); $3 how many rows (one more than the page). */
export const ENTITY_PAGE = `
SELECT coalesce(json_agg(${entityRef("p")} ORDER BY p.name, p.id), '[]') AS json FROM (
  SELECT id, slug, name, kind FROM entity e
  WHERE ${visible("e")} AND ($1::text IS NULL OR (e.name, e.id) > ($1::text, $2::int))
  ORDER BY e.name, e.id LIMIT $3) AS p`;

/** The visible entities one visible relation away from walk row `w`, either direction, as `next` (and the relation as `rel`). */
const stepFrom = (w: string) => `(
    SELECT r.id AS rel, r.object_id AS next FROM relation r JOIN entity e ON e.id = r.object_id AND ${visible("e")}
    WHERE r.subject_id = ${w}.id AND ${visible("r")}
    UNION ALL
    SELECT r.id, r.subject_id FROM relation r JOIN entity e ON e.id = r.subject_id AND ${visible("e")}
    WHERE r.object_id = ${w}.id AND ${visible("r")})`;

/**
 * $1 start entity id, $2 depth: the entities within $2 hops (by distance,
 * name, id) and the relations touching those closer than $2 (by id).
 */
export const NEIGHBORHOOD = `
WITH RECURSIVE walk(id, distance) AS (
  SELECT e.id, 0 FROM entity e WHERE e.id = $1 AND ${visible("e")}
  UNION
  SELECT n.next, w.distance + 1 FROM walk w CROSS JOIN LATERAL ${stepFrom("w")} AS n WHERE w.distance < $2
), reached AS (SELECT id, min(distance) AS distance FROM walk GROUP BY id)
SELECT json_build_object(
  'entities', (SELECT coalesce(json_agg(${entityRef("e")} ORDER BY reached.distance, e.name, e.id), '[]')
               FROM reached JOIN entity e ON e.id = reached.id),
  'relations', (SELECT coalesce(json_agg(json_build_object(${relationFields}, 'subject', ${entityRef("s")}, 'object', ${entityRef("o")}) ORDER BY r.id), '[]')
                FROM (SELECT DISTINCT t.id FROM reached CROSS JOIN LATERAL (
                        SELECT id FROM relation WHERE subject_id = reached.id
                        UNION ALL SELECT id FROM relation WHERE object_id = reached.id) AS t
                      WHERE reached.distance < $2) AS touching
                JOIN relation r ON r.id = touching.id
                JOIN entity s ON s.id = r.subject_id AND ${visible("s")}
                JOIN entity o ON o.id = r.object_id AND ${visible("o")}
                WHERE ${visible("r")})
) AS json
WHERE EXISTS (SELECT 1 FROM reached WHERE distance = 0)`;

/**
 * $1 from, $2 to, $3 maxDepth: at most 10 simple paths ignoring direction,
 * shortest first, equal lengths by their relation ids read from the start.
 */
export const PATHS = `
WITH RECURSIVE walk(id, entities, relations) AS (
  SELECT e.id, ARRAY[e.id], ARRAY[]::int[] FROM entity e WHERE e.id = $1 AND ${visible("e")}
  UNION ALL
  SELECT n.next, w.entities || n.next, w.relations || n.rel
  FROM walk w CROSS JOIN LATERAL ${stepFrom("w")} AS n
  WHERE w.id <> $2 AND cardinality(w.relations) < $3 AND n.next <> ALL (w.entities)
), found AS (
  SELECT entities, relations FROM walk WHERE id = $2 ORDER BY cardinality(relations), relations LIMIT 10
)
SELECT coalesce(json_agg(json_build_object(
  'length', cardinality(found.relations),
  'entities', (SELECT json_agg(${entityRef("e")} ORDER BY u.n) FROM unnest(found.entities) WITH ORDINALITY AS u(id, n) JOIN entity e ON e.id = u.id),
  'relations', (SELECT json_agg(json_build_object(${relationFields}) ORDER BY u.n) FROM unnest(found.relations) WITH ORDINALITY AS u(id, n) JOIN relation r ON r.id = u.id)
) ORDER BY cardinality(found.relations), found.relations), '[]') AS json
FROM found`;
