import { createHash } from "node:crypto";
import net from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { type Config, loadConfig } from "../src/config";
import type { Database } from "../src/db/client";
import { connectTestDatabase, resetDatabase } from "./support/database";
import { issueTokens, type Tokens } from "./support/editors";
import { startTestServer, type TestServer } from "./support/http";

// The HTTP edge: every error a JSON GraphQL error with the right status, request logs, CORS, the rate limit, production mode.

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: { errors?: { message: string; extensions?: Record<string, any> }[]; data?: unknown };
}

/** A logger whose JSON lines land in `lines`, so a test can read what the server logged. */
function capturingLogger(lines: Record<string, any>[]) {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return pino({ level: "info", redact: ["req.headers.authorization"] }, stream);
}

const settings = (environment: NodeJS.ProcessEnv): Config => ({ ...loadConfig({ LOG_LEVEL: "silent", ...environment }), rateLimit: { max: 0, windowMs: 60_000 } });

/** Sends `request` as it is on a new connection to `url`'s server; resolves with the answer's head and its JSON body. */
async function rawExchange(url: string, request: string): Promise<{ head: string; body: any }> {
  const answer = await rawAnswer(url, request);
  const end = answer.indexOf("\r\n\r\n");
  return { head: answer.slice(0, end), body: JSON.parse(answer.slice(end + 4)) };
}

function rawAnswer(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    socket.on("data", (chunk) => {
      chunks.push(chunk);
      // The answer is whole once its body is: these answers carry a content-length.
      const text = Buffer.concat(chunks).toString("utf8");
      const length = /content-length: (\d+)/i.exec(text);
      const head = text.indexOf("\r\n\r\n");
      if (length && head >= 0 && Buffer.byteLength(text.slice(head + 4)) >= Number(length[1])) socket.destroy();
    });
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.on("error", reject);
  });
}

