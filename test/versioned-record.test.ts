import type { Database } from "../src/db/client";
import { createRecord, findAny, findLive, restoreDeleted, softDelete, updateRecord } from "../src/graph/editing/versioned-record";
import type { Actor } from "../src/graph/history/revision.service";
import { connectTestDatabase, resetDatabase } from "./support/database";

/*
 * The write steps every mutation is made of (src/graph/editing/versioned-record.ts),
 * called in a real transaction on the test database: what each reaches,
 * what it writes, and the revision it leaves.
 */
describe("writes of versioned records", () => {
  let db: Database;
  const actor: Actor = { editorId: null, name: "the test" };
  const refusal = (error: unknown) => ({ message: (error as Error).message, ...(error as { extensions: object }).extensions });
  const refused = (promise: Promise<unknown>) => promise.then(() => "written", refusal);

  beforeAll(async () => {
    db = connectTestDatabase();
    await resetDatabase(db);
  });

  afterAll(() => db.$disconnect());

  it("creates a record with a create revision holding the whole row, before none", async () => {
    const entity = await db.$transaction((tx) => createRecord(tx, "Entity", { kind: "CONDITION", name: "Sciatica", slug: "sciatica" }, { action: "create", actor, reason: "new" }));
    const [revision] = await db.revision.findMany({ where: { recordType: "ENTITY", recordId: entity.id } });
    expect(revision).toMatchObject({ action: "create", actor: "the test", editorId: null, reason: "new", before: null, after: { id: entity.id, name: "Sciatica", version: 1 } });
  });

  it("updates a record one version on, with before and after in its revision, the public version only for what the public sees", async () => {
    const current = await db.entity.create({ data: { kind: "CONDITION", name: "Lumbago", slug: "lumbago" } });
    const updated = await db.$transaction((tx) => updateRecord(tx, "Entity", current, { name: "Low back pain" }, { action: "update", actor, details: { note: "kept" } }));
    expect(updated).toMatchObject({ version: 2, publicVersion: 2, name: "Low back pain" });
    const pending = await db.$transaction((tx) => updateRecord(tx, "Entity", updated, { pendingChanges: { name: "LBP" } }, { action: "update", actor }));
    expect(pending).toMatchObject({ version: 3, publicVersion: 2, pendingChanges: { name: "LBP" } });
    const folded = await db.$transaction((tx) => updateRecord(tx, "Entity", pending, { name: "LBP", pendingChanges: null }, { action: "update", actor }));
    expect(folded).toMatchObject({ version: 4, publicVersion: 4, name: "LBP", pendingChanges: null });
    // SQL NULL, not JSON null (Prisma reads both as null): the review queue lists `pending_changes IS NOT NULL`.
    const [column] = await db.$queryRaw<{ cleared: boolean }[]>`SELECT pending_changes IS NULL AS cleared FROM entity WHERE id = ${current.id}`;
    expect(column.cleared).toBe(true);

    const revisions = await db.revision.findMany({ where: { recordType: "ENTITY", recordId: current.id }, orderBy: { id: "asc" } });
    expect(revisions[0]).toMatchObject({ action: "update", actor: "the test", reason: null, before: { name: "Lumbago", version: 1 }, after: { name: "Low back pain", version: 2, note: "kept" } });
    expect(revisions).toHaveLength(3);
  });

  it("keeps a renamed entity's old slug as a former slug", async () => {
    const current = await db.entity.create({ data: { kind: "CONDITION", name: "Disc", slug: "disc" } });
    await db.$transaction((tx) => updateRecord(tx, "Entity", current, { slug: "slipped-disc" }, { action: "update", actor }));
    expect((await db.formerSlug.findMany({ where: { entityId: current.id } })).map((former) => former.slug)).toEqual(["disc"]);
  });

  it("answers the conflict with the version that won and a message to reload", async () => {
    const current = await db.source.create({ data: { title: "A guide" } });
    await db.source.update({ where: { id: current.id }, data: { version: 2 } });
    expect(await refused(db.$transaction((tx) => updateRecord(tx, "Source", current, { title: "B" }, { action: "update", actor })))).toEqual({
      message: "Someone else changed this record first: reload it and retry.",
      code: "CONFLICT",
      currentVersion: 2,
    });
  });

  it("reaches a live record for a write; NOT_FOUND naming its type for one missing, deleted, or a relation on a deleted entity", async () => {
    const [subject, object] = [
      await db.entity.create({ data: { kind: "CONDITION", name: "Spasm", slug: "spasm" } }),
      await db.entity.create({ data: { kind: "TREATMENT", name: "Heat", slug: "heat" } }),
    ];
    const relation = await db.relation.create({ data: { subjectId: subject.id, predicate: "TREATED_BY", objectId: object.id } });
    expect(await db.$transaction((tx) => findLive(tx, "Relation", relation.id))).toMatchObject({ id: relation.id });
    const notFound = (type: string) => ({ message: `There is no ${type} with this id.`, code: "NOT_FOUND" });
    expect(await refused(db.$transaction((tx) => findLive(tx, "Entity", 999_999)))).toEqual(notFound("entity"));

    await db.entity.update({ where: { id: object.id }, data: { deletedAt: new Date() } });
    expect(await refused(db.$transaction((tx) => findLive(tx, "Entity", object.id)))).toEqual(notFound("entity"));
    expect(await refused(db.$transaction((tx) => findLive(tx, "Relation", relation.id)))).toEqual(notFound("relation"));
    expect(await db.$transaction((tx) => findAny(tx, "Entity", object.id))).toMatchObject({ id: object.id });
    expect(await refused(db.$transaction((tx) => findAny(tx, "Source", 999_999)))).toEqual(notFound("source"));
  });

  it("deletes with a required reason and restores only what is deleted, each with its revision", async () => {
    const entity = await db.entity.create({ data: { kind: "CAUSE", name: "Overuse", slug: "overuse" } });
    expect(await refused(db.$transaction((tx) => softDelete(tx, "Entity", entity.id, " ", actor)))).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    const deleted = await db.$transaction((tx) => softDelete(tx, "Entity", entity.id, " duplicate ", actor));
    expect(deleted.deletedAt).toBeInstanceOf(Date);

    const checked: number[] = [];
    const restored = await db.$transaction((tx) => restoreDeleted(tx, "Entity", entity.id, actor, async (row) => void checked.push(row.id)));
    expect(restored).toMatchObject({ deletedAt: null, version: 3 });
    expect(checked).toEqual([entity.id]);
    expect(await refused(db.$transaction((tx) => restoreDeleted(tx, "Entity", entity.id, actor)))).toEqual({ message: "This entity is not deleted.", code: "BAD_USER_INPUT", field: "id" });

    const revisions = await db.revision.findMany({ where: { recordType: "ENTITY", recordId: entity.id }, orderBy: { id: "asc" } });
    expect(revisions.map((revision) => [revision.action, revision.reason])).toEqual([["delete", "duplicate"], ["restore", null]]);
  });
});
