import { type Fragment, col, sql } from "../sql/fragment";

/**
 * The entity `row` answers to `slug`: the slug it holds now, or one it held
 * before a rename (former_slug). The SQL twin of `answersToSlug` in
 * slug-history.ts, the one place the root lookup by slug is decided.
 * Written as an id lookup rather than an OR, so that both unique slug
 * indexes are used (an OR across two tables scans `entity`). A slug is
 * reserved forever, so at most one of the two lookups finds an id; the
 * former slugs are looked up only when no entity holds the slug now.
 */
export function entityBySlug(row: string, slug: string): Fragment {
  return sql`${col(row, "id")} = coalesce((SELECT id FROM entity WHERE slug = ${slug}), (SELECT entity_id FROM former_slug WHERE slug = ${slug}))`;
}
