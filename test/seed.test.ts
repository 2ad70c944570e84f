import { createHash } from "node:crypto";
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
      // The heading it falls under, or none where the page lost it (the validator checks which).
      expect(citation.section === null || typeof citation.section === "string").toBe(true);
      if (!isInArticle(citation.quote)) throw new Error(`${answer.importKey} quotes text that is not in the article: ${citation.quote}`);
    }
  }
}

const objectNames = (answers: Answer[]) => answers.map((answer) => answer.object.name).sort();

describe("the seeded back-spasms article", () => {
  it("creates every record of the extraction, published", async () => {
    expect(firstRun).toEqual({
      entities: { created: 78, unchanged: 0, skipped: 0 },
      relations: { created: 101, unchanged: 0, skipped: 0 },
      citations: { created: 103, unchanged: 0, skipped: 0 },
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
      CONDITION: 19, CAUSE: 10, SYMPTOM: 12, DIAGNOSTIC: 9, TREATMENT: 28,
    });
    const predicates = await db.relation.groupBy({ by: ["predicate"], _count: true });
    expect(Object.fromEntries(predicates.map((group) => [group.predicate, group._count]))).toEqual({
      TREATED_BY: 44, CAUSES: 23, HAS_SYMPTOM: 13, INDICATES: 8, DIAGNOSED_BY: 9, SUBTYPE_OF: 3, CONTRAINDICATED_FOR: 1,
    });
  });

  it("carries each claim's rank, evidence, negation and hedge", async () => {
    const relations = await db.relation.findMany();
    expect(relations.every((relation) => relation.rank === "NORMAL" && relation.deprecationReason === null)).toBe(true);
    // Read out of the article by a language model, not yet validated by a clinician (see README).
    expect(relations.every((relation) => relation.agentType === "TEXT_MINING_AGENT")).toBe(true);
    const levels = await db.relation.groupBy({ by: ["knowledgeLevel"], _count: true });
    expect(Object.fromEntries(levels.map((group) => [group.knowledgeLevel, group._count]))).toEqual({ KNOWLEDGE_ASSERTION: 83, LOGICAL_ENTAILMENT: 18 });
    const entailments = relations.filter((relation) => relation.knowledgeLevel === "LOGICAL_ENTAILMENT");
    expect(entailments.every((relation) => /^Inferred from/.test(relation.note ?? ""))).toBe(true);
    const [negated] = await relationsOf("back-pain", "TREATED_BY").then((answers) => answers.filter((relation) => relation.negated));
    expect(negated).toMatchObject({ object: { name: "Prolonged rest" }, context: "ANY", hedge: null });
    expect(negated.citations[0].quote).toBe("Overall, though, healthcare providers don’t recommend prolonged rest for either acute or chronic back pain.");
    expect(relations.filter((relation) => relation.hedge !== null)).toHaveLength(64);
    const acupuncture = await relationsOf("back-pain", "TREATED_BY", ["CHRONIC"]).then((answers) => answers.find((relation) => relation.object.slug === "acupuncture"));
    expect(acupuncture?.hedge).toBe("Some people also find relief");
  });

  it("records one import revision per created record and one for the article's text, by the seed", async () => {
    const revisions = await db.revision.findMany();
    expect(revisions).toHaveLength(13 + 78 + 101 + 103 + 1);
    expect(revisions.every((r) => r.actor === "seed" && r.editorId === null && r.before === null)).toBe(true);
    expect(revisions.filter((r) => r.action !== "import").map((r) => r.action)).toEqual(["addSnapshot"]);
    const spasms = await db.entity.findUniqueOrThrow({ where: { slug: "back-spasms" } });
    const [revision] = await db.revision.findMany({ where: { recordType: "ENTITY", recordId: spasms.id } });
    expect(revision.after).toMatchObject({ name: "Back spasms", kind: "CONDITION", status: "PUBLISHED" });
  });

  it("keeps the article's text as its first snapshot and anchors every citation in it", async () => {
    const text = readFileSync(SEED_ARTICLE.articlePath, "utf8");
    const article = await db.source.findUniqueOrThrow({ where: { importKey: ARTICLE_KEY }, include: { snapshots: true } });
    expect(article.snapshots).toEqual([
      expect.objectContaining({ content: text, sha256: createHash("sha256").update(text).digest("hex"), createdBy: "seed" }),
    ]);
    const codePoints = Array.from(text);
    const citations = await db.citation.findMany();
    expect(citations.every((citation) => citation.anchorStatus === "ANCHORED" && citation.snapshotId === article.snapshots[0].id)).toBe(true);
    for (const citation of citations) {
      // TextPositionSelector counts code points; TextQuoteSelector's context is 32 of them either side.
      const [start, end] = [citation.positionStart ?? NaN, citation.positionEnd ?? NaN];
      expect(codePoints.slice(start, end).join("")).toBe(citation.quoteExact);
      expect(codePoints.slice(Math.max(0, start - 32), start).join("")).toBe(citation.quotePrefix);
      expect(codePoints.slice(end, end + 32).join("")).toBe(citation.quoteSuffix);
    }
  });

  it("answers the treatments for acute back spasms: rest from the article's own words, the list for acute back pain by entailment", async () => {
    const acute = await relationsOf("back-spasms", "TREATED_BY", ["ACUTE"]);
    expect(objectNames(acute)).toEqual([
      "Hot and cold therapy", "Muscle relaxants", "Non-steroidal anti-inflammatories", "Rest", "Stretching", "Topical pain creams or gels",
    ]);
    expectCitedFromArticle(acute);
    const rest = acute.find((relation) => relation.object.slug === "rest");
    expect(rest?.citations[0]).toMatchObject({ quote: "Rest might help if you have a sudden, painful back spasm.", section: "Acute Pain" });
    for (const relation of acute.filter((candidate) => candidate !== rest)) {
      // Quoted from the treatment introduction, whose heading the page lost, through the list for acute back pain.
      expect(relation.citations[0].quote).toMatch(/^Treatment can also vary depending on whether the pain is chronic or acute\. … Treating acute back pain may involve: … /);
      expect(relation.citations[0].section).toBeNull();
      expect(relation.note).toMatch(/^Inferred from/);
    }
    const any = await relationsOf("back-spasms", "TREATED_BY", ["ANY"]);
    expect(objectNames(any)).toEqual(["Chiropractic treatment", "Treating the underlying cause"]);
    expectCitedFromArticle(any);
  });

  it("answers the treatments of back pain, acute and chronic, with the coping strategies and the advice against prolonged rest", async () => {
    const acute = await relationsOf("back-pain", "TREATED_BY", ["ACUTE"]);
    expect(objectNames(acute)).toEqual(["Hot and cold therapy", "Muscle relaxants", "Non-steroidal anti-inflammatories", "Stretching", "Topical pain creams or gels"]);
    expect(acute.every((relation) => relation.citations[0].section === "Acute Pain")).toBe(true);
    const chronic = await relationsOf("back-pain", "TREATED_BY", ["CHRONIC"]);
    expect(objectNames(chronic)).toEqual([
      "Acupuncture", "Gentle exercise", "Hot and cold therapy", "Lifestyle changes", "Nerve blocks", "Non-steroidal anti-inflammatories",
      "Opioids", "Physical therapy", "Relaxation strategies", "Spinal manipulation", "Steroid injections", "Surgery",
    ]);
    expectCitedFromArticle([...acute, ...chronic]);
    const noteOf = (slug: string) => chronic.find((relation) => relation.object.slug === slug)?.note;
    expect(noteOf("opioids")).toMatch(/risk of addiction/);
    expect(noteOf("surgery")).toMatch(/last resort.*no guarantee/);
    const any = await relationsOf("back-pain", "TREATED_BY", ["ANY"]);
    expect(objectNames(any)).toEqual([
      "Avoiding sleeping on your stomach", "Combination therapy", "Exercise that avoids high-impact activities", "Good form when lifting heavy objects or exercising",
      "Maintaining good posture while sitting and standing", "Minimizing time spent sitting", "Prolonged rest", "Sleeping on a comfortable, supportive mattress",
      "Strengthening the back and abdominal muscles", "Warming up with dynamic stretches",
    ]);
    expectCitedFromArticle(any);
    // The coping list's heading was lost: no citation claims "Combination Therapy" for it.
    const coping = any.filter((relation) => relation.citations[0].quote.startsWith("Some strategies that may help you cope"));
    expect(coping).toHaveLength(8);
    expect(coping.every((relation) => relation.citations[0].section === null)).toBe(true);
  });

  it("links back spasms to back pain and to their own manifestations", async () => {
    expect(objectNames(await relationsOf("back-spasms", "CAUSES"))).toEqual(["Back pain"]);
    const symptoms = await relationsOf("back-spasms", "HAS_SYMPTOM");
    expect(objectNames(symptoms)).toEqual(["Immobility", "Struggling to complete everyday tasks"]);
    expectCitedFromArticle(symptoms);
    const chronicCauses = await relationsOf("back-spasms", "CAUSES", ["CHRONIC"], "to");
    expect(chronicCauses.map((relation) => relation.subject.name)).toEqual(["Underlying condition"]);
  });

  it("anchors the red flags on back pain, each with its urgency and what it may signal", async () => {
    expect((await relationsOf("back-spasms", "HAS_SYMPTOM")).some((relation) => relation.redFlag)).toBe(false);
    const redFlags = (await relationsOf("back-pain", "HAS_SYMPTOM")).filter((relation) => relation.redFlag);
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
    });
    // The leg-weakness quote names the legs (its heading is the only place the article does).
    const legs = redFlags.find((flag) => flag.object.slug === "sudden-leg-weakness");
    expect(legs?.citations[0].quote).toContain("Weakness in Legs … Weakness that comes on suddenly");
  });

  it("cites sharp pain as a symptom of nothing: the article says it might not even be back pain", async () => {
    expect(await relationsOf("sharp-pain", "HAS_SYMPTOM", undefined, "to")).toEqual([]);
    expect(objectNames(await relationsOf("sharp-pain", "INDICATES"))).toEqual(["Internal organ problem", "Muscle injury"]);
  });

  it("returns what a herniated disc can cause", async () => {
    const causes = await relationsOf("herniated-disc", "CAUSES");
    expect(objectNames(causes)).toEqual(["Back spasms", "Sciatica"]);
    expectCitedFromArticle(causes);
    expect(objectNames(await relationsOf("herniated-disc", "HAS_SYMPTOM"))).toEqual(["Pain"]);
  });

  it("returns the tests that diagnose the cause of back spasms, under no heading: the page lost it", async () => {
    const tests = await relationsOf("back-spasms", "DIAGNOSED_BY");
    expect(objectNames(tests)).toEqual([
      "Blood tests", "Computed tomography", "Description of the pain and other symptoms", "Electromyography",
      "Magnetic resonance imaging", "Medical history", "Movement assessment", "Myelogram", "X-rays",
    ]);
    expectCitedFromArticle(tests);
    expect(tests.every((relation) => relation.citations.every((citation) => citation.section === null))).toBe(true);
  });

  it("returns where spinal manipulation is not appropriate, and only the subtype of spinal arthritis the article states", async () => {
    const contraindications = await relationsOf("spinal-manipulation", "CONTRAINDICATED_FOR");
    expect(objectNames(contraindications)).toEqual(["Spinal arthritis"]);
    expectCitedFromArticle(contraindications);
    expect(contraindications[0].citations[0].section).toBe("What About a Chiropractor?");
    // "Degenerative disc disease is a type of arthritis of the spine"; the article says no such thing of facet joint osteoarthritis.
    const subtypes = await relationsOf("spinal-arthritis", "SUBTYPE_OF", undefined, "to");
    expect(subtypes.map((relation) => relation.subject.name)).toEqual(["Degenerative disc disease"]);
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
    expect(secondRun.entities).toEqual({ created: 0, unchanged: 77, skipped: 1 });
    expect(secondRun.relations).toEqual({ created: 0, unchanged: 100, skipped: 1 });
    expect(secondRun.citations).toEqual({ created: 0, unchanged: 103, skipped: 0 });
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
    expect(await db.entity.count()).toBe(78);
    expect(await db.relation.count()).toBe(101);
    expect(await db.citation.count()).toBe(103);
    expect(await db.sourceSnapshot.count()).toBe(1);
    expect(await db.source.count()).toBe(13);
    expect(await db.reference.count()).toBe(13);
    expect(await db.revision.count({ where: { actor: "seed" } })).toBe(296);
  });

  it("leaves a database with content alone at start", async () => {
    expect(await seedIfEmpty(db)).toBeNull();
  });
});
