import { type Fragment, col, sql } from "../sql/fragment";

/**
 * The entity `row` answers to `slug`: the one place the root lookup by slug
 * is decided (slug history or redirects belong here).
 */
export function entityBySlug(row: string, slug: string): Fragment {
  return sql`${col(row, "slug")} = ${slug}`;
}
