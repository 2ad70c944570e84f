import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { type DocumentNode, type GraphQLSchema, getNamedType, isCompositeType, TypeInfo, visit, visitWithTypeInfo } from "graphql";

/** Seconds a shared cache (CDN, proxy, browser) may keep an anonymous answer holding this type. */
const TYPE_MAX_AGE: Readonly<Record<string, number>> = {
  Node: 60,
  Entity: 60,
  Condition: 60,
  Cause: 60,
  Symptom: 60,
  Diagnostic: 60,
  Treatment: 60,
  Relation: 60,
  Citation: 60,
  // Sources change least: a title or a DOI, rarely.
  Source: 300,
  EntityConnection: 60,
  EntityEdge: 60,
  SourceConnection: 60,
  SourceEdge: 60,
  PageInfo: 60,
  Subgraph: 60,
  Path: 60,
};

/** Fields whose hint differs from their type's. */
const FIELD_MAX_AGE: Readonly<Record<string, number>> = {
  // Ranking moves with every publication that matches.
  "Query.search": 30,
  // Drafts are for signed-in editors, whose answers are never stored.
  "Query.draftNode": 0,
};

/** Sent with every answer to a request that carries a token: it may hold drafts or account data. */
export const SIGNED_IN_CACHE_CONTROL = "private, no-store";

/**
 * Each anonymous query's `Cache-Control`: `max-age=N, public` with the
 * shortest max-age among the fields the document selects (from the tables
 * above), or `no-store` when any of them has no hint (viewer, history,
 * revisions, tokens), when it selects nothing but `__typename` or
 * introspection, or when the answer has errors. A request with a token gets
 * `private, no-store` whatever it reads; mutations are never cacheable.
 *
 * The hints are read off the document once (every field it selects, on every
 * type condition: an upper bound of what an answer resolves, so a hint can
 * only be shorter than per-field tracking would give), rather than through
 * Apollo's cache-control plugin, whose per-field hook would instrument every
 * field of every answer. The rules read in one place, here.
 */
export function cacheControlPlugins(): ApolloServerPlugin[] {
  const hints: ApolloServerPlugin = {
    async requestDidStart({ request }) {
      const signedIn = request.http?.headers.has("authorization") === true;
      return {
        async willSendResponse({ schema, document, operation, response }) {
          // Apollo's own answers (e.g. PERSISTED_QUERY_NOT_FOUND: "private, no-cache, must-revalidate") keep their header.
          if (response.http.headers.has("cache-control")) return;
          const maxAge = signedIn || operation?.operation !== "query" || !document ? undefined : documentMaxAge(schema, document);
          const answered = response.body.kind === "single" && !response.body.singleResult.errors;
          response.http.headers.set(
            "cache-control",
            signedIn ? SIGNED_IN_CACHE_CONTROL : answered && maxAge ? `max-age=${maxAge}, public` : "no-store",
          );
        },
      };
    },
  };
  return [hints, ApolloServerPluginCacheControlDisabled()];
}

const documentMaxAges = new WeakMap<DocumentNode, number | undefined>();

/** The shortest max-age among the fields `document` selects; undefined when none has a hint, 0 when one has none. */
function documentMaxAge(schema: GraphQLSchema, document: DocumentNode): number | undefined {
  if (documentMaxAges.has(document)) return documentMaxAges.get(document);
  const typeInfo = new TypeInfo(schema);
  let shortest: number | undefined;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        // Introspection is answered from the schema itself: no hint, and nothing under it counts.
        if (node.name.value.startsWith("__")) return false;
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        const hinted = FIELD_MAX_AGE[`${parent.name}.${field.name}`];
        const named = getNamedType(field.type);
        const root = parent === schema.getQueryType();
        // Like Apollo's rule: composite fields and root fields without a hint are uncacheable; scalars inherit.
        const maxAge = hinted ?? (isCompositeType(named) ? (TYPE_MAX_AGE[named.name] ?? 0) : root ? 0 : undefined);
        if (maxAge !== undefined) shortest = shortest === undefined ? maxAge : Math.min(shortest, maxAge);
      },
    }),
  );
  documentMaxAges.set(document, shortest);
  return shortest;
}
