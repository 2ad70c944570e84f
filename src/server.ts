import http from "node:http";
import net from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { serveAdmin } from "./admin/serve";
import { ConfigError } from "./config";
import { createContext, type Context } from "./context";
import type { Database } from "./db/client";
import { maskInternalErrors } from "./errors";
import { buildGraphSchema } from "./schema";

export interface CaregraphServer {
  app: express.Express;
  httpServer: http.Server;
  /** Stops taking requests, lets those in flight finish, then closes. */
  stop(): Promise<void>;
}

/**
 * Builds the HTTP server: GraphQL at /graphql on Express, leaving room for
 * /health, /ready and /admin. It does not listen; `index.ts` and the tests do.
 */
export async function createServer(db: Database): Promise<CaregraphServer> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: await buildGraphSchema(),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
    formatError: maskInternalErrors,
    includeStacktraceInErrorResponses: false,
    // index.ts owns SIGINT/SIGTERM and stops the database after the server;
    // Apollo's own handlers would race it and leave the process hanging.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, { context: ({ req }) => createContext(db, req) }),
  );
  serveAdmin(app);
  return { app, httpServer, stop: () => apollo.stop() };
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
