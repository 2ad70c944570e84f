import type { Database } from "../src/db/client";
import { MAX_LIST_ITEMS } from "../src/graph/sql/limits";
import { connectTestDatabase, resetDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/http";

// A list field without a page size returns at most MAX_LIST_ITEMS items: the first ones in its documented order.

describe("caps on list fields without a page size", () => {
  let db: Database;
  let server: TestServer;

  beforeAll(async () => {
    db = connectTestDatabase();
    await resetDatabase(db);
    const condition = await db.entity.create({ data: { kind: "CONDITION", slug: "hub", name: "Hub", status: "PUBLISHED" } });
    const count = MAX_LIST_ITEMS + 1;
    // Names sort as their numbers do, so the first MAX_LIST_ITEMS by name are known.
    const treatments = await db.entity.createManyAndReturn({
      data: Array.from({ length: count }, (_, i) => ({
        kind: "TREATMENT" as const,
        slug: `treatment-${i}`,
        name: `Treatment ${String(i).padStart(4, "0")}`,
        status: "PUBLISHED" as const,
      })),
    });
    const source = await db.source.create({ data: { title: "A source", status: "PUBLISHED" } });
    const relations = await db.relation.createManyAndReturn({
      data: treatments.map((treatment) => ({ subjectId: condition.id, predicate: "TREATED_BY" as const, objectId: treatment.id, status: "PUBLISHED" as const })),
    });
    await db.citation.createMany({ data: relations.map((relation) => ({ relationId: relation.id, sourceId: source.id, quote: `Quote ${relation.id}.` })) });
    server = await startTestServer(db);
  });

  afterAll(async () => {
    await server.stop();
    await db.$disconnect();
  });

  it("answers an entity's treatments with the first MAX_LIST_ITEMS by the treatment's name", async () => {
    const response = await server.graphql(`{ entity(slug: "hub") { ... on Condition { treatments { object { name } } } } }`);
    expect(response.errors).toBeUndefined();
    const names = response.data!.entity.treatments.map((relation: any) => relation.object.name);
    expect(names).toHaveLength(MAX_LIST_ITEMS);
    expect(names[0]).toBe("Treatment 0000");
    expect(names.at(-1)).toBe(`Treatment ${String(MAX_LIST_ITEMS - 1).padStart(4, "0")}`);
  });

  it("caps the general relation list the same way", async () => {
    const response = await server.graphql(`{ entity(slug: "hub") { relations { object { name } citations { quote } } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.entity.relations).toHaveLength(MAX_LIST_ITEMS);
  });
});
