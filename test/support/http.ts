import type { AddressInfo } from "node:net";
import { type Config, loadConfig } from "../../src/config";
import type { Database } from "../../src/db/client";
import { createServer, type CaregraphServer, type ServerOptions } from "../../src/server";

export interface GraphQLResponse<Data = Record<string, any>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestServer {
  url: string;
  /** POSTs one GraphQL operation over real HTTP, as a frontend would. */
  graphql<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<Data>>;
  stop(): Promise<void>;
}

/**
 * The real server on a free loopback port, with the environment's settings
 * overridden by those given, and the per-client rate limit off unless asked
 * for: a test file fires thousands of requests from one address.
 */
export async function startTestServer(db: Database, settings: Partial<Config> = {}, options: ServerOptions = {}): Promise<TestServer> {
  const config: Config = { ...loadConfig(), rateLimit: { max: 0, windowMs: 60_000 }, ...settings };
  const server: CaregraphServer = await createServer(db, config, options);
  await new Promise<void>((resolve) => server.httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    async graphql(query, variables, token) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    stop: () => server.stop(),
  };
}
