import type { Database } from "../src/db/client";
import { fromGlobalId } from "../src/graph/node/global-id";
import { dataOf, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateEntityInput!) { updateEntity(id: $id, expectedVersion: $v, input: $input) { version name } }`;

describe("concurrent edits of one record", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    tokens = await issueTokens(db);
  });

  afterAll(() => closeScenario({ db, server }));

  it("lets exactly one of 20 updates with the same expectedVersion win; the others get CONFLICT and write nothing", async () => {
    const { createEntity } = dataOf(
      await server.graphql(`mutation { createEntity(input: { kind: CONDITION, name: "Lumbago" }) { id } }`, {}, tokens.editor),
    );
    const rowId = fromGlobalId(createEntity.id, "id").rowId;
    const revisionsBefore = await db.revision.count({ where: { recordType: "ENTITY", recordId: rowId } });

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, n) => server.graphql(UPDATE, { id: createEntity.id, v: 1, input: { name: `Lumbago ${n}` } }, tokens.editor)),
    );

    const winners = responses.filter((response) => !response.errors);
    const losers = responses.filter((response) => response.errors);
    expect(winners).toHaveLength(1);
    expect(losers.map(errorOf)).toEqual(Array(19).fill(expect.objectContaining({ code: "CONFLICT", currentVersion: 2 })));
    const row = await db.entity.findUniqueOrThrow({ where: { id: rowId } });
    expect(row).toMatchObject({ version: 2, name: winners[0].data!.updateEntity.name });
    expect(await db.revision.count({ where: { recordType: "ENTITY", recordId: rowId } })).toBe(revisionsBefore + 1);
  });
});
