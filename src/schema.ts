import "reflect-metadata";
import { DateTimeResolver } from "graphql-scalars";
import type { GraphQLSchema } from "graphql";
import { buildSchema, type NonEmptyArray } from "type-graphql";
import { CitationEditingResolver } from "./graph/citations/citation-editing.resolver";
import { CitationResolver } from "./graph/citations/citation.resolver";
import { ConditionResolver } from "./graph/entities/condition.resolver";
import { EntityResolver } from "./graph/entities/entity.resolver";
import { EntityEditingResolver } from "./graph/entities/entity-editing.resolver";
import { ENTITY_TYPES } from "./graph/entities/entity.type";
import { HistoryResolver } from "./graph/history/history.resolver";
import { NodeResolver } from "./graph/node/node.resolver";
import { RelationEditingResolver } from "./graph/relations/relation-editing.resolver";
import { RelationResolver } from "./graph/relations/relation.resolver";
import { ReviewResolver } from "./graph/review/review.resolver";
import { SearchResolver } from "./graph/search/search.resolver";
import { SourceEditingResolver } from "./graph/sources/source-editing.resolver";
import { SourceResolver } from "./graph/sources/source.resolver";
import { ApiTokenResolver } from "./graph/tokens/api-token.resolver";
import { TraversalResolver } from "./graph/traversal/traversal.resolver";
import { ViewerResolver } from "./graph/viewer/viewer.resolver";

// Every resolver class of the API; each area of src/graph adds its own.
const RESOLVERS: NonEmptyArray<Function> = [
  ViewerResolver,
  ApiTokenResolver,
  EntityEditingResolver,
  ReviewResolver,
  RelationEditingResolver,
  CitationEditingResolver,
  SourceEditingResolver,
  HistoryResolver,
  NodeResolver,
  EntityResolver,
  ConditionResolver,
  RelationResolver,
  CitationResolver,
  SourceResolver,
  SearchResolver,
  TraversalResolver,
];

/** Builds the GraphQL schema from the type-graphql classes under src/graph. */
export function buildGraphSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    // Entities are returned through the Entity interface; list the concrete types.
    orphanedTypes: ENTITY_TYPES,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    // Inputs are checked by the services, which know the domain's rules.
    validate: false,
  });
}
