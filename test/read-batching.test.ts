import { loadConfig } from "../src/config";
import type { Database } from "../src/db/client";
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
    // One per list and loader: entities, totalCount, relations, entities, citations, sources, references.
    expect(small.statements).toBeLessThanOrEqual(7);
  });
});
