import type { Database } from "../src/db/client";
import { dataOf, editorSteps, errorMessage, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

// Wikidata's statement ranks on claims: PREFERRED first within a predicate,
// DEPRECATED kept (with a reason) but left out of public lists unless asked for.
const TREATMENTS = `query ($slug: String!, $all: Boolean) { entity(slug: $slug) { ... on Condition {
  treatments(includeDeprecated: $all) { rank deprecationReason object { name } }
  relations(includeDeprecated: $all, predicates: [TREATED_BY]) { object { name } } } } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateRelationInput!) { updateRelation(id: $id, expectedVersion: $v, input: $input) {
  version rank deprecationReason rankNote subject { ... on Condition { treatments { object { name } } } } } }`;
const PUBLISH = `mutation ($id: ID!, $v: Int!) { publish(id: $id, expectedVersion: $v) { ... on Relation { version rank } } }`;
const HISTORY = `query ($id: ID!) { history(id: $id) { id action } }`;
const REVERT = `mutation ($r: ID!, $v: Int!) { revert(revisionId: $r, expectedVersion: $v) { ... on Relation { rank version } } }`;

describe("claim ranks", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  let ids: Record<string, string>;

  const names = async (all?: boolean, token?: string) => {
    const query = token ? TREATMENTS.replace("entity(slug: $slug)", "entity(slug: $slug, includeDrafts: true)") : TREATMENTS;
    const { entity } = dataOf(await server.graphql(query, { slug: "lumbago", all }, token));
    return { treatments: entity.treatments.map((t: { object: { name: string } }) => t.object.name), relations: entity.relations.map((r: { object: { name: string } }) => r.object.name), raw: entity.treatments };
  };

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    tokens = await issueTokens(db);
    // Lumbago is treated by Acupuncture, Bed rest and Walking (names in that order); Walking is PREFERRED.
    const as = editorSteps(server.graphql, tokens.editor);
    const condition = await as.entity("CONDITION", "Lumbago");
    const source = await as.source("A guide");
    ids = { condition: condition.id };
    for (const [name, rank] of [["Acupuncture", "NORMAL"], ["Bed rest", "NORMAL"], ["Walking", "PREFERRED"]]) {
      const treatment = await as.entity("TREATMENT", name);
      const relation = await as.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, rank, citations: [{ sourceId: source.id, quote: `${name} helps.` }] });
      await editorSteps(server.graphql, tokens.reviewer).publish(relation.id, 1);
      ids[name] = relation.id;
    }
  });

  afterAll(() => closeScenario({ db, server }));

  it("lists PREFERRED claims first within a predicate, then by name", async () => {
    expect((await names()).treatments).toEqual(["Walking", "Acupuncture", "Bed rest"]);
  });

  it("refuses a DEPRECATED rank without a reason, and a reason on another rank, writing nothing", async () => {
    const revisions = await db.revision.count();
    const withoutReason = await server.graphql(UPDATE, { id: ids["Bed rest"], v: 2, input: { rank: "DEPRECATED" } }, tokens.editor);
    expect(errorOf(withoutReason)).toMatchObject({ code: "BAD_USER_INPUT", field: "deprecationReason" });
    expect(errorMessage(withoutReason)).toBe("A DEPRECATED claim needs a deprecationReason.");
    const reasonOnNormal = await server.graphql(UPDATE, { id: ids["Bed rest"], v: 2, input: { deprecationReason: "SUPERSEDED" } }, tokens.editor);
    expect(errorOf(reasonOnNormal)).toMatchObject({ code: "BAD_USER_INPUT", field: "deprecationReason" });
    expect(errorMessage(reasonOnNormal)).toBe("deprecationReason applies to DEPRECATED claims only; this one is NORMAL.");
    expect(errorOf(await server.graphql(UPDATE, { id: ids["Bed rest"], v: 2, input: { rank: null } }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "rank" });
    expect(await db.revision.count()).toBe(revisions);
    // The database holds the rule too, for writers that bypass the API.
    await expect(db.$executeRawUnsafe(`UPDATE relation SET rank = 'DEPRECATED' WHERE deprecation_reason IS NULL`)).rejects.toThrow(/relation_deprecation_reason_check/);
  });

  it("deprecates through review: pending until published, then hidden from lists unless includeDeprecated, last in its predicate", async () => {
    const input = { rank: "DEPRECATED", deprecationReason: "CONTRADICTED_BY_BETTER_EVIDENCE", rankNote: "Bed rest delays recovery." };
    const updated = dataOf(await server.graphql(UPDATE, { id: ids["Bed rest"], v: 2, input }, tokens.editor)).updateRelation;
    expect(updated).toMatchObject({ version: 3, rank: "DEPRECATED", deprecationReason: "CONTRADICTED_BY_BETTER_EVIDENCE", rankNote: "Bed rest delays recovery." });
    // The payload reads its nested lists through the loaders, as editors see them: the deprecated claim is left out there too.
    expect(updated.subject.treatments.map((t: { object: { name: string } }) => t.object.name)).toEqual(["Walking", "Acupuncture"]);
    expect((await names()).treatments).toEqual(["Walking", "Acupuncture", "Bed rest"]);
    expect((await names(false, tokens.editor)).treatments).toEqual(["Walking", "Acupuncture"]);

    expect(dataOf(await server.graphql(PUBLISH, { id: ids["Bed rest"], v: 3 }, tokens.reviewer)).publish).toEqual({ version: 4, rank: "DEPRECATED" });
    expect(await names()).toMatchObject({ treatments: ["Walking", "Acupuncture"], relations: ["Walking", "Acupuncture"] });
    const all = await names(true);
    expect(all).toMatchObject({ treatments: ["Walking", "Acupuncture", "Bed rest"], relations: ["Walking", "Acupuncture", "Bed rest"] });
    expect(all.raw[2]).toEqual({ rank: "DEPRECATED", deprecationReason: "CONTRADICTED_BY_BETTER_EVIDENCE", object: { name: "Bed rest" } });
    expect((await names(null as never)).treatments).toEqual(["Walking", "Acupuncture"]);
    // Graph walks never go through a deprecated claim.
    const NEIGHBORHOOD = `query ($id: ID!) { neighborhood(id: $id) { entities { name } relations { rank } } }`;
    expect(dataOf(await server.graphql(NEIGHBORHOOD, { id: ids.condition })).neighborhood).toEqual({
      entities: [{ name: "Lumbago" }, { name: "Acupuncture" }, { name: "Walking" }],
      relations: [{ rank: "NORMAL" }, { rank: "PREFERRED" }],
    });
  });

  it("logs the rank change as revisions; a revert of its publication puts the claim back in the public lists, the rank change pending again", async () => {
    const history = dataOf(await server.graphql(HISTORY, { id: ids["Bed rest"] }, tokens.editor)).history;
    expect(history.map((revision: { action: string }) => revision.action)).toEqual(["publish", "update", "publish", "create"]);
    expect(dataOf(await server.graphql(REVERT, { r: history[0].id, v: 4 }, tokens.reviewer)).revert).toEqual({ rank: "DEPRECATED", version: 5 });
    expect(await db.relation.findFirstOrThrow({ where: { object: { name: "Bed rest" } } })).toMatchObject({ rank: "NORMAL", pendingChanges: { rank: "DEPRECATED" } });
    expect((await names()).treatments).toEqual(["Walking", "Acupuncture", "Bed rest"]);
  });

  it("clears the reason when a claim leaves DEPRECATED, and accepts a deprecated claim on creation", async () => {
    const as = editorSteps(server.graphql, tokens.editor);
    const [treatment, source] = [await as.entity("TREATMENT", "Traction"), await as.source("An old guide")];
    const create = `mutation ($input: CreateRelationInput!) { createRelation(input: $input) { id rank deprecationReason } }`;
    const input = { subjectId: ids.condition, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "Traction helps." }] };
    expect(errorOf(await server.graphql(create, { input: { ...input, rank: "PREFERRED", deprecationReason: "SUPERSEDED" } }, tokens.editor))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "deprecationReason",
    });
    const created = dataOf(await server.graphql(create, { input: { ...input, rank: "DEPRECATED", deprecationReason: "SUPERSEDED" } }, tokens.editor)).createRelation;
    expect(created).toMatchObject({ rank: "DEPRECATED", deprecationReason: "SUPERSEDED" });
    expect(dataOf(await server.graphql(UPDATE, { id: created.id, v: 1, input: { rank: "NORMAL" } }, tokens.editor)).updateRelation).toMatchObject({
      rank: "NORMAL",
      deprecationReason: null,
    });
  });
});
