import { type CareContext, Direction, type Predicate } from "../enums";
import type { ArgumentFilter, FieldSql } from "../sql/declarations";
import { type Fragment, arrayParam, col, quoteLiteral, sql } from "../sql/fragment";
import { parentAlias } from "../review/visibility";

/*
 * The SQL of relation lists, for the compiled read path: the same filters
 * and order as the loader path in relation.service.ts.
 */

/**
 * Predicate, then rank (PREFERRED, NORMAL, DEPRECATED: the enum's order), then the object's name,
 * then the subject's name, then id (RELATION_ORDER in relation.service.ts). The names are read from
 * the ends that visibleRows joins beside the relation (tables.ts). `anchoredAt`: an end that is the
 * same entity for every row of the list (the list's `reachedFrom`, not joined), whose name orders nothing.
 */
export function relationOrder(row: string, anchoredAt?: AnchoredEnd): Fragment {
  const nameOf = (end: AnchoredEnd) => (end === anchoredAt ? sql`` : sql`${col(parentAlias(row, end), "name")}, `);
  return sql`${col(row, "predicate")}, ${col(row, "rank")}, ${nameOf("object_id")}${nameOf("subject_id")}${col(row, "id")}`;
}

type AnchoredEnd = "subject_id" | "object_id";

/** The end of a relation that is the parent entity, for a list in `direction` (none for both directions). */
function anchoredEnd(direction: Direction): AnchoredEnd | undefined {
  if (direction === Direction.OUTGOING) return "subject_id";
  if (direction === Direction.INCOMING) return "object_id";
  return undefined;
}

/** Relations of the entity `parent` in `direction`. */
export function touching(direction: Direction, row: string, parent: string): Fragment {
  const outgoing = sql`${col(row, "subject_id")} = ${col(parent, "id")}`;
  const incoming = sql`${col(row, "object_id")} = ${col(parent, "id")}`;
  if (direction === Direction.OUTGOING) return outgoing;
  if (direction === Direction.INCOMING) return incoming;
  return sql`(${outgoing} OR ${incoming})`;
}

/** Only these predicates; every predicate when null. */
export function withPredicates(row: string, predicates: readonly Predicate[] | null): Fragment | null {
  return predicates === null ? null : sql`${col(row, "predicate")} = ANY(${arrayParam(predicates)}::text[]::predicate[])`;
}

/** ACUTE or CHRONIC: that context and ANY; ANY: only ANY (the same condition); null: all (holdsIn in relation.service.ts). */
export function inCareContext(row: string, wanted: CareContext | null): Fragment | null {
  if (wanted === null) return null;
  return sql`${col(row, "context")} IN (${wanted}::care_context, 'ANY')`;
}

/** Deprecated claims stay out unless asked for (Wikidata hides deprecated statements by default). */
export function notDeprecated(row: string): Fragment {
  return sql`${col(row, "rank")} <> 'DEPRECATED'`;
}

export const predicatesFilter: ArgumentFilter = (row, value) => withPredicates(row, value as Predicate[] | null);
export const directionFilter: ArgumentFilter = (row, value, parent) => touching((value as Direction | null) ?? Direction.BOTH, row, parent);
export const careContextFilter: ArgumentFilter = (row, value) => inCareContext(row, value as CareContext | null);
export const deprecatedFilter: ArgumentFilter = (row, value) => (value === true ? null : notDeprecated(row));

/** A list of an entity's relations, the filtering left to the field's arguments. */
export const relationList: FieldSql = { kind: "many", table: "relation", orderBy: (row) => relationOrder(row) };

/** A named slice of an entity's relations (a condition's treatments, red flags, ...). */
export function relationSlice(direction: Direction, predicate: Predicate, options: { onlyRedFlags?: boolean } = {}): FieldSql {
  return {
    kind: "many",
    table: "relation",
    on: (parent, row) =>
      sql`${touching(direction, row, parent)} AND ${col(row, "predicate")} = ${sql.unsafe(quoteLiteral(predicate))}${options.onlyRedFlags ? sql` AND ${col(row, "red_flag")}` : sql``}`,
    reachedFrom: anchoredEnd(direction),
    orderBy: (row) => relationOrder(row, anchoredEnd(direction)),
  };
}
