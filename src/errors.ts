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
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

/** Input that cannot be accepted; `field` names the argument or input field at fault. */
export function userInputError(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field && { field }) } });
}

/** No valid credentials: a missing sign-in where one is needed, or a wrong or revoked token. */
export function unauthenticatedError(message = "Sign in with a valid API token."): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
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

/**
 * Apollo's `formatError`: passes client errors through (those made above,
 * and the parse, validation and request errors of GraphQL and Apollo, which
 * all carry a code) and replaces everything else with a generic internal error.
 */
export function maskInternalErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof GraphQLError && typeof code === "string" && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const fault = databaseFault(original);
  if (fault) {
    // An outage is not a bug: one line, no stack, and a code the client can act on.
    console.error(`Database ${fault.kind}: ${fault.detail}`);
    const replacement = fault.kind === "timeout" ? deadlineExceededError("A database statement took too long and was stopped.") : serviceUnavailableError();
    return { message: replacement.message, locations: formatted.locations, path: formatted.path, extensions: replacement.extensions };
  }
  console.error("Internal error:", original);
  return {
    message: "Internal server error",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
