/*
 * How much a graph walk may return. neighborhood stops adding entities and
 * relations at these caps and says so (`Subgraph.truncated`); paths returns
 * at most MAX_PATHS paths of at most MAX_DEPTH relations. The admission cost
 * model (src/graphql/cost.ts) prices their lists at these caps.
 */

/** The deepest walk: `depth` and `maxDepth` are 1 to MAX_DEPTH. */
export const MAX_DEPTH = 4;
/** Entities in one Subgraph, the start included. */
export const MAX_SUBGRAPH_ENTITIES = 200;
/** Relations in one Subgraph. */
export const MAX_SUBGRAPH_RELATIONS = 400;
/** Paths returned by one `paths` call, shortest first. */
export const MAX_PATHS = 10;
