/**
 * The most items a compiled list field without a page size (an entity's
 * relations, a relation's citations, a source's citedBy, ...) returns: the
 * first ones in the list's documented order. No entity of the seed comes
 * near it; it bounds what one field of one row can make a request read. The
 * admission cost model (src/graphql/cost.ts) prices these lists by their
 * estimated fan-out, below this cap.
 */
export const MAX_LIST_ITEMS = 500;
