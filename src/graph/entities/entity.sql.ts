import { type Fragment, col, sql } from "../sql/fragment";

/**
 * The entity `row` answers to `slug`: the slug it holds now, or one it held
 * before a rename (former_slug). The SQL twin of `answersToSlug` in
 * slug-history.ts, the one place the root lookup by slug is decided.
 */
export function entityBySlug(row: string, slug: string): Fragment {
  return sql`(${col(row, "slug")} = ${slug} OR EXISTS (SELECT 1 FROM former_slug WHERE former_slug.entity_id = ${col(row, "id")} AND former_slug.slug = ${slug}))`;
}
