import type { Database } from "../src/db/client";
import { fromGlobalId } from "../src/graph/node/global-id";
import { dataOf, editorSteps, errorCode, errorMessage, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

const ENTITY = `query ($id: ID!, $drafts: Boolean!) { node(id: $id) @skip(if: $drafts) { ...Seen } draftNode(id: $id) @include(if: $drafts) { ...Seen } }
  fragment Seen on Entity { name status version }`;
const PUBLISH = `mutation ($id: ID!, $v: Int!) { publish(id: $id, expectedVersion: $v) { __typename ... on Entity { name status version } ... on Relation { status } } }`;
const RETRACT = `mutation ($id: ID!, $v: Int!, $reason: String!) { retract(id: $id, expectedVersion: $v, reason: $reason) { ... on Entity { status version } } }`;
const REMOVE_CITATION = `mutation ($id: ID!) { removeCitation(id: $id) { id } }`;
const ADD_CITATION = `mutation ($id: ID!, $s: ID!) { addCitation(relationId: $id, input: { sourceId: $s, quote: "It helps." }) { id } }`;
const RENAME = `mutation ($id: ID!, $v: Int!, $name: String!) { updateEntity(id: $id, expectedVersion: $v, input: { name: $name }) { name status version } }`;

describe("review: drafts, pending edits, publish and retract", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  const read = async (id: string, token?: string) => {
    const data = dataOf(await server.graphql(ENTITY, { id, drafts: token !== undefined }, token));
    return token === undefined ? data.node : data.draftNode;
  };

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    tokens = await issueTokens(db);
  });

  afterAll(() => closeScenario({ db, server }));

  it("publishes a draft for everyone to see", async () => {
    const entity = await editorSteps(server.graphql, tokens.editor).entity("CONDITION", "Sciatica");
    expect(await read(entity.id)).toBeNull();
    expect(errorCode(await server.graphql(PUBLISH, { id: entity.id, v: 1 }, tokens.editor))).toBe("FORBIDDEN");
    expect(errorOf(await server.graphql(PUBLISH, { id: "not-an-id", v: 1 }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(dataOf(await server.graphql(PUBLISH, { id: entity.id, v: 1 }, tokens.reviewer)).publish).toEqual({
      __typename: "Condition",
      name: "Sciatica",
      status: "PUBLISHED",
      version: 2,
    });
    expect(await read(entity.id)).toMatchObject({ name: "Sciatica", status: "PUBLISHED" });
    const again = await server.graphql(PUBLISH, { id: entity.id, v: 2 }, tokens.reviewer);
    expect(errorOf(again)).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(errorMessage(again)).toBe("This is already published and has no pending changes.");
  });

  it("keeps an edit of published content pending: the public sees the published version until a reviewer publishes the edit", async () => {
    const entity = await editorSteps(server.graphql, tokens.editor).entity("CONDITION", "Lumbago");
    await editorSteps(server.graphql, tokens.reviewer).publish(entity.id);
    expect(dataOf(await server.graphql(RENAME, { id: entity.id, v: 2, name: "Low back pain" }, tokens.editor)).updateEntity).toEqual({
      name: "Low back pain",
      status: "PUBLISHED",
      version: 3,
    });
    expect(await read(entity.id)).toMatchObject({ name: "Lumbago" });
    expect(await read(entity.id, tokens.editor)).toMatchObject({ name: "Low back pain" });
    expect(await db.entity.findFirstOrThrow({ where: { slug: "lumbago" } })).toMatchObject({ name: "Lumbago", pendingChanges: { name: "Low back pain" } });

    dataOf(await server.graphql(PUBLISH, { id: entity.id, v: 3 }, tokens.reviewer));
    expect(await read(entity.id)).toMatchObject({ name: "Low back pain", version: 4 });
    expect(await db.entity.findFirstOrThrow({ where: { slug: "lumbago" } })).toMatchObject({ pendingChanges: null });
  });

  it("retracts published content: hidden from the public, kept for editors, publishable again", async () => {
    const entity = await editorSteps(server.graphql, tokens.editor).entity("CONDITION", "Spinal stenosis");
    const draft = await server.graphql(RETRACT, { id: entity.id, v: 1, reason: "wrong" }, tokens.reviewer);
    expect(errorOf(draft)).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(errorMessage(draft)).toBe("Only published content can be retracted; this is DRAFT.");
    await editorSteps(server.graphql, tokens.reviewer).publish(entity.id);
    expect(errorCode(await server.graphql(RETRACT, { id: entity.id, v: 2, reason: "unsure" }, tokens.editor))).toBe("FORBIDDEN");
    expect(errorOf(await server.graphql(RETRACT, { id: entity.id, v: 2, reason: "  " }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    expect(dataOf(await server.graphql(RETRACT, { id: entity.id, v: 2, reason: " unsure " }, tokens.reviewer)).retract).toEqual({ status: "RETRACTED", version: 3 });
    const [retraction] = await db.revision.findMany({ where: { recordType: "ENTITY", recordId: fromGlobalId(entity.id, "id").rowId }, orderBy: { id: "desc" }, take: 1 });
    expect(retraction).toMatchObject({ action: "retract", actor: "rhea", reason: "unsure" });
    expect(await read(entity.id)).toBeNull();
    expect(await read(entity.id, tokens.editor)).toMatchObject({ status: "RETRACTED" });
    await editorSteps(server.graphql, tokens.reviewer).publish(entity.id);
    expect(await read(entity.id)).toMatchObject({ status: "PUBLISHED" });
  });

  it("answers a retraction with the record as editors see it: its type, and the edit still pending applied", async () => {
    const as = editorSteps(server.graphql, tokens.editor);
    const review = editorSteps(server.graphql, tokens.reviewer);
    const [condition, treatment, source] = [await as.entity("CONDITION", "Hip pain"), await as.entity("TREATMENT", "Swimming"), await as.source("Hip guide")];
    const relation = await as.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "Swim." }] });
    await review.publish(relation.id, 1);
    dataOf(await server.graphql(RENAME, { id: condition.id, v: 2, name: "Hip ache" }, tokens.editor));
    dataOf(await server.graphql(`mutation ($id: ID!) { updateRelation(id: $id, expectedVersion: 2, input: { note: "Warm water." }) { id } }`, { id: relation.id }, tokens.editor));
    dataOf(await server.graphql(`mutation ($id: ID!) { updateSource(id: $id, expectedVersion: 2, input: { title: "Hip handbook" }) { id } }`, { id: source.id }, tokens.editor));

    const RETRACT_SEEN = `mutation ($id: ID!) { retract(id: $id, expectedVersion: 3, reason: "check") { __typename ... on Entity { name } ... on Relation { note } ... on Source { title } } }`;
    expect(dataOf(await server.graphql(RETRACT_SEEN, { id: relation.id }, tokens.reviewer)).retract).toEqual({ __typename: "Relation", note: "Warm water." });
    expect(dataOf(await server.graphql(RETRACT_SEEN, { id: condition.id }, tokens.reviewer)).retract).toEqual({ __typename: "Condition", name: "Hip ache" });
    expect(dataOf(await server.graphql(RETRACT_SEEN, { id: source.id }, tokens.reviewer)).retract).toEqual({ __typename: "Source", title: "Hip handbook" });
  });

  it("publishes a relation together with its draft entities and sources, and refuses one resting on retracted content", async () => {
    const as = editorSteps(server.graphql, tokens.editor);
    const [condition, treatment, source] = [await as.entity("CONDITION", "Muscle strain"), await as.entity("TREATMENT", "Rest"), await as.source("A guide")];
    const relation = await as.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "Rest helps." }] });
    const citation = await server.graphql(PUBLISH, { id: relation.citations[0].id, v: 1 }, tokens.reviewer);
    expect(errorOf(citation)).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(errorMessage(citation)).toMatch(/^Only entities, relations and sources are reviewed/);

    dataOf(await server.graphql(PUBLISH, { id: relation.id, v: 1 }, tokens.reviewer));
    const statuses = await Promise.all([db.entity.findMany({ where: { name: { in: ["Muscle strain", "Rest"] } } }), db.source.findMany({ where: { title: "A guide" } })]);
    expect(statuses.flat().map((row) => row.status)).toEqual(["PUBLISHED", "PUBLISHED", "PUBLISHED"]);

    const other = await as.entity("TREATMENT", "Ice");
    await editorSteps(server.graphql, tokens.reviewer).publish(other.id);
    dataOf(await server.graphql(RETRACT, { id: other.id, v: 2, reason: "check" }, tokens.reviewer));
    const iced = await as.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: other.id, citations: [{ sourceId: source.id, quote: "Ice helps." }] });
    const revisions = await db.revision.count();
    const retracted = await server.graphql(PUBLISH, { id: iced.id, v: 1 }, tokens.reviewer);
    expect(errorOf(retracted)).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(errorMessage(retracted)).toBe(`The relation rests on a retracted entity ${fromGlobalId(other.id, "id").rowId}: publish that first.`);
    expect(await db.revision.count()).toBe(revisions);
  });

  it("refuses to publish a relation with no live citation (its only one removed), writing nothing, and publishes it once it cites again", async () => {
    const as = editorSteps(server.graphql, tokens.editor);
    const [condition, treatment, source] = [await as.entity("CONDITION", "Disc bulge"), await as.entity("TREATMENT", "Walking"), await as.source("Walking guide")];
    const relation = await as.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "Walk daily." }] });
    dataOf(await server.graphql(REMOVE_CITATION, { id: relation.citations[0].id }, tokens.editor));
    const revisions = await db.revision.count();
    const refused = await server.graphql(PUBLISH, { id: relation.id, v: 2 }, tokens.reviewer);
    expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(errorMessage(refused)).toBe("A relation needs at least one citation before it can be published.");
    expect(await db.revision.count()).toBe(revisions);
    expect((await db.entity.findMany({ where: { name: { in: ["Disc bulge", "Walking"] } } })).map((row) => row.status)).toEqual(["DRAFT", "DRAFT"]);

    dataOf(await server.graphql(ADD_CITATION, { id: relation.id, s: source.id }, tokens.editor));
    expect(dataOf(await server.graphql(PUBLISH, { id: relation.id, v: 3 }, tokens.reviewer)).publish).toEqual({ __typename: "Relation", status: "PUBLISHED" });
  });

  it("publishes with a relation only the drafts it stands on: its entities and the sources of its live citations, each with a publish revision, nothing else", async () => {
    const as = editorSteps(server.graphql, tokens.editor);
    const [condition, treatment, removed, kept, unrelated] = [
      await as.entity("CONDITION", "Facet joint pain"),
      await as.entity("TREATMENT", "Physiotherapy"),
      await as.source("Withdrawn leaflet"),
      await as.source("Physio guide"),
      await as.entity("TREATMENT", "Bed rest"),
    ];
    await editorSteps(server.graphql, tokens.reviewer).publish(condition.id, 1);
    const relation = await as.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: removed.id, quote: "Rest first." }] });
    dataOf(await server.graphql(ADD_CITATION, { id: relation.id, s: kept.id }, tokens.editor));
    dataOf(await server.graphql(REMOVE_CITATION, { id: relation.citations[0].id }, tokens.editor));

    dataOf(await server.graphql(PUBLISH, { id: relation.id, v: 3 }, tokens.reviewer));
    const state = async (id: string) => {
      const { type, rowId } = fromGlobalId(id, "id");
      const row = type === "Source" ? await db.source.findUniqueOrThrow({ where: { id: rowId } }) : await db.entity.findUniqueOrThrow({ where: { id: rowId } });
      const revisions = await db.revision.findMany({ where: { recordType: type === "Source" ? "SOURCE" : "ENTITY", recordId: rowId }, orderBy: { id: "asc" } });
      return { status: row.status, version: row.version, actions: revisions.map((revision) => revision.action) };
    };
    expect(await state(condition.id)).toEqual({ status: "PUBLISHED", version: 2, actions: ["create", "publish"] });
    expect(await state(treatment.id)).toEqual({ status: "PUBLISHED", version: 2, actions: ["create", "publish"] });
    expect(await state(kept.id)).toEqual({ status: "PUBLISHED", version: 2, actions: ["create", "publish"] });
    expect(await state(removed.id)).toEqual({ status: "DRAFT", version: 1, actions: ["create"] });
    expect(await state(unrelated.id)).toEqual({ status: "DRAFT", version: 1, actions: ["create"] });
    const relationRevisions = await db.revision.findMany({ where: { recordType: "RELATION", recordId: fromGlobalId(relation.id, "id").rowId }, orderBy: { id: "desc" }, take: 1 });
    expect(relationRevisions.map((revision) => [revision.action, revision.actor])).toEqual([["publish", "rhea"]]);
  });

  it("refuses to publish a relation that fits only an entity's pending change of kind, until that change is published", async () => {
    const as = editorSteps(server.graphql, tokens.editor);
    const review = editorSteps(server.graphql, tokens.reviewer);
    const [condition, other, source] = [await as.entity("CONDITION", "Whiplash"), await as.entity("SYMPTOM", "Neck stiffness"), await as.source("Neck guide")];
    await review.publish(condition.id);
    await review.publish(other.id);
    const RETYPE = `mutation ($id: ID!, $v: Int!) { updateEntity(id: $id, expectedVersion: $v, input: { kind: TREATMENT }) { kind } }`;
    dataOf(await server.graphql(RETYPE, { id: other.id, v: 2 }, tokens.editor));
    // Editors reading drafts see a treatment, so TREATED_BY fits for them...
    const relation = await as.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: other.id, citations: [{ sourceId: source.id, quote: "Stretching helps." }] });
    // ...but the public still sees a symptom: publishing the relation alone would show a claim that does not fit.
    const revisions = await db.revision.count();
    const refused = await server.graphql(PUBLISH, { id: relation.id, v: 1 }, tokens.reviewer);
    expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(errorMessage(refused)).toMatch(/ Publish the pending change of kind first\.$/);
    expect(await db.revision.count()).toBe(revisions);
    await review.publish(other.id);
    expect(dataOf(await server.graphql(PUBLISH, { id: relation.id, v: 1 }, tokens.reviewer)).publish).toEqual({ __typename: "Relation", status: "PUBLISHED" });
  });
});
