import type http from "node:http";
import net from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { fastifyApolloHandler } from "@as-integrations/fastify";
import Fastify from "fastify";
import type { Logger } from "pino";
import { serveAdmin } from "./admin/serve";
import { type Config, ConfigError, loadConfig } from "./config";
import { createContext, type Context } from "./context";
import type { Database } from "./db/client";
import { maskInternalErrors } from "./errors";
import { admissionControl } from "./graphql/admission";
import { legacyJsonStatus } from "./graphql/response-status";
import { wellFormedText } from "./graphql/well-formed-text";
import { answerCompiledOperations } from "./graph/sql/compiled-operation";
import { cacheControlPlugins } from "./http/cache-control";
import { corsForOrigins } from "./http/cors";
import { answerErrorsAsJson, badUrlAsJson, clientErrorAsJson } from "./http/json-errors";
import { persistedQueriesOption, trustedOperationsPlugin, type TrustedOperations } from "./http/persisted-queries";
import { rateLimitPerClient } from "./http/rate-limit";
import { plainUtf8BodiesOnly } from "./http/request-body";
import { revalidateCachedAnswers } from "./http/revalidation";
import { createLogger, graphqlRequestLog, logContextOf, logRefusal, requestLog } from "./http/request-log";
import { deadlinePlugin, requestDeadline, requestSignal } from "./resilience/deadline";
import { faultStatusPlugin, rethrowDatabaseFault } from "./resilience/fault-status";
import { healthRoutes } from "./resilience/health";
import { buildGraphSchema } from "./schema";

export interface CaregraphServer {
  httpServer: http.Server;
  /** Turns `/ready` to 503, stops taking requests, lets those in flight finish, then closes. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Where request and error logs go; by default a pino logger at the configured level. */
  logger?: Logger;
  /** Accept only these operations (TRUSTED_OPERATIONS); absent: any operation, with automatic persisted queries. */
  trustedOperations?: TrustedOperations;
}

// Any other method on /graphql is answered 405 by the not-found handler (json-errors.ts), without reading a body.
const GRAPHQL_METHODS = ["GET", "POST"] as const;
const NODE_REQUEST_TIMEOUT_MS = 300_000;
const NODE_KEEP_ALIVE_TIMEOUT_MS = 5_000;

/**
 * Builds the HTTP server: GraphQL at /graphql, /health, /ready and /admin,
 * on Fastify (its routing and body parsing cost a fraction of Express's per
 * request, bench/results.md). It does not listen; `index.ts` and the tests do.
 */
export async function createServer(db: Database, config: Config = loadConfig(), options: ServerOptions = {}): Promise<CaregraphServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const logRequest = requestLog(logger);
  const app = Fastify({
    // Off: `requestLog` writes one line per request.
    logger: false,
    bodyLimit: config.maxBodyBytes,
    // Node's own bounds, which Fastify would change: receiving a whole request (slow clients), and idle keep-alive.
    requestTimeout: NODE_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: NODE_KEEP_ALIVE_TIMEOUT_MS,
    // As Express routed: `/graphql/` and `/GraphQL` are `/graphql`.
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false },
    frameworkErrors: badUrlAsJson(logRequest),
    clientErrorHandler: clientErrorAsJson,
  });
  const readiness = { draining: false };
  const apollo = new ApolloServer<Context>({
    schema: await buildGraphSchema(),
    plugins: [
      // Requests in flight get as long as their own deadline to finish.
      ApolloServerPluginDrainHttpServer({ httpServer: app.server, stopGracePeriodMillis: config.requestTimeoutMs }),
      deadlinePlugin(),
      faultStatusPlugin(),
      graphqlRequestLog(),
      admissionControl(config.limits, config.introspection),
      wellFormedText(),
      legacyJsonStatus(),
      ...cacheControlPlugins(),
      ...(options.trustedOperations ? [trustedOperationsPlugin(options.trustedOperations)] : []),
      answerCompiledOperations(),
    ],
    persistedQueries: persistedQueriesOption(options.trustedOperations),
    // Sign-in is a bearer header only, never a cookie, so a cross-site GET
    // cannot act as anyone (README, "GET, caching and CSRF"); urql's and
    // graphql-request's plain GETs must work. Apollo still refuses mutations over GET.
    csrfPrevention: false,
    formatError: maskInternalErrors(logger),
    includeStacktraceInErrorResponses: false,
    // Set explicitly rather than left to NODE_ENV (see Config): the signed-in-only case is the admission plugin's.
    introspection: config.introspection !== "off",
    hideSchemaDetailsFromClientErrors: !config.schemaSuggestions,
    parseOptions: { maxTokens: config.limits.maxTokens },
    // index.ts owns SIGINT/SIGTERM and stops the database after the server;
    // Apollo's own handlers would race it and leave the process hanging.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  // First: scopes registered below inherit the error handlers and the log hook.
  answerErrorsAsJson(app, logger, config.maxBodyBytes);
  app.addHook("onRequest", logRequest);
  // Bodies are read on /graphql only (below): any other path answers without reading one.
  app.removeAllContentTypeParsers();
  await corsForOrigins(app, config.corsOrigins);
  healthRoutes(app, db, readiness, config.readyTimeoutMs);
  await app.register(async (graphql) => {
    if (config.rateLimit.max > 0) await rateLimitPerClient(graphql, config.rateLimit);
    graphql.addHook("onSend", revalidateCachedAnswers);
    graphql.addHook("onRequest", requestDeadline(config.requestTimeoutMs));
    graphql.addHook("preParsing", plainUtf8BodiesOnly);
    graphql.addContentTypeParser("application/json", { parseAs: "string" }, graphql.getDefaultJsonParser("error", "error"));
    // Any other content type reaches Apollo as text, which refuses it as GraphQL over HTTP says.
    graphql.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
    graphql.route({
      method: [...GRAPHQL_METHODS],
      url: "/graphql",
      handler: fastifyApolloHandler(apollo, {
        context: async (request, reply) => {
          try {
            return logContextOf(reply.raw, await createContext(db, request, requestSignal(reply.raw)).catch(rethrowDatabaseFault));
          } catch (error) {
            logRefusal(reply.raw, error);
            throw error;
          }
        },
      }),
    });
  });
  await serveAdmin(app);
  await app.ready();
  return {
    httpServer: app.server,
    async stop() {
      readiness.draining = true;
      await apollo.stop();
      await app.close();
    },
  };
}

/** Listens on `port`; a port already taken fails as one readable ConfigError line. */
export function listen(httpServer: net.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new ConfigError(`Port ${port} is already in use (PORT).`) : error);
    httpServer.once("error", fail);
    httpServer.listen(port, host, () => {
      httpServer.off("error", fail);
      resolve();
    });
  });
}

/** Fails fast when the port is taken, before migrations and the seed run; the real listen checks again. */
export async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  const probe = net.createServer();
  await listen(probe, port, host);
  await new Promise((resolve) => probe.close(resolve));
}
