import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import type { Logger } from "pino";
import { ErrorCode } from "../errors";
import { requestIdOf } from "./request-log";

/*
 * Errors raised before GraphQL runs (reading the body, the rate limit, an
 * unknown path) answered as GraphQL errors in JSON, with a status and a
 * stable `extensions.code`, never with Fastify's own error shape.
 */

/** A refusal of the HTTP edge, sent as it is: `statusCode` (4xx), `code` and `message`. */
export class HttpRefusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A response shaped like GraphQL's, for a request that never reached it. */
export function sendJsonError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type("application/json").send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

// Fastify's errors of reading a body (its Errors reference, FST_ERR_CTP_*), each with its status, code and a message of ours.
const BODY_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, ErrorCode.BAD_REQUEST, "The request body is not valid JSON."],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, ErrorCode.BAD_REQUEST, "The request body is empty."],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the server accepts"],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, ErrorCode.BAD_REQUEST, "The request body's length does not match its content-length."],
};

/**
 * Installs the last handlers: every error as a JSON GraphQL error (a known
 * client error keeps its 4xx; anything else is logged and masked as a 500),
 * and a JSON 404 for any path or method the server does not serve.
 * `bodyLimit` (bytes) is named in the 413's message.
 */
export function answerErrorsAsJson(app: FastifyInstance, logger: Logger, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError | HttpRefusal, _request, reply) => {
    if (error instanceof HttpRefusal) return sendJsonError(reply, error.statusCode, error.code, error.message);
    const known = BODY_ERRORS[error.code];
    if (known) {
      const [status, code, message] = known;
      return sendJsonError(reply, status, code, status === 413 ? `${message} (${bodyLimit} bytes).` : message);
    }
    const status = error.statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return sendJsonError(reply, status, ErrorCode.BAD_REQUEST, "The request cannot be read.");
    }
    logger.error({ err: error, req: { id: requestIdOf(reply.raw) } }, "Internal error");
    return sendJsonError(reply, 500, ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
  });
  app.setNotFoundHandler((request, reply) =>
    sendJsonError(reply, 404, "NOT_FOUND", `Nothing is served at ${request.method} ${request.url.split("?")[0]}; the GraphQL API is at /graphql.`),
  );
}
