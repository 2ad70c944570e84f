import type { Database } from "../src/db/client";
import { dataOf, editorSteps, errorMessage, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

// Biolink's evidence on a claim (knowledge level, agent type), negation and the source's hedge.
const EVIDENCE = "knowledgeLevel agentType negated hedge note";
const CREATE = `mutation ($input: CreateRelationInput!) { createRelation(input: $input) { id version ${EVIDENCE} } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateRelationInput!) { updateRelation(id: $id, expectedVersion: $v, input: $input) { version ${EVIDENCE} } }`;
const PUBLIC = `query { entity(slug: "back-pain") { ... on Condition { treatments { object { name } ${EVIDENCE} } } } }`;

describe("claim evidence: knowledge level, agent type, negation, hedge", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  let base: { subjectId: string; predicate: string; citations: { sourceId: string; quote: string }[] };
  const treatment = async (name: string) => (await editorSteps(server.graphql, tokens.editor).entity("TREATMENT", name)).id;

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    tokens = await issueTokens(db);
    const as = editorSteps(server.graphql, tokens.editor);
    const condition = await as.entity("CONDITION", "Back pain");
    const source = await as.source("Crippling Back Spasms");
    base = { subjectId: condition.id, predicate: "TREATED_BY", citations: [{ sourceId: source.id, quote: "healthcare providers don’t recommend prolonged rest" }] };
  });

  afterAll(() => closeScenario({ db, server }));

  it("defaults a new claim to a manual assertion, not negated, without hedge", async () => {
    const created = dataOf(await server.graphql(CREATE, { input: { ...base, objectId: await treatment("Massage") } }, tokens.editor)).createRelation;
    expect(created).toMatchObject({ knowledgeLevel: "KNOWLEDGE_ASSERTION", agentType: "MANUAL_AGENT", negated: false, hedge: null });
  });

  it("reads a negated, hedged claim back, to the public once published", async () => {
    const input = { ...base, objectId: await treatment("Prolonged rest"), negated: true, hedge: "don’t recommend", agentType: "MANUAL_VALIDATION_OF_AUTOMATED_AGENT" };
    const created = dataOf(await server.graphql(CREATE, { input }, tokens.editor)).createRelation;
    expect(created).toMatchObject({ negated: true, hedge: "don’t recommend", agentType: "MANUAL_VALIDATION_OF_AUTOMATED_AGENT" });
    await editorSteps(server.graphql, tokens.reviewer).publish(created.id, 1);
    expect(dataOf(await server.graphql(PUBLIC)).entity.treatments).toEqual([
      { object: { name: "Prolonged rest" }, knowledgeLevel: "KNOWLEDGE_ASSERTION", agentType: "MANUAL_VALIDATION_OF_AUTOMATED_AGENT", negated: true, hedge: "don’t recommend", note: null },
    ]);
  });

  it("refuses an entailment without a note saying what it was inferred from, writing nothing", async () => {
    const revisions = await db.revision.count();
    const input = { ...base, objectId: await treatment("Spinal manipulation"), knowledgeLevel: "LOGICAL_ENTAILMENT" };
    const withoutNote = await server.graphql(CREATE, { input }, tokens.editor);
    expect(errorOf(withoutNote)).toMatchObject({ code: "BAD_USER_INPUT", field: "note" });
    expect(errorMessage(withoutNote)).toBe("A LOGICAL_ENTAILMENT must say in its note what it was inferred from.");
    expect(errorOf(await server.graphql(CREATE, { input: { ...input, note: "   " } }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "note" });
    expect(await db.revision.count()).toBe(revisions + 1); // the treatment entity only
    const created = dataOf(await server.graphql(CREATE, { input: { ...input, note: "Inferred from: chiropractic care treats chronic back pain." } }, tokens.editor)).createRelation;
    expect(created).toMatchObject({ knowledgeLevel: "LOGICAL_ENTAILMENT", note: "Inferred from: chiropractic care treats chronic back pain." });
    // Clearing the note of an entailment is refused too: the rule holds on the state an edit leads to.
    expect(errorOf(await server.graphql(UPDATE, { id: created.id, v: 1, input: { note: null } }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "note" });
    await expect(db.$executeRawUnsafe(`UPDATE relation SET note = NULL WHERE knowledge_level = 'LOGICAL_ENTAILMENT'`)).rejects.toThrow(/relation_entailment_note_check/);
  });

  it("edits evidence through review: pending on a published claim until a reviewer publishes it", async () => {
    const created = dataOf(await server.graphql(CREATE, { input: { ...base, objectId: await treatment("Heat") } }, tokens.editor)).createRelation;
    await editorSteps(server.graphql, tokens.reviewer).publish(created.id, 1);
    const input = { knowledgeLevel: "OBSERVATION", agentType: "TEXT_MINING_AGENT", negated: true, hedge: "may" };
    expect(dataOf(await server.graphql(UPDATE, { id: created.id, v: 2, input }, tokens.editor)).updateRelation).toMatchObject({ version: 3, ...input });
    const heat = async () => dataOf(await server.graphql(PUBLIC)).entity.treatments.find((t: { object: { name: string } }) => t.object.name === "Heat");
    expect(await heat()).toMatchObject({ knowledgeLevel: "KNOWLEDGE_ASSERTION", negated: false, hedge: null });
    await editorSteps(server.graphql, tokens.reviewer).publish(created.id, 3);
    expect(await heat()).toMatchObject(input);
    expect(errorOf(await server.graphql(UPDATE, { id: created.id, v: 4, input: { negated: null } }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "negated" });
    expect(errorOf(await server.graphql(UPDATE, { id: created.id, v: 4, input: { hedge: "x".repeat(201) } }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "hedge" });
  });
});
