import { readFileSync } from "node:fs";
import type { Database } from "../src/db/client";
import type { CareContext, Predicate } from "../src/generated/prisma/enums";
import { recordRevision } from "../src/graph/history/revision.service";
import type { ImportSummary } from "../seed/import/summary";
import { SEED_ARTICLE, seedDatabase, seedIfEmpty } from "../seed/seed";
import { FRAGMENT_SEPARATOR, normalizeWhitespace } from "../seed/validate-extraction";
import { connectTestDatabase, resetDatabase } from "./support/database";

const ARTICLE = normalizeWhitespace(readFileSync(SEED_ARTICLE.articlePath, "utf8"));
const ARTICLE_KEY = "source:verywell-crippling-back-spasms";

// A quote is in the article when each of its fragments is, word for word up to whitespace.
function isInArticle(quote: string): boolean {
  return quote.split(FRAGMENT_SEPARATOR).every((fragment) => ARTICLE.includes(normalizeWhitespace(fragment)));
}

let db: Database;
let firstRun: ImportSummary;

beforeAll(async () => {
  db = connectTestDatabase();
  await resetDatabase(db);
  firstRun = await seedDatabase(db);
});

afterAll(async () => {
  await db.$disconnect();
});

/** The relations from (or to) an entity, with the other end's name and the citations. */
function relationsOf(slug: string, predicate: Predicate, contexts?: CareContext[], direction: "from" | "to" = "from") {
  const end = direction === "from" ? "subject" : "object";
  return db.relation.findMany({
    where: { [end]: { slug }, predicate, deletedAt: null, ...(contexts ? { context: { in: contexts } } : {}) },
    include: { subject: true, object: true, citations: { include: { source: true } } },
    orderBy: { id: "asc" },
  });
}

type Answer = Awaited<ReturnType<typeof relationsOf>>[number];

function expectCitedFromArticle(answers: Answer[]): void {
  expect(answers.length).toBeGreaterThan(0);
  for (const answer of answers) {
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) {
      expect(citation.source.importKey).toBe(ARTICLE_KEY);
      expect(citation.section).toEqual(expect.any(String));
      if (!isInArticle(citation.quote)) throw new Error(`${answer.importKey} quotes text that is not in the article: ${citation.quote}`);
    }
  }
}

const objectNames = (answers: Answer[]) => answers.map((answer) => answer.object.name).sort();

