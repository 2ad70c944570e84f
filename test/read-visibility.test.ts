import type { Database } from "../src/db/client";
import { toGlobalId } from "../src/graph/node/global-id";
import { issueTokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

// Who sees what: drafts, deleted records and the relations and citations that hang on them.

describe("visibility of drafts and deleted records", () => {
  let db: Database;
  let server: TestServer;
  let token: string;
  let publishedTreatmentCount: number;
  // Global ids of the records anonymous readers must not see.
  const hidden: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, server } = await openScenario({ seed: true }));
    token = (await issueTokens(db)).editor;
    publishedTreatmentCount = await db.relation.count({ where: { predicate: "TREATED_BY", subject: { slug: "back-spasms" } } });

    const bySlug = async (slug: string) => db.entity.findUniqueOrThrow({ where: { slug } });
    const [backSpasms, rest, surgery, muscleRelaxants] = await Promise.all(
      ["back-spasms", "rest", "surgery", "muscle-relaxants"].map(bySlug),
    );
    const article = await db.source.findFirstOrThrow({ where: { title: "Crippling Back Spasms" } });
    const ninds = await db.source.findFirstOrThrow({ where: { title: "Low back pain fact sheet" } });
    const cite = (sourceId: number, quote: string) => ({ create: [{ sourceId, quote }] });

    const draftRemedy = await db.entity.create({
      data: { kind: "TREATMENT", slug: "draft-remedy", name: "Draft remedy", status: "DRAFT" },
    });
    const deletedRemedy = await db.entity.create({
      data: { kind: "TREATMENT", slug: "deleted-remedy", name: "Deleted remedy", status: "PUBLISHED", deletedAt: new Date() },
    });
    const treatment = (objectId: number, context: "ACUTE" | "CHRONIC" | "ANY", extra = {}) =>
      db.relation.create({
        data: { subjectId: backSpasms.id, predicate: "TREATED_BY", objectId, context, status: "PUBLISHED", ...extra, citations: cite(article.id, "Rest.") },
      });
    const toDraftEntity = await treatment(draftRemedy.id, "ACUTE");
    const toDeletedEntity = await treatment(deletedRemedy.id, "ACUTE");
    const draftRelation = await treatment(rest.id, "CHRONIC", { status: "DRAFT" });
    const deletedRelation = await treatment(surgery.id, "ANY", { deletedAt: new Date() });

    // A draft source quoted on a published relation, and listing the NINDS fact sheet as its number 99.
    const draftSource = await db.source.create({
      data: { title: "An unreviewed blog post", status: "DRAFT", references: { create: [{ number: 99, citedId: ninds.id }] } },
    });
    const relaxants = await db.relation.findFirstOrThrow({
      where: { subjectId: backSpasms.id, predicate: "TREATED_BY", objectId: muscleRelaxants.id },
    });
    const draftSourceCitation = await db.citation.create({ data: { relationId: relaxants.id, sourceId: draftSource.id, quote: "Unreviewed words." } });
    const deletedCitation = await db.citation.create({
      data: { relationId: relaxants.id, sourceId: article.id, quote: "Withdrawn words.", deletedAt: new Date() },
    });
    // An edit of published content awaiting review.
    await db.entity.update({ where: { id: muscleRelaxants.id }, data: { pendingChanges: { name: "Muscle relaxants (edited)" } } });

    Object.assign(hidden, {
      draftRemedy: toGlobalId("Entity", draftRemedy.id),
      deletedRemedy: toGlobalId("Entity", deletedRemedy.id),
      toDraftEntity: toGlobalId("Relation", toDraftEntity.id),
      toDeletedEntity: toGlobalId("Relation", toDeletedEntity.id),
      draftRelation: toGlobalId("Relation", draftRelation.id),
      deletedRelation: toGlobalId("Relation", deletedRelation.id),
      draftSource: toGlobalId("Source", draftSource.id),
      draftSourceCitation: toGlobalId("Citation", draftSourceCitation.id),
      deletedCitation: toGlobalId("Citation", deletedCitation.id),
    });
  });

  afterAll(() => closeScenario({ db, server }));

  const TREATMENTS = `query ($includeDrafts: Boolean!) {
    entity(slug: "back-spasms", includeDrafts: $includeDrafts) {
      ... on Condition { treatments { id context object { name } citations { quote source { title } } } }
      relations(direction: OUTGOING, predicates: [TREATED_BY]) { id }
    }
  }`;

  async function treatmentsOfBackSpasms(includeDrafts: boolean, signedIn: boolean) {
    const response = await server.graphql(TREATMENTS, { includeDrafts }, signedIn ? token : undefined);
    expect(response.errors).toBeUndefined();
    return response.data!.entity;
  }

  const NINDS = `query ($includeDrafts: Boolean!) {
    sources(first: 100, includeDrafts: $includeDrafts) { totalCount edges { node { title referenceNumbers citedBy { title } } } }
  }`;

  describe("for anonymous readers", () => {
    it("hides draft and deleted entities from entity, node and entities", async () => {
      for (const slug of ["draft-remedy", "deleted-remedy"]) {
        expect((await server.graphql(`query ($slug: String) { entity(slug: $slug) { id } }`, { slug })).data!.entity).toBeNull();
      }
      const response = await server.graphql(`{ entities(kind: TREATMENT, first: 100) { totalCount edges { node { name } } } }`);
      const names = response.data!.entities.edges.map((edge: any) => edge.node.name);
      expect(names).not.toContain("Draft remedy");
      expect(names).not.toContain("Deleted remedy");
      expect(response.data!.entities.totalCount).toBe(names.length);
    });

    it("returns null from node for every hidden record", async () => {
      for (const [what, id] of Object.entries(hidden)) {
        const response = await server.graphql(`query ($id: ID!) { node(id: $id) { id } }`, { id });
        expect({ what, node: response.data!.node }).toEqual({ what, node: null });
      }
    });

    it("leaves relations to draft or deleted entities, draft relations and deleted relations out of nested lists", async () => {
      const entity = await treatmentsOfBackSpasms(false, false);
      const ids = entity.treatments.map((relation: any) => relation.id);
      for (const id of [hidden.toDraftEntity, hidden.toDeletedEntity, hidden.draftRelation, hidden.deletedRelation]) {
        expect(ids).not.toContain(id);
        expect(entity.relations.map((relation: any) => relation.id)).not.toContain(id);
      }
      expect(ids).toHaveLength(publishedTreatmentCount);
    });

    it("leaves out citations of draft sources and deleted citations, and shows published names, not pending edits", async () => {
      const { treatments } = await treatmentsOfBackSpasms(false, false);
      const relaxants = treatments.find((relation: any) => relation.object.name.startsWith("Muscle relaxants"));
      expect(relaxants.object.name).toBe("Muscle relaxants");
      const quotes = relaxants.citations.map((citation: any) => citation.quote);
      expect(quotes).not.toContain("Unreviewed words.");
      expect(quotes).not.toContain("Withdrawn words.");
      expect(relaxants.citations.every((citation: any) => citation.source.title === "Crippling Back Spasms")).toBe(true);
    });

    it("leaves draft sources out of sources, referenceNumbers and citedBy", async () => {
      const response = await server.graphql(NINDS, { includeDrafts: false });
      const titles = response.data!.sources.edges.map((edge: any) => edge.node.title);
      expect(titles).not.toContain("An unreviewed blog post");
      expect(response.data!.sources.totalCount).toBe(13);
      const ninds = response.data!.sources.edges.find((edge: any) => edge.node.title === "Low back pain fact sheet").node;
      expect(ninds).toEqual({ title: "Low back pain fact sheet", referenceNumbers: [9, 11], citedBy: [{ title: "Crippling Back Spasms" }] });
    });

    it.each([
      ["entity", `{ entity(slug: "back-spasms", includeDrafts: true) { id } }`],
      ["entities", `{ entities(includeDrafts: true) { totalCount } }`],
      ["draftNode", `{ draftNode(id: "${toGlobalId("Entity", 1)}") { id } }`],
      ["sources", `{ sources(includeDrafts: true) { totalCount } }`],
    ])("refuses includeDrafts on %s with UNAUTHENTICATED, saying to sign in", async (_field, query) => {
      const response = await server.graphql(query);
      expect(response.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      expect(response.errors?.[0].message).toBe("Sign in to read drafts (includeDrafts: true).");
      expect(Object.values(response.data ?? {})).toEqual(response.data ? [null] : []);
    });
  });

  describe("for signed-in editors", () => {
    it("shows published content only unless they ask for drafts", async () => {
      const entity = await treatmentsOfBackSpasms(false, true);
      expect(entity.treatments).toHaveLength(publishedTreatmentCount);
    });

    it("shows drafts and pending edits with includeDrafts, in nested fields too, but never deleted records", async () => {
      const entity = await treatmentsOfBackSpasms(true, true);
      const ids = entity.treatments.map((relation: any) => relation.id);
      expect(ids).toEqual(expect.arrayContaining([hidden.toDraftEntity, hidden.draftRelation]));
      expect(ids).not.toContain(hidden.toDeletedEntity);
      expect(ids).not.toContain(hidden.deletedRelation);
      expect(ids).toHaveLength(publishedTreatmentCount + 2);
      const relaxants = entity.treatments.find((relation: any) => relation.object.name.startsWith("Muscle relaxants"));
      expect(relaxants.object.name).toBe("Muscle relaxants (edited)");
      expect(relaxants.citations.map((citation: any) => citation.quote)).toContain("Unreviewed words.");
      expect(relaxants.citations.map((citation: any) => citation.quote)).not.toContain("Withdrawn words.");
    });

    it("resolves drafts through draftNode and entity, not through node, and still hides deleted ones", async () => {
      const query = `query ($id: ID!) { draftNode(id: $id) { id ... on Entity { status } } node(id: $id) { id } }`;
      expect((await server.graphql(query, { id: hidden.draftRemedy }, token)).data).toEqual({ draftNode: { id: hidden.draftRemedy, status: "DRAFT" }, node: null });
      expect((await server.graphql(query, { id: hidden.deletedRemedy }, token)).data).toEqual({ draftNode: null, node: null });
      const bySlug = await server.graphql(`{ entity(slug: "draft-remedy", includeDrafts: true) { name } }`, undefined, token);
      expect(bySlug.data!.entity).toEqual({ name: "Draft remedy" });
    });

    it("shows a pending edit, with the current version and time, through draftNode, and the public the stored row through node", async () => {
      const [publicTime, editTime] = [new Date("2026-01-02T03:04:05.000Z"), new Date("2026-02-03T04:05:06.000Z")];
      const edited = await db.entity.create({
        data: {
          kind: "SYMPTOM", slug: "stiffness", name: "Stiffness", status: "PUBLISHED", pendingChanges: { name: "Morning stiffness" },
          version: 2, updatedAt: editTime, publicVersion: 1, publicUpdatedAt: publicTime,
        },
      });
      const query = `query ($id: ID!) { node(id: $id) { ...fields } draftNode(id: $id) { ...fields } } fragment fields on Entity { name version updatedAt }`;
      const response = await server.graphql(query, { id: toGlobalId("Entity", edited.id) }, token);
      expect(response.data).toEqual({
        node: { name: "Stiffness", version: 1, updatedAt: publicTime.toISOString() },
        draftNode: { name: "Morning stiffness", version: 2, updatedAt: editTime.toISOString() },
      });
    });

    it("counts draft sources and their references with includeDrafts", async () => {
      const response = await server.graphql(NINDS, { includeDrafts: true }, token);
      expect(response.data!.sources.totalCount).toBe(14);
      const ninds = response.data!.sources.edges.find((edge: any) => edge.node.title === "Low back pain fact sheet").node;
      expect(ninds.referenceNumbers).toEqual([9, 11, 99]);
      expect(ninds.citedBy.map((source: any) => source.title)).toEqual(["An unreviewed blog post", "Crippling Back Spasms"]);
    });
  });
});
