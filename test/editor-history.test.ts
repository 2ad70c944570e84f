import type { Database } from "../src/db/client";
import { dataOf, editorSteps, errorCode, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

const HISTORY = `query ($id: ID!) { history(id: $id) { id recordId action actor reason before after } }`;
const REVERT = `mutation ($rev: ID!, $v: Int!) { revert(revisionId: $rev, expectedVersion: $v) { ... on Entity { name version } } }`;
const RENAME = `mutation ($id: ID!, $v: Int!, $name: String!) { updateEntity(id: $id, expectedVersion: $v, input: { name: $name }) { version } }`;

describe("history and revert", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  let entity: { id: string };
  const historyOf = async (id: string) => dataOf(await server.graphql(HISTORY, { id }, tokens.editor)).history;

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    tokens = await issueTokens(db);
    entity = await editorSteps(server.graphql, tokens.editor).entity("CONDITION", "Back spasm");
    dataOf(await server.graphql(RENAME, { id: entity.id, v: 1, name: "Back spasms" }, tokens.editor));
  });

  afterAll(() => closeScenario({ db, server }));

  it("lists a record's revisions newest first, with actor, before and after, to any signed-in role", async () => {
    const history = await historyOf(entity.id);
    expect(history.map((revision: { action: string }) => revision.action)).toEqual(["update", "create"]);
    expect(history[0]).toMatchObject({ recordId: entity.id, actor: "edna", before: { name: "Back spasm", version: 1 }, after: { name: "Back spasms", version: 2 } });
    expect(history[1].before).toBeNull();
    expect(errorCode(await server.graphql(HISTORY, { id: entity.id }))).toBe("UNAUTHENTICATED");
  });

  it("reverts a change as a new revision, for reviewers only, and CONFLICT when the record moved on", async () => {
    const [update] = await historyOf(entity.id);
    expect(errorCode(await server.graphql(REVERT, { rev: update.id, v: 2 }, tokens.editor))).toBe("FORBIDDEN");
    expect(errorOf(await server.graphql(REVERT, { rev: update.id, v: 1 }, tokens.reviewer))).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    expect(dataOf(await server.graphql(REVERT, { rev: update.id, v: 2 }, tokens.reviewer)).revert).toEqual({ name: "Back spasm", version: 3 });
    const history = await historyOf(entity.id);
    expect(history.map((revision: { action: string }) => revision.action)).toEqual(["revert", "update", "create"]);
    expect(history[0]).toMatchObject({ actor: "rhea", reason: `revert of revision ${update.id}` });
  });

  it("reverts a creation by soft-deleting the record, and reverts that deletion by restoring it", async () => {
    const created = (await historyOf(entity.id)).at(-1);
    dataOf(await server.graphql(REVERT, { rev: created.id, v: 3 }, tokens.reviewer));
    expect(await db.entity.findFirstOrThrow({ where: { slug: "back-spasm" } })).toMatchObject({ deletedAt: expect.any(Date) });
    const [deletion] = await historyOf(entity.id);
    dataOf(await server.graphql(REVERT, { rev: deletion.id, v: 4 }, tokens.reviewer));
    expect(await db.entity.findFirstOrThrow({ where: { slug: "back-spasm" } })).toMatchObject({ deletedAt: null, version: 5 });
  });

  it("never changes or removes a revision", async () => {
    await expect(db.revision.deleteMany({})).rejects.toThrow();
    expect(await db.revision.count()).toBeGreaterThan(0);
  });
});
