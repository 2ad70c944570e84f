import type { ExtractedCitation, Extraction } from "../../seed/extraction.schema";
import { heatArticleFirstVersion } from "./heat-article.scenario";

// Scenario "a passage the article repeats": the validation tests check a
// citation's section against a quote the article has under several headings,
// one of them lost by the page, and against a quote before any heading.

/** Its text: a title, two headings, and a paragraph whose heading the page lost; "Heat relaxes tight muscles." under all three. */
export const REPEATED_PASSAGE_TEXT = [
  "Heat and Rest for Back Spasms",
  "",
  "What Helps",
  "",
  "A heating pad can ease back spasms. Heat relaxes tight muscles.",
  "",
  "Heat at Night",
  "",
  "A heating pad can ease back spasms. Heat relaxes tight muscles.",
  "",
  "Ask your doctor before using heat overnight. Heat relaxes tight muscles.",
].join("\n");

/** The article's one relation (back spasms TREATED_BY heating pad) with these citations of the article; `hedge` when given. */
export function repeatedPassageCiting(citations: Omit<ExtractedCitation, "source">[], hedge: string | null = null): Extraction {
  const extraction = heatArticleFirstVersion();
  const [heatingPad] = extraction.relations;
  Object.assign(heatingPad, { hedge, citations: citations.map((citation) => ({ source: extraction.article.key, ...citation })) });
  return {
    ...extraction,
    sections: ["What Helps", "Heat at Night"],
    lostHeadings: ["Ask your doctor before"],
    relations: [heatingPad],
  };
}
