import { predicateMismatch } from "../src/graph/relations/predicate-rules";
import { extractionSchema, type ExtractedCitation, type Extraction } from "./extraction.schema";

/** Joins the verbatim fragments of one quote (a list's lead-in and one of its items, say). */
export const FRAGMENT_SEPARATOR = " … ";

/** An extraction that may not be loaded; `violations` names every problem, one per line. */
export class ExtractionError extends Error {
  constructor(readonly violations: string[]) {
    super(`The extraction has ${violations.length} violation(s):\n${violations.map((v) => `  - ${v}`).join("\n")}`);
  }
}

/** Collapses every run of whitespace (non-breaking spaces included) to one space; nothing else changes. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Checks the shape of parsed JSON against the extraction schema and returns
 * the extraction, or throws ExtractionError naming each misshapen item.
 */
export function parseExtraction(json: unknown): Extraction {
  const parsed = extractionSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new ExtractionError(parsed.error.issues.map((issue) => `${describePath(json, issue.path)}: ${issue.message}`));
}

// Name the item by its key when the path points into a keyed record: "relation:x: predicate".
function describePath(json: unknown, path: PropertyKey[]): string {
  let node: unknown = json;
  let label = "extraction";
  let rest: string[] = [];
  for (const step of path) {
    node = node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[step] : undefined;
    const key = node !== null && typeof node === "object" ? (node as { key?: unknown }).key : undefined;
    if (typeof key === "string") {
      label = key;
      rest = [];
    } else {
      rest.push(String(step));
    }
  }
  return rest.length > 0 ? `${label}: ${rest.join(".")}` : label;
}

/** The article as one whitespace-normalised string, with where each heading line starts in it. */
interface ArticleText {
  text: string;
  headings: { heading: string; at: number }[];
}

function readArticle(article: string, sections: string[]): ArticleText {
  const wanted = new Set(sections.map(normalizeWhitespace));
  const headings: ArticleText["headings"] = [];
  let text = "";
  for (const line of article.split(/\r?\n/)) {
    const normalized = normalizeWhitespace(line);
    if (normalized === "") continue;
    if (text !== "") text += " ";
    if (wanted.has(normalized)) headings.push({ heading: normalized, at: text.length });
    text += normalized;
  }
  return { text, headings };
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

// A fragment must start and end on word boundaries: "pain" does not match inside "painful".
function occurrencesOf(text: string, fragment: string, from: number): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(fragment, from); at !== -1; at = text.indexOf(fragment, at + 1)) {
    const end = at + fragment.length;
    const cutsBefore = at > 0 && WORD_CHARACTER.test(fragment[0]) && WORD_CHARACTER.test(text[at - 1]);
    const cutsAfter = end < text.length && WORD_CHARACTER.test(fragment[fragment.length - 1]) && WORD_CHARACTER.test(text[end]);
    if (!cutsBefore && !cutsAfter) found.push(at);
  }
  return found;
}

// Where a quote can start: its first fragment's occurrences from which every later fragment follows in order.
function quoteStarts(text: string, fragments: string[]): number[] {
  return occurrencesOf(text, fragments[0], 0).filter((start) => {
    let cursor = start + fragments[0].length;
    for (const fragment of fragments.slice(1)) {
      const next = occurrencesOf(text, fragment, cursor)[0];
      if (next === undefined) return false;
      cursor = next + fragment.length;
    }
    return true;
  });
}

function headingBefore(article: ArticleText, at: number): string | null {
  let heading: string | null = null;
  for (const candidate of article.headings) if (candidate.at <= at) heading = candidate.heading;
  return heading;
}

