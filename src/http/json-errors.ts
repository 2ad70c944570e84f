import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { ErrorCode } from "../errors";
import { requestIdOf } from "./request-log";

/*
 * Errors raised before GraphQL runs (body-parser's, or any middleware's)
 * answered as GraphQL errors in JSON, never as Express's HTML page, which
 * holds the stack trace and file paths whenever NODE_ENV is not production.
 */

/** A response shaped like GraphQL's, for a request that never reached it. */
export function sendJsonError(response: Response, status: number, code: string, message: string): void {
  response.status(status).type("application/json").send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

// body-parser's error types (its README, "Errors"), each with its status, code and a message of ours.
const BODY_ERRORS: Record<string, [number, string, string]> = {
  "entity.parse.failed": [400, ErrorCode.BAD_REQUEST, "The request body is not valid JSON, or not a JSON object."],
  "entity.too.large": [413, ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than the server accepts"],
  "encoding.unsupported": [415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request's content-encoding is not supported; use gzip, deflate, br or none."],
  "charset.unsupported": [415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request's charset is not supported; send UTF-8."],
  "request.aborted": [400, ErrorCode.BAD_REQUEST, "The request was aborted before its body arrived."],
  "request.size.invalid": [400, ErrorCode.BAD_REQUEST, "The request body's length does not match its content-length."],
};

/** The last error handler: known client errors keep their 4xx; anything else is logged and masked as a 500. */
export function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (response.headersSent) return next(error);
    const type = (error as { type?: unknown } | null)?.type;
    const known = typeof type === "string" ? BODY_ERRORS[type] : undefined;
    if (known) {
      const [status, code, message] = known;
      const limit = (error as { limit?: unknown }).limit;
      return sendJsonError(response, status, code, status === 413 && typeof limit === "number" ? `${message} (${limit} bytes).` : message);
    }
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return sendJsonError(response, status, ErrorCode.BAD_REQUEST, "The request cannot be read.");
    }
    logger.error({ err: error, req: { id: requestIdOf(response) } }, "Internal error");
    sendJsonError(response, 500, ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
  };
}

/** Any path or method the server does not serve: a JSON 404 instead of Express's HTML page. */
export const jsonNotFound: RequestHandler = (request, response) => {
  sendJsonError(response, 404, "NOT_FOUND", `Nothing is served at ${request.method} ${request.path}; the GraphQL API is at /graphql.`);
};
