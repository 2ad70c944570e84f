import type { Database } from "../src/db/client";
import { toGlobalId } from "../src/graph/node/global-id";
import { seedDatabase } from "../seed/seed";
import { connectTestDatabase, resetDatabase } from "./support/database";
import { issueTokens, type Tokens } from "./support/editors";
import { startTestServer, type TestServer } from "./support/http";
import { ISSUE_8_REQUESTS } from "./support/hostile-queries";

// Hostile input: every response is a 4xx or a GraphQL error with a stable code, the process stays up, the data is unchanged.

const TABLES = ["entity", "relation", "citation", "source", "reference", "revision", "editor", "api_token"];
// api_token's lastUsedAt moves whenever a token is used, so only its row count is compared.
const HASHED = ["entity", "relation", "citation", "source", "reference", "revision"];

/** Row counts of every table and an md5 over the rows of the graph's tables. */
async function snapshot(db: Database): Promise<Record<string, string | number>> {
  const result: Record<string, string | number> = {};
  for (const table of TABLES) {
    const [{ count }] = await db.$queryRawUnsafe<{ count: bigint }[]>(`SELECT count(*) AS count FROM "${table}"`);
    result[`${table} rows`] = Number(count);
  }
  for (const table of HASHED) {
    const [{ hash }] = await db.$queryRawUnsafe<{ hash: string | null }[]>(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS hash FROM "${table}" t`);
    result[`${table} md5`] = hash ?? "";
  }
  return result;
}

interface Answer {
  status: number;
  code?: string;
}

interface GraphQLErrors {
  errors: { message: string; extensions: { code: string } }[];
}

describe("hostile input", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  let before: Record<string, string | number>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = connectTestDatabase();
    await resetDatabase(db);
    await seedDatabase(db);
    tokens = await issueTokens(db);
    for (const entity of await db.entity.findMany({ where: { slug: { in: ["back-spasms", "herniated-disc"] } } })) ids[entity.slug] = toGlobalId("Entity", entity.id);
    const source = await db.source.findFirstOrThrow();
    ids.source = toGlobalId("Source", source.id);
    server = await startTestServer(db);
    before = await snapshot(db);
  });

  afterAll(async () => {
    await server.stop();
    await db.$disconnect();
  });

  async function raw(body: string, headers: Record<string, string> = { "content-type": "application/json" }): Promise<Answer> {
    const response = await fetch(server.url, { method: "POST", headers, body });
    const text = await response.text();
    expect(text).not.toMatch(/<html|\bat \w+ \(|node_modules|prisma|SELECT |INSERT /i);
    let code: string | undefined;
    try {
      code = JSON.parse(text).errors?.[0]?.extensions?.code;
    } catch {
      throw new Error(`Not JSON (status ${response.status}): ${text.slice(0, 200)}`);
    }
    return { status: response.status, code };
  }

  const operation = (query: string, variables?: unknown, token?: string) =>
    raw(JSON.stringify({ query, variables }), { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) });

  /** Refused: a 4xx, or a GraphQL error with a stable code that is not an internal error. */
  function expectRefused(answer: Answer) {
    expect(answer.code).toBeDefined();
    expect(answer.code).not.toBe("INTERNAL_SERVER_ERROR");
    expect(answer.status).toBeLessThan(500);
  }

  const CREATE_ENTITY = "mutation ($input: CreateEntityInput!) { createEntity(input: $input) { id } }";
  const UPDATE_ENTITY = "mutation ($id: ID!, $v: Int!, $input: UpdateEntityInput!) { updateEntity(id: $id, expectedVersion: $v, input: $input) { id } }";
  const CREATE_SOURCE = "mutation ($input: CreateSourceInput!) { createSource(input: $input) { id } }";
  const CREATE_RELATION = "mutation ($input: CreateRelationInput!) { createRelation(input: $input) { id } }";
  const relationInput = (quote: string) => ({
    subjectId: ids["back-spasms"],
    predicate: "CAUSES",
    objectId: ids["herniated-disc"],
    citations: [{ sourceId: ids.source, quote }],
  });

  it.each([
    ["truncated JSON", () => raw('{"query": "{ __typename }"')],
    ["JSON with a trailing comma", () => raw('{"query": "{ __typename }",}')],
    ["a JSON string body", () => raw('"mutation { deleteEntity }"')],
    ["binary garbage", () => raw("\u0000\u0001\u00ff\ufffe")],
    ["a 2 MB body", () => raw(JSON.stringify({ query: "{ __typename }", variables: { x: "y".repeat(2 * 1024 * 1024) } }))],
    ["text/plain", () => raw('{"query": "{ __typename }"}', { "content-type": "text/plain" })],
    ["a form post", () => raw("query=%7B__typename%7D", { "content-type": "application/x-www-form-urlencoded" })],
    ["multipart", () => raw("--x\r\n\r\n{}\r\n--x--", { "content-type": "multipart/form-data; boundary=x" })],
    ["XML", () => raw("<query>{ __typename }</query>", { "content-type": "application/xml" })],
  ])("refuses %s", async (_name, send) => expectRefused(await send()));

  it.each([
    ["an input that is a string", () => operation(CREATE_ENTITY, { input: "kind: CONDITION" }, tokens.editor)],
    ["an unknown enum value", () => operation(CREATE_ENTITY, { input: { kind: "NOT_A_KIND", name: "x" } }, tokens.editor)],
    ["a version given as a string", () => operation(UPDATE_ENTITY, { id: ids["back-spasms"], v: "1", input: { name: "x" } }, tokens.editor)],
    ["a version over 32 bits", () => operation(UPDATE_ENTITY, { id: ids["back-spasms"], v: 2 ** 40, input: { name: "x" } }, tokens.editor)],
    ["a page size of ten billion", () => operation("query ($n: Int) { entities(first: $n) { totalCount } }", { n: 1e10 })],
    ["a negative page size", () => operation("{ entities(first: -1) { totalCount } }")],
    ["a list where an object is due", () => operation(CREATE_ENTITY, { input: [{ kind: "CONDITION", name: "x" }] }, tokens.editor)],
    ["a nested object where a string is due", () => operation(CREATE_ENTITY, { input: { kind: "CONDITION", name: { $gt: "" } } }, tokens.editor)],
    ["arrays nested 5,000 deep", () => raw(`{"query": "query ($n: Int) { entities(first: $n) { totalCount } }", "variables": {"n": ${"[".repeat(5000)}${"]".repeat(5000)}}}`)],
    ["objects nested 5,000 deep in a mutation's input", () => raw(`{"query": ${JSON.stringify(CREATE_ENTITY)}, "variables": {"input": ${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}}`)],
  ])("refuses variables of the wrong type: %s", async (_name, send) => expectRefused(await send()));

  it("names the nesting limit for variables nested too deep, by POST and by GET", async () => {
    const query = "query ($n: Int) { entities(first: $n) { totalCount } }";
    const deep = `${"[".repeat(40)}${"]".repeat(40)}`;
    const posted = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: `{"query": ${JSON.stringify(query)}, "variables": {"n": ${deep}}}` });
    const got = await fetch(`${server.url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(`{"n": ${deep}}`)}`);
    for (const response of [posted, got]) {
      expect(((await response.json()) as GraphQLErrors).errors[0]).toMatchObject({ message: "The variables nest more than 32 levels deep.", extensions: { code: "BAD_USER_INPUT" } });
    }
    // The variables object is a level: 31 arrays inside it make 32, which is refused by type only, 32 make 33.
    const messageFor = async (arrays: number) => {
      const body = `{"query": ${JSON.stringify(query)}, "variables": {"n": ${"[".repeat(arrays)}${"]".repeat(arrays)}}}`;
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body });
      return ((await response.json()) as GraphQLErrors).errors[0].message;
    };
    expect(await messageFor(31)).toMatch(/Int cannot represent/);
    expect(await messageFor(32)).toBe("The variables nest more than 32 levels deep.");
  });

  it.each([
    ["a 300 KB name", () => operation(CREATE_ENTITY, { input: { kind: "CONDITION", name: "n".repeat(300_000) } }, tokens.editor)],
    ["a 300 KB search", () => operation("query ($q: String!) { search(query: $q) { name } }", { q: "spasm ".repeat(50_000) })],
    ["a 300 KB quote", () => operation(CREATE_RELATION, { input: relationInput("q".repeat(300_000)) }, tokens.editor)],
    ["a 300 KB alias", () => operation(CREATE_ENTITY, { input: { kind: "CONDITION", name: "x", aliases: ["a".repeat(300_000)] } }, tokens.reviewer)],
  ])("refuses huge strings: %s", async (_name, send) => expectRefused(await send()));

  it.each([
    ["a malformed id", () => operation('{ entity(id: "%%%not-base64%%%") { name } }')],
    ["an id of another type", () => operation(`{ entity(id: "${ids.source}") { name } }`)],
    ["an empty id", () => operation('{ neighborhood(id: "") { truncated } }')],
    ["an id of a huge row number", () => operation(`{ paths(fromId: "${toGlobalId("Entity", 2 ** 53)}", toId: "${ids["back-spasms"]}") { length } }`)],
    ["an id with a negative row", () => operation(UPDATE_ENTITY, { id: Buffer.from("Entity:-1").toString("base64url"), v: 1, input: { name: "x" } }, tokens.editor)],
    ["a garbage cursor", () => operation('{ entities(after: "garbage") { totalCount } }')],
    ["a cursor of another list", () => operation(`{ entities(after: "${Buffer.from("Source:1").toString("base64url")}") { totalCount } }`)],
    ["first and last together", () => operation("{ sources(first: 1, last: 1) { totalCount } }")],
    ["the same entity as both ends of a path", () => operation(`{ paths(fromId: "${ids["back-spasms"]}", toId: "${ids["back-spasms"]}") { length } }`)],
  ])("refuses invalid ids and cursors: %s", async (_name, send) => expectRefused(await send()));

  it.each([
    ["a NUL in a name", () => operation(CREATE_ENTITY, { input: { kind: "CONDITION", name: "Back\u0000pain" } }, tokens.editor)],
    ["a lone high surrogate in a name", () => operation(CREATE_ENTITY, { input: { kind: "CONDITION", name: "Back \ud800 pain" } }, tokens.editor)],
    ["a lone low surrogate in a quote", () => operation(CREATE_RELATION, { input: relationInput("pain \udc00") }, tokens.editor)],
    ["a lone surrogate in a search", () => operation("query ($q: String!) { search(query: $q) { name } }", { q: "spasm\ud83d" })],
    ["a lone surrogate escaped in the document", () => operation('{ search(query: "spasm\\ud800") { name } }')],
    ["a right-to-left override in a slug", () => operation(CREATE_ENTITY, { input: { kind: "CONDITION", name: "Pain", slug: "pain\u202Eniap" } }, tokens.editor)],
    ["an emoji slug", () => operation(CREATE_ENTITY, { input: { kind: "CONDITION", name: "Bone pain", slug: "🦴-pain" } }, tokens.editor)],
    ["emoji and RTL text on a stale version", () => operation(UPDATE_ENTITY, { id: ids["back-spasms"], v: 99, input: { name: "تشنج الظهر 💥" } }, tokens.editor)],
    ["zero-width characters only, as a name", () => operation(CREATE_ENTITY, { input: { kind: "CONDITION", name: "\u200B\u200C\u200D" } }, tokens.editor)],
    ["a javascript: URL", () => operation(CREATE_SOURCE, { input: { title: "x", url: "javascript:alert(1)" } }, tokens.editor)],
    ["a NUL in a quote", () => operation(CREATE_RELATION, { input: relationInput("a\u0000b") }, tokens.editor)],
    ["emoji content written anonymously", () => operation(CREATE_ENTITY, { input: { kind: "CONDITION", name: "😀" } })],
  ])("refuses unicode edge cases in mutations: %s", async (_name, send) => expectRefused(await send()));

  it.each([
    ...ISSUE_8_REQUESTS.map((request): [string, () => Promise<Answer>] => [request.name, () => operation(request.query(ids["back-spasms"]))]),
    ["a bad token", () => operation("{ viewer { name } }", undefined, "cg_forged")],
  ])("refuses %s", async (_name, send) => expectRefused(await send()));

  it("is still up, and the data is unchanged", async () => {
    expect((await server.graphql('{ entity(slug: "back-spasms") { name } }')).data).toEqual({ entity: { name: "Back spasms" } });
    expect(await snapshot(db)).toEqual(before);
  });
});
