import type { Database } from "../src/db/client";
import { connectTestDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/http";

describe("the GraphQL server", () => {
  let db: Database;
  let server: TestServer;

  beforeAll(async () => {
    db = connectTestDatabase();
    server = await startTestServer(db);
  });

  afterAll(async () => {
    await server.stop();
    await db.$disconnect();
  });

  it("answers { __typename } over HTTP", async () => {
    const response = await server.graphql("{ __typename }");
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ __typename: "Query" });
  });

  it("treats a request without a token as an anonymous reader", async () => {
    const response = await server.graphql("{ viewer { name role } }");
    expect(response.data).toEqual({ viewer: null });
  });

  it("refuses an unknown token with UNAUTHENTICATED instead of reading anonymously", async () => {
    const response = await server.graphql("{ viewer { name } }", undefined, "cg_not-a-real-token");
    expect(response.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(response.data ?? null).toBeNull();
  });

  it("refuses a malformed Authorization header with HTTP 401, saying the form it takes", async () => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Basic YWRhOnNlY3JldA==" },
      body: JSON.stringify({ query: "{ viewer { name } }" }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors).toEqual([expect.objectContaining({ message: "The Authorization header must be 'Bearer <token>'.", extensions: { code: "UNAUTHENTICATED" } })]);
    expect(body.data ?? null).toBeNull();
  });
});