describe("the HTTP edge", () => {
  let db: Database;
  let tokens: Tokens;
  let server: TestServer;
  const logLines: Record<string, any>[] = [];

  beforeAll(async () => {
    db = connectTestDatabase();
    await resetDatabase(db);
    tokens = await issueTokens(db);
    // NODE_ENV unset, as under `npm start`: the mode in which Express would show its HTML stack page.
    server = await startTestServer(db, settings({}), { logger: capturingLogger(logLines) });
  });

  afterAll(async () => {
    await server.stop();
    await db.$disconnect();
  });

  async function send(init: RequestInit & { path?: string } = {}, on: TestServer = server): Promise<Answer> {
    const response = await fetch(on.url.replace(/\/graphql$/, init.path ?? "/graphql"), { method: "POST", ...init });
    const text = await response.text();
    let body = {};
    try {
      body = JSON.parse(text);
    } catch {
      // Left empty: the assertions below then fail on the missing error.
    }
    return { status: response.status, headers: response.headers, text, body };
  }

  const json = (body: string, headers: Record<string, string> = {}) => ({ body, headers: { "content-type": "application/json", ...headers } });

  /** Asserts a clean JSON GraphQL error: the status, the code, and no HTML, stack or path. */
  function expectCleanError(answer: Answer, status: number, code: string) {
    expect({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({ status, code });
    expect(answer.headers.get("content-type")).toMatch(/^application\/(graphql-response\+)?json/);
    expect(answer.text).not.toMatch(/<html|<pre|\bat \w+ \(|node_modules|\/src\/|stacktrace/i);
  }

  describe("requests that never reach GraphQL", () => {
    it.each([
      ["malformed JSON", json('{"query": "{ __typename }"'), 400, "BAD_REQUEST"],
      ["a JSON string", json('"{ __typename }"'), 400, "BAD_REQUEST"],
      ["a JSON number", json("42"), 400, "BAD_REQUEST"],
      ["JSON null", json("null"), 400, "BAD_REQUEST"],
      ["a JSON array (batching is off)", json('[{"query": "{ __typename }"}]'), 400, "BAD_REQUEST"],
      ["a body over the limit", json(JSON.stringify({ query: "{ __typename }", padding: "x".repeat(1024 * 1024) })), 413, "PAYLOAD_TOO_LARGE"],
      ["an unknown content-encoding", json('{"query": "{ __typename }"}', { "content-encoding": "x-unknown" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["an unknown charset", json('{"query": "{ __typename }"}', { "content-type": "application/json; charset=x-klingon" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["text/plain (CSRF prevention)", { body: '{"query": "{ __typename }"}', headers: { "content-type": "text/plain" } }, 400, "BAD_REQUEST"],
      ["no content type", { body: '{"query": "{ __typename }"}' }, 400, "BAD_REQUEST"],
      ["no query", json("{}"), 400, "BAD_REQUEST"],
      ["a query that is not a string", json('{"query": 42}'), 400, "BAD_REQUEST"],
      ["variables that are not an object", json('{"query": "{ __typename }", "variables": [1]}'), 400, "BAD_REQUEST"],
      ["a gzip body (bodies are read uncompressed)", json('{"query": "{ __typename }"}', { "content-encoding": "gzip" }), 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["a content-type that does not parse", { body: "{}", headers: { "content-type": ";;;" } }, 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["a __proto__ key (prototype poisoning)", json('{"query": "{ __typename }", "variables": {"__proto__": {"x": 1}}}'), 400, "BAD_REQUEST"],
      ["a method GraphQL over HTTP has no use for", { method: "PROPFIND" }, 405, "BAD_REQUEST"],
      ["OPTIONS without CORS", { method: "OPTIONS" }, 405, "BAD_REQUEST"],
      ["a PUT, whose body is not read", { ...json("{ not json"), method: "PUT" }, 405, "BAD_REQUEST"],
    ])("answers %s with a JSON error", async (_name, init, status, code) => {
      expectCleanError(await send(init as RequestInit), status, code);
    });

    it("answers an unknown path as a JSON 404, without reading its body", async () => {
      expectCleanError(await send({ method: "GET", path: "/nothing-here" }), 404, "NOT_FOUND");
      expectCleanError(await send({ ...json("{ not json"), path: "/nothing-here" }), 404, "NOT_FOUND");
    });

    it("answers a path that climbs out of /admin 403 FORBIDDEN", async () => {
      // Sent as it is: fetch would resolve the dots itself.
      const { head, body } = await rawExchange(server.url, "GET /admin/%2e%2e/package.json HTTP/1.1\r\nHost: x\r\n\r\n");
      expect(head).toMatch(/^HTTP\/1.1 403 /);
      expect(body.errors[0].extensions.code).toBe("FORBIDDEN");
    });

    it("serves /graphql/ and /GraphQL as /graphql, and a GET whatever its content-encoding", async () => {
      for (const path of ["/graphql/", "/GraphQL"]) expect((await send({ ...json('{"query": "{ __typename }"}'), path })).body).toEqual({ data: { __typename: "Query" } });
      const get = await send({ method: "GET", path: `/graphql?query=${encodeURIComponent("{ __typename }")}`, headers: { "content-encoding": "gzip" } });
      expect(get.body).toEqual({ data: { __typename: "Query" } });
    });

    it.each([
      ["a URL that cannot be decoded", "GET /graphql% HTTP/1.1\r\nHost: x\r\n\r\n", 400, "BAD_REQUEST"],
      ["headers over Node's limit", `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, 431, "REQUEST_HEADER_FIELDS_TOO_LARGE"],
      ["a request line that is not HTTP", "GARBAGE\r\n\r\n", 400, "BAD_REQUEST"],
    ])("answers %s with a JSON error on the socket", async (_name, request, status, code) => {
      const { head, body } = await rawExchange(server.url, request);
      expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head).toMatch(/\r\ncontent-type: application\/json/i);
      expect(body.errors[0].extensions.code).toBe(code);
    });

    it("logs a URL that cannot be decoded like any other request", async () => {
      logLines.length = 0;
      await rawExchange(server.url, "GET /graphql% HTTP/1.1\r\nHost: x\r\nX-Request-Id: bad-url-1\r\nConnection: close\r\n\r\n");
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(logLines.find((line) => line.req?.id === "bad-url-1")).toMatchObject({ res: { statusCode: 400 } });
    });
  });

  describe("client mistakes each get their own code, never INTERNAL_SERVER_ERROR", () => {
    const graphql = (payload: unknown, headers: Record<string, string> = {}) => send(json(JSON.stringify(payload), headers));

    it.each([
      ["a persisted query of an unknown version", { extensions: { persistedQuery: { version: 2, sha256Hash: "abc" } } }, "PERSISTED_QUERY_VERSION_NOT_SUPPORTED"],
      ["a persisted query whose hash does not match", { query: "{ __typename }", extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }, "PERSISTED_QUERY_HASH_MISMATCH"],
      ["an unknown persisted query", { extensions: { persistedQuery: { version: 1, sha256Hash: createHash("sha256").update("{ nothing }").digest("hex") } } }, "PERSISTED_QUERY_NOT_FOUND"],
      ["a subscription", { query: "subscription { viewer { name } }" }, "OPERATION_NOT_SUPPORTED"],
      ["two operations and no operationName", { query: "query A { __typename } query B { __typename }" }, "OPERATION_RESOLUTION_FAILURE"],
      ["an unknown operationName", { query: "query A { __typename }", operationName: "B" }, "OPERATION_RESOLUTION_FAILURE"],
      ["a variable of the wrong type", { query: "query ($n: Int) { entities(first: $n) { totalCount } }", variables: { n: "ten" } }, "BAD_USER_INPUT"],
      ["a missing required variable", { query: "query ($slug: String!) { entity(slug: $slug) { name } }" }, "BAD_USER_INPUT"],
    ])("%s", async (_name, payload, code) => {
      const answer = await graphql(payload);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe(code);
      expect(answer.status).toBeLessThan(500);
    });

    it("refuses a mutation sent by GET with 405", async () => {
      const url = `?query=${encodeURIComponent("mutation { publish(id: \"x\", expectedVersion: 1) { id } }")}`;
      const answer = await send({ method: "GET", path: `/graphql${url}`, headers: { "apollo-require-preflight": "true" } });
      expectCleanError(answer, 405, "BAD_REQUEST");
    });

    it("logs none of them as an internal error", () => {
      expect(logLines.filter((line) => line.level >= 50)).toEqual([]);
    });
  });

  describe("bearer tokens", () => {
    it.each([
      ["an unknown token", "Bearer cg_not-a-real-token"],
      ["a malformed Authorization header", "Token abc def"],
    ])("refuses %s with 401, WWW-Authenticate: Bearer and UNAUTHENTICATED", async (_name, authorization) => {
      const answer = await send(json('{"query": "{ viewer { name } }"}', { authorization }));
      expectCleanError(answer, 401, "UNAUTHENTICATED");
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    });

    it("refuses a revoked token with 401", async () => {
      const { editor } = await issueTokens(db).then(async (fresh) => {
        await db.apiToken.updateMany({ where: { editor: { name: "edna" } }, data: { revokedAt: new Date() } });
        return fresh;
      });
      expectCleanError(await send(json('{"query": "{ viewer { name } }"}', { authorization: `Bearer ${editor}` })), 401, "UNAUTHENTICATED");
    });
  });

  describe("request logs", () => {
    it("echoes the client's x-request-id, or makes one", async () => {
      expect((await send(json('{"query": "{ __typename }"}', { "x-request-id": "client-abc.123" }))).headers.get("x-request-id")).toBe("client-abc.123");
      const made = (await send(json('{"query": "{ __typename }"}', { "x-request-id": "bad id\twith tab" }))).headers.get("x-request-id");
      expect(made).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("logs one line per request with its id, operation, status, duration and error codes, and never the token", async () => {
      logLines.length = 0;
      await send(json('{"query": "query WhoAmI { viewer { name } }"}', { "x-request-id": "log-test-1", authorization: `Bearer ${tokens.admin}` }));
      await send(json('{"query": "{ viewer { name } }"}', { "x-request-id": "log-test-2", authorization: "Bearer cg_wrong" }));
      const first = logLines.find((line) => line.req?.id === "log-test-1");
      expect(first).toMatchObject({ operationName: "WhoAmI", res: { statusCode: 200 }, req: { method: "POST", path: "/graphql" } });
      expect(typeof first?.responseTime).toBe("number");
      expect(logLines.find((line) => line.req?.id === "log-test-2")).toMatchObject({ errorCodes: ["UNAUTHENTICATED"], res: { statusCode: 401 } });
      expect(JSON.stringify(logLines)).not.toContain(tokens.admin);
      expect(JSON.stringify(logLines)).not.toContain("cg_wrong");
    });
  });

  describe("CORS", () => {
    const preflight = (origin: string, on: TestServer) =>
      send({ method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" } }, on);

    it("answers an OPTIONS without preflight headers like a preflight, not with a text/plain 400", async () => {
      const open = await startTestServer(db, settings({ CORS_ORIGINS: "https://app.example.org" }));
      try {
        expect((await send({ method: "OPTIONS" }, open)).status).toBe(204);
      } finally {
        await open.stop();
      }
    });

    it("allows no origin by default", async () => {
      const answer = await preflight("https://app.example.org", server);
      expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    });

    it("answers the preflight of a listed origin, and only of it; CSRF prevention stays on", async () => {
      const open = await startTestServer(db, settings({ CORS_ORIGINS: "https://app.example.org" }));
      try {
        const allowed = await preflight("https://app.example.org", open);
        expect(allowed.status).toBe(204);
        expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example.org");
        expect(allowed.headers.get("access-control-allow-headers")).toMatch(/authorization/);
        expect((await preflight("https://evil.example.com", open)).headers.get("access-control-allow-origin")).toBeNull();
        const simple = await send({ body: '{"query": "{ __typename }"}', headers: { "content-type": "text/plain", origin: "https://app.example.org" } }, open);
        expectCleanError(simple, 400, "BAD_REQUEST");
      } finally {
        await open.stop();
      }
    });
  });

  describe("the rate limit", () => {
    it("answers 429 with Retry-After and RATE_LIMITED once a client's budget is spent, per client", async () => {
      const limited = await startTestServer(db, { ...settings({}), rateLimit: { max: 3, windowMs: 60_000 } });
      try {
        const ask = (authorization?: string) => send(json('{"query": "{ __typename }"}', authorization ? { authorization } : {}), limited);
        for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(200);
        const refused = await ask();
        expectCleanError(refused, 429, "RATE_LIMITED");
        expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
        // A signed-in client has its own budget.
        expect((await ask(`Bearer ${tokens.admin}`)).status).toBe(200);
      } finally {
        await limited.stop();
      }
    });
  });

  describe("production mode", () => {
    let production: TestServer;

    beforeAll(async () => {
      production = await startTestServer(db, settings({ NODE_ENV: "production" }));
    });

    afterAll(() => production.stop());

    it("turns introspection and suggestions off", async () => {
      const introspection = await production.graphql("{ __schema { queryType { name } } }");
      expect(introspection.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      const typo = await production.graphql("{ entitie { totalCount } }");
      expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
      expect((await server.graphql("{ entitie { totalCount } }")).errors?.[0]?.message).toMatch(/Did you mean/);
    });

    it("answers the same clean JSON errors", async () => {
      expectCleanError(await send(json("{ not json"), production), 400, "BAD_REQUEST");
      expectCleanError(await send(json('{"query": "{ viewer { name } }"}', { authorization: "Bearer nope" }), production), 401, "UNAUTHENTICATED");
    });

    it("opens introspection to signed-in viewers only when INTROSPECTION=signed-in", async () => {
      const audited = await startTestServer(db, settings({ NODE_ENV: "production", INTROSPECTION: "signed-in" }));
      try {
        const query = "{ __schema { queryType { name } } }";
        expect((await audited.graphql(query)).errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
        expect((await audited.graphql(query, undefined, tokens.admin)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
      } finally {
        await audited.stop();
      }
    });
  });
});
