import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import { ErrorCode } from "../errors";
import { requestIdOf } from "./request-log";

/*
 * Errors raised before GraphQL runs (the connection, the URL, reading the
 * body, the rate limit, an unknown path) answered as GraphQL errors in JSON,
 * with a status and a stable `extensions.code`, never with Fastify's own
 * error shape or a framework code.
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

const errorBody = (code: string, message: string) => JSON.stringify({ errors: [{ message, extensions: { code } }] });

/** A response shaped like GraphQL's, for a request that never reached it. */
export function sendJsonError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type("application/json; charset=utf-8").send(errorBody(code, message));
}

// Fastify's errors of reading a body (its Errors reference, FST_ERR_CTP_*), each with its status, code and a message of ours.
const BODY_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [
    400,
    ErrorCode.BAD_REQUEST,
    "The request body is not valid JSON, or holds a __proto__ or constructor.prototype key (refused as prototype poisoning).",
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, ErrorCode.BAD_REQUEST, "The request body is empty."],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the server accepts"],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, ErrorCode.BAD_REQUEST, "The request body's length does not match its content-length."],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request's content-type cannot be read; send application/json."],
};

// Any other client error keeps its status, with the code that status means (e.g. 403: a path that climbs out of /admin).
const CODE_OF_STATUS: Record<number, [string, string]> = {
  403: [ErrorCode.FORBIDDEN, "The path is not allowed."],
  404: [ErrorCode.NOT_FOUND, "Nothing is served at this path."],
  412: [ErrorCode.PRECONDITION_FAILED, "The request's precondition (If-Match, If-Unmodified-Since) does not hold."],
  416: [ErrorCode.RANGE_NOT_SATISFIABLE, "The requested range lies outside the file."],
};

/**
 * Installs the last handlers: every error as a JSON GraphQL error (a known
 * client error keeps its 4xx; anything else is logged and masked as a 500),
 * a JSON 404 for any path the server does not serve, and a JSON 405 for a
 * method /graphql does not take. `bodyLimit` (bytes) is named in the 413's message.
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
      const [code, message] = CODE_OF_STATUS[status] ?? [ErrorCode.BAD_REQUEST, "The request cannot be read."];
      return sendJsonError(reply, status, code, message);
    }
    logger.error({ err: error, req: { id: requestIdOf(reply.raw) } }, "Internal error");
    return sendJsonError(reply, 500, ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0];
    if (path.toLowerCase().replace(/\/$/, "") === "/graphql") {
      return sendJsonError(reply.header("allow", "GET, POST"), 405, ErrorCode.BAD_REQUEST, `GraphQL is served by GET and POST, not ${request.method}.`);
    }
    return sendJsonError(reply, 404, ErrorCode.NOT_FOUND, `Nothing is served at ${request.method} ${path}; the GraphQL API is at /graphql.`);
  });
}

/**
 * Fastify's `frameworkErrors`: a URL that cannot be decoded (`/graphql%`)
 * fails before routing and before any hook, so it is logged here, through
 * the same `onRequest` hook as every other request, and answered 400.
 */
export function badUrlAsJson(log: (request: FastifyRequest, reply: FastifyReply, done: () => void) => void) {
  return (_error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    log(request, reply, () => undefined);
    sendJsonError(reply, 400, ErrorCode.BAD_REQUEST, "The request's URL cannot be decoded.");
  };
}

/**
 * Node's `clientError`, as Fastify's `clientErrorHandler`: a request that
 * Node's HTTP parser refuses (a malformed request line or header, headers
 * over Node's limit, a client too slow to send its request) gets a JSON
 * GraphQL error on the socket, which is then closed. A reset connection gets nothing.
 */
export function clientErrorAsJson(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, code, message]: [number, string, string] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [431, ErrorCode.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request's URL or headers are larger than the server accepts."]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, ErrorCode.REQUEST_TIMEOUT, "The request did not arrive in time."]
        : [400, ErrorCode.BAD_REQUEST, "The request is not valid HTTP."];
  const body = errorBody(code, message);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