describe("the seeded back-spasms article", () => {
  it("creates every record of the extraction, published", async () => {
    expect(firstRun).toEqual({
      entities: { created: 72, unchanged: 0, skipped: 0 },
      relations: { created: 83, unchanged: 0, skipped: 0 },
      citations: { created: 83, unchanged: 0, skipped: 0 },
      sources: { created: 13, unchanged: 0, skipped: 0 },
      skipped: [],
    });
    for (const rows of [await db.entity.findMany(), await db.relation.findMany(), await db.source.findMany()]) {
      expect(rows.every((row) => row.status === "PUBLISHED" && row.version === 1)).toBe(true);
    }
  });

  it("counts entities per kind and relations per predicate", async () => {
    const kinds = await db.entity.groupBy({ by: ["kind"], _count: true });
    expect(Object.fromEntries(kinds.map((group) => [group.kind, group._count]))).toEqual({
      CONDITION: 17, CAUSE: 10, SYMPTOM: 10, DIAGNOSTIC: 9, TREATMENT: 26,
    });
    const predicates = await db.relation.groupBy({ by: ["predicate"], _count: true });
    expect(Object.fromEntries(predicates.map((group) => [group.predicate, group._count]))).toEqual({
      TREATED_BY: 28, CAUSES: 21, HAS_SYMPTOM: 11, INDICATES: 9, DIAGNOSED_BY: 9, SUBTYPE_OF: 4, CONTRAINDICATED_FOR: 1,
    });
  });

  it("records one import revision per created record, by the seed", async () => {
    const revisions = await db.revision.findMany();
    expect(revisions).toHaveLength(13 + 72 + 83 + 83);
    expect(revisions.every((r) => r.action === "import" && r.actor === "seed" && r.editorId === null && r.before === null)).toBe(true);
    const spasms = await db.entity.findUniqueOrThrow({ where: { slug: "back-spasms" } });
    const [revision] = await db.revision.findMany({ where: { recordType: "ENTITY", recordId: spasms.id } });
    expect(revision.after).toMatchObject({ name: "Back spasms", kind: "CONDITION", status: "PUBLISHED" });
  });

  it("returns the treatments for acute back spasms", async () => {
    const acute = await relationsOf("back-spasms", "TREATED_BY", ["ACUTE"]);
    expect(objectNames(acute)).toEqual([
      "Hot and cold therapy", "Muscle relaxants", "Non-steroidal anti-inflammatories", "Rest", "Stretching", "Topical pain creams or gels",
    ]);
    expectCitedFromArticle(acute);
    expect(acute.every((relation) => relation.citations[0].section === "Acute Pain")).toBe(true);
    const rest = acute.find((relation) => relation.object.slug === "rest");
    expect(rest?.note).toMatch(/prolonged rest is not recommended/i);
    // The coping strategies and the combination of therapies hold for acute pain too.
    const any = await relationsOf("back-spasms", "TREATED_BY", ["ACUTE", "ANY"]);
    expect(objectNames(any)).toEqual(expect.arrayContaining(["Combination therapy", "Minimizing time spent sitting", ...objectNames(acute)]));
    expect(objectNames(any)).not.toContain("Surgery");
    expectCitedFromArticle(any);
  });

  it("returns the treatments for chronic back pain", async () => {
    const chronic = await relationsOf("back-spasms", "TREATED_BY", ["CHRONIC"]);
    expect(objectNames(chronic)).toEqual([
      "Acupuncture", "Gentle exercise", "Hot and cold therapy", "Lifestyle changes", "Nerve blocks", "Non-steroidal anti-inflammatories",
      "Opioids", "Physical therapy", "Relaxation strategies", "Spinal manipulation", "Steroid injections", "Surgery",
    ]);
    expectCitedFromArticle(chronic);
    const noteOf = (slug: string) => chronic.find((relation) => relation.object.slug === slug)?.note;
    expect(noteOf("opioids")).toMatch(/risk of addiction/);
    expect(noteOf("surgery")).toMatch(/last resort.*no guarantee/);
    const any = await relationsOf("back-spasms", "TREATED_BY", ["CHRONIC", "ANY"]);
    expect(any).toHaveLength(22);
    expect(objectNames(any)).not.toContain("Rest");
    expectCitedFromArticle(any);
  });

  it("returns the red flags, each with its urgency and what it may signal", async () => {
    const redFlags = (await relationsOf("back-spasms", "HAS_SYMPTOM")).filter((relation) => relation.redFlag);
    expectCitedFromArticle(redFlags);
    expect(redFlags.every((flag) => flag.urgency === "SOON" && /emergency/.test(flag.note ?? ""))).toBe(true);
    const signals: Record<string, string[]> = {};
    for (const flag of redFlags) {
      const indicates = await relationsOf(flag.object.slug, "INDICATES");
      expectCitedFromArticle(indicates);
      signals[flag.object.name] = objectNames(indicates);
    }
    expect(signals).toEqual({
      Incontinence: ["Infection", "Severe nerve compression", "Severe spinal nerve damage"],
      "Numbness in the groin or buttock area": ["Serious spinal condition"],
      "Sudden weakness in the legs": ["Serious spine condition affecting the nerves"],
      "Radiating pain": ["Severe nerve compression"],
      "Sharp pain": ["Internal organ problem", "Muscle injury"],
    });
  });

  it("returns what a herniated disc can cause", async () => {
    const causes = await relationsOf("herniated-disc", "CAUSES");
    expect(objectNames(causes)).toEqual(["Back spasms", "Sciatica"]);
    expectCitedFromArticle(causes);
    expect(objectNames(await relationsOf("herniated-disc", "HAS_SYMPTOM"))).toEqual(["Pain"]);
  });

  it("returns the tests that diagnose the cause of back spasms", async () => {
    const tests = await relationsOf("back-spasms", "DIAGNOSED_BY");
    expect(objectNames(tests)).toEqual([
      "Blood tests", "Computed tomography", "Description of the pain and other symptoms", "Electromyography",
      "Magnetic resonance imaging", "Medical history", "Movement assessment", "Myelogram", "X-rays",
    ]);
    expectCitedFromArticle(tests);
  });

  it("returns where spinal manipulation is not appropriate", async () => {
    const contraindications = await relationsOf("spinal-manipulation", "CONTRAINDICATED_FOR");
    expect(objectNames(contraindications)).toEqual(["Spinal arthritis"]);
    expectCitedFromArticle(contraindications);
    expect(contraindications[0].citations[0].section).toBe("What About a Chiropractor?");
    // Two of the common causes are forms of spinal arthritis.
    const subtypes = await relationsOf("spinal-arthritis", "SUBTYPE_OF", undefined, "to");
    expect(subtypes.map((relation) => relation.subject.name).sort()).toEqual(["Degenerative disc disease", "Facet joint osteoarthritis"]);
  });

  it("lists the article's 13 numbered references, one source per distinct document", async () => {
    const article = await db.source.findUniqueOrThrow({
      where: { importKey: ARTICLE_KEY },
      include: { references: { include: { cited: true }, orderBy: { number: "asc" } } },
    });
    expect(article).toMatchObject({ title: "Crippling Back Spasms", publisher: "Verywell Health", authors: ["Steph Coelho"] });
    expect(article.references.map((reference) => reference.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const byNumber = new Map(article.references.map((reference) => [reference.number, reference.cited]));
    expect(byNumber.get(9)?.id).toBe(byNumber.get(11)?.id);
    expect(new Set(article.references.map((reference) => reference.citedId)).size).toBe(12);
    const factSheet = await db.source.findUniqueOrThrow({ where: { id: byNumber.get(9)?.id }, include: { citedBy: true } });
    expect(factSheet).toMatchObject({ title: "Low back pain fact sheet", publishedOn: "2020-04-27" });
    expect(factSheet.citedBy.map((reference) => reference.number).sort((a, b) => a - b)).toEqual([9, 11]);
    expect(byNumber.get(3)).toMatchObject({
      title: "Facet joint syndrome: from diagnosis to interventional management",
      doi: "10.1007/s13244-018-0638-x",
      publishedOn: "2018",
    });
  });
});

describe("seeding again", () => {
  let secondRun: ImportSummary;
  let renamed: { id: number; importKey: string | null };
  let deletedRelationKey: string;

  beforeAll(async () => {
    // An editor renames an entity and deletes a relation between the two runs.
    const editor = await db.editor.create({ data: { name: "seed-test-editor" } });
    const actor = { editorId: editor.id, name: editor.name };
    await db.$transaction(async (tx) => {
      const before = await tx.entity.findUniqueOrThrow({ where: { slug: "muscle-relaxants" } });
      renamed = await tx.entity.update({ where: { id: before.id }, data: { name: "Muscle relaxant drugs", version: { increment: 1 } } });
      await recordRevision(tx, { recordType: "ENTITY", recordId: before.id, action: "update", actor, before: { name: before.name }, after: { name: "Muscle relaxant drugs" } });
      const relation = await tx.relation.findFirstOrThrow({ where: { subject: { slug: "back-spasms" }, object: { slug: "rest" } } });
      await tx.relation.update({ where: { id: relation.id }, data: { deletedAt: new Date(), version: { increment: 1 } } });
      await recordRevision(tx, { recordType: "RELATION", recordId: relation.id, action: "delete", actor, before: null, after: null });
      deletedRelationKey = relation.importKey as string;
    });
    secondRun = await seedDatabase(db);
  });

  it("creates nothing and reports the rest unchanged", () => {
    expect(secondRun.entities).toEqual({ created: 0, unchanged: 71, skipped: 1 });
    expect(secondRun.relations).toEqual({ created: 0, unchanged: 82, skipped: 1 });
    expect(secondRun.citations).toEqual({ created: 0, unchanged: 83, skipped: 0 });
    expect(secondRun.sources).toEqual({ created: 0, unchanged: 13, skipped: 0 });
  });

  it("keeps the editor's changes and reports them skipped", async () => {
    expect(secondRun.skipped).toEqual(
      expect.arrayContaining([
        { key: renamed.importKey, reason: "edited since import" },
        { key: deletedRelationKey, reason: "deleted since import" },
      ]),
    );
    expect(await db.entity.findUniqueOrThrow({ where: { id: renamed.id } })).toMatchObject({ name: "Muscle relaxant drugs", version: 2 });
    expect((await db.relation.findUniqueOrThrow({ where: { importKey: deletedRelationKey } })).deletedAt).not.toBeNull();
  });

  it("adds no rows and no revisions", async () => {
    expect(await db.entity.count()).toBe(72);
    expect(await db.relation.count()).toBe(83);
    expect(await db.citation.count()).toBe(83);
    expect(await db.source.count()).toBe(13);
    expect(await db.reference.count()).toBe(13);
    expect(await db.revision.count({ where: { actor: "seed" } })).toBe(251);
  });

  it("leaves a database with content alone at start", async () => {
    expect(await seedIfEmpty(db)).toBeNull();
  });
});
