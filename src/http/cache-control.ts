import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";
import { cacheControlFromInfo } from "@apollo/cache-control-types";
import { getNamedType } from "graphql";

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
 * Per-field cache hints from the tables above, for Apollo's cache-control
 * plugin (Apollo's `setCacheHint`), so each response's `Cache-Control` is the
 * shortest max-age among the fields it resolved: `max-age=N, public` for
 * anonymous reads of published content, `no-store` when any field has no
 * hint (viewer, history, revisions, tokens) or the answer has errors. A request with a
 * token gets `private, no-store` whatever it reads; mutations are never cacheable.
 * The hints live here rather than as `@cacheControl` on each type, so the
 * caching rules read in one place.
 */
export function cacheControlPlugins(): ApolloServerPlugin[] {
  const hints: ApolloServerPlugin = {
    async requestDidStart({ request, response }) {
      if (request.http?.headers.has("authorization")) {
        // Apollo's plugin leaves a header it cannot parse as its own alone.
        response.http.headers.set("cache-control", SIGNED_IN_CACHE_CONTROL);
        return;
      }
      return {
        async didResolveOperation({ operation, overallCachePolicy }) {
          if (operation?.operation !== "query") overallCachePolicy.restrict({ maxAge: 0 });
        },
        async executionDidStart() {
          return {
            willResolveField({ info }) {
              const maxAge = FIELD_MAX_AGE[`${info.parentType.name}.${info.fieldName}`] ?? TYPE_MAX_AGE[getNamedType(info.returnType).name];
              if (maxAge !== undefined) cacheControlFromInfo(info).setCacheHint({ maxAge, scope: "PUBLIC" });
            },
          };
        },
      };
    },
  };
  // Apollo calls willResolveField in reverse plugin order: the cache-control
  // plugin, listed last, has set up `info.cacheControl` before the hints run.
  return [hints, ApolloServerPluginCacheControl({ defaultMaxAge: 0 })];
}
