import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import { databaseFault } from "../db/faults";
import { deadlineExceededError, ErrorCode, serviceUnavailableError } from "../errors";

/** Seconds a client should wait before retrying while the database is unavailable. */
const RETRY_AFTER_SECONDS = "5";

const STATUS: Record<string, number> = { [ErrorCode.SERVICE_UNAVAILABLE]: 503, [ErrorCode.DEADLINE_EXCEEDED]: 504 };

/**
 * The HTTP status of an answer that a database fault spoiled: 503 with
 * `Retry-After` for SERVICE_UNAVAILABLE, 504 for DEADLINE_EXCEEDED. The
 * body stays a GraphQL response (GraphQL over HTTP lets a server answer
 * errors with a non-2xx status), so clients read the code either way.
 */
export function faultStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const codes = new Set(response.body.singleResult.errors?.map((error) => error.extensions?.code));
          if (codes.has(ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set("retry-after", RETRY_AFTER_SECONDS);
          } else if (codes.has(ErrorCode.DEADLINE_EXCEEDED)) {
            response.http.status = 504;
          }
        },
      };
    },
  };
}

/**
 * For the context function (authentication reads the database before any
 * resolver runs): a database fault there becomes its client error, carrying
 * its HTTP status the way Apollo reads it from errors raised before
 * execution (`extensions.http`); anything else is rethrown as it is.
 */
export function rethrowDatabaseFault(error: unknown): never {
  const fault = databaseFault(error);
  if (!fault) throw error;
  console.error(`Database ${fault.kind}: ${fault.detail}`);
  const clientError = fault.kind === "timeout" ? deadlineExceededError() : serviceUnavailableError();
  const code = clientError.extensions.code as string;
  const headers = new HeaderMap(code === ErrorCode.SERVICE_UNAVAILABLE ? [["retry-after", RETRY_AFTER_SECONDS]] : []);
  throw new GraphQLError(clientError.message, { extensions: { ...clientError.extensions, http: { status: STATUS[code], headers } } });
}
