/*
 * Finding a citation's quote in a text snapshot of its source, and describing
 * where it stands with the W3C Web Annotation Data Model's selectors
 * (https://www.w3.org/TR/annotation-model/#selectors):
 *
 * - TextQuoteSelector: `exact` (the snapshot's own words), `prefix` and
 *   `suffix` (up to CONTEXT_LENGTH characters either side);
 * - TextPositionSelector: `start` (inclusive) and `end` (exclusive).
 *
 * "Character" is a Unicode code point throughout (prefix/suffix lengths and
 * positions): the Recommendation (section 4.2.4, after w3c/web-annotation
 * issue 206) says selections are "in terms of unicode code points ... not in
 * terms of code units"; a JavaScript client converts with
 * `[...text]` or `Array.from(text)`, not `text.length`, which counts UTF-16
 * code units. Positions count the snapshot's content exactly as stored:
 * nothing is normalised away before counting.
 *
 * Matching is exact up to whitespace: a quote is stored whitespace-normalised,
 * so any run of whitespace in it matches any run in the snapshot. A quote of
 * several fragments (joined by " … ") matches where its fragments appear in
 * order; its selectors then cover the whole passage, first fragment to last.
 * Fragments start and end on word boundaries ("pain" is not found in
 * "painful"). There is deliberately no fuzzy matching: a claim about health
 * must not silently move onto words its editor never read, so a quote the
 * newer text lacks is flagged for a reviewer instead (QUOTE_NOT_FOUND).
 */

/** Joins the verbatim fragments of one quote (a list's lead-in and one of its items, say). */
export const FRAGMENT_SEPARATOR = " … ";

/** How many characters (code points) of context TextQuoteSelector's prefix and suffix carry, at most. */
export const CONTEXT_LENGTH = 32;

/** Collapses every run of whitespace (non-breaking spaces included) to one space, and trims; nothing else changes. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The fragments of a quote, each whitespace-normalised. */
export function quoteFragments(quote: string): string[] {
  return quote.split(FRAGMENT_SEPARATOR.trim()).map(normalizeWhitespace);
}

/** A passage of the snapshot, in UTF-16 code unit offsets of its content (end exclusive). */
export interface Span {
  start: number;
  end: number;
}

/** The W3C selectors of one passage: TextQuoteSelector's fields and TextPositionSelector's, in code points. */
export interface TextSelectors {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

/** The content whitespace-normalised, with where each of its code units came from in the content. */
interface NormalizedText {
  text: string;
  /** For each code unit of `text`, the offset of the content's code unit it stands for. */
  origin: number[];
}

function normalizeWithOrigins(content: string): NormalizedText {
  let text = "";
  const origin: number[] = [];
  const runs = /\s+|\S+/g;
  for (let match = runs.exec(content); match !== null; match = runs.exec(content)) {
    if (/^\s/.test(match[0])) {
      // A run of whitespace becomes one space, standing for the run's first character (none at the very start).
      if (text !== "") {
        text += " ";
        origin.push(match.index);
      }
    } else {
      text += match[0];
      for (let i = 0; i < match[0].length; i++) origin.push(match.index + i);
    }
  }
  if (text.endsWith(" ")) {
    text = text.slice(0, -1);
    origin.pop();
  }
  return { text, origin };
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

// Occurrences of a fragment from `from` on, starting and ending on word boundaries.
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

/**
 * Every passage of `content` where the quote stands, in content order: one
 * per occurrence of its first fragment from which the later fragments follow
 * in order (each at its first occurrence after the one before). Empty when
 * the quote is not there, or has an empty fragment.
 */
export function findQuote(content: string, quote: string): Span[] {
  const fragments = quoteFragments(quote);
  if (fragments.some((fragment) => fragment === "")) return [];
  const { text, origin } = normalizeWithOrigins(content);
  const spans: Span[] = [];
  for (const start of occurrencesOf(text, fragments[0], 0)) {
    let end: number | null = start + fragments[0].length;
    for (const fragment of fragments.slice(1)) {
      const next: number | undefined = occurrencesOf(text, fragment, end)[0];
      if (next === undefined) {
        end = null;
        break;
      }
      end = next + fragment.length;
    }
    // The last matched code unit is never a collapsed space (fragments are trimmed), so it maps one to one.
    if (end !== null) spans.push({ start: origin[start], end: origin[end - 1] + 1 });
  }
  return spans;
}

/** The first fragment of the quote that is nowhere in the content, or null when each is somewhere. */
export function missingFragment(content: string, quote: string): string | null {
  const { text } = normalizeWithOrigins(content);
  return quoteFragments(quote).find((fragment) => fragment === "" || occurrencesOf(text, fragment, 0).length === 0) ?? null;
}

/** The W3C selectors of a passage of `content`. */
export function selectorsOf(content: string, span: Span): TextSelectors {
  const before = Array.from(content.slice(0, span.start));
  const exact = content.slice(span.start, span.end);
  const start = before.length;
  return {
    exact,
    prefix: before.slice(-CONTEXT_LENGTH).join(""),
    suffix: Array.from(content.slice(span.end)).slice(0, CONTEXT_LENGTH).join(""),
    start,
    end: start + Array.from(exact).length,
  };
}

/** The context a quote had where it was last found: its TextQuoteSelector's prefix and suffix. */
export interface QuoteContext {
  prefix: string;
  suffix: string;
}

// How many characters of the earlier context the candidate's context keeps (prefix read backwards, suffix forwards).
function contextAgreement(candidate: TextSelectors, earlier: QuoteContext): number {
  const a = Array.from(candidate.prefix).reverse();
  const b = Array.from(earlier.prefix).reverse();
  let score = 0;
  while (score < a.length && score < b.length && a[score] === b[score]) score++;
  const c = Array.from(candidate.suffix);
  const d = Array.from(earlier.suffix);
  let after = 0;
  while (after < c.length && after < d.length && c[after] === d[after]) after++;
  return score + after;
}

/**
 * Anchors a quote in a snapshot's content: the selectors of the passage it
 * stands at, or null when it is not there. Where it stands more than once,
 * the passage whose prefix and suffix best agree with the context it had
 * before (TextQuoteSelector's own disambiguation) wins; with no earlier
 * context, or a tie, the first passage does.
 */
export function anchorQuote(content: string, quote: string, earlier?: QuoteContext | null): TextSelectors | null {
  const candidates = findQuote(content, quote).map((span) => selectorsOf(content, span));
  if (candidates.length === 0) return null;
  if (!earlier || candidates.length === 1) return candidates[0];
  return candidates.reduce((best, candidate) => (contextAgreement(candidate, earlier) > contextAgreement(best, earlier) ? candidate : best));
}
