import { loadConfig } from "../src/config";
import type { Database } from "../src/db/client";
import { toGlobalId } from "../src/graph/node/global-id";
import { MAX_SUBGRAPH_ENTITIES } from "../src/graph/traversal/limits";
import { connectTestDatabase, resetDatabase } from "./support/database";
import { errorCode } from "./support/editors";
import { startTestServer, type TestServer } from "./support/http";
import { seedDatabase } from "../seed/seed";
import { aliases, depthBomb, ISSUE_8_REQUESTS, nestedRelations } from "./support/hostile-queries";

// Admission control: work a request may cause is bounded before it runs.

describe("admission control", () => {
  let db: Database;
  let server: TestServer;
  let statements = 0;
  let backSpasmsId: string;
  let herniatedDiscId: string;

  beforeAll(async () => {
    db = connectTestDatabase({ onQuery: () => statements++ });
    await resetDatabase(db);
    await seedDatabase(db);
    backSpasmsId = toGlobalId("Entity", (await db.entity.findUniqueOrThrow({ where: { slug: "back-spasms" } })).id);
    herniatedDiscId = toGlobalId("Entity", (await db.entity.findUniqueOrThrow({ where: { slug: "herniated-disc" } })).id);
    server = await startTestServer(db);
  });

  afterAll(async () => {
    await server.stop();
    await db.$disconnect();
  });

  /** POSTs `query`; returns the status, the first error's code and extensions, and the SQL statements it ran. */
  async function refusalOf(query: string) {
    const before = statements;
    const response = await server.graphql(query);
    return { status: response.status, code: errorCode(response), extensions: response.errors?.[0]?.extensions, message: response.errors?.[0]?.message, statements: statements - before, data: response.data };
  }

  const attacks = ISSUE_8_REQUESTS.map((request): [string, () => string] => [request.name, () => request.query(backSpasmsId)]);

  it.each(attacks)("refuses %s with QUERY_TOO_COMPLEX and HTTP 400, before any SQL runs", async (_name, query) => {
    const refusal = await refusalOf(query());
    expect(refusal).toMatchObject({ status: 400, code: "QUERY_TOO_COMPLEX", statements: 0 });
    expect(refusal.data ?? null).toBeNull();
    expect(refusal.message).toMatch(/limit/);
    expect(refusal.message).toMatch(/\d/);
  });

  it("answers a trivial query sent while all of them arrive at once", async () => {
    const started = Date.now();
    const [trivial, ...refusals] = await Promise.all([
      server.graphql("{ entity(slug: \"back-spasms\") { name } }"),
      ...attacks.flatMap(([, query]) => Array.from({ length: 3 }, () => server.graphql(query()))),
    ]);
    expect(trivial.data).toEqual({ entity: { name: "Back spasms" } });
    for (const refusal of refusals) expect(errorCode(refusal)).toBe("QUERY_TOO_COMPLEX");
    // A generous bound: the whole burst, unrefused, took minutes and gigabytes.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("says which limit and the request's figure", async () => {
    expect(await refusalOf(depthBomb(20))).toMatchObject({
      message: "Query depth limit of 10 exceeded, found 20.",
      extensions: { code: "QUERY_TOO_COMPLEX", limit: "depth", maximum: 10, actual: 20 },
    });
    const cost = await refusalOf(nestedRelations(3));
    expect(cost.extensions).toMatchObject({ limit: "cost", maximum: 5000 });
    expect(cost.message).toBe(`The query's estimated cost is ${cost.extensions!.actual}; the limit is 5000.`);
    expect(await refusalOf(aliases(21, "search(query: \"spasm\")", "name"))).toMatchObject({
      message: "Aliases limit of 20 exceeded, found 21.",
      extensions: { limit: "aliases", maximum: 20, actual: 21 },
    });
    expect(await refusalOf(`{ ${Array.from({ length: 11 }, () => "viewer { name }").join(" ")} }`)).toMatchObject({
      message: "Root field limit of 10 exceeded, found 11.",
      extensions: { limit: "rootFields", maximum: 10, actual: 11 },
    });
    const fields = ["id", "name", "slug", "kind", "aliases", "summary", "status", "version", "createdAt", "updatedAt", "__typename"];
    expect(await refusalOf(`{ entity(slug: "back-spasms") { ${fields.map((field) => `${field} @include(if: true)`).join(" ")} } }`)).toMatchObject({
      extensions: { code: "QUERY_TOO_COMPLEX", limit: "directives", maximum: 10, actual: 11 },
    });
    expect(await refusalOf(`{ ${"__typename ".repeat(2001)} }`)).toMatchObject({
      status: 400,
      message: "The query has more than 2000 tokens; the limit is 2000.",
      extensions: { code: "QUERY_TOO_COMPLEX", limit: "tokens", maximum: 2000 },
    });
  });

  it("admits the operations a frontend sends", async () => {
    const admitted = [
      `{ entity(slug: "back-spasms") { ... on Condition { treatments(context: ACUTE) { context note object { name } citations { quote section source { title publisher } } } } } }`,
      `{ neighborhood(id: "${backSpasmsId}", depth: 4) { entities { id name } relations { id predicate subject { id name } object { id name } } truncated } }`,
      `{ entities(first: 100) { totalCount edges { cursor node { id name kind relations { predicate } } } } }`,
      `{ paths(fromId: "${backSpasmsId}", toId: "${herniatedDiscId}", maxDepth: 4) { length entities { name } relations { predicate } } }`,
      nestedRelations(2),
    ];
    for (const query of admitted) expect((await server.graphql(query)).errors).toBeUndefined();
  });

  it("counts page sizes given as variables", async () => {
    const query = "query ($n: Int) { entities(first: $n) { edges { node { name relations { object { name relations { predicate } } } } } } }";
    expect(errorCode(await server.graphql(query, { n: 5 }))).toBeUndefined();
    expect(errorCode(await server.graphql(query, { n: 100 }))).toBe("QUERY_TOO_COMPLEX");
  });

  it("refuses a subscription with OPERATION_NOT_SUPPORTED, not an internal error", async () => {
    const response = await server.graphql("subscription { viewer { name } }");
    expect(response.status).toBe(400);
    expect(errorCode(response)).not.toBe("INTERNAL_SERVER_ERROR");
  });

  it("takes its limits from the settings", async () => {
    const strict = await startTestServer(db, { ...loadConfig({ MAX_QUERY_DEPTH: "3", MAX_QUERY_COST: "10" }), rateLimit: { max: 0, windowMs: 60_000 } });
    try {
      expect((await strict.graphql(`{ entity(slug: "back-spasms") { relations { subject { name } } } }`)).errors?.[0]).toMatchObject({
        message: "Query depth limit of 3 exceeded, found 4.",
      });
      expect((await strict.graphql(`{ entity(slug: "back-spasms") { relations { predicate } } }`)).errors?.[0].extensions).toMatchObject({
        limit: "cost",
        maximum: 10,
      });
      expect((await strict.graphql(`{ entity(slug: "back-spasms") { name } }`)).data).toEqual({ entity: { name: "Back spasms" } });
    } finally {
      await strict.stop();
    }
  });

  describe("results are bounded", () => {
    it("says a neighborhood is whole when it is", async () => {
      const response = await server.graphql(`{ neighborhood(id: "${backSpasmsId}", depth: 4) { entities { id } truncated } }`);
      expect(response.data?.neighborhood.truncated).toBe(false);
    });

    it("cuts a neighborhood at its cap and says so", async () => {
      const hub = await db.entity.create({ data: { slug: "hub-condition", kind: "CONDITION", name: "Hub", status: "PUBLISHED" } });
      await db.entity.createMany({
        data: Array.from({ length: MAX_SUBGRAPH_ENTITIES + 20 }, (_, i) => ({ slug: `hub-treatment-${i}`, kind: "TREATMENT" as const, name: `Hub treatment ${i}`, status: "PUBLISHED" as const })),
      });
      const treatments = await db.entity.findMany({ where: { slug: { startsWith: "hub-treatment-" } } });
      await db.relation.createMany({
        data: treatments.map((treatment) => ({ subjectId: hub.id, predicate: "TREATED_BY" as const, objectId: treatment.id, status: "PUBLISHED" as const })),
      });
      const response = await server.graphql<{ neighborhood: { entities: unknown[]; relations: unknown[]; truncated: boolean } }>(
        `{ neighborhood(id: "${toGlobalId("Entity", hub.id)}", depth: 2) { entities { id } relations { id } truncated } }`,
      );
      const { entities, relations, truncated } = response.data!.neighborhood;
      expect(truncated).toBe(true);
      expect(entities).toHaveLength(MAX_SUBGRAPH_ENTITIES);
      expect(relations).toHaveLength(MAX_SUBGRAPH_ENTITIES - 1);
    });
  });
});
