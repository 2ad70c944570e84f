import type { Database } from "../src/db/client";
import { dataOf, editorSteps, errorCode, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

const CREATE = `mutation ($input: CreateRelationInput!) {
  createRelation(input: $input) { id predicate context redFlag urgency status version citations { quote section source { title status } } }
}`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateRelationInput!) {
  updateRelation(id: $id, expectedVersion: $v, input: $input) { redFlag urgency note context version }
}`;
const ADD_CITATION = `mutation ($id: ID!, $input: CitationInput!) { addCitation(relationId: $id, input: $input) { id quote } }`;
const REMOVE_CITATION = `mutation ($id: ID!) { removeCitation(id: $id) { id } }`;

describe("editing relations and citations", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  let as: ReturnType<typeof editorSteps>;
  let spasms: { id: string }, stretching: { id: string }, cramp: { id: string }, article: { id: string };
  const cite = (quote = "Stretching may help.") => ({ sourceId: article.id, quote, section: "Acute Pain" });

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    tokens = await issueTokens(db);
    as = editorSteps(server.graphql, tokens.editor);
    spasms = await as.entity("CONDITION", "Back spasms");
    stretching = await as.entity("TREATMENT", "Stretching");
    cramp = await as.entity("SYMPTOM", "Cramp");
    article = await as.source("Crippling Back Spasms");
  });

  afterAll(() => closeScenario({ db, server }));

  it("creates a draft relation with a citation of a new source, which is created as a draft with it", async () => {
    const input = {
      subjectId: spasms.id,
      predicate: "TREATED_BY",
      objectId: stretching.id,
      context: "ACUTE",
      citations: [{ source: { title: "A stretching guide", url: "https://example.org/stretching" }, quote: "Stretch gently.", section: "Tips" }],
    };
    const { createRelation } = dataOf(await server.graphql(CREATE, { input }, tokens.editor));
    expect(createRelation).toMatchObject({
      predicate: "TREATED_BY",
      context: "ACUTE",
      redFlag: false,
      urgency: null,
      status: "DRAFT",
      version: 1,
      citations: [{ quote: "Stretch gently.", section: "Tips", source: { title: "A stretching guide", status: "DRAFT" } }],
    });
    const actions = await db.revision.findMany({ where: { action: "create", recordType: { in: ["RELATION", "SOURCE", "CITATION"] } } });
    expect(actions.map((revision) => revision.recordType).sort()).toEqual(["CITATION", "RELATION", "SOURCE", "SOURCE"]);
  });

  it.each([
    ["a predicate that does not fit the kinds", () => ({ subjectId: cramp.id, predicate: "TREATED_BY", objectId: stretching.id }), "predicate"],
    ["a relation to itself", () => ({ subjectId: spasms.id, predicate: "SUBTYPE_OF", objectId: spasms.id }), "objectId"],
    ["a duplicate of a live relation", () => ({ subjectId: spasms.id, predicate: "TREATED_BY", objectId: stretching.id, context: "ACUTE" }), "objectId"],
    ["urgency without a red flag", () => ({ subjectId: spasms.id, predicate: "HAS_SYMPTOM", objectId: cramp.id, urgency: "SOON" }), "urgency"],
    ["no citation", () => ({ subjectId: spasms.id, predicate: "HAS_SYMPTOM", objectId: cramp.id, citations: [] }), "citations"],
    ["an empty quote", () => ({ subjectId: spasms.id, predicate: "HAS_SYMPTOM", objectId: cramp.id, citations: [cite(" ")] }), "quote"],
    ["a quote over 2,000 characters", () => ({ subjectId: spasms.id, predicate: "HAS_SYMPTOM", objectId: cramp.id, citations: [cite("q".repeat(2001))] }), "quote"],
    [
      "a citation with both sourceId and source",
      () => ({ subjectId: spasms.id, predicate: "HAS_SYMPTOM", objectId: cramp.id, citations: [{ ...cite(), source: { title: "Another" } }] }),
      "sourceId",
    ],
    [
      "a new source with an invalid URL",
      () => ({ subjectId: spasms.id, predicate: "HAS_SYMPTOM", objectId: cramp.id, citations: [{ source: { title: "X", url: "ftp://x" }, quote: "q" }] }),
      "url",
    ],
  ])("refuses %s with BAD_USER_INPUT naming the field, writing nothing", async (_case, makeInput, field) => {
    const counts = async () => [await db.relation.count(), await db.citation.count(), await db.source.count(), await db.revision.count()];
    const before = await counts();
    const response = await server.graphql(CREATE, { input: { citations: [cite()], ...makeInput() } }, tokens.editor);
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await counts()).toEqual(before);
  });

  it("updates a draft's qualifiers, keeping urgency tied to a red flag", async () => {
    const relation = await as.relation({ subjectId: spasms.id, predicate: "HAS_SYMPTOM", objectId: cramp.id, citations: [cite("Cramps come on fast.")] });
    const flagged = dataOf(await server.graphql(UPDATE, { id: relation.id, v: 1, input: { redFlag: true, urgency: "SOON", note: "See a provider." } }, tokens.editor));
    expect(flagged.updateRelation).toEqual({ redFlag: true, urgency: "SOON", note: "See a provider.", context: "ANY", version: 2 });
    expect(errorOf(await server.graphql(UPDATE, { id: relation.id, v: 2, input: { redFlag: false } }, tokens.editor))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "urgency",
    });
    expect(errorOf(await server.graphql(UPDATE, { id: relation.id, v: 1, input: { note: "late" } }, tokens.editor))).toMatchObject({
      code: "CONFLICT",
      currentVersion: 2,
    });
  });

  it("refuses a kind change that would break a relation's predicate", async () => {
    const response = await server.graphql(
      `mutation ($id: ID!) { updateEntity(id: $id, expectedVersion: 1, input: { kind: SYMPTOM }) { id } }`,
      { id: stretching.id },
      tokens.editor,
    );
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", field: "kind" });
  });

  it("frees a deleted relation's claim for a new one, and refuses to restore it into the duplicate", async () => {
    const first = await as.relation({ subjectId: spasms.id, predicate: "TREATED_BY", objectId: stretching.id, context: "CHRONIC", citations: [cite()] });
    const DELETE = `mutation ($id: ID!) { deleteRelation(id: $id, reason: "restated") { id } }`;
    expect(errorCode(await server.graphql(DELETE, { id: first.id }, tokens.editor))).toBe("FORBIDDEN");
    dataOf(await server.graphql(DELETE, { id: first.id }, tokens.reviewer));
    await as.relation({ subjectId: spasms.id, predicate: "TREATED_BY", objectId: stretching.id, context: "CHRONIC", citations: [cite()] });
    const restore = await server.graphql(`mutation ($id: ID!) { restoreRelation(id: $id) { id } }`, { id: first.id }, tokens.reviewer);
    expect(errorOf(restore)).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(errorCode(await server.graphql(UPDATE, { id: first.id, v: 2, input: { note: "x" } }, tokens.editor))).toBe("NOT_FOUND");
    expect(errorCode(await server.graphql(ADD_CITATION, { id: first.id, input: cite() }, tokens.editor))).toBe("NOT_FOUND");
  });

  it("keeps a citation the public sees on a published relation: its last citation of a published source stays", async () => {
    const relation = await as.relation({ subjectId: spasms.id, predicate: "DIAGNOSED_BY", objectId: (await as.entity("DIAGNOSTIC", "MRI")).id, citations: [cite("An MRI shows discs.")] });
    await editorSteps(server.graphql, tokens.reviewer).publish(relation.id);
    const unpublished = { source: { title: "A preprint" }, quote: "MRI is sensitive." };
    const added = dataOf(await server.graphql(ADD_CITATION, { id: relation.id, input: unpublished }, tokens.reviewer)).addCitation;

    const before = await db.revision.count();
    expect(errorOf(await server.graphql(REMOVE_CITATION, { id: relation.citations[0].id }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(await db.revision.count()).toBe(before);
    const PUBLIC = `query ($id: ID!) { node(id: $id) { ... on Relation { citations { quote } } } }`;
    expect(dataOf(await server.graphql(PUBLIC, { id: relation.id })).node.citations).toEqual([{ quote: "An MRI shows discs." }]);
    dataOf(await server.graphql(REMOVE_CITATION, { id: added.id }, tokens.reviewer));
  });

  it("keeps a relation whose entity is deleted out of reach, as it is out of sight, until the entity is restored", async () => {
    const numbness = await as.entity("SYMPTOM", "Numbness");
    const relation = await as.relation({ subjectId: spasms.id, predicate: "HAS_SYMPTOM", objectId: numbness.id, citations: [cite("Numbness may occur.")] });
    const deleted = await as.relation({ subjectId: spasms.id, predicate: "HAS_SYMPTOM", objectId: numbness.id, context: "CHRONIC", citations: [cite("Numbness lingers.")] });
    const ENTITY = (verb: string) => `mutation ($id: ID!) { ${verb}Entity(id: $id${verb === "delete" ? `, reason: "merged"` : ""}) { id } }`;
    dataOf(await server.graphql(`mutation ($id: ID!) { deleteRelation(id: $id, reason: "restated") { id } }`, { id: deleted.id }, tokens.reviewer));
    const revision = dataOf(await server.graphql(`query ($id: ID!) { history(id: $id) { id } }`, { id: deleted.id }, tokens.editor)).history[0];
    dataOf(await server.graphql(ENTITY("delete"), { id: numbness.id }, tokens.reviewer));

    const before = await db.revision.count();
    const withEnds = `{ id object { name } }`;
    expect(errorCode(await server.graphql(`mutation ($id: ID!) { updateRelation(id: $id, expectedVersion: 1, input: { note: "n" }) ${withEnds} }`, { id: relation.id }, tokens.editor))).toBe("NOT_FOUND");
    expect(errorCode(await server.graphql(ADD_CITATION, { id: relation.id, input: cite("More.") }, tokens.editor))).toBe("NOT_FOUND");
    expect(errorCode(await server.graphql(REMOVE_CITATION, { id: relation.citations[0].id }, tokens.editor))).toBe("NOT_FOUND");
    expect(errorCode(await server.graphql(`mutation ($id: ID!) { deleteRelation(id: $id, reason: "r") ${withEnds} }`, { id: relation.id }, tokens.reviewer))).toBe("NOT_FOUND");
    expect(errorOf(await server.graphql(`mutation ($id: ID!) { restoreRelation(id: $id) ${withEnds} }`, { id: deleted.id }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const revert = await server.graphql(`mutation ($id: ID!) { revert(revisionId: $id, expectedVersion: 2) { ... on Relation ${withEnds} } }`, { id: revision.id }, tokens.reviewer);
    expect(errorOf(revert)).toMatchObject({ code: "BAD_USER_INPUT", field: "revisionId" });
    expect(await db.revision.count()).toBe(before);

    dataOf(await server.graphql(ENTITY("restore"), { id: numbness.id }, tokens.reviewer));
    expect(dataOf(await server.graphql(`mutation ($id: ID!) { restoreRelation(id: $id) ${withEnds} }`, { id: deleted.id }, tokens.reviewer)).restoreRelation.object).toEqual({ name: "Numbness" });
  });

  it("lets an editor add and remove citations of a draft, but not of a published relation", async () => {
    const relation = await as.relation({ subjectId: spasms.id, predicate: "DIAGNOSED_BY", objectId: (await as.entity("DIAGNOSTIC", "X-rays")).id, citations: [cite("X-rays show bones.")] });
    const added = dataOf(await server.graphql(ADD_CITATION, { id: relation.id, input: cite("Imaging helps.") }, tokens.editor)).addCitation;
    dataOf(await server.graphql(REMOVE_CITATION, { id: added.id }, tokens.editor));
    expect(errorCode(await server.graphql(REMOVE_CITATION, { id: added.id }, tokens.editor))).toBe("NOT_FOUND");

    await editorSteps(server.graphql, tokens.reviewer).publish(relation.id);
    expect(errorCode(await server.graphql(ADD_CITATION, { id: relation.id, input: cite("More.") }, tokens.editor))).toBe("FORBIDDEN");
    expect(errorCode(await server.graphql(REMOVE_CITATION, { id: relation.citations[0].id }, tokens.editor))).toBe("FORBIDDEN");
    expect(errorOf(await server.graphql(REMOVE_CITATION, { id: relation.citations[0].id }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });

    const second = dataOf(await server.graphql(ADD_CITATION, { id: relation.id, input: cite("Bones show on X-rays.") }, tokens.reviewer)).addCitation;
    dataOf(await server.graphql(REMOVE_CITATION, { id: relation.citations[0].id }, tokens.reviewer));
    const live = await db.citation.findMany({ where: { deletedAt: null, quote: { contains: "X-rays" } } });
    expect(live.map((citation) => citation.quote)).toEqual(["Bones show on X-rays."]);
    expect(second.quote).toBe("Bones show on X-rays.");
  });
});