function checkCitation(article: ArticleText, citation: ExtractedCitation): string | null {
  const fragments = citation.quote.split(FRAGMENT_SEPARATOR.trim()).map(normalizeWhitespace);
  if (fragments.some((fragment) => fragment === "")) return `has an empty fragment in its quote "${citation.quote}"`;
  const starts = quoteStarts(article.text, fragments);
  if (starts.length === 0) {
    const missing = fragments.find((fragment) => occurrencesOf(article.text, fragment, 0).length === 0);
    return missing !== undefined
      ? `quotes "${missing}", which is not in the article word for word`
      : `quotes fragments that are in the article but not in this order: "${citation.quote}"`;
  }
  const headings = starts.map((start) => headingBefore(article, start));
  if (headings.includes(normalizeWhitespace(citation.section))) return null;
  const actual = headings.map((heading) => (heading === null ? "no heading" : `"${heading}"`)).join(" or ");
  return `gives section "${citation.section}", but its quote falls under ${actual}`;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((value) => seen.has(value) || !seen.add(value)))];
}

/**
 * Every reason the extraction cannot be loaded against this article text, or
 * an empty list. Pure: it reads nothing but its arguments, so the loader can
 * refuse a file before it writes anything.
 */
export function validateExtraction(extraction: Extraction, articleText: string): string[] {
  const violations: string[] = [];
  const article = readArticle(articleText, extraction.sections);

  for (const section of extraction.sections) {
    if (!article.headings.some((found) => found.heading === normalizeWhitespace(section))) {
      violations.push(`sections: "${section}" is not a whole line of the article`);
    }
  }

  const sources = [extraction.article, ...extraction.references];
  const entityKeys = extraction.entities.map((entity) => entity.key);
  for (const key of duplicates(sources.map((source) => source.key))) violations.push(`${key}: source key is used more than once`);
  for (const key of duplicates(entityKeys)) violations.push(`${key}: entity key is used more than once`);
  for (const slug of duplicates(extraction.entities.map((entity) => entity.slug))) violations.push(`entities: slug "${slug}" is used more than once`);
  for (const key of duplicates(extraction.relations.map((relation) => relation.key))) violations.push(`${key}: relation key is used more than once`);
  const numbers = extraction.references.flatMap((reference) => reference.numbers.map(String));
  for (const number of duplicates(numbers)) violations.push(`references: number ${number} is given to more than one source`);

  const kinds = new Map(extraction.entities.map((entity) => [entity.key, entity.kind]));
  const claims = new Map<string, string>();
  for (const relation of extraction.relations) {
    const subjectKind = kinds.get(relation.subject);
    const objectKind = kinds.get(relation.object);
    if (!subjectKind) violations.push(`${relation.key}: subject ${relation.subject} is not an entity of the extraction`);
    if (!objectKind) violations.push(`${relation.key}: object ${relation.object} is not an entity of the extraction`);
    if (relation.subject === relation.object) violations.push(`${relation.key}: joins ${relation.subject} to itself`);
    if (subjectKind && objectKind) {
      const mismatch = predicateMismatch(relation.predicate, subjectKind, objectKind);
      if (mismatch) violations.push(`${relation.key}: ${mismatch}`);
    }
    // The database holds one live relation per claim; a second would fail at write time.
    const claim = [relation.subject, relation.predicate, relation.object, relation.context].join(" ");
    const twin = claims.get(claim);
    if (twin) violations.push(`${relation.key}: states the same claim as ${twin} (${claim})`);
    else claims.set(claim, relation.key);

    relation.citations.forEach((citation, index) => {
      const label = `${relation.key}: citation ${index + 1}`;
      if (!sources.some((source) => source.key === citation.source)) {
        violations.push(`${label} cites ${citation.source}, which is not a source of the extraction`);
        return;
      }
      // Only the article's own text is at hand to check a quote against.
      if (citation.source !== extraction.article.key) {
        violations.push(`${label} cites ${citation.source}; quotes must come from the article (${extraction.article.key})`);
        return;
      }
      const problem = checkCitation(article, citation);
      if (problem) violations.push(`${label} ${problem}`);
    });
  }
  return violations;
}
