import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../src/db/client";
import type { Extraction } from "../seed/extraction.schema";
import { importArticle } from "../seed/import/import-article";
import { formatSummary } from "../seed/import/summary";
import { SEED_ARTICLE, seedDatabase } from "../seed/seed";
import { ExtractionError, parseExtraction, validateExtraction } from "../seed/validate-extraction";
import { HEAT_ENTITY, HEAT_RELATION } from "./scenarios/heat-article.scenario";
import { REPEATED_PASSAGE_TEXT, repeatedPassageCiting } from "./scenarios/repeated-passage.scenario";
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
function citing(quote: string, section: string | null, key = "relation:muscle-strain-causes-back-spasms", sectionIsReconstructed = false): Extraction {
  const extraction = seedExtraction();
  // The relation's hedge was in its old quote.
  Object.assign(relation(extraction, key), { hedge: null, citations: [{ source: extraction.article.key, quote, section, sectionIsReconstructed }] });
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

  describe("section provenance", () => {
    // The page lost the heading above the diagnosis paragraph: the last heading before it is "Is It Sciatica Pain?".
    const diagnosis = "To diagnose what may be causing painful back spasms, healthcare providers will take your medical history.";

    it("refuses a heading the quote does not fall under because the page lost the one it does", () => {
      expect(validateExtraction(citing(diagnosis, "Is It Sciatica Pain?"), ARTICLE)).toEqual([
        'relation:muscle-strain-causes-back-spasms: citation 1 gives section "Is It Sciatica Pain?", but its quote falls under a heading the page lost',
      ]);
    });

    it("accepts no section, or an editor's reconstructed heading marked as such, under a lost heading", () => {
      expect(validateExtraction(citing(diagnosis, null), ARTICLE)).toEqual([]);
      expect(validateExtraction(citing(diagnosis, "Diagnosis", undefined, true), ARTICLE)).toEqual([]);
    });

    it("refuses a reconstruction where the article has the heading", () => {
      expect(validateExtraction(citing("Muscle relaxants", "Treatment", undefined, true), ARTICLE)).toEqual([
        'relation:muscle-strain-causes-back-spasms: citation 1 marks section "Treatment" reconstructed, but its quote falls under "Acute Pain", not a heading the page lost',
      ]);
      expect(validateExtraction(citing(diagnosis, "Acute Pain", undefined, true), ARTICLE)).toEqual([
        'relation:muscle-strain-causes-back-spasms: citation 1 marks section "Acute Pain" reconstructed, but it is a heading of the article',
      ]);
    });

    it("refuses a lost heading whose opening words open no line", () => {
      const extraction = seedExtraction();
      extraction.lostHeadings.push("Diagnosing back spasms");
      expect(validateExtraction(extraction, ARTICLE)).toEqual(['lostHeadings: "Diagnosing back spasms" does not open a line of the article']);
    });
  });

  describe("a passage the article repeats", () => {
    const twice = "A heating pad can ease back spasms.";
    const thrice = "Heat relaxes tight muscles.";
    const violations = (...citations: [quote: string, section: string | null, sectionIsReconstructed?: boolean][]) =>
      validateExtraction(
        repeatedPassageCiting(citations.map(([quote, section, sectionIsReconstructed = false]) => ({ quote, section, sectionIsReconstructed }))),
        REPEATED_PASSAGE_TEXT,
      );
    const label = `${HEAT_RELATION.heatingPad}: citation 1`;

    it("accepts any heading one of its places falls under, or a reconstruction where one falls under a lost heading", () => {
      expect(violations([thrice, "What Helps"])).toEqual([]);
      expect(violations([thrice, "Heat at Night"])).toEqual([]);
      expect(violations([thrice, "Before Using Heat", true])).toEqual([]);
    });

    it("names every heading its places fall under when the section is none of them", () => {
      expect(violations([thrice, "Cold"])).toEqual([
        `${label} gives section "Cold", but its quote falls under "What Helps" or "Heat at Night" or a heading the page lost`,
      ]);
      expect(violations([twice, "Before Using Heat", true])).toEqual([
        `${label} marks section "Before Using Heat" reconstructed, but its quote falls under "What Helps" or "Heat at Night", not a heading the page lost`,
      ]);
    });

    it("refuses a section for a quote before every heading", () => {
      expect(violations(["Heat and Rest for Back Spasms", "What Helps"])).toEqual([
        `${label} gives section "What Helps", but its quote falls under no heading`,
      ]);
      expect(violations(["Heat and Rest for Back Spasms", "Title", true])).toEqual([
        `${label} marks section "Title" reconstructed, but its quote falls under no heading, not a heading the page lost`,
      ]);
      expect(violations(["Heat and Rest for Back Spasms", null])).toEqual([]);
    });

    it("refuses a quote with an empty fragment", () => {
      expect(violations([`${thrice} …`, "What Helps"])).toEqual([`${label} has an empty fragment in its quote "${thrice} …"`]);
    });

    it("accepts a hedge found in one of the relation's quotes, not necessarily all", () => {
      const extraction = repeatedPassageCiting([{ quote: thrice, section: "What Helps", sectionIsReconstructed: false }, { quote: twice, section: "What Helps", sectionIsReconstructed: false }], "can ease");
      expect(validateExtraction(extraction, REPEATED_PASSAGE_TEXT)).toEqual([]);
    });

    it("refuses a relation that joins an entity to itself, and a citation of a source the extraction lacks", () => {
      const extraction = repeatedPassageCiting([{ quote: thrice, section: "What Helps", sectionIsReconstructed: false }]);
      const [heatingPad] = extraction.relations;
      heatingPad.object = HEAT_ENTITY.backSpasms;
      heatingPad.citations[0].source = "source:nowhere";
      expect(validateExtraction(extraction, REPEATED_PASSAGE_TEXT)).toEqual([
        `${HEAT_RELATION.heatingPad}: joins ${HEAT_ENTITY.backSpasms} to itself`,
        `${HEAT_RELATION.heatingPad}: TREATED_BY goes from a CONDITION to a TREATMENT, not from a CONDITION to a CONDITION.`,
        `${label} cites source:nowhere, which is not a source of the extraction`,
      ]);
    });
  });

  describe("claim fields", () => {
    /** The seed extraction as JSON with one relation changed, parsed: the violations parseExtraction names, or []. */
    function shapeViolations(key: string, change: Record<string, unknown>): string[] {
      const json = structuredClone(SEED_JSON) as { relations: Record<string, unknown>[] };
      Object.assign(json.relations.find((candidate) => candidate.key === key)!, change);
      try {
        parseExtraction(json);
        return [];
      } catch (error) {
        return (error as ExtractionError).violations;
      }
    }

    it("accepts the seed's ranks, evidence, negation and hedges", () => {
      const extraction = seedExtraction();
      const rest = relation(extraction, "relation:back-pain-treated-by-prolonged-rest");
      expect(rest).toMatchObject({ negated: true, knowledgeLevel: "KNOWLEDGE_ASSERTION", agentType: "TEXT_MINING_AGENT", rank: "NORMAL" });
      expect(relation(extraction, "relation:back-pain-treated-by-acupuncture-chronic").hedge).toBe("Some people also find relief");
    });

    it("refuses a LOGICAL_ENTAILMENT that does not say what it was inferred from", () => {
      expect(shapeViolations("relation:back-spasms-treated-by-nsaids-acute", { note: null })).toEqual([
        "relation:back-spasms-treated-by-nsaids-acute: note: a LOGICAL_ENTAILMENT must say in its note what it was inferred from",
      ]);
    });

    it("refuses a deprecation without a reason, and a reason without deprecation", () => {
      expect(shapeViolations("relation:overuse-causes-muscle-strain", { rank: "DEPRECATED" })).toEqual([
        "relation:overuse-causes-muscle-strain: deprecationReason: a DEPRECATED relation needs a deprecationReason, and only a deprecated one may have it",
      ]);
      expect(shapeViolations("relation:overuse-causes-muscle-strain", { deprecationReason: "SUPERSEDED" })).toHaveLength(1);
      expect(shapeViolations("relation:overuse-causes-muscle-strain", { rank: "DEPRECATED", deprecationReason: "EDITORIAL_ERROR", rankNote: "A test." })).toEqual([]);
    });

    it("refuses a hedge that is not the source's words in the relation's quotes", () => {
      const extraction = seedExtraction();
      relation(extraction, "relation:overuse-causes-muscle-strain").hedge = "probably";
      relation(extraction, "relation:sudden-forces-causes-muscle-strain-acute").hedge = "can al";
      expect(validateExtraction(extraction, ARTICLE)).toEqual([
        'relation:overuse-causes-muscle-strain: hedge "probably" is in none of its quotes; a hedge is the source\'s own words',
        'relation:sudden-forces-causes-muscle-strain-acute: hedge "can al" is in none of its quotes; a hedge is the source\'s own words',
      ]);
    });

    it("refuses unknown evidence values and missing claim fields, naming the item", () => {
      expect(shapeViolations("relation:overuse-causes-muscle-strain", { knowledgeLevel: "ASSERTION" })).toEqual([
        expect.stringMatching(/^relation:overuse-causes-muscle-strain: knowledgeLevel: Invalid option/),
      ]);
      expect(shapeViolations("relation:overuse-causes-muscle-strain", { negated: undefined, agentType: "CURATOR" })).toEqual([
        expect.stringMatching(/^relation:overuse-causes-muscle-strain: agentType: Invalid option/),
        expect.stringMatching(/^relation:overuse-causes-muscle-strain: negated: Invalid input/),
      ]);
    });
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
      "relation:moving-triggers-spasms: states the same claim as relation:back-spasms-causes-back-pain (entity:back-spasms CAUSES entity:back-pain ANY)",
    ]);
  });

  it("refuses a quote attributed to a numbered reference, whose text is not at hand", () => {
    const extraction = citing("In addition to causing sudden pain and lingering soreness", "Muscle Strain");
    relation(extraction, "relation:muscle-strain-causes-back-spasms").citations[0].source = "source:cedars-sinai-lumbar-strain";
    expect(validateExtraction(extraction, ARTICLE)).toEqual([
      expect.stringMatching(/^relation:muscle-strain-causes-back-spasms: citation 1 cites source:cedars-sinai-lumbar-strain; quotes must come from the article/),
    ]);
  });

  it("refuses a repeated source key, slug, relation key and reference number, each by name", () => {
    const extraction = seedExtraction();
    const [reference] = extraction.references;
    extraction.references.push({ ...reference, numbers: [...reference.numbers] });
    extraction.entities.push({ ...extraction.entities[0], key: "entity:back-spasms-again" });
    extraction.relations.push({ ...extraction.relations[0], predicate: "HAS_SYMPTOM" });
    const violations = validateExtraction(extraction, ARTICLE);
    expect(violations).toEqual(expect.arrayContaining([
      `${reference.key}: source key is used more than once`,
      'entities: slug "back-spasms" is used more than once',
      `${extraction.relations[0].key}: relation key is used more than once`,
      ...reference.numbers.map((number) => `references: number ${number} is given to more than one source`),
    ]));
  });

  it("names the item whose shape is wrong", () => {
    const json = structuredClone(SEED_JSON) as { relations: { predicate: string }[] };
    json.relations[0].predicate = "TRIGGERS";
    expect(() => parseExtraction(json)).toThrow(/relation:back-spasms-causes-back-pain: predicate: Invalid option/);
  });

  it("names a field outside any keyed item by its path from the extraction, and one inside an item by its path from the item", () => {
    const violationsOf = (json: unknown) => {
      try {
        parseExtraction(json);
      } catch (error) {
        return (error as ExtractionError).violations;
      }
      throw new Error("parsed");
    };
    const { sections: _sections, ...withoutSections } = structuredClone(SEED_JSON) as Record<string, unknown>;
    expect(violationsOf(withoutSections)).toEqual([expect.stringMatching(/^extraction: sections: /)]);
    const json = structuredClone(SEED_JSON) as { relations: { citations: { quote: unknown }[] }[] };
    json.relations[0].citations[0].quote = 7;
    expect(violationsOf(json)).toEqual([expect.stringMatching(/^relation:back-spasms-causes-back-pain: citations\.0\.quote: /)]);
    // An issue with the item itself names the item alone.
    const withUnknownField = structuredClone(SEED_JSON) as { relations: Record<string, unknown>[] };
    withUnknownField.relations[0].strength = "strong";
    expect(violationsOf(withUnknownField)).toEqual([expect.stringMatching(/^relation:back-spasms-causes-back-pain: Unrecognized key/)]);
  });

  it("lists every violation on a line of its own in the error's message", () => {
    expect(new ExtractionError(["first: wrong", "second: wrong"]).message).toBe("The extraction has 2 violation(s):\n  - first: wrong\n  - second: wrong");
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
    Object.assign(relation(extraction, "relation:muscle-strain-causes-back-spasms"), { hedge: null });
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

  it("refuses a file whose claim fields break the rules, naming the item, and writes nothing", async () => {
    await resetDatabase(db);
    const json = structuredClone(SEED_JSON) as { relations: Record<string, unknown>[] };
    Object.assign(json.relations.find((candidate) => candidate.key === "relation:aging-causes-degenerative-disc-disease")!, { note: null });
    Object.assign(json.relations.find((candidate) => candidate.key === "relation:overuse-causes-muscle-strain")!, { rank: "DEPRECATED" });
    const extractionPath = writeFile("claims.extraction.json", json);
    const error = (await importArticle(db, { articlePath: SEED_ARTICLE.articlePath, extractionPath }).catch((e: unknown) => e)) as ExtractionError;
    expect(error).toBeInstanceOf(ExtractionError);
    expect(error.violations).toEqual([
      "relation:overuse-causes-muscle-strain: deprecationReason: a DEPRECATED relation needs a deprecationReason, and only a deprecated one may have it",
      "relation:aging-causes-degenerative-disc-disease: note: a LOGICAL_ENTAILMENT must say in its note what it was inferred from",
    ]);
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
    const quote = (text: string) => [{ source: articleSource.key, quote: text, section: "Why Stretch?", sectionIsReconstructed: false }];
    const secondArticle = {
      article: articleSource,
      sections: ["Why Stretch?"],
      lostHeadings: [],
      references: [],
      entities: [
        // The seed's entity, named by its import key: the import links to it and leaves it as it is.
        { key: "entity:back-spasms", kind: "CONDITION", slug: "back-spasms", name: "Back spasms", aliases: [], summary: null },
        { key: "entity:yoga", kind: "TREATMENT", slug: "yoga", name: "Yoga", aliases: [], summary: null },
      ],
      relations: [
        {
          key: "relation:back-spasms-treated-by-yoga", subject: "entity:back-spasms", predicate: "TREATED_BY", object: "entity:yoga",
          context: "ANY", redFlag: false, urgency: null, note: null,
          rank: "NORMAL", knowledgeLevel: "KNOWLEDGE_ASSERTION", agentType: "MANUAL_AGENT", negated: false, hedge: "may also help",
          citations: quote("Yoga may also help some people."),
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
      // Its text became the source's first snapshot, and the quote is anchored in it by W3C selectors (code points).
      expect(yoga.citations[0]).toMatchObject({
        quote: "Yoga may also help some people.", section: "Why Stretch?", anchorStatus: "ANCHORED",
        quoteExact: "Yoga may also help some people.", quotePrefix: "tretching\u00a0can ease back spasms. ", quoteSuffix: "",
        positionStart: 82, positionEnd: 113,
      });
      expect(yoga.citations[0].source.title).toBe("Stretching for Back Spasms");
      const revisions = await db.revision.findMany({ where: { actor: "import:stretching.extraction.json" } });
      expect(revisions.map((revision) => `${revision.recordType} ${revision.action}`).sort()).toEqual(["CITATION import", "ENTITY import", "RELATION import", "SOURCE addSnapshot", "SOURCE import"]);
    });

    it("refuses a new entity whose slug another entity holds, and writes nothing", async () => {
      const before = await rowCounts();
      const clash = structuredClone(secondArticle);
      clash.entities.push({ key: "entity:stretches", kind: "TREATMENT", slug: "stretching", name: "Stretches", aliases: [], summary: null });
      clash.relations.push({
        ...clash.relations[0], key: "relation:back-spasms-treated-by-stretches", object: "entity:stretches", hedge: "can ease",
        citations: quote("Gentle stretching can ease back spasms."),
      });
      const extractionPath = writeFile("clash.extraction.json", clash);
      await expect(importArticle(db, { articlePath, extractionPath })).rejects.toThrow(
        'entity:stretches: slug "stretching" is taken by entity:stretching',
      );
      expect(await rowCounts()).toEqual(before);
    });

    it("refuses a new entity whose slug an editor's entity holds, naming the editor's entity as such", async () => {
      await db.entity.create({ data: { kind: "TREATMENT", slug: "stretches", name: "Stretches", status: "DRAFT" } });
      const clash = structuredClone(secondArticle);
      clash.entities.push({ key: "entity:stretches", kind: "TREATMENT", slug: "stretches", name: "Stretches", aliases: [], summary: null });
      const extractionPath = writeFile("editor-clash.extraction.json", clash);
      await expect(importArticle(db, { articlePath, extractionPath })).rejects.toThrow(
        'entity:stretches: slug "stretches" is taken by an entity created by an editor',
      );
    });
  });
});

describe("the import's summary for a terminal", () => {
  it("gives each kind of record its counts on a line, then each skipped record with its reason", () => {
    const tally = (created: number, unchanged: number, skipped: number) => ({ created, unchanged, skipped });
    const summary = {
      sources: tally(1, 2, 0), entities: tally(3, 0, 1), relations: tally(0, 4, 2), citations: tally(5, 0, 0),
      skipped: [{ key: "entity:massage", reason: "deleted since import" }, { key: "relation:x", reason: "edited since import" }],
    };
    expect(formatSummary(summary).split("\n")).toEqual([
      "sources    1 created, 2 unchanged, 0 skipped",
      "entities   3 created, 0 unchanged, 1 skipped",
      "relations  0 created, 4 unchanged, 2 skipped",
      "citations  5 created, 0 unchanged, 0 skipped",
      "skipped entity:massage: deleted since import",
      "skipped relation:x: edited since import",
    ]);
  });
});
