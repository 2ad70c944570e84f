import "reflect-metadata";
import { DateTimeResolver } from "graphql-scalars";
import type { GraphQLSchema } from "graphql";
import { buildSchema, type NonEmptyArray } from "type-graphql";
import { ENTITY_TYPES } from "./graph/entities/entity.type";
// The order of these imports is the SDL's field order: the reads in the
// contract's order, then the mutations area by area.
import { NodeResolver } from "./graph/node/node.resolver";
import { EntityResolver } from "./graph/entities/entity.resolver";
import { ConditionResolver } from "./graph/entities/condition.resolver";
import { RelationResolver } from "./graph/relations/relation.resolver";
import { CitationResolver } from "./graph/citations/citation.resolver";
import { SearchResolver } from "./graph/search/search.resolver";
import { SourceResolver } from "./graph/sources/source.resolver";
import { SnapshotResolver } from "./graph/sources/snapshot.resolver";
import { FlaggedCitationsResolver } from "./graph/citations/flagged-citations.resolver";
import { TraversalResolver } from "./graph/traversal/traversal.resolver";
import { ViewerResolver } from "./graph/viewer/viewer.resolver";
import { EntityEditingResolver } from "./graph/entities/entity-editing.resolver";
import { RelationEditingResolver } from "./graph/relations/relation-editing.resolver";
import { CitationEditingResolver } from "./graph/citations/citation-editing.resolver";
import { SourceEditingResolver } from "./graph/sources/source-editing.resolver";
import { ReviewResolver } from "./graph/review/review.resolver";
import { ReviewQueueResolver } from "./graph/review/review-queue.resolver";
import { SourceImpactResolver } from "./graph/sources/source-impact.resolver";
import { HistoryResolver } from "./graph/history/history.resolver";
import { ApiTokenResolver } from "./graph/tokens/api-token.resolver";
import { answerFromCompiledJson } from "./graph/sql/compiled-resolvers";
import { reuseRootOutcomes } from "./graph/sql/compiled-operation";
import { stopResolversAfterAbort } from "./resilience/deadline";

// Every resolver class of the API; each area of src/graph adds its own.
const RESOLVERS: NonEmptyArray<Function> = [
  ViewerResolver,
  ApiTokenResolver,
  EntityEditingResolver,
  ReviewResolver,
  ReviewQueueResolver,
  SourceImpactResolver,
  RelationEditingResolver,
  CitationEditingResolver,
  SourceEditingResolver,
  SnapshotResolver,
  HistoryResolver,
  NodeResolver,
  EntityResolver,
  ConditionResolver,
  RelationResolver,
  CitationResolver,
  SourceResolver,
  FlaggedCitationsResolver,
  SearchResolver,
  TraversalResolver,
];

/** Builds the GraphQL schema from the type-graphql classes under src/graph. */
export async function buildGraphSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    // Entities are returned through the Entity interface; list the concrete types.
    orphanedTypes: ENTITY_TYPES,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    // Inputs are checked by the services, which know the domain's rules.
    validate: false,
  });
  // type-graphql has no option for the root types' descriptions.
  schema.getQueryType()!.description = "Reads: published content for everyone; drafts for signed-in editors who ask for them.";
  schema.getMutationType()!.description = "Edits by signed-in editors, each in one transaction with a revision; the least role is in each field's description.";
  // The read fields answer from one compiled SQL statement (src/graph/sql);
  // the other resolvers first check that the request is still wanted.
  return reuseRootOutcomes(answerFromCompiledJson(stopResolversAfterAbort(schema)));
}
