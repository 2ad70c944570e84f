import type { Database } from "../src/db/client";
import type { Prisma } from "../src/generated/prisma/client";
import { issueTokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

// An edit of published content waits in `pending_changes` (keyed by Prisma field
// name) until a reviewer publishes it: editors asking for drafts read it applied,
// field by field; the public reads the published values. The root lookup goes by
// the slug an entity holds (entity.sql.ts): a pending slug is no address yet. One field of each column type the compiled
// read path converts back (src/graph/sql/tables.ts): text, text[], boolean and each enum.

const PUBLISHED = {
  entity: { slug: "sciatica", name: "Sciatica", aliases: ["Sciatic nerve pain"], summary: "Pain along the sciatic nerve." },
  source: { title: "Sciatica guide", publisher: "Old Press", authors: ["A. Author"], publishedOn: "2020", url: "https://old.example/sciatica", doi: "10.1000/old" },
  relation: {
    context: "ACUTE", redFlag: false, urgency: null, note: null, rank: "NORMAL", deprecationReason: null, rankNote: null,
    knowledgeLevel: "KNOWLEDGE_ASSERTION", agentType: "MANUAL_AGENT", negated: false, hedge: null,
  } satisfies Partial<Prisma.RelationUncheckedCreateInput>,
};

const PENDING = {
  entity: { slug: "sciatic-pain", name: "Sciatic pain", aliases: ["Sciatica", "Lumbar radiculopathy"], summary: "Pain that runs down the leg." },
  source: { title: "Sciatica guide, 2nd edition", publisher: "New Press", authors: ["A. Author", "B. Author"], publishedOn: "2024-05", url: "https://new.example/sciatica", doi: "10.1000/new" },
  relation: {
    context: "CHRONIC", redFlag: true, urgency: "SOON", note: "For leg pain.", rank: "PREFERRED", deprecationReason: "SUPERSEDED", rankNote: "First choice.",
    knowledgeLevel: "LOGICAL_ENTAILMENT", agentType: "TEXT_MINING_AGENT", negated: true, hedge: "may",
  },
};

const ENTITY = `query ($slug: String!, $includeDrafts: Boolean!) {
  entity(slug: $slug, includeDrafts: $includeDrafts) {
    version updatedAt slug name aliases summary
    relations(direction: OUTGOING) {
      context redFlag urgency note rank deprecationReason rankNote knowledgeLevel agentType negated hedge
      citations { source { title publisher authors publishedOn url doi } }
    }
  }
}`;

const KIND = `query ($includeDrafts: Boolean!) { entity(slug: "heat", includeDrafts: $includeDrafts) { __typename kind } }`;

describe("pending edits on the compiled read path", () => {
  let db: Database;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    token = (await issueTokens(db)).editor;
  });

  afterAll(() => closeScenario({ db, server }));

  it("shows editors asking for drafts every field a pending edit changes, and the public the published values", async () => {
    const source = await db.source.create({ data: { ...PUBLISHED.source, status: "PUBLISHED", pendingChanges: PENDING.source } });
    // Each edit moved the version and time on; the public's stay where the last publication left them.
    const versions = { version: 3, updatedAt: new Date("2026-11-02T00:00:00Z"), publicVersion: 2, publicUpdatedAt: new Date("2026-11-01T00:00:00Z") };
    const condition = await db.entity.create({ data: { kind: "CONDITION", ...PUBLISHED.entity, ...versions, status: "PUBLISHED", pendingChanges: PENDING.entity } });
    const rest = await db.entity.create({ data: { kind: "TREATMENT", slug: "bed-rest", name: "Bed rest", status: "PUBLISHED" } });
    await db.relation.create({
      data: {
        subjectId: condition.id, predicate: "TREATED_BY", objectId: rest.id, ...PUBLISHED.relation, status: "PUBLISHED", pendingChanges: PENDING.relation,
        citations: { create: [{ sourceId: source.id, quote: "Rest helps." }] },
      },
    });
    const asked = async (slug: string, includeDrafts: boolean) => {
      const response = await server.graphql(ENTITY, { slug, includeDrafts }, includeDrafts ? token : undefined);
      expect(response.errors).toBeUndefined();
      return response.data!.entity;
    };
    const expected = (values: typeof PUBLISHED | typeof PENDING, version: number, updatedAt: string) =>
      ({ version, updatedAt, ...values.entity, relations: [{ ...values.relation, citations: [{ source: values.source }] }] });

    expect(await asked("sciatica", true)).toEqual(expected(PENDING, 3, "2026-11-02T00:00:00.000Z"));
    expect(await asked("sciatica", false)).toEqual(expected(PUBLISHED, 2, "2026-11-01T00:00:00.000Z"));
  });

  it("answers a pending change of kind with the kind's type for editors asking for drafts, and the published type for the public", async () => {
    await db.entity.create({ data: { kind: "TREATMENT", slug: "heat", name: "Heat", status: "PUBLISHED", pendingChanges: { kind: "CAUSE" } } });
    expect((await server.graphql(KIND, { includeDrafts: true }, token)).data!.entity).toEqual({ __typename: "Cause", kind: "CAUSE" });
    expect((await server.graphql(KIND, { includeDrafts: false })).data!.entity).toEqual({ __typename: "Treatment", kind: "TREATMENT" });
  });
});
