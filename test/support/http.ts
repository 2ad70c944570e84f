import type { AddressInfo } from "node:net";
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

/** The real server on a free loopback port. */
export async function startTestServer(db: Database, options?: ServerOptions): Promise<TestServer> {
  const server: CaregraphServer = await createServer(db, options);
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
