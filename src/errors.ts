import { HeaderMap } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { databaseFault } from "./db/faults";

/**
 * Every error a client may see, each with a stable `extensions.code`.
 * Anything else thrown inside a resolver is an internal error: it is logged
 * and masked (see `maskInternalErrors`), so no SQL, stack trace or Prisma
 * message reaches a client.
 */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  /** The database cannot be reached or has no free connection; retry later (HTTP 503). */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  /** The request ran past its deadline or a statement past its timeout (HTTP 504). */
  DEADLINE_EXCEEDED: "DEADLINE_EXCEEDED",
  /** The operation asks for more work than the admission limits allow (src/graphql/admission.ts). */
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  /** The client's request budget is spent; retry after `Retry-After` seconds. */
  RATE_LIMITED: "RATE_LIMITED",
  /** The HTTP request is not a GraphQL request: malformed JSON, not an object, a bad header. */
  BAD_REQUEST: "BAD_REQUEST",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  /** The request line or headers are longer than Node's HTTP parser takes (HTTP 431). */
  REQUEST_HEADER_FIELDS_TOO_LARGE: "REQUEST_HEADER_FIELDS_TOO_LARGE",
  /** The client did not send its whole request in time (HTTP 408). */
  REQUEST_TIMEOUT: "REQUEST_TIMEOUT",
  /** A file of the admin app: a conditional header (`If-Match`, `If-Unmodified-Since`) does not hold (HTTP 412). */
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  /** A file of the admin app: the `Range` asked for lies outside it (HTTP 416). */
  RANGE_NOT_SATISFIABLE: "RANGE_NOT_SATISFIABLE",
  /** A content type, charset or content-encoding the server does not read. */
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  /** A subscription: this API has none, and GraphQL over HTTP does not carry them. */
  OPERATION_NOT_SUPPORTED: "OPERATION_NOT_SUPPORTED",
  PERSISTED_QUERY_VERSION_NOT_SUPPORTED: "PERSISTED_QUERY_VERSION_NOT_SUPPORTED",
  PERSISTED_QUERY_HASH_MISMATCH: "PERSISTED_QUERY_HASH_MISMATCH",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

/** Input that cannot be accepted; `field` names the argument or input field at fault. */
export function userInputError(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field && { field }) } });
}

/** No valid credentials: a missing sign-in where one is needed, or a wrong or revoked token. */
export function unauthenticatedError(message = "Sign in with a valid API token."): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

/**
 * A wrong, revoked or malformed bearer token: the whole request is refused
 * with HTTP 401 and `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750
 * section 3), through Apollo's `extensions.http`, which it strips from the body.
 */
export function invalidTokenError(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.UNAUTHENTICATED,
      http: { status: 401, headers: new HeaderMap([["www-authenticate", 'Bearer error="invalid_token"']]) },
    },
  });
}

/** A refusal of the whole request before it runs, with its HTTP status (4xx). */
export function requestError(code: ErrorCodeName, message: string, status: number, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode[code], ...extensions, http: { status } } });
}

/** Signed in, but the role does not allow this. */
export function forbiddenError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function notFoundError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND } });
}

/** The record moved on (or would break a uniqueness rule); `currentVersion` lets the client retry. */
export function conflictError(message: string, currentVersion?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.CONFLICT, ...(currentVersion !== undefined && { currentVersion }) },
  });
}

/** The database is down, unreachable or saturated: nothing was done that the client can see; retry. */
export function serviceUnavailableError(): GraphQLError {
  return new GraphQLError("The database is unavailable; try again shortly.", { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
}

/** The request, or one of its statements, ran too long and was stopped. */
export function deadlineExceededError(message = "The request took too long and was stopped."): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.DEADLINE_EXCEEDED } });
}

/** Where the mask reports internal errors (a pino logger in the server). */
export interface InternalErrorLog {
  error(details: Record<string, unknown>, message: string): void;
}

/**
 * Apollo's `formatError`: passes client errors through (those made above,
 * and the parse, validation and request errors of GraphQL and Apollo, which
 * all carry a code, or are given one by `clientErrorCode`) and replaces
 * everything else with a generic internal error, which it logs.
 */
export function maskInternalErrors(log: InternalErrorLog) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const code = original instanceof GraphQLError ? clientErrorCode(formatted, error as GraphQLError) : undefined;
    if (code) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      const tokens = TOKEN_LIMIT.exec(formatted.message);
      if (code === "GRAPHQL_PARSE_FAILED" && tokens) {
        // graphql-js stops parsing at the limit (Apollo's parseOptions.maxTokens), so "more than" is all it knows.
        const message = `The query has more than ${tokens[1]} tokens; the limit is ${tokens[1]}.`;
        return { message, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: "tokens", maximum: Number(tokens[1]) } };
      }
      return { ...formatted, extensions: { ...extensions, code } };
    }
    const fault = databaseFault(original);
    if (fault) {
      // An outage is not a bug: one line, no stack, and a code the client can act on.
      log.error({ fault: fault.kind, detail: fault.detail }, "Database fault");
      const replacement = fault.kind === "timeout" ? deadlineExceededError("A database statement took too long and was stopped.") : serviceUnavailableError();
      return { message: replacement.message, locations: formatted.locations, path: formatted.path, extensions: replacement.extensions };
    }
    log.error({ err: original }, "Internal error");
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

// graphql-js 16's parse error when a document is longer than parseOptions.maxTokens (its "more that" typo included).
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

// Client mistakes that Apollo Server 5 reports without a code (their HTTP status is 4xx), by message.
const UNCODED_APOLLO_ERRORS: Record<string, string> = {
  "Unsupported persisted query version": ErrorCode.PERSISTED_QUERY_VERSION_NOT_SUPPORTED,
  "provided sha does not match query": ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
};

/** The code of a client error, or undefined for an internal one. */
function clientErrorCode(formatted: GraphQLFormattedError, error: GraphQLError): string | undefined {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && code !== ErrorCode.INTERNAL_SERVER_ERROR) return code;
  const status = (error.extensions?.http as { status?: number } | undefined)?.status;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  return UNCODED_APOLLO_ERRORS[error.message] ?? ErrorCode.BAD_REQUEST;
}
