import { issueToken } from "../src/auth/token.service";
import type { Database } from "../src/db/client";
import { dataOf } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

// The README's walk-through, step by step, over HTTP with real tokens.
describe("the README walk-through", () => {
  let db: Database;
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, server } = await openScenario({ seed: true }));
  });

  afterAll(() => closeScenario({ db, server }));

  const TREATMENTS = `query ($drafts: Boolean!) {
    entity(slug: "back-spasms", includeDrafts: $drafts) {
      ... on Condition { treatments(context: CHRONIC) { id object { name } citations { quote source { title } } } }
    }
  }`;
  const treatmentNames = async (drafts: boolean, token?: string) => {
    const { entity } = dataOf(await server.graphql(TREATMENTS, { drafts }, token));
    return entity.treatments.map((relation: { object: { name: string } }) => relation.object.name);
  };

  it("1. the first admin token comes from token:create; the admin issues editor and reviewer tokens through the API", async () => {
    tokens.admin = (await issueToken(db, { name: "ada", role: "ADMIN" })).token;
    const CREATE_TOKEN = `mutation ($input: CreateTokenInput!) { createToken(input: $input) { token apiToken { id name role } } }`;
    for (const [name, role] of [["edna", "EDITOR"], ["rhea", "REVIEWER"]]) {
      const { createToken } = dataOf(await server.graphql(CREATE_TOKEN, { input: { name, role } }, tokens.admin));
      expect(createToken.apiToken).toMatchObject({ name, role });
      tokens[role] = createToken.token;
    }
    expect(dataOf(await server.graphql("{ viewer { name role } }", {}, tokens.EDITOR)).viewer).toEqual({ name: "edna", role: "EDITOR" });
  });

  it("2. an editor adds a treatment and its cited relation to back spasms, as drafts", async () => {
    const { entity } = dataOf(await server.graphql(`{ entity(slug: "back-spasms") { id ... on Condition { treatments { citations { source { id title } } } } } }`));
    ids.backSpasms = entity.id;
    ids.article = entity.treatments[0].citations[0].source.id;

    const { createEntity } = dataOf(
      await server.graphql(
        `mutation ($input: CreateEntityInput!) { createEntity(input: $input) { id slug status } }`,
        { input: { kind: "TREATMENT", name: "Pain medication", summary: "Medicines that relieve pain, such as NSAIDs and opioids." } },
        tokens.EDITOR,
      ),
    );
    expect(createEntity).toMatchObject({ slug: "pain-medication", status: "DRAFT" });
    ids.treatment = createEntity.id;

    const { createRelation } = dataOf(
      await server.graphql(
        `mutation ($input: CreateRelationInput!) {
          createRelation(input: $input) { id predicate context status subject { name } object { name } citations { quote section source { title } } }
        }`,
        {
          input: {
            subjectId: ids.backSpasms,
            predicate: "TREATED_BY",
            objectId: ids.treatment,
            context: "CHRONIC",
            note: "Opioids come with a risk of addiction.",
            citations: [
              {
                sourceId: ids.article,
                quote: "Pain medication, including NSAIDs and opioids (note that opioids come with a risk of addiction)",
                section: "Chronic Pain",
              },
            ],
          },
        },
        tokens.EDITOR,
      ),
    );
    expect(createRelation).toMatchObject({
      predicate: "TREATED_BY",
      context: "CHRONIC",
      status: "DRAFT",
      subject: { name: "Back spasms" },
      object: { name: "Pain medication" },
      citations: [{ section: "Chronic Pain", source: { title: "Crippling Back Spasms" } }],
    });
    ids.relation = createRelation.id;
  });

  it("3. the public does not see the draft; the editor does, reading drafts", async () => {
    expect(await treatmentNames(false)).not.toContain("Pain medication");
    expect(await treatmentNames(true, tokens.EDITOR)).toContain("Pain medication");
  });

  it("4. an editor cannot publish; a reviewer publishes the relation, and its draft treatment with it", async () => {
    const PUBLISH = `mutation ($id: ID!, $v: Int!) { publish(id: $id, expectedVersion: $v) { id ... on Relation { status version } } }`;
    expect((await server.graphql(PUBLISH, { id: ids.relation, v: 1 }, tokens.EDITOR)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(dataOf(await server.graphql(PUBLISH, { id: ids.relation, v: 1 }, tokens.REVIEWER)).publish).toMatchObject({ status: "PUBLISHED", version: 2 });
    expect(await treatmentNames(false)).toContain("Pain medication");
  });

  it("5. history shows who did what, newest first", async () => {
    const { history } = dataOf(await server.graphql(`query ($id: ID!) { history(id: $id) { id action actor before after } }`, { id: ids.relation }, tokens.EDITOR));
    expect(history.map((revision: { action: string; actor: string }) => [revision.action, revision.actor])).toEqual([
      ["publish", "rhea"],
      ["create", "edna"],
    ]);
    expect(history[0].before).toMatchObject({ status: "DRAFT", version: 1 });
    expect(history[0].after).toMatchObject({ status: "PUBLISHED", version: 2 });
    ids.publishRevision = history[0].id;
  });

  it("6. a reviewer reverts the publication: the relation is a draft again, hidden from the public", async () => {
    const { revert } = dataOf(
      await server.graphql(
        `mutation ($revisionId: ID!, $expectedVersion: Int!) { revert(revisionId: $revisionId, expectedVersion: $expectedVersion) { ... on Relation { status version } } }`,
        { revisionId: ids.publishRevision, expectedVersion: 2 },
        tokens.REVIEWER,
      ),
    );
    expect(revert).toEqual({ status: "DRAFT", version: 3 });
    expect(await treatmentNames(false)).not.toContain("Pain medication");
    const { history } = dataOf(await server.graphql(`query ($id: ID!) { history(id: $id) { action actor reason } }`, { id: ids.relation }, tokens.EDITOR));
    expect(history[0]).toMatchObject({ action: "revert", actor: "rhea" });
  });
});
