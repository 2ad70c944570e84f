import { issueToken } from "../src/auth/token.service";
import type { Database } from "../src/db/client";
import { toGlobalId } from "../src/graph/node/global-id";
import { dataOf, editorSteps, errorCode, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

type Role = "EDITOR" | "REVIEWER" | "ADMIN";

describe("who may call which mutation", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    tokens = await issueTokens(db);
    const as = editorSteps(server.graphql, tokens.editor);
    ids.condition = (await as.entity("CONDITION", "Back spasms")).id;
    ids.treatment = (await as.entity("TREATMENT", "Rest")).id;
    ids.source = (await as.source("An article")).id;
    ids.spare = (await as.source("A copy of the article")).id;
    ids.withdrawn = (await as.source("A withdrawn paper")).id;
    const relation = await as.relation({ subjectId: ids.condition, predicate: "TREATED_BY", objectId: ids.treatment, citations: [{ sourceId: ids.source, quote: "Rest." }] });
    ids.relation = relation.id;
    ids.citation = relation.citations[0].id;
    const history = dataOf(await server.graphql(`query ($id: ID!) { history(id: $id) { id } }`, { id: ids.condition }, tokens.editor)).history;
    ids.revision = history[0].id;
  });

  afterAll(() => closeScenario({ db, server }));

  // Every mutation, the least role that may call it, and a call that would otherwise succeed.
  const MUTATIONS: [string, Role, () => [string, Record<string, unknown>]][] = [
    ["createEntity", "EDITOR", () => [`mutation { createEntity(input: { kind: SYMPTOM, name: "Cramp" }) { id } }`, {}]],
    ["updateEntity", "EDITOR", () => [`mutation ($id: ID!) { updateEntity(id: $id, expectedVersion: 1, input: { summary: "s" }) { id } }`, { id: ids.condition }]],
    ["deleteEntity", "REVIEWER", () => [`mutation ($id: ID!) { deleteEntity(id: $id, reason: "r") { id } }`, { id: ids.treatment }]],
    ["restoreEntity", "REVIEWER", () => [`mutation ($id: ID!) { restoreEntity(id: $id) { id } }`, { id: ids.treatment }]],
    [
      "createRelation",
      "EDITOR",
      () => [
        `mutation ($input: CreateRelationInput!) { createRelation(input: $input) { id } }`,
        { input: { subjectId: ids.condition, predicate: "PREVENTED_BY", objectId: ids.treatment, citations: [{ sourceId: ids.source, quote: "q" }] } },
      ],
    ],
    ["updateRelation", "EDITOR", () => [`mutation ($id: ID!) { updateRelation(id: $id, expectedVersion: 1, input: { note: "n" }) { id } }`, { id: ids.relation }]],
    ["deleteRelation", "REVIEWER", () => [`mutation ($id: ID!) { deleteRelation(id: $id, reason: "r") { id } }`, { id: ids.relation }]],
    ["restoreRelation", "REVIEWER", () => [`mutation ($id: ID!) { restoreRelation(id: $id) { id } }`, { id: ids.relation }]],
    ["addCitation", "EDITOR", () => [`mutation ($id: ID!, $s: ID!) { addCitation(relationId: $id, input: { sourceId: $s, quote: "q2" }) { id } }`, { id: ids.relation, s: ids.source }]],
    ["removeCitation", "EDITOR", () => [`mutation ($id: ID!) { removeCitation(id: $id) { id } }`, { id: ids.citation }]],
    ["createSource", "EDITOR", () => [`mutation { createSource(input: { title: "T" }) { id } }`, {}]],
    ["updateSource", "EDITOR", () => [`mutation ($id: ID!) { updateSource(id: $id, expectedVersion: 1, input: { title: "T2" }) { id } }`, { id: ids.source }]],
    ["mergeSources", "REVIEWER", () => [`mutation ($k: ID!, $m: ID!) { mergeSources(keepId: $k, mergeIds: [$m]) { id } }`, { k: ids.source, m: ids.spare }]],
    [
      "recordPublisherRetraction",
      "REVIEWER",
      () => [`mutation ($id: ID!) { recordPublisherRetraction(id: $id, expectedVersion: 1, input: { retractedOn: "2024", notice: "n" }) { id } }`, { id: ids.withdrawn }],
    ],
    ["publish", "REVIEWER", () => [`mutation ($id: ID!) { publish(id: $id, expectedVersion: 2) { id } }`, { id: ids.condition }]],
    ["retract", "REVIEWER", () => [`mutation ($id: ID!) { retract(id: $id, expectedVersion: 3, reason: "r") { id } }`, { id: ids.condition }]],
    ["revert", "REVIEWER", () => [`mutation ($id: ID!) { revert(revisionId: $id, expectedVersion: 1) { id } }`, { id: ids.revision }]],
    ["createToken", "ADMIN", () => [`mutation { createToken(input: { name: "newcomer", role: EDITOR }) { token } }`, {}]],
    ["revokeToken", "ADMIN", () => [`mutation ($id: ID!) { revokeToken(id: $id) { id } }`, { id: toGlobalId("ApiToken", 1) }]],
  ];
  const BELOW: Record<Role, (keyof Tokens)[]> = { EDITOR: [], REVIEWER: ["editor"], ADMIN: ["editor", "reviewer"] };
  const writes = async () => [await db.revision.count(), await db.apiToken.count(), await db.apiToken.count({ where: { revokedAt: { not: null } } })];

  it.each(MUTATIONS)("%s: UNAUTHENTICATED without a token, with a wrong one, or with a revoked one, writing nothing", async (_name, _role, call) => {
    const [query, variables] = call();
    const revoked = await issueToken(db, { name: "gone", role: "ADMIN" });
    await db.apiToken.update({ where: { id: revoked.apiToken.id }, data: { revokedAt: new Date() } });
    const before = await writes();
    for (const token of [undefined, "cg_wrong", revoked.token]) {
      const response = await server.graphql(query, variables, token);
      expect(errorCode(response)).toBe("UNAUTHENTICATED");
    }
    expect(await writes()).toEqual(before);
  });

  it.each(MUTATIONS.filter(([, role]) => role !== "EDITOR"))("%s: FORBIDDEN below %s, writing nothing", async (_name, role, call) => {
    const [query, variables] = call();
    const before = await writes();
    for (const below of BELOW[role]) expect(errorCode(await server.graphql(query, variables, tokens[below]))).toBe("FORBIDDEN");
    expect(await writes()).toEqual(before);
  });

  it("lets an admin create a token, shown once, and revoke it", async () => {
    const { createToken } = dataOf(await server.graphql(`mutation { createToken(input: { name: "newcomer", role: REVIEWER }) { token apiToken { id name role revokedAt } } }`, {}, tokens.admin));
    expect(createToken.apiToken).toMatchObject({ name: "newcomer", role: "REVIEWER", revokedAt: null });
    expect(dataOf(await server.graphql("{ viewer { name role } }", {}, createToken.token)).viewer).toEqual({ name: "newcomer", role: "REVIEWER" });
    expect(await db.apiToken.count({ where: { tokenHash: createToken.token } })).toBe(0);
    const NODE = `query ($id: ID!) { node(id: $id) { __typename id ... on ApiToken { name } } }`;
    expect(dataOf(await server.graphql(NODE, { id: createToken.apiToken.id }, tokens.admin)).node).toEqual({ __typename: "ApiToken", id: createToken.apiToken.id, name: "newcomer" });
    expect(dataOf(await server.graphql(NODE, { id: createToken.apiToken.id }, tokens.reviewer)).node).toBeNull();
    const { revokeToken } = dataOf(await server.graphql(`mutation ($id: ID!) { revokeToken(id: $id) { revokedAt } }`, { id: createToken.apiToken.id }, tokens.admin));
    expect(revokeToken.revokedAt).not.toBeNull();
    expect(errorCode(await server.graphql("{ viewer { name } }", {}, createToken.token))).toBe("UNAUTHENTICATED");
    expect(errorCode(await server.graphql(`mutation ($id: ID!) { revokeToken(id: $id) { id } }`, { id: toGlobalId("ApiToken", 99999) }, tokens.admin))).toBe("NOT_FOUND");
    expect(errorOf(await server.graphql(`mutation { revokeToken(id: "2") { id } }`, {}, tokens.admin))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const nul = await server.graphql(`mutation ($name: String!) { createToken(input: { name: $name, role: EDITOR }) { token } }`, { name: "eve\u0000" }, tokens.admin);
    expect(errorOf(nul)).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
  });

  it("issues concurrent tokens for one new account: every call succeeds, and they share the account", async () => {
    const CREATE = `mutation { createToken(input: { name: "newcomer-twice", role: EDITOR }) { apiToken { name } } }`;
    const responses = await Promise.all([1, 2, 3].map(() => server.graphql(CREATE, {}, tokens.admin)));
    expect(responses.map((response) => response.errors)).toEqual([undefined, undefined, undefined]);
    expect(await db.editor.count({ where: { name: "newcomer-twice" } })).toBe(1);
  });

  it("keeps an editor from reaching a deleted record through any id in the arguments", async () => {
    const as = editorSteps(server.graphql, tokens.editor);
    const gone = await as.entity("SYMPTOM", "Gone");
    const goneSource = await as.source("Gone source");
    dataOf(await server.graphql(`mutation ($id: ID!) { deleteEntity(id: $id, reason: "test") { id } }`, { id: gone.id }, tokens.reviewer));
    await db.source.update({ where: { id: Number(Buffer.from(goneSource.id, "base64url").toString().split(":")[1]) }, data: { deletedAt: new Date() } });

    expect(errorCode(await server.graphql(`mutation ($id: ID!) { updateEntity(id: $id, expectedVersion: 2, input: { name: "Back" }) { id } }`, { id: gone.id }, tokens.editor))).toBe("NOT_FOUND");
    const viaSubject = await server.graphql(
      `mutation ($input: CreateRelationInput!) { createRelation(input: $input) { id } }`,
      { input: { subjectId: ids.condition, predicate: "HAS_SYMPTOM", objectId: gone.id, citations: [{ sourceId: ids.source, quote: "q" }] } },
      tokens.editor,
    );
    expect(viaSubject.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "objectId" });
    const viaSource = await server.graphql(
      `mutation ($id: ID!, $s: ID!) { addCitation(relationId: $id, input: { sourceId: $s, quote: "q" }) { id } }`,
      { id: ids.relation, s: goneSource.id },
      tokens.editor,
    );
    expect(viaSource.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "sourceId" });
    expect(errorCode(await server.graphql(`mutation ($id: ID!) { updateSource(id: $id, expectedVersion: 1, input: { title: "x" }) { id } }`, { id: goneSource.id }, tokens.editor))).toBe("NOT_FOUND");
    expect(errorCode(await server.graphql(`mutation ($id: ID!) { restoreEntity(id: $id) { id } }`, { id: gone.id }, tokens.editor))).toBe("FORBIDDEN");
  });

  it("lets each role call what its role allows (the mutations above, as their least role)", async () => {
    const least: Record<Role, keyof Tokens> = { EDITOR: "editor", REVIEWER: "reviewer", ADMIN: "admin" };
    for (const [name, role, call] of MUTATIONS) {
      if (name === "revert") continue; // covered with a current version in editor-history.test.ts
      const [query, variables] = call();
      const response = await server.graphql(query, variables, tokens[least[role]]);
      expect([name, response.errors]).toEqual([name, undefined]);
    }
  });
});
