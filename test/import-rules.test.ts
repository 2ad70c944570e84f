import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../src/db/client";
import type { Prisma } from "../src/generated/prisma/client";
import type { Extraction } from "../seed/extraction.schema";
import { importArticle } from "../seed/import/import-article";
import type { ImportSummary } from "../seed/import/summary";
import { connectTestDatabase, resetDatabase } from "./support/database";
import {
  HEAT_ARTICLE_TEXT, HEAT_ENTITY, HEAT_RELATION, heatArticleFirstVersion, heatArticleWithMassage, heatArticleWithSecondHeatCitation,
} from "./scenarios/heat-article.scenario";

// Re-importing never builds on what an editor changed: each test imports the
// scenario's first version, makes one editor's change, imports a second version.
describe("importing an article again after editors' changes", () => {
  let db: Database;
  let dir: string;
  let articlePath: string;

  beforeAll(() => {
    db = connectTestDatabase();
    dir = mkdtempSync(path.join(os.tmpdir(), "caregraph-import-rules-"));
    articlePath = path.join(dir, "heat.txt");
    writeFileSync(articlePath, HEAT_ARTICLE_TEXT);
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.$disconnect();
  });

  beforeEach(async () => {
    await resetDatabase(db);
    await importVersion("first", heatArticleFirstVersion());
  });

  function importVersion(name: string, extraction: Extraction): Promise<ImportSummary> {
    const extractionPath = path.join(dir, `${name}.extraction.json`);
    writeFileSync(extractionPath, JSON.stringify(extraction));
    return importArticle(db, { articlePath, extractionPath });
  }

  /** An editor's change to the imported record `importKey`, made as the editing pipeline makes it, with its revision when asked. */
  async function editorChanges(model: "entity" | "relation", importKey: string, data: Prisma.RelationUpdateInput, revision = true) {
    const editor = await db.editor.upsert({ where: { name: "erin" }, create: { name: "erin" }, update: {} });
    const row = await (db[model] as any).update({ where: { importKey }, data });
    if (revision) {
      await db.revision.create({
        data: { recordType: model === "entity" ? "ENTITY" : "RELATION", recordId: row.id, action: "update", editorId: editor.id, actor: editor.name },
      });
    }
    return row as { id: number };
  }

  it("adds a new relation and its citation when nothing was changed", async () => {
    const summary = await importVersion("second", heatArticleWithMassage());
    expect(summary.relations).toEqual({ created: 1, unchanged: 2, skipped: 0 });
    expect(summary.citations).toEqual({ created: 1, unchanged: 2, skipped: 0 });
    const massage = await db.relation.findUniqueOrThrow({ where: { importKey: HEAT_RELATION.massage }, include: { object: true, citations: true } });
    expect(massage.object.importKey).toBe(HEAT_ENTITY.massage);
    expect(massage.citations.map((citation) => citation.quote)).toEqual(["Some people try massage."]);
  });

  it("creates no relation to an entity an editor deleted, nor its citation", async () => {
    await editorChanges("entity", HEAT_ENTITY.massage, { deletedAt: new Date(), version: { increment: 1 } });

    const summary = await importVersion("second", heatArticleWithMassage());
    expect(summary.relations).toEqual({ created: 0, unchanged: 2, skipped: 1 });
    expect(summary.citations).toEqual({ created: 0, unchanged: 2, skipped: 1 });
    expect(summary.skipped).toEqual([
      { key: HEAT_ENTITY.massage, reason: "deleted since import" },
      { key: HEAT_RELATION.massage, reason: `${HEAT_ENTITY.massage} was deleted since import` },
      { key: expect.stringMatching(/^citation:back-spasms-treated-by-massage:[0-9a-f]{12}$/), reason: `its relation ${HEAT_RELATION.massage} was skipped` },
    ]);
    expect(await db.relation.count({ where: { importKey: HEAT_RELATION.massage } })).toBe(0);
    expect(await db.citation.count()).toBe(2);
  });

  it("creates no relation whose claim an editor's live relation already states, and creates it once that one is deleted", async () => {
    const [subject, object] = await Promise.all(
      [HEAT_ENTITY.backSpasms, HEAT_ENTITY.massage].map((importKey) => db.entity.findUniqueOrThrow({ where: { importKey } })),
    );
    const stated = await db.relation.create({ data: { subjectId: subject.id, predicate: "TREATED_BY", objectId: object.id, context: "ANY", status: "PUBLISHED" } });

    const summary = await importVersion("second", heatArticleWithMassage());
    expect(summary.relations).toEqual({ created: 0, unchanged: 2, skipped: 1 });
    expect(summary.skipped).toContainEqual({ key: HEAT_RELATION.massage, reason: `relation ${stated.id} already states this claim` });
    expect(await db.relation.count({ where: { objectId: object.id } })).toBe(1);

    await db.relation.update({ where: { id: stated.id }, data: { deletedAt: new Date() } });
    expect((await importVersion("third", heatArticleWithMassage())).relations).toEqual({ created: 1, unchanged: 2, skipped: 0 });
  });

  it("adds a new citation to a relation nobody changed", async () => {
    const summary = await importVersion("second", heatArticleWithSecondHeatCitation());
    expect(summary.citations).toEqual({ created: 1, unchanged: 2, skipped: 0 });
    const heat = await db.relation.findUniqueOrThrow({ where: { importKey: HEAT_RELATION.heatingPad }, include: { citations: { orderBy: { id: "asc" } } } });
    expect(heat.citations.map((citation) => citation.quote)).toEqual(["A heating pad can ease back spasms.", "Heat relaxes tight muscles."]);
  });

  it("numbers only the references it creates: an existing one keeps its numbers, and a number written before stays with its source", async () => {
    const reference = (key: string, title: string, numbers: number[]) => ({ key, title, publisher: null, authors: [], publishedOn: null, url: null, doi: null, numbers });
    const withReferences = (...references: ReturnType<typeof reference>[]) => ({ ...heatArticleFirstVersion(), references });
    await resetDatabase(db);
    await importVersion("first", withReferences(reference("source:heat-trial", "A heat trial", [1])));

    await importVersion("second", withReferences(
      reference("source:heat-trial", "A heat trial", [2]),
      reference("source:rest-review", "A review of rest", [3]),
      reference("source:other-trial", "Another trial", [1]),
    ));
    const numbers = await db.reference.findMany({ include: { cited: true }, orderBy: { number: "asc" } });
    expect(numbers.map((row) => `${row.number} ${row.cited.importKey}`)).toEqual(["1 source:heat-trial", "3 source:rest-review"]);
  });

  // Each change trips one of the ledger's signs of an editor's hand, and only that one.
  it.each<[string, Prisma.RelationUpdateInput, boolean, string]>([
    ["deleted", { deletedAt: new Date() }, false, "deleted since import"],
    ["edited to a new version", { version: 2 }, false, "edited since import"],
    ["given a pending edit", { pendingChanges: { note: "Heat for 20 minutes at most." } }, false, "edited since import"],
    ["retracted", { status: "RETRACTED" }, false, "edited since import"],
    ["revised (an editor's revision only)", {}, true, "edited since import"],
  ])("adds no citation to a relation an editor %s", async (_change, data, revision, reason) => {
    const heat = await editorChanges("relation", HEAT_RELATION.heatingPad, data, revision);

    const summary = await importVersion("second", heatArticleWithSecondHeatCitation());
    expect(summary.relations).toEqual({ created: 0, unchanged: 1, skipped: 1 });
    expect(summary.citations).toEqual({ created: 0, unchanged: 2, skipped: 1 });
    expect(summary.skipped).toEqual([
      { key: HEAT_RELATION.heatingPad, reason },
      { key: expect.stringMatching(/^citation:back-spasms-treated-by-heating-pad:[0-9a-f]{12}$/), reason: `its relation ${HEAT_RELATION.heatingPad} was skipped` },
    ]);
    expect(await db.citation.count({ where: { relationId: heat.id } })).toBe(1);
  });
});
