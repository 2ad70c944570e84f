import { findQuote, missingFragment, normalizeWhitespace } from "../src/graph/citations/anchoring";
import { predicateMismatch } from "../src/graph/relations/predicate-rules";
import { extractionSchema, type ExtractedCitation, type Extraction } from "./extraction.schema";

export { FRAGMENT_SEPARATOR, normalizeWhitespace } from "../src/graph/citations/anchoring";

/** An extraction that may not be loaded; `violations` names every problem, one per line. */
export class ExtractionError extends Error {
  constructor(readonly violations: string[]) {
    super(`The extraction has ${violations.length} violation(s):\n${violations.map((v) => `  - ${v}`).join("\n")}`);
  }
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
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, zod's issue paths end at the first value that is not an object, so no step reads through one
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

/** Where each section of the article starts: its headings, and the paragraphs that follow a heading the page lost (no name). */
type Boundary = { heading: string | null; at: number };

function sectionBoundaries(article: string, sections: string[], lostHeadings: string[]): { boundaries: Boundary[]; violations: string[] } {
  const wanted = new Set(sections.map(normalizeWhitespace));
  const boundaries: Boundary[] = [];
  const lines = /[^\r\n]+/g;
  for (let line = lines.exec(article); line !== null; line = lines.exec(article)) {
    const text = normalizeWhitespace(line[0]);
    if (wanted.has(text)) boundaries.push({ heading: text, at: line.index });
    else if (lostHeadings.some((opening) => text.startsWith(normalizeWhitespace(opening)))) boundaries.push({ heading: null, at: line.index });
  }
  const violations = [
    ...sections
      .filter((section) => !boundaries.some((found) => found.heading === normalizeWhitespace(section)))
      .map((section) => `sections: "${section}" is not a whole line of the article`),
    ...lostHeadings
      .filter((opening) => !article.split(/\r?\n/).some((line) => normalizeWhitespace(line).startsWith(normalizeWhitespace(opening))))
      .map((opening) => `lostHeadings: "${opening}" does not open a line of the article`),
  ];
  return { boundaries, violations };
}

// The section a passage starting at `at` falls under: the last boundary at or before it (undefined: before every heading).
function boundaryBefore(boundaries: Boundary[], at: number): Boundary | undefined {
  let found: Boundary | undefined;
  for (const candidate of boundaries) if (candidate.at <= at) found = candidate;
  return found;
}

function describeBoundary(boundary: Boundary | undefined): string {
  if (boundary === undefined) return "no heading";
  return boundary.heading === null ? "a heading the page lost" : `"${boundary.heading}"`;
}

/**
 * Section provenance (issue 12): a citation names the heading its quote falls
 * under, or none (null), or an editor's reconstruction of a heading the page
 * lost, marked `sectionIsReconstructed`; it never claims a heading of the
 * article that its quote does not fall under.
 */
function checkCitation(article: string, boundaries: Boundary[], sections: string[], citation: ExtractedCitation): string | null {
  const starts = findQuote(article, citation.quote).map((span) => span.start);
  if (starts.length === 0) {
    const missing = missingFragment(article, citation.quote);
    if (missing === "") return `has an empty fragment in its quote "${citation.quote}"`;
    return missing !== null
      ? `quotes "${missing}", which is not in the article word for word`
      : `quotes fragments that are in the article but not in this order: "${citation.quote}"`;
  }
  if (citation.section === null) return null;
  const section = normalizeWhitespace(citation.section);
  const under = starts.map((start) => boundaryBefore(boundaries, start));
  if (citation.sectionIsReconstructed) {
    if (sections.some((heading) => normalizeWhitespace(heading) === section)) {
      return `marks section "${citation.section}" reconstructed, but it is a heading of the article`;
    }
    return under.some((boundary) => boundary?.heading === null)
      ? null
      : `marks section "${citation.section}" reconstructed, but its quote falls under ${under.map(describeBoundary).join(" or ")}, not a heading the page lost`;
  }
  if (under.some((boundary) => boundary?.heading === section)) return null;
  return `gives section "${citation.section}", but its quote falls under ${under.map(describeBoundary).join(" or ")}`;
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
  const { boundaries, violations: sectionViolations } = sectionBoundaries(articleText, extraction.sections, extraction.lostHeadings);
  violations.push(...sectionViolations);

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

    // A hedge is the source's words: a whole-word passage of one of the relation's quotes.
    if (relation.hedge !== null && !relation.citations.some((citation) => findQuote(citation.quote, relation.hedge as string).length > 0)) {
      violations.push(`${relation.key}: hedge "${relation.hedge}" is in none of its quotes; a hedge is the source's own words`);
    }
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
      const problem = checkCitation(articleText, boundaries, extraction.sections, citation);
      if (problem) violations.push(`${label} ${problem}`);
    });
  }
  return violations;
}
