import { getNamedType, getNullableType, isLeafType, isListType } from "graphql";
import type { ComplexityEstimator } from "graphql-query-complexity";
import { MAX_DEPTH, MAX_PATHS, MAX_SUBGRAPH_ENTITIES, MAX_SUBGRAPH_RELATIONS } from "../graph/traversal/limits";

/*
 * The cost model: an estimate, computed before execution, of the rows an
 * operation may make the server read and return. Each object-valued field
 * costs 1 per item; scalars cost nothing (they come with their row). A list
 * multiplies the cost of everything below it by how many items it may hold:
 * its page size when it has one, otherwise the fan-out estimated below.
 */

/** Page size of a connection when neither `first` nor `last` is given (as in pagination/paginate.ts). */
export const DEFAULT_PAGE_SIZE = 20;
/** The largest page size the resolvers accept; a larger one is refused by them as BAD_USER_INPUT. */
const MAX_PAGE_SIZE = 100;

/**
 * Estimated items of the list fields that take no page size. Relation lists
 * are set above the seed's average (a condition such as back spasms has
 * dozens of relations, most entities a handful) so that a relation list
 * nested in a relation list, which re-enters such hubs, is priced as the
 * blow-up it is.
 */
export const LIST_FAN_OUT: Record<string, number> = {
  // A connection's page size already counts its edges.
  edges: 1,
  relations: 20,
  causes: 20,
  symptoms: 20,
  redFlags: 20,
  diagnostics: 20,
  treatments: 20,
  contraindications: 20,
  citations: 3,
  citedBy: 5,
  history: 20,
  paths: MAX_PATHS,
};

/** Subgraph and path lists: their caps. */
const CAPPED_LISTS: Record<string, number> = {
  "Subgraph.entities": MAX_SUBGRAPH_ENTITIES,
  "Subgraph.relations": MAX_SUBGRAPH_RELATIONS,
  "Path.entities": MAX_DEPTH + 1,
  "Path.relations": MAX_DEPTH,
};

/** Fan-out of a list field not named above. */
const DEFAULT_FAN_OUT = 20;

/** Per level of a graph walk (neighborhood, paths): one statement over the whole frontier. */
export const WALK_LEVEL_COST = 100;

/** Fields that cost more than their row: a COUNT over the whole list. */
const EXTRA_COST: Record<string, number> = { totalCount: 1 };

/** graphql-query-complexity estimator implementing the model above. */
export const caregraphCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
    const named = getNamedType(field.type);
    const self = isLeafType(named) ? (EXTRA_COST[field.name] ?? 0) : 1;
    const walk =
      field.name === "neighborhood" ? levels(args.depth) : field.name === "paths" && type.name === "Query" ? levels(args.maxDepth) : 0;
    let items = 1;
    if (named.name.endsWith("Connection")) items = pageSize(args);
    else if (field.name === "search") items = pageSize(args);
    else if (isListType(getNullableType(field.type)) && !field.name.startsWith("__")) {
      items = CAPPED_LISTS[`${type.name}.${field.name}`] ?? LIST_FAN_OUT[field.name] ?? DEFAULT_FAN_OUT;
    }
    return walk * WALK_LEVEL_COST + items * (self + childComplexity);
};

function pageSize(args: Record<string, unknown>): number {
  const size = typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(size, 0), MAX_PAGE_SIZE);
}

// An out-of-range depth is refused by the resolver; price it as the deepest walk allowed.
function levels(depth: unknown): number {
  return typeof depth === "number" ? Math.min(Math.max(depth, 1), MAX_DEPTH) : MAX_DEPTH;
}
