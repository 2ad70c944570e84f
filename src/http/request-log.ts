import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import type { onRequestHookHandler } from "fastify";
import { GraphQLError } from "graphql";
import pino, { type Logger } from "pino";

/*
 * Structured logs (pino, one JSON line per request): the request id, the
 * method and path, the status, the duration, and for GraphQL the operation's
 * name and the error codes sent. Headers are not logged, and the
 * Authorization header is redacted should anything log it, so no token or
 * secret reaches the logs.
 */

/** What the GraphQL layer adds to a request's log line. */
interface GraphQLFacts {
  operationName?: string;
  errorCodes?: string[];
}

/**
 * The server's root logger, writing to stdout. Asynchronously: under load the
 * lines that arrive while a write is in flight go out together in the next,
 * rather than one blocking write(2) per line (0-4.5% more answers on the
 * treatments query, bench/results.md); an idle server still writes each
 * line at once, and pino flushes what is left when the process exits.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      redact: { paths: ["req.headers.authorization", "req.headers.cookie", "headers.authorization"], censor: "[redacted]" },
    },
    pino.destination({ dest: 1, sync: false }),
  );
}

// A client's id is echoed only when it is short and plain, so it cannot forge log lines or headers.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// What the GraphQL layer found out about each request, for its log line.
const graphqlFacts = new WeakMap<ServerResponse, GraphQLFacts>();

/**
 * An `onRequest` hook that accepts the client's `x-request-id` (else makes a
 * UUID), echoes it on the response, and logs the request in one line when
 * its answer is sent (`req: {id, method, path}`, `res: {statusCode}`,
 * `responseTime` in ms, and the GraphQL facts): `info`, or `error` for a
 * 5xx; a client that leaves before the answer logs `info` with
 * `aborted: true`. Fastify's own request logging is off: it writes two
 * lines per request through a child logger, and a child logger per request
 * was a third of the server's CPU for a trivial query (bench/results.md).
 */
export function requestLog(logger: Logger): onRequestHookHandler {
  return (request, reply, done) => {
    const started = performance.now();
    const response = reply.raw;
    const given = request.headers["x-request-id"];
    const id = typeof given === "string" && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
    response.setHeader("x-request-id", id);
    response.once("close", () => {
      const responseTime = Math.round(performance.now() - started);
      const { method } = request;
      // The path only: a GET's query string holds the operation and its variables.
      const path = request.url.split("?")[0];
      const { statusCode } = response;
      const aborted = !response.writableFinished;
      const line = { req: { id, method, path }, res: { statusCode }, responseTime, ...(aborted && { aborted }), ...graphqlFacts.get(response) };
      const message = `${method} ${path} ${aborted ? "aborted by the client" : statusCode} ${responseTime} ms`;
      if (statusCode >= 500 && !aborted) logger.error(line, message);
      else logger.info(line, message);
    });
    done();
  };
}

/** The request id `requestLog` gave this response. */
export function requestIdOf(response: ServerResponse): string | undefined {
  const id = response.getHeader("x-request-id");
  return typeof id === "string" ? id : undefined;
}

// A symbol-keyed property, since Apollo runs each operation on a shallow copy of the context.
const HTTP_RESPONSE = Symbol("http response");

/** Links a GraphQL context to its HTTP response, so the plugin below can add to the request's log line. */
export function logContextOf<C extends object>(response: ServerResponse, context: C): C {
  return Object.assign(context, { [HTTP_RESPONSE]: response });
}

/** Notes the code of an error that refused the request before a context existed (e.g. a bad token). */
export function logRefusal(response: ServerResponse, error: unknown): void {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  graphqlFacts.set(response, { errorCodes: [typeof code === "string" ? code : "INTERNAL_SERVER_ERROR"] });
}

/** Apollo plugin: records the operation's name and the error codes of its response for the log line. */
export function graphqlRequestLog(): ApolloServerPlugin<object> {
  return {
    async requestDidStart({ contextValue }) {
      const response = (contextValue as { [HTTP_RESPONSE]?: ServerResponse })[HTTP_RESPONSE];
      if (!response) return;
      const facts: GraphQLFacts = {};
      graphqlFacts.set(response, facts);
      return {
        async didResolveOperation({ operationName }) {
          if (operationName) facts.operationName = operationName;
        },
        async willSendResponse({ response: sent }) {
          const errors = sent.body.kind === "single" ? sent.body.singleResult.errors : sent.body.initialResult.errors;
          const codes = errors?.map((error) => String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
          if (codes?.length) facts.errorCodes = [...new Set(codes)];
        },
      };
    },
  };
}
