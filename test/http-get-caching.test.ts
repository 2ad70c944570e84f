import { createHash } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { request } from "undici";
import type { Database } from "../src/db/client";
import { loadTrustedOperations } from "../src/http/persisted-queries";
import { issueTokens, type Tokens } from "./support/editors";
import { startTestServer, type TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

// GraphQL over HTTP as browsers and CDNs see it: GET for queries, Cache-Control
// from the cache hints, automatic persisted queries, and the trusted-operations mode.

const ENTITY = `{ entity(slug: "back-spasms") { id name ... on Condition { treatments { object { name } citations { source { title } } } } } }`;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A GET with only what `fetch` sends by itself: no content-type, no preflight header. */
async function get(url: string, params: Record<string, unknown>, headers: Record<string, string> = {}) {
  const search = new URLSearchParams(
    Object.entries(params).map(([key, value]): [string, string] => [key, typeof value === "string" ? value : JSON.stringify(value)]),
  );
  const response = await fetch(`${url}?${search}`, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

describe("GET, HTTP caching and persisted queries", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;

  beforeAll(async () => {
    ({ db, server } = await openScenario({ seed: true }));
    tokens = await issueTokens(db);
  });

  afterAll(() => closeScenario({ db, server }));

  it("answers a query over a plain GET, with no CSRF preflight header", async () => {
    const response = await get(server.url, { query: ENTITY });
    expect(response.status).toBe(200);
    expect(response.body.data.entity.name).toBe("Back spasms");
  });

  it("refuses a mutation over GET with 405 and Allow: POST, writing nothing", async () => {
    const before = await db.entity.count();
    const response = await get(server.url, { query: `mutation { createEntity(input: { kind: CAUSE, name: "By GET" }) { id } }` }, { authorization: `Bearer ${tokens.admin}` });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(response.body.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(await db.entity.count()).toBe(before);
  });

  it("runs nothing from a cross-site 'simple' POST (text/plain), which only cookies could have signed in", async () => {
    const before = await db.entity.count();
    const body = JSON.stringify({ query: `mutation { createEntity(input: { kind: CAUSE, name: "By form" }) { id } }` });
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": "text/plain" }, body });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await db.entity.count()).toBe(before);
  });

  it("marks an anonymous read of published content public, with the shortest max-age among its hints", async () => {
    expect((await get(server.url, { query: ENTITY })).headers.get("cache-control")).toBe("max-age=60, public");
    const withSources = `{ sources(first: 2) { edges { node { title } } } }`;
    expect((await get(server.url, { query: withSources })).headers.get("cache-control")).toBe("max-age=60, public");
    const withSearch = `{ search(query: "spasm") { name } entity(slug: "back-spasms") { name } }`;
    expect((await get(server.url, { query: withSearch })).headers.get("cache-control")).toBe("max-age=30, public");
  });

  it("revalidates a cached answer: a weak ETag, and 304 with no body while it still matches", async () => {
    // undici's request, as a CDN revalidates: fetch adds `cache-control: no-cache` to a conditional request, which asks for the whole answer.
    const ask = async (query: string, headers: Record<string, string> = {}) => {
      const answer = await request(`${server.url}?query=${encodeURIComponent(query)}`, { headers });
      return { status: answer.statusCode, etag: answer.headers.etag as string | undefined, body: await answer.body.text() };
    };
    const first = await ask(ENTITY);
    expect(first.etag).toMatch(/^W\/"/);
    expect(await ask(ENTITY, { "if-none-match": first.etag! })).toMatchObject({ status: 304, body: "" });
    expect((await ask(ENTITY, { "if-none-match": first.etag!, "cache-control": "no-cache" })).status).toBe(200);
    expect((await ask("{ __typename }", { "if-none-match": first.etag! })).status).toBe(200);
  });

  it("never revalidates a POST, which may have written, nor a refusal: only a GET's 200 gets an ETag and a 304", async () => {
    const post = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", "if-none-match": "*" }, body: JSON.stringify({ query: ENTITY }) });
    expect({ status: post.status, etag: post.headers.get("etag") }).toEqual({ status: 200, etag: null });
    expect(((await post.json()) as { data: { entity: { name: string } } }).data.entity.name).toBe("Back spasms");
    const refused = await fetch(`${server.url}?query=${encodeURIComponent(ENTITY)}`, { headers: { authorization: "Bearer cg_wrong", "if-none-match": "*" } });
    expect({ status: refused.status, etag: refused.headers.get("etag") }).toEqual({ status: 401, etag: null });
  });

  it("never lets an answer for a token, an error or a field without a hint be stored", async () => {
    const signedIn = await get(server.url, { query: ENTITY }, { authorization: `Bearer ${tokens.editor}` });
    expect(signedIn.body.data.entity.name).toBe("Back spasms");
    expect(signedIn.headers.get("cache-control")).toBe("private, no-store");
    expect((await get(server.url, { query: `{ entity(slug: "back-spasms") { name } viewer { name } }` })).headers.get("cache-control")).toBe("no-store");
    expect((await get(server.url, { query: `{ entity(slug: "back-spasms", includeDrafts: true) { name } }` })).headers.get("cache-control")).toBe("no-store");
    const post = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${tokens.editor}` },
      body: JSON.stringify({ query: `mutation { createEntity(input: { kind: CAUSE, name: "Cold draught" }) { id } }` }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get("cache-control")).toBe("private, no-store");
  });

  it("round-trips an automatic persisted query over GET: unknown hash, register, then the hash alone, cacheable", async () => {
    const query = `{ entities(kind: TREATMENT, first: 3) { totalCount edges { node { name } } } }`;
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const unknown = await get(server.url, { extensions });
    expect(unknown.body.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect(unknown.headers.get("cache-control")).toMatch(/no-cache/);
    const registered = await get(server.url, { query, extensions });
    expect(registered.body.data.entities.totalCount).toBe(28);
    const byHash = await get(server.url, { extensions });
    expect(byHash.status).toBe(200);
    expect(byHash.body.data).toEqual(registered.body.data);
    expect(byHash.headers.get("cache-control")).toBe("max-age=60, public");
    const wrongHash = await get(server.url, { query: `{ viewer { name } }`, extensions });
    expect(wrongHash.status).toBe(400);
  });

  describe("with a list of trusted operations (TRUSTED_OPERATIONS)", () => {
    const trustedQuery = `query Treatments { entities(kind: TREATMENT, first: 2) { edges { node { name } } } }`;
    let trusted: TestServer;
    let manifestFile: string;

    beforeAll(async () => {
      manifestFile = path.join(await mkdtemp(path.join(os.tmpdir(), "caregraph-trusted-")), "trusted-operations.json");
      const operations = [{ id: sha256(trustedQuery), name: "Treatments", type: "query", body: trustedQuery }];
      await writeFile(manifestFile, JSON.stringify({ format: "apollo-persisted-query-manifest", version: 1, operations }));
      trusted = await startTestServer(db, {}, { trustedOperations: await loadTrustedOperations(manifestFile) });
    });

    afterAll(() => trusted.stop());

    it("runs a trusted operation by its hash alone, over GET, and by its text", async () => {
      const byHash = await get(trusted.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(trustedQuery) } } });
      expect(byHash.body.data.entities.edges).toHaveLength(2);
      expect(byHash.headers.get("cache-control")).toBe("max-age=60, public");
      expect((await trusted.graphql(trustedQuery)).data!.entities.edges).toHaveLength(2);
    });

    it("refuses any other operation, as text or registered by hash, with PERSISTED_QUERY_NOT_IN_LIST", async () => {
      const other = `{ viewer { name } }`;
      const asText = await trusted.graphql(other);
      expect(asText.status).toBe(400);
      expect(asText.errors![0].extensions!.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
      const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(other) } };
      expect((await get(trusted.url, { query: other, extensions })).body.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
      expect((await get(trusted.url, { extensions })).body.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    });

    it("stops the start with one line when the manifest's id is not the hash of its body", async () => {
      await writeFile(manifestFile, JSON.stringify({ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id: "abc", name: "X", type: "query", body: "{ viewer { name } }" }] }));
      await expect(loadTrustedOperations(manifestFile)).rejects.toThrow('Invalid TRUSTED_OPERATIONS: the id of operation "X" is not the SHA-256 of its body.');
    });
  });
});
