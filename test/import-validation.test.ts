import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../src/db/client";
import type { Extraction } from "../seed/extraction.schema";
import { importArticle } from "../seed/import/import-article";
import { SEED_ARTICLE, seedDatabase } from "../seed/seed";
import { ExtractionError, parseExtraction, validateExtraction } from "../seed/validate-extraction";
import { connectTestDatabase, resetDatabase } from "./support/database";

const ARTICLE = readFileSync(SEED_ARTICLE.articlePath, "utf8");
const SEED_JSON: unknown = JSON.parse(readFileSync(SEED_ARTICLE.extractionPath, "utf8"));

/** A fresh copy of the seed extraction to tamper with. */
function seedExtraction(): Extraction {
  return parseExtraction(structuredClone(SEED_JSON));
}

function relation(extraction: Extraction, key: string) {
  const found = extraction.relations.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no ${key} in the seed extraction`);
  return found;
}

/** The seed extraction with one relation's only citation replaced. */
function citing(quote: string, section: string, key = "relation:muscle-strain-causes-back-spasms"): Extraction {
  const extraction = seedExtraction();
  relation(extraction, key).citations = [{ source: extraction.article.key, quote, section }];
  return extraction;
}

describe("validating an extraction against its article", () => {
  it("accepts the seed extraction", () => {
    expect(validateExtraction(seedExtraction(), ARTICLE)).toEqual([]);
  });

  it("refuses a quote that is not in the article", () => {
    expect(validateExtraction(citing("Muscle strains always cause back spasms.", "Muscle Strain"), ARTICLE)).toEqual([
      'relation:muscle-strain-causes-back-spasms: citation 1 quotes "Muscle strains always cause back spasms.", which is not in the article word for word',
    ]);
  });

  it("normalises whitespace, non-breaking spaces included, and nothing else", () => {
    // The article ends "…such as acupuncture." with a non-breaking space, then a blank line.
    const acrossLines = "Some people also find relief with alternative\u00a0therapies such as   acupuncture. Surgery is an option";
    expect(validateExtraction(citing(acrossLines, "Chronic Pain"), ARTICLE)).toEqual([]);
    const straightApostrophe = citing("You've probably experienced back pain at one time or another in your life", "Muscle Strain");
    expect(validateExtraction(straightApostrophe, ARTICLE)).toEqual([expect.stringContaining("not in the article word for word")]);
  });

  it("refuses a fragment that cuts a word", () => {
    expect(validateExtraction(citing("muscle strains can also cause painful back spasm", "Muscle Strain"), ARTICLE)).toEqual([
      expect.stringContaining('quotes "muscle strains can also cause painful back spasm", which is not in the article'),
    ]);
  });

  it("accepts fragments in article order and refuses them out of order", () => {
    const lead = "Treating acute back pain may involve:";
    expect(validateExtraction(citing(`${lead} … Muscle relaxants`, "Acute Pain"), ARTICLE)).toEqual([]);
    expect(validateExtraction(citing(`Muscle relaxants … ${lead}`, "Acute Pain"), ARTICLE)).toEqual([
      expect.stringContaining("in the article but not in this order"),
    ]);
  });

  it("refuses a section that is not the heading the quote falls under", () => {
    expect(validateExtraction(citing("Muscle relaxants", "Chronic Pain"), ARTICLE)).toEqual([
      'relation:muscle-strain-causes-back-spasms: citation 1 gives section "Chronic Pain", but its quote falls under "Acute Pain"',
    ]);
  });

  it("refuses a heading that is not a whole line of the article", () => {
    const extraction = seedExtraction();
    extraction.sections.push("Bladder or Bowel Incontinence");
    expect(validateExtraction(extraction, ARTICLE)).toEqual(['sections: "Bladder or Bowel Incontinence" is not a whole line of the article']);
  });

  it("refuses a dangling entity and a predicate that goes the wrong way", () => {
    const extraction = seedExtraction();
    relation(extraction, "relation:overuse-causes-muscle-strain").subject = "entity:overwork";
    const treatment = relation(extraction, "relation:back-spasms-treated-by-rest-acute");
    [treatment.subject, treatment.object] = [treatment.object, treatment.subject];
    expect(validateExtraction(extraction, ARTICLE)).toEqual([
      "relation:overuse-causes-muscle-strain: subject entity:overwork is not an entity of the extraction",
      "relation:back-spasms-treated-by-rest-acute: TREATED_BY goes from a CONDITION to a TREATMENT, not from a TREATMENT to a CONDITION.",
    ]);
  });

  it("refuses repeated keys and a claim stated twice", () => {
    const extraction = seedExtraction();
    extraction.entities.push({ ...extraction.entities[0], slug: "back-spasms-again" });
    extraction.relations.push({ ...extraction.relations[0], key: "relation:moving-triggers-spasms" });
    expect(validateExtraction(extraction, ARTICLE)).toEqual([
      "entity:back-spasms: entity key is used more than once",
      "relation:moving-triggers-spasms: states the same claim as relation:moving-in-a-certain-way-causes-back-spasms (entity:moving-in-a-certain-way CAUSES entity:back-spasms ANY)",
    ]);
  });

  it("refuses a quote attributed to a numbered reference, whose text is not at hand", () => {
    const extraction = citing("In addition to causing sudden pain and lingering soreness", "Muscle Strain");
    relation(extraction, "relation:muscle-strain-causes-back-spasms").citations[0].source = "source:cedars-sinai-lumbar-strain";
    expect(validateExtraction(extraction, ARTICLE)).toEqual([
      expect.stringMatching(/^relation:muscle-strain-causes-back-spasms: citation 1 cites source:cedars-sinai-lumbar-strain; quotes must come from the article/),
    ]);
  });

  it("names the item whose shape is wrong", () => {
    const json = structuredClone(SEED_JSON) as { relations: { predicate: string }[] };
    json.relations[0].predicate = "TRIGGERS";
    expect(() => parseExtraction(json)).toThrow(/relation:moving-in-a-certain-way-causes-back-spasms: predicate: Invalid option/);
  });
});

describe("importing an article", () => {
  let db: Database;
  let dir: string;

  beforeAll(async () => {
    db = connectTestDatabase();
    dir = mkdtempSync(path.join(os.tmpdir(), "caregraph-import-"));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.$disconnect();
  });

  function writeFile(name: string, content: unknown): string {
    const file = path.join(dir, name);
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return file;
  }

  async function rowCounts() {
    const [entities, relations, citations, sources, references, revisions] = await Promise.all([
      db.entity.count(), db.relation.count(), db.citation.count(), db.source.count(), db.reference.count(), db.revision.count(),
    ]);
    return { entities, relations, citations, sources, references, revisions };
  }

  it("refuses a tampered extraction with every violation and writes nothing", async () => {
    await resetDatabase(db);
    const extraction = seedExtraction();
    relation(extraction, "relation:muscle-strain-causes-back-spasms").citations[0].quote = "Muscle strains always cause back spasms.";
    relation(extraction, "relation:overuse-causes-muscle-strain").object = "entity:muscle-tear";
    const contraindication = relation(extraction, "relation:spinal-manipulation-contraindicated-for-spinal-arthritis");
    [contraindication.subject, contraindication.object] = [contraindication.object, contraindication.subject];
    const extractionPath = writeFile("tampered.extraction.json", extraction);

    const refused = importArticle(db, { articlePath: SEED_ARTICLE.articlePath, extractionPath });
    await expect(refused).rejects.toThrow(ExtractionError);
    const error = (await refused.catch((e: unknown) => e)) as ExtractionError;
    expect(error.violations).toEqual([
      'relation:muscle-strain-causes-back-spasms: citation 1 quotes "Muscle strains always cause back spasms.", which is not in the article word for word',
      "relation:overuse-causes-muscle-strain: object entity:muscle-tear is not an entity of the extraction",
      "relation:spinal-manipulation-contraindicated-for-spinal-arthritis: CONTRAINDICATED_FOR goes from a TREATMENT to a CONDITION, not from a CONDITION to a TREATMENT.",
    ]);
    expect(error.message).toMatch(/^The extraction has 3 violation\(s\):/);
    expect(await rowCounts()).toEqual({ entities: 0, relations: 0, citations: 0, sources: 0, references: 0, revisions: 0 });
  });

  it("refuses a file that is not JSON", async () => {
    const extractionPath = writeFile("broken.extraction.json", "{ not json");
    await expect(importArticle(db, { articlePath: SEED_ARTICLE.articlePath, extractionPath })).rejects.toThrow(
      /broken\.extraction\.json: not valid JSON/,
    );
  });

  describe("another article after the seed", () => {
    const article = [
      "Stretching for Back Spasms",
      "",
      "Why Stretch?",
      "",
      "Gentle stretching\u00a0can ease back spasms. Yoga may also help some people.",
    ].join("\n");
    const articleSource = {
      key: "source:example-stretching-for-back-spasms",
      title: "Stretching for Back Spasms",
      publisher: "Example Health",
      authors: ["A. Writer"],
      publishedOn: "2024-05",
      url: null,
      doi: null,
    };
    const quote = (text: string) => [{ source: articleSource.key, quote: text, section: "Why Stretch?" }];
    const secondArticle = {
      article: articleSource,
      sections: ["Why Stretch?"],
      references: [],
      entities: [
        // The seed's entity, named by its import key: the import links to it and leaves it as it is.
        { key: "entity:back-spasms", kind: "CONDITION", slug: "back-spasms", name: "Back spasms", aliases: [], summary: null },
        { key: "entity:yoga", kind: "TREATMENT", slug: "yoga", name: "Yoga", aliases: [], summary: null },
      ],
      relations: [
        {
          key: "relation:back-spasms-treated-by-yoga", subject: "entity:back-spasms", predicate: "TREATED_BY", object: "entity:yoga",
          context: "ANY", redFlag: false, urgency: null, note: null, citations: quote("Yoga may also help some people."),
        },
      ],
    };

    let articlePath: string;

    beforeAll(async () => {
      await resetDatabase(db);
      await seedDatabase(db);
      articlePath = writeFile("stretching.txt", article);
    });

    it("loads it with the same rules, linking to the seed's entities by import key", async () => {
      const extractionPath = writeFile("stretching.extraction.json", secondArticle);
      const summary = await importArticle(db, { articlePath, extractionPath });
      expect(summary).toEqual({
        entities: { created: 1, unchanged: 1, skipped: 0 },
        relations: { created: 1, unchanged: 0, skipped: 0 },
        citations: { created: 1, unchanged: 0, skipped: 0 },
        sources: { created: 1, unchanged: 0, skipped: 0 },
        skipped: [],
      });
      const yoga = await db.relation.findUniqueOrThrow({
        where: { importKey: "relation:back-spasms-treated-by-yoga" },
        include: { subject: true, citations: { include: { source: true } } },
      });
      expect(yoga.subject.importKey).toBe("entity:back-spasms");
      expect(yoga.citations[0]).toMatchObject({ quote: "Yoga may also help some people.", section: "Why Stretch?" });
      expect(yoga.citations[0].source.title).toBe("Stretching for Back Spasms");
      const revisions = await db.revision.findMany({ where: { actor: "import:stretching.extraction.json" } });
      expect(revisions.map((revision) => revision.recordType).sort()).toEqual(["CITATION", "ENTITY", "RELATION", "SOURCE"]);
    });

    it("refuses a new entity whose slug another entity holds, and writes nothing", async () => {
      const before = await rowCounts();
      const clash = structuredClone(secondArticle);
      clash.entities.push({ key: "entity:stretches", kind: "TREATMENT", slug: "stretching", name: "Stretches", aliases: [], summary: null });
      clash.relations.push({
        ...clash.relations[0], key: "relation:back-spasms-treated-by-stretches", object: "entity:stretches",
        citations: quote("Gentle stretching can ease back spasms."),
      });
      const extractionPath = writeFile("clash.extraction.json", clash);
      await expect(importArticle(db, { articlePath, extractionPath })).rejects.toThrow(
        'entity:stretches: slug "stretching" is taken by entity:stretching',
      );
      expect(await rowCounts()).toEqual(before);
    });
  });
});
