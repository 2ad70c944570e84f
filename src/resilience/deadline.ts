import type { ServerResponse } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import type { onRequestHookHandler } from "fastify";
import { GraphQLError, type GraphQLSchema, isObjectType } from "graphql";
import { deadlineExceededError, ErrorCode } from "../errors";

const signals = new WeakMap<ServerResponse, AbortSignal>();

/** Why a request's work was abandoned: its deadline passed, or its client went away. */
class RequestAborted extends GraphQLError {}

/**
 * An `onRequest` hook giving each request an AbortSignal, aborted when the
 * request has run for `timeoutMs` or when its client disconnects before the
 * answer is sent (the response's `close` before `finish`: Node's request
 * `close` only means the body was read). `requestSignal(reply.raw)` hands it
 * to the context.
 */
export function requestDeadline(timeoutMs: number): onRequestHookHandler {
  return (_request, reply, done) => {
    const response = reply.raw;
    const controller = new AbortController();
    signals.set(response, controller.signal);
    const timer = setTimeout(() => {
      controller.abort(new RequestAborted(`The request ran longer than ${timeoutMs} ms and was stopped.`, { extensions: { code: ErrorCode.DEADLINE_EXCEEDED } }));
    }, timeoutMs);
    response.on("close", () => {
      clearTimeout(timer);
      if (!response.writableFinished) controller.abort(new RequestAborted("The client disconnected.", { extensions: { code: "CLIENT_CLOSED_REQUEST" } }));
    });
    done();
  };
}

/** The request's signal (a never-aborted one outside `requestDeadline`, e.g. in scripts). */
export function requestSignal(response: ServerResponse): AbortSignal {
  return signals.get(response) ?? new AbortController().signal;
}

/**
 * Stops the operation at the next resolver once the request's signal is
 * aborted: every resolver not yet started fails instead of reading the
 * database, so the work of a request past its deadline, or of a client that
 * left, ends at the statement in flight (itself bounded by
 * `statement_timeout`). Wraps the schema's resolvers once, when it is built,
 * rather than hooking every field through Apollo's `willResolveField`, which
 * would instrument every field of every answer.
 */
export function stopResolversAfterAbort(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue; // reads its parent's property: nothing to stop
      field.resolve = (source, args, context: { signal?: AbortSignal }, info) => {
        context.signal?.throwIfAborted();
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

/**
 * A deadline answers with one DEADLINE_EXCEEDED error and HTTP 504 instead
 * of a partial result with an error per unfinished field.
 */
export function deadlinePlugin(): ApolloServerPlugin<{ signal: AbortSignal }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const reason: unknown = contextValue.signal?.reason;
          if (!(reason instanceof RequestAborted) || reason.extensions.code !== ErrorCode.DEADLINE_EXCEEDED) return;
          if (response.body.kind !== "single") return;
          const error = deadlineExceededError(reason.message);
          response.body.singleResult = { errors: [{ message: error.message, extensions: error.extensions }] };
          response.http.status = 504;
        },
      };
    },
  };
}
