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
});
