import type { ApolloServerPlugin } from "@apollo/server";
import Negotiator from "negotiator";

/*
 * GraphQL over HTTP (the spec's "application/json" section): a response in
 * the legacy media type application/json SHOULD be 200 even when the
 * document does not parse, does not validate or its variables do not fit,
 * because a client of that media type reads the outcome from the body; with
 * application/graphql-response+json those are 4xx. Apollo Server 5 answers
 * 400 in both cases; this plugin restores 200 for application/json. Refusals
 * by policy (QUERY_TOO_COMPLEX, 401, 413, 429, ...) keep their 4xx in both.
 */

/** The codes of request errors that the spec answers 200 under application/json. */
const GRAPHQL_REQUEST_ERRORS = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"]);

/** The media type Apollo answers in: application/json unless the client prefers application/graphql-response+json. */
function answersInLegacyJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return new Negotiator({ headers: { accept } }).mediaType(["application/json", "application/graphql-response+json"]) === "application/json";
}

export function legacyJsonStatus(): ApolloServerPlugin<object> {
  return {
    async requestDidStart({ request }) {
      return {
        async willSendResponse({ response }) {
          if (response.http.status !== 400 || response.body.kind !== "single") return;
          const errors = response.body.singleResult.errors ?? [];
          const requestErrors = errors.length > 0 && errors.every((error) => GRAPHQL_REQUEST_ERRORS.has(String(error.extensions?.code)));
          if (requestErrors && answersInLegacyJson(request.http?.headers.get("accept"))) response.http.status = 200;
        },
      };
    },
  };
}
