import http from "node:http";
import net from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { Logger } from "pino";
import { serveAdmin } from "./admin/serve";
import { type Config, ConfigError, loadConfig } from "./config";
import { createContext, type Context } from "./context";
import type { Database } from "./db/client";
import { maskInternalErrors } from "./errors";
import { admissionControl } from "./graphql/admission";
import { legacyJsonStatus } from "./graphql/response-status";
import { wellFormedText } from "./graphql/well-formed-text";
import { corsForOrigins } from "./http/cors";
import { jsonErrors, jsonNotFound } from "./http/json-errors";
import { rateLimitPerClient } from "./http/rate-limit";
import { createLogger, graphqlRequestLog, logContextOf, logRefusal, requestLog } from "./http/request-log";
import { deadlinePlugin, requestDeadline, requestSignal } from "./resilience/deadline";
import { faultStatusPlugin, rethrowDatabaseFault } from "./resilience/fault-status";
import { healthRoutes } from "./resilience/health";
import { cacheControlPlugins } from "./http/cache-control";
import { persistedQueriesOption, trustedOperationsPlugin, type TrustedOperations } from "./http/persisted-queries";
import { buildGraphSchema } from "./schema";
import { answerCompiledOperations } from "./graph/sql/compiled-operation";

export interface CaregraphServer {
  app: express.Express;
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

/**
 * Builds the HTTP server: GraphQL at /graphql on Express, leaving room for
 * /health, /ready and /admin. It does not listen; `index.ts` and the tests do.
 */
export async function createServer(db: Database, config: Config = loadConfig(), options: ServerOptions = {}): Promise<CaregraphServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const readiness = { draining: false };
  const apollo = new ApolloServer<Context>({
    schema: await buildGraphSchema(),
    plugins: [
      // Requests in flight get as long as their own deadline to finish.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.requestTimeoutMs }),
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
  app.use(requestLog(logger), corsForOrigins(config.corsOrigins));
  app.use(healthRoutes(db, readiness, config.readyTimeoutMs));
  if (config.rateLimit.max > 0) app.use("/graphql", rateLimitPerClient(config.rateLimit));
  app.use(
    "/graphql",
    requestDeadline(config.requestTimeoutMs),
    express.json({ limit: config.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        try {
          return logContextOf(res, await createContext(db, req, requestSignal(res)).catch(rethrowDatabaseFault));
        } catch (error) {
          logRefusal(res, error);
          throw error;
        }
      },
    }),
  );
  serveAdmin(app);
  // Keep these two last: whatever no route above answered, and every error, as JSON.
  app.use(jsonNotFound);
  app.use(jsonErrors(logger));
  return {
    app,
    httpServer,
    async stop() {
      readiness.draining = true;
      await apollo.stop();
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
