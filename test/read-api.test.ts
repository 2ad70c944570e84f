import { readFileSync } from "node:fs";
import type { Database } from "../src/db/client";
import { toGlobalId } from "../src/graph/node/global-id";
import { SEED_ARTICLE } from "../seed/seed";
import { FRAGMENT_SEPARATOR, normalizeWhitespace } from "../seed/validate-extraction";
import type { TestServer } from "./support/http";
import { issueTokens } from "./support/editors";
import { closeScenario, openScenario } from "./support/scenario";

// The read API's contract over HTTP, against the seeded article ("Crippling Back Spasms").

interface RelationAnswer {
  predicate: string;
  context: string;
  redFlag: boolean;
  urgency: string | null;
  subject: { name: string };
  object: { name: string };
  citations: { quote: string; section: string | null; source: { title: string } }[];
}

const RELATION_FIELDS = `
  predicate context redFlag urgency
  subject { name }
  object { name }
  citations { quote section source { title } }
`;

const ARTICLE_TEXT = normalizeWhitespace(readFileSync(SEED_ARTICLE.articlePath, "utf8"));

describe("the read API on the seeded article", () => {
  let db: Database;
  let server: TestServer;

  beforeAll(async () => {
    ({ db, server } = await openScenario({ seed: true }));
  });

  afterAll(() => closeScenario({ db, server }));

  /** Asks one question of a condition; fails the test on any GraphQL error. */
  async function askCondition(slug: string, selection: string): Promise<Record<string, RelationAnswer[]>> {
    const response = await server.graphql(`query ($slug: String) { entity(slug: $slug) { ... on Condition { ${selection} } } }`, { slug });
    expect(response.errors).toBeUndefined();
    return response.data!.entity;
  }

  async function treatmentsOfBackSpasms(context?: string): Promise<RelationAnswer[]> {
    const argument = context ? `(context: ${context})` : "";
    return (await askCondition("back-spasms", `treatments${argument} { ${RELATION_FIELDS} }`)).treatments;
  }

  const objectNames = (relations: RelationAnswer[]) => relations.map((relation) => relation.object.name);

  describe("treatments of back spasms", () => {
    it("returns for acute pain the acute treatments and those for any context", async () => {
      const acute = await treatmentsOfBackSpasms("ACUTE");
      expect(new Set(acute.map((relation) => relation.context))).toEqual(new Set(["ACUTE", "ANY"]));
      expect(objectNames(acute)).toEqual(expect.arrayContaining(["Muscle relaxants", "Rest", "Treating the underlying cause"]));
      expect(objectNames(acute)).not.toContain("Physical therapy");
    });

    it("returns for chronic pain the chronic treatments and those for any context", async () => {
      const chronic = await treatmentsOfBackSpasms("CHRONIC");
      expect(new Set(chronic.map((relation) => relation.context))).toEqual(new Set(["CHRONIC", "ANY"]));
      expect(objectNames(chronic)).toEqual(expect.arrayContaining(["Physical therapy", "Nerve blocks", "Treating the underlying cause"]));
      expect(objectNames(chronic)).not.toContain("Muscle relaxants");
    });

    it("returns for ANY only the treatments that hold in any context", async () => {
      const any = await treatmentsOfBackSpasms("ANY");
      expect(any.length).toBeGreaterThan(0);
      expect(any.every((relation) => relation.context === "ANY")).toBe(true);
      expect(objectNames(any)).toContain("Chiropractic treatment");
    });

    it("returns every treatment without a context, each acute, chronic or any-context one exactly once", async () => {
      const [all, acute, chronic, any] = await Promise.all(
        [undefined, "ACUTE", "CHRONIC", "ANY"].map((context) => treatmentsOfBackSpasms(context)),
      );
      expect(all.length).toBe(acute.length + chronic.length - any.length);
      // NSAIDs help in both contexts: two claims, each with its own context.
      const nsaids = all.filter((relation) => relation.object.name === "Non-steroidal anti-inflammatories");
      expect(nsaids.map((relation) => relation.context).sort()).toEqual(["ACUTE", "CHRONIC"]);
    });

    it("lists relations in the same order every time", async () => {
      expect(objectNames(await treatmentsOfBackSpasms())).toEqual(objectNames(await treatmentsOfBackSpasms()));
    });
  });

  it("returns the red flags of back pain, with how urgent each is and what it signals", async () => {
    const response = await server.graphql(`{
      entity(slug: "back-pain") { ... on Condition { redFlags {
        redFlag urgency
        object { name relations(predicates: [INDICATES], direction: OUTGOING) { predicate object { name } } }
      } } }
    }`);
    expect(response.errors).toBeUndefined();
    const redFlags: any[] = response.data!.entity.redFlags;
    expect(redFlags.map((flag) => flag.object.name).sort()).toEqual(
      ["Incontinence", "Numbness in the groin or buttock area", "Radiating pain", "Sudden weakness in the legs"].sort(),
    );
    expect(redFlags.every((flag) => flag.redFlag && flag.urgency === "SOON")).toBe(true);
    const signals = Object.fromEntries(
      redFlags.map((flag) => [flag.object.name, flag.object.relations.map((relation: any) => relation.object.name).sort()]),
    );
    expect(signals["Incontinence"]).toEqual(["Infection", "Severe nerve compression", "Severe spinal nerve damage"]);
    expect(signals["Radiating pain"]).toEqual(["Severe nerve compression"]);
  });

  it("keeps red flags among the symptoms, which also list the rest", async () => {
    const { symptoms, redFlags } = await askCondition("back-pain", `symptoms { ${RELATION_FIELDS} } redFlags { ${RELATION_FIELDS} }`);
    expect(objectNames(symptoms)).toEqual(expect.arrayContaining(objectNames(redFlags)));
    const { symptoms: strainSymptoms } = await askCondition("muscle-strain", `symptoms { ${RELATION_FIELDS} }`);
    expect(objectNames(strainSymptoms).sort()).toEqual(["Lingering soreness", "Sudden pain"]);
  });

  it("returns how back spasms are diagnosed", async () => {
    const { diagnostics } = await askCondition("back-spasms", `diagnostics { ${RELATION_FIELDS} }`);
    expect(diagnostics.every((relation) => relation.predicate === "DIAGNOSED_BY")).toBe(true);
    expect(objectNames(diagnostics).sort()).toEqual(
      [
        "Blood tests",
        "Computed tomography",
        "Description of the pain and other symptoms",
        "Electromyography",
        "Magnetic resonance imaging",
        "Medical history",
        "Movement assessment",
        "Myelogram",
        "X-rays",
      ].sort(),
    );
  });

  it("returns what causes back spasms, as relations into the condition", async () => {
    const { causes } = await askCondition("back-spasms", `causes { ${RELATION_FIELDS} }`);
    expect(causes.every((relation) => relation.predicate === "CAUSES" && relation.object.name === "Back spasms")).toBe(true);
    expect(causes.map((relation) => relation.subject.name)).toEqual(
      expect.arrayContaining(["Muscle weakness", "Overuse", "Herniated disc", "Degenerative disc disease", "Muscle strain"]),
    );
  });

  it("returns what is contraindicated for spinal arthritis", async () => {
    const { contraindications } = await askCondition("spinal-arthritis", `contraindications { ${RELATION_FIELDS} }`);
    expect(contraindications.map((relation) => [relation.subject.name, relation.predicate, relation.object.name])).toEqual([
      ["Spinal manipulation", "CONTRAINDICATED_FOR", "Spinal arthritis"],
    ]);
  });

  it("backs every answer with citations whose quotes stand in the article", async () => {
    const answers = await askCondition(
      "back-spasms",
      ["treatments", "symptoms", "diagnostics", "causes"].map((field) => `${field} { ${RELATION_FIELDS} }`).join(" "),
    );
    const backPain = await askCondition("back-pain", ["treatments", "redFlags"].map((field) => `${field} { ${RELATION_FIELDS} }`).join(" "));
    const { contraindications } = await askCondition("spinal-arthritis", `contraindications { ${RELATION_FIELDS} }`);
    const relations = [...Object.values(answers).flat(), ...Object.values(backPain).flat(), ...contraindications];
    expect(relations.length).toBeGreaterThan(40);
    for (const relation of relations) {
      expect(relation.citations.length).toBeGreaterThan(0);
      for (const citation of relation.citations) {
        expect(citation.source.title).toBe("Crippling Back Spasms");
        for (const fragment of citation.quote.split(FRAGMENT_SEPARATOR)) expect(ARTICLE_TEXT).toContain(normalizeWhitespace(fragment));
      }
    }
  });

  describe("Entity.relations", () => {
    it("follows relations into a symptom with direction INCOMING", async () => {
      const response = await server.graphql(`{
        entity(slug: "incontinence") { relations(direction: INCOMING) { predicate subject { name } redFlag } }
      }`);
      expect(response.data!.entity.relations).toEqual([{ predicate: "HAS_SYMPTOM", subject: { name: "Back pain" }, redFlag: true }]);
    });

    it("follows both directions by default, filtered by predicate and context", async () => {
      const response = await server.graphql(`{
        entity(slug: "herniated-disc") {
          all: relations { predicate subject { name } object { name } }
          explicitNull: relations(direction: null) { predicate subject { name } object { name } }
          causes: relations(predicates: [CAUSES]) { subject { name } object { name } }
          acuteOnly: relations(context: ACUTE) { context }
        }
      }`);
      const { all, explicitNull, causes, acuteOnly } = response.data!.entity;
      expect(explicitNull).toEqual(all);
      const predicates = all.map((relation: any) => relation.predicate);
      expect(new Set(predicates)).toEqual(new Set(["CAUSES", "HAS_SYMPTOM"]));
      // Grouped by predicate, in the enum's order.
      expect(predicates).toEqual([...predicates].sort((a: string, b: string) => (a === b ? 0 : a === "CAUSES" ? -1 : 1)));
      expect(causes).toEqual(
        expect.arrayContaining([
          { subject: { name: "Herniated disc" }, object: { name: "Back spasms" } },
          { subject: { name: "Aging" }, object: { name: "Herniated disc" } },
        ]),
      );
      expect(acuteOnly.every((relation: any) => relation.context === "ANY")).toBe(true);
    });

    it("is available on every kind of entity", async () => {
      const response = await server.graphql(`{
        entities(kind: TREATMENT, first: 100) { edges { node { name relations(direction: OUTGOING) { predicate object { name } } } } }
      }`);
      const manipulation = response.data!.entities.edges.find((edge: any) => edge.node.name === "Spinal manipulation").node;
      expect(manipulation.relations).toEqual([
        { predicate: "CONTRAINDICATED_FOR", object: { name: "Spinal arthritis" } },
        { predicate: "SUBTYPE_OF", object: { name: "Chiropractic treatment" } },
      ]);
    });
  });

  describe("entity", () => {
    it("finds an entity by slug and by its global id", async () => {
      const bySlug = await server.graphql(`{ entity(slug: "back-spasms") { __typename id slug name kind aliases summary status version createdAt updatedAt } }`);
      const entity = bySlug.data!.entity;
      expect(entity).toMatchObject({ __typename: "Condition", slug: "back-spasms", name: "Back spasms", kind: "CONDITION", status: "PUBLISHED" });
      expect(entity.summary).toBe("An involuntary contraction of the back muscles.");
      expect(new Date(entity.createdAt).toISOString()).toBe(entity.createdAt);
      const byId = await server.graphql(`query ($id: ID) { entity(id: $id) { slug } }`, { id: entity.id });
      expect(byId.data!.entity).toEqual({ slug: "back-spasms" });
    });

    it.each([
      ["nobody uses", "no-such-thing"],
      ["no database can hold (a NUL character)", "back\u0000spasms"],
    ])("returns null for a slug %s", async (_case, slug) => {
      const response = await server.graphql(`query ($slug: String!) { entity(slug: $slug) { name } }`, { slug });
      expect(response.errors).toBeUndefined();
      expect(response.data!.entity).toBeNull();
    });

    it.each([
      ["neither id nor slug", `{ entity { name } }`],
      ["both id and slug", `{ entity(id: "${toGlobalId("Entity", 1)}", slug: "back-spasms") { name } }`],
      ["the id of a relation", `{ entity(id: "${toGlobalId("Relation", 1)}") { name } }`],
      ["a malformed id", `{ entity(id: "not-an-id") { name } }`],
    ])("refuses %s with BAD_USER_INPUT", async (_case, query) => {
      const response = await server.graphql(query);
      expect(response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(response.data?.entity ?? null).toBeNull();
    });
  });

  describe("node", () => {
    it("resolves the global id of every kind of node to its type", async () => {
      const response = await server.graphql(`{
        entities(first: 100) { edges { node { __typename id } } }
        sources(first: 1) { edges { node { id } } }
        entity(slug: "back-spasms") { relations(predicates: [TREATED_BY]) { id citations { id } } }
      }`);
      const { entities, sources, entity } = response.data!;
      const oneOfEachKind = new Map(entities.edges.map((edge: any) => [edge.node.__typename, edge.node.id]));
      expect([...oneOfEachKind.keys()].sort()).toEqual(["Cause", "Condition", "Diagnostic", "Symptom", "Treatment"]);
      const relation = entity.relations[0];
      const ids: [string, string][] = [
        ...([...oneOfEachKind.entries()] as [string, string][]),
        ["Relation", relation.id],
        ["Citation", relation.citations[0].id],
        ["Source", sources.edges[0].node.id],
      ];
      for (const [typename, id] of ids) {
        const found = await server.graphql(`query ($id: ID!) { node(id: $id) { __typename id } }`, { id });
        expect(found.data!.node).toEqual({ __typename: typename, id });
      }
    });

    it("reads the fields of the node's own type", async () => {
      const { data } = await server.graphql(`{ entity(slug: "back-spasms") { ... on Condition { treatments(context: ACUTE) { id } } } }`);
      const response = await server.graphql(
        `query ($id: ID!) { node(id: $id) { ... on Relation { predicate subject { name } citations { source { title } } } } }`,
        { id: data!.entity.treatments[0].id },
      );
      expect(response.data!.node).toMatchObject({ predicate: "TREATED_BY", subject: { name: "Back spasms" } });
    });

    it("resolves a revision for signed-in readers only", async () => {
      const { editor } = await issueTokens(db);
      const { data } = await server.graphql(`{ entity(slug: "back-spasms") { id } }`);
      const history = await server.graphql(`query ($id: ID!) { history(id: $id) { id action } }`, { id: data!.entity.id }, editor);
      const [imported] = history.data!.history;
      const query = `query ($id: ID!) { node(id: $id) { __typename id ... on Revision { action actor } } }`;
      expect((await server.graphql(query, { id: imported.id }, editor)).data!.node).toEqual({
        __typename: "Revision",
        id: imported.id,
        action: "import",
        actor: "seed",
      });
      expect((await server.graphql(query, { id: imported.id })).data!.node).toBeNull();
    });

    it("returns null for an id whose record does not exist", async () => {
      const response = await server.graphql(`query ($id: ID!) { node(id: $id) { id } }`, { id: toGlobalId("Entity", 999_999) });
      expect(response.errors).toBeUndefined();
      expect(response.data!.node).toBeNull();
    });

    it("refuses a malformed id with BAD_USER_INPUT", async () => {
      const response = await server.graphql(`{ node(id: "Zm9vOjE") { id } }`);
      expect(response.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    });
  });

  describe("sources", () => {
    const SOURCE_FIELDS = "title publisher authors url doi publishedOn status referenceNumbers citedBy { title }";

    async function allSources(): Promise<any[]> {
      const response = await server.graphql(`{ sources(first: 100) { totalCount edges { node { ${SOURCE_FIELDS} } } } }`);
      expect(response.errors).toBeUndefined();
      expect(response.data!.sources.totalCount).toBe(response.data!.sources.edges.length);
      return response.data!.sources.edges.map((edge: any) => edge.node);
    }

    it("lists the NINDS fact sheet under both numbers the article gives it, cited by the article", async () => {
      const ninds = (await allSources()).find((source) => source.title === "Low back pain fact sheet");
      expect(ninds.referenceNumbers).toEqual([9, 11]);
      expect(ninds.citedBy).toEqual([{ title: "Crippling Back Spasms" }]);
    });

    it("lists the article and its twelve references, each reference numbered", async () => {
      const sources = await allSources();
      expect(sources).toHaveLength(13);
      const article = sources.find((source) => source.title === "Crippling Back Spasms");
      expect(article).toMatchObject({ publisher: "Verywell Health", authors: ["Steph Coelho"], referenceNumbers: [], citedBy: [] });
      const numbers = sources.flatMap((source) => source.referenceNumbers).sort((a, b) => a - b);
      expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    });

    it("orders sources by title", async () => {
      const titles = (await allSources()).map((source) => source.title);
      expect(titles[0]).toBe("5 signs your back pain might be an emergency");
      expect(titles).toContain("Crippling Back Spasms");
    });
  });
});
