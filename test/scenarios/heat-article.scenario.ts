import type { Extraction } from "../../seed/extraction.schema";

// Scenario "a small article imported twice": the import-rules tests load it,
// let an editor change what the first import wrote, then import its second
// version. Small on purpose: one import takes milliseconds, not the seed's seconds.

/** The article's text: a title, one heading, four sentences. */
export const HEAT_ARTICLE_TEXT = [
  "Heat and Rest for Back Spasms",
  "",
  "What Helps",
  "",
  "A heating pad can ease back spasms. Heat relaxes tight muscles. Short rest may also help. Some people try massage.",
].join("\n");

const ARTICLE_KEY = "source:example-heat-and-rest";
const SECTION = "What Helps";

/** Import keys of the scenario's entities. */
export const HEAT_ENTITY = {
  backSpasms: "entity:back-spasms",
  heatingPad: "entity:heating-pad",
  rest: "entity:rest",
  massage: "entity:massage",
} as const;

/** Import keys of the scenario's relations, by their object. */
export const HEAT_RELATION = {
  heatingPad: "relation:back-spasms-treated-by-heating-pad",
  rest: "relation:back-spasms-treated-by-rest",
  massage: "relation:back-spasms-treated-by-massage",
} as const;

const cite = (quote: string) => ({ source: ARTICLE_KEY, quote, section: SECTION, sectionIsReconstructed: false });

const treatedBy = (key: string, object: string, quote: string) => ({
  key, subject: HEAT_ENTITY.backSpasms, predicate: "TREATED_BY" as const, object,
  context: "ANY" as const, redFlag: false, urgency: null, note: null,
  rank: "NORMAL" as const, deprecationReason: null, rankNote: null,
  knowledgeLevel: "KNOWLEDGE_ASSERTION" as const, agentType: "MANUAL_AGENT" as const, negated: false, hedge: null,
  citations: [cite(quote)],
});

/** First version: four entities, two relations (heating pad, rest), one citation each. */
export function heatArticleFirstVersion(): Extraction {
  return {
    article: {
      key: ARTICLE_KEY, title: "Heat and Rest for Back Spasms", publisher: "Example Health", authors: ["A. Writer"],
      publishedOn: "2024-05", url: null, doi: null,
    },
    sections: [SECTION],
    lostHeadings: [],
    references: [],
    entities: [
      { key: HEAT_ENTITY.backSpasms, kind: "CONDITION", slug: "back-spasms", name: "Back spasms", aliases: [], summary: null },
      { key: HEAT_ENTITY.heatingPad, kind: "TREATMENT", slug: "heating-pad", name: "Heating pad", aliases: [], summary: null },
      { key: HEAT_ENTITY.rest, kind: "TREATMENT", slug: "rest", name: "Rest", aliases: [], summary: null },
      { key: HEAT_ENTITY.massage, kind: "TREATMENT", slug: "massage", name: "Massage", aliases: [], summary: null },
    ],
    relations: [
      treatedBy(HEAT_RELATION.heatingPad, HEAT_ENTITY.heatingPad, "A heating pad can ease back spasms."),
      treatedBy(HEAT_RELATION.rest, HEAT_ENTITY.rest, "Short rest may also help."),
    ],
  };
}

/** Second version, adding a relation (massage). */
export function heatArticleWithMassage(): Extraction {
  const extraction = heatArticleFirstVersion();
  extraction.relations.push(treatedBy(HEAT_RELATION.massage, HEAT_ENTITY.massage, "Some people try massage."));
  return extraction;
}

/** Second version, adding a second citation to the heating pad's relation. */
export function heatArticleWithSecondHeatCitation(): Extraction {
  const extraction = heatArticleFirstVersion();
  extraction.relations[0].citations.push(cite("Heat relaxes tight muscles."));
  return extraction;
}
