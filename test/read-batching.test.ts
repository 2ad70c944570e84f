import { loadConfig } from "../src/config";
import type { Database } from "../src/db/client";
import { toGlobalId } from "../src/graph/node/global-id";
import { connectTestDatabase, resetDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/http";

// No N+1: a nested read runs as many SQL statements on a graph ten times larger.

const NESTED_QUERY = `{
  entities(kind: CONDITION, first: 100) {
    edges { node { ... on Condition {
      treatments { object { name } citations { quote source { title referenceNumbers } } }
    } } }
  }
}`;

const TREATMENTS_PER_CONDITION = 3;
const CITATIONS_PER_RELATION = 2;

/**
 * A generated graph: `conditions` conditions, as many treatments, each
 * condition treated by three of them, each claim cited twice from a pool of
 * sources that one article lists as its references.
 */
async function generateGraph(db: Database, conditions: number): Promise<void> {
  await resetDatabase(db);
  const entity = (kind: "CONDITION" | "TREATMENT", i: number) => ({
    kind,
    slug: `${kind.toLowerCase()}-${i}`,
    name: `${kind.toLowerCase()} ${i}`,
    status: "PUBLISHED" as const,
  });
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const conditionRows = await db.entity.createManyAndReturn({ data: range(conditions).map((i) => entity("CONDITION", i)) });
  const treatmentRows = await db.entity.createManyAndReturn({ data: range(conditions).map((i) => entity("TREATMENT", i)) });
  const article = await db.source.create({ data: { title: "A review article", status: "PUBLISHED" } });
  const sources = await db.source.createManyAndReturn({
    data: range(Math.ceil(conditions / 2)).map((i) => ({ title: `Source ${i}`, status: "PUBLISHED" as const })),
  });
  await db.reference.createMany({ data: sources.map((source, i) => ({ citingId: article.id, number: i + 1, citedId: source.id })) });
  const relations = await db.relation.createManyAndReturn({
    data: conditionRows.flatMap((condition, i) =>
      range(TREATMENTS_PER_CONDITION).map((k) => ({
        subjectId: condition.id,
        predicate: "TREATED_BY" as const,
        objectId: treatmentRows[(i + k) % conditions].id,
        context: (["ACUTE", "CHRONIC", "ANY"] as const)[k],
        status: "PUBLISHED" as const,
      })),
    ),
  });
  await db.citation.createMany({
    data: relations.flatMap((relation, i) =>
      range(CITATIONS_PER_RELATION).map((k) => ({
        relationId: relation.id,
        sourceId: sources[(i + k) % sources.length].id,
        quote: `Quote ${k} of relation ${relation.id}.`,
      })),
    ),
  });
}

describe("batching of nested reads", () => {
  let db: Database;
  let counting: Database;
  let server: TestServer;
  let statements: string[] = [];

  beforeAll(async () => {
    db = connectTestDatabase();
    counting = connectTestDatabase({ onQuery: (sql) => statements.push(sql) });
    // The nested query over 100 conditions is priced at 16,300, above the default budget (MAX_QUERY_COST) on purpose.
    server = await startTestServer(counting, { ...loadConfig({ ...process.env, MAX_QUERY_COST: "100000" }), rateLimit: { max: 0, windowMs: 60_000 } });
  });

  afterAll(async () => {
    await server.stop();
    await counting.$disconnect();
    await db.$disconnect();
  });

  /** Runs the nested query on a generated graph; returns how many statements it ran and what it returned. */
  async function measure(conditions: number): Promise<{ statements: number; relations: number; citations: number }> {
    await generateGraph(db, conditions);
    statements = [];
    const response = await server.graphql(NESTED_QUERY);
    expect(response.errors).toBeUndefined();
    const treatments = response.data!.entities.edges.flatMap((edge: any) => edge.node.treatments);
    expect(response.data!.entities.edges).toHaveLength(conditions);
    return {
      statements: statements.length,
      relations: treatments.length,
      citations: treatments.flatMap((relation: any) => relation.citations).length,
    };
  }

  it("runs as many SQL statements for 100 conditions as for 10", async () => {
    const small = await measure(10);
    const large = await measure(100);
    console.log(`SQL statements for the nested query: ${small.statements} on the small graph, ${large.statements} on the 10x graph`);
    expect(small).toMatchObject({ relations: 30, citations: 60 });
    expect(large).toMatchObject({ relations: 300, citations: 600 });
    expect(large.statements).toBe(small.statements);
    // The whole selection compiles into one statement.
    expect(small.statements).toBe(1);
  });

  // A relation is visible only with its object, a citation only with its source: the rows that
  // rule joins are the rows `object` and `source` read, not looked up again (sql/tables.ts, visibleRows).
  it("reads each treatment's object and each citation's source once, from the rows its visibility joined", async () => {
    await generateGraph(db, 10);
    statements = [];
    const response = await server.graphql(`{ entity(slug: "condition-3") { ... on Condition {
      treatments { object { name } citations { source { title } } } } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.entity.treatments).toHaveLength(TREATMENTS_PER_CONDITION);
    const [statement] = statements;
    const reads = (table: string) => statement.match(new RegExp(`(FROM|JOIN) "?${table}"?[ )]`, "g"))?.length ?? 0;
    // The condition by slug, the condition's row, the treatments' objects.
    expect(reads("entity")).toBe(3);
    expect(reads("source")).toBe(1);
    expect(reads("relation")).toBe(1);
    expect(reads("citation")).toBe(1);
  });

  it("runs one statement for each compiled read of the mix, and a walk's depth plus one for traversals", async () => {
    await generateGraph(db, 20);
    const [condition, treatment] = [toGlobalId("Entity", 1), toGlobalId("Entity", 21)];
    const mix: [string, string, number][] = [
      [
        "a condition's treatments in context, cited, with sources",
        `{ entity(slug: "condition-3") { name ... on Condition {
            acute: treatments(context: ACUTE) { note object { name } citations { quote section source { title } } }
            chronic: treatments(context: CHRONIC) { object { name } }
        } } }`,
        1,
      ],
      [
        "red flags with what each signals",
        `{ entity(slug: "condition-3") { ... on Condition { redFlags { urgency object { name relations(predicates: [INDICATES]) { object { name } } } } } } }`,
        1,
      ],
      ["search", `{ search(query: "condition 1", first: 10) { name ... on Condition { treatments { object { name } } } } }`, 1],
      [
        "a Relay page of entities in the middle of the list",
        `{ entities(first: 5, after: "${Buffer.from(JSON.stringify(["condition 5", 6])).toString("base64url")}") {
            totalCount edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
        1,
      ],
      // One statement per level of the walk, and one for the answer.
      ["neighborhood, depth 2", `{ neighborhood(id: "${condition}", depth: 2) { entities { name } relations { predicate subject { name } } } }`, 3],
      ["paths", `{ paths(fromId: "${condition}", toId: "${treatment}", maxDepth: 3) { length entities { name } relations { predicate } } }`, 3],
    ];
    for (const [what, query, expected] of mix) {
      statements = [];
      const response = await server.graphql(query);
      expect({ what, errors: response.errors }).toEqual({ what, errors: undefined });
      expect({ what, statements: statements.length }).toEqual({ what, statements: expected });
    }
  });
});
