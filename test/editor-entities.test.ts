import type { Database } from "../src/db/client";
import { fromGlobalId } from "../src/graph/node/global-id";
import { dataOf, errorCode, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

const CREATE = `mutation ($input: CreateEntityInput!) {
  createEntity(input: $input) { __typename id slug name kind aliases summary status version }
}`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateEntityInput!) {
  updateEntity(id: $id, expectedVersion: $v, input: $input) { id name slug summary status version }
}`;
const DELETE = `mutation ($id: ID!, $reason: String!) { deleteEntity(id: $id, reason: $reason) { id version } }`;
const RESTORE = `mutation ($id: ID!) { restoreEntity(id: $id) { id version } }`;
const BY_SLUG = `query ($slug: String!, $drafts: Boolean!) { entity(slug: $slug, includeDrafts: $drafts) { id name status } }`;

describe("editing entities", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    tokens = await issueTokens(db);
  });

  afterAll(() => closeScenario({ db, server }));

  const create = (input: Record<string, unknown>, token = tokens.editor) => server.graphql(CREATE, { input }, token);

  it("creates a draft treatment with a slug derived from its name, and records who did it", async () => {
    const { createEntity } = dataOf(await create({ kind: "TREATMENT", name: "Heat Therapy (Warm Compress)", aliases: [" heat ", "heat"] }));
    expect(createEntity).toMatchObject({
      __typename: "Treatment",
      slug: "heat-therapy-warm-compress",
      aliases: ["heat"],
      summary: null,
      status: "DRAFT",
      version: 1,
    });
    const revisions = await db.revision.findMany({ where: { recordType: "ENTITY" } });
    expect(revisions).toEqual([expect.objectContaining({ action: "create", actor: "edna", before: null })]);
  });

  it("derives a slug from accents and apostrophes (Ménière’s disease), and asks for one when the name has no Latin letters", async () => {
    expect(dataOf(await create({ kind: "CONDITION", name: "Ménière's disease" })).createEntity.slug).toBe("menieres-disease");
    expect(dataOf(await create({ kind: "CONDITION", name: "Bell’s palsy" })).createEntity.slug).toBe("bells-palsy");
    expect(errorOf(await create({ kind: "CONDITION", name: "坐骨神经痛" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "slug" });
    expect(dataOf(await create({ kind: "CONDITION", name: "坐骨神经痛", slug: "sciatica-zh" })).createEntity.name).toBe("坐骨神经痛");
  });

  it("keeps a new draft from anonymous readers and shows it to signed-in editors reading drafts", async () => {
    await create({ kind: "SYMPTOM", name: "Tingling" });
    expect(dataOf(await server.graphql(BY_SLUG, { slug: "tingling", drafts: false })).entity).toBeNull();
    expect(dataOf(await server.graphql(BY_SLUG, { slug: "tingling", drafts: true }, tokens.editor)).entity).toMatchObject({
      name: "Tingling",
      status: "DRAFT",
    });
    expect(errorCode(await server.graphql(BY_SLUG, { slug: "tingling", drafts: true }))).toBe("UNAUTHENTICATED");
  });

  it.each([
    ["an empty name", { kind: "CONDITION", name: "  " }, "name"],
    ["a name over 200 characters", { kind: "CONDITION", name: "x".repeat(201) }, "name"],
    ["a name with a NUL character (PostgreSQL cannot store one)", { kind: "CONDITION", name: "Sciatica\u0000" }, "name"],
    ["an alias with a NUL character", { kind: "CONDITION", name: "Sciatica", aliases: ["sci\u0000"] }, "aliases"],
    ["an empty slug", { kind: "CONDITION", name: "Sciatica", slug: "" }, "slug"],
    ["a slug that is not kebab ASCII", { kind: "CONDITION", name: "Sciatica", slug: "Sciatica Pain" }, "slug"],
    ["a slug already taken", { kind: "CONDITION", name: "Tingling" }, "slug"],
  ])("refuses %s with BAD_USER_INPUT naming the field, writing nothing", async (_case, input, field) => {
    const before = await db.revision.count();
    const response = await create(input);
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await db.revision.count()).toBe(before);
    expect(await db.entity.count({ where: { name: "Sciatica" } })).toBe(0);
  });

  it("changes a draft in place and bumps its version", async () => {
    const { createEntity: draft } = dataOf(await create({ kind: "CONDITION", name: "Muscle strain" }));
    const { updateEntity } = dataOf(await server.graphql(UPDATE, { id: draft.id, v: 1, input: { summary: "An overstretched muscle." } }, tokens.editor));
    expect(updateEntity).toMatchObject({ name: "Muscle strain", summary: "An overstretched muscle.", status: "DRAFT", version: 2 });
    const row = await db.entity.findUniqueOrThrow({ where: { slug: "muscle-strain" } });
    expect(row).toMatchObject({ summary: "An overstretched muscle.", pendingChanges: null, version: 2 });
  });

  it("refuses a stale expectedVersion with CONFLICT carrying the current version, writing nothing", async () => {
    const { createEntity: draft } = dataOf(await create({ kind: "CONDITION", name: "Disc herniation" }));
    dataOf(await server.graphql(UPDATE, { id: draft.id, v: 1, input: { name: "Herniated disc" } }, tokens.editor));
    const revisions = await db.revision.count();
    const stale = await server.graphql(UPDATE, { id: draft.id, v: 1, input: { name: "Slipped disc" } }, tokens.editor);
    expect(errorOf(stale)).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    expect(await db.revision.count()).toBe(revisions);
    expect((await db.entity.findUniqueOrThrow({ where: { slug: "disc-herniation" } })).name).toBe("Herniated disc");
  });

  it("refuses an update that changes nothing, or clears the name", async () => {
    const { createEntity: draft } = dataOf(await create({ kind: "CONDITION", name: "Spinal stenosis" }));
    expect(errorOf(await server.graphql(UPDATE, { id: draft.id, v: 1, input: {} }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "input" });
    expect(errorOf(await server.graphql(UPDATE, { id: draft.id, v: 1, input: { name: null } }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
  });

  it("lets a reviewer soft-delete and restore an entity, keeping its slug reserved meanwhile", async () => {
    const { createEntity: draft } = dataOf(await create({ kind: "DIAGNOSTIC", name: "MRI" }));
    expect(errorOf(await server.graphql(DELETE, { id: draft.id, reason: "" }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    expect(dataOf(await server.graphql(DELETE, { id: draft.id, reason: "duplicate" }, tokens.reviewer)).deleteEntity.version).toBe(2);
    expect(await db.entity.findUniqueOrThrow({ where: { slug: "mri" } })).toMatchObject({ deletedAt: expect.any(Date) });

    expect(errorOf(await create({ kind: "DIAGNOSTIC", name: "MRI" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "slug" });
    expect(errorCode(await server.graphql(UPDATE, { id: draft.id, v: 2, input: { name: "MRI scan" } }, tokens.editor))).toBe("NOT_FOUND");
    expect(errorCode(await server.graphql(DELETE, { id: draft.id, reason: "again" }, tokens.reviewer))).toBe("NOT_FOUND");
    expect(dataOf(await server.graphql(BY_SLUG, { slug: "mri", drafts: true }, tokens.editor)).entity).toBeNull();

    expect(dataOf(await server.graphql(RESTORE, { id: draft.id }, tokens.reviewer)).restoreEntity.version).toBe(3);
    expect(dataOf(await server.graphql(BY_SLUG, { slug: "mri", drafts: true }, tokens.editor)).entity).toMatchObject({ name: "MRI" });
    expect(errorOf(await server.graphql(RESTORE, { id: draft.id }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const revisions = await db.revision.findMany({ where: { recordType: "ENTITY", recordId: fromGlobalId(draft.id, "id").rowId }, orderBy: { id: "asc" } });
    expect(revisions.map((revision) => [revision.action, revision.actor, revision.reason])).toEqual([
      ["create", "edna", null],
      ["delete", "rhea", "duplicate"],
      ["restore", "rhea", null],
    ]);
  });

  it("refuses an id of another type or a malformed one with BAD_USER_INPUT naming id", async () => {
    const sourceId = Buffer.from("Source:1").toString("base64url");
    expect(errorOf(await server.graphql(UPDATE, { id: sourceId, v: 1, input: { name: "x" } }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(errorOf(await server.graphql(UPDATE, { id: "nope", v: 1, input: { name: "x" } }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });
});
