import { normalizeWhitespace } from "./anchoring";

/**
 * Why a citation's section may not be recorded against this snapshot of its
 * source, or null when it may (issue 12: a citation must not claim a heading
 * its quote does not fall under). A snapshot is plain text without heading
 * markup, so the check is what the text can show:
 *
 * - a section given as the source's own heading must be a whole line of the
 *   snapshot that comes before the quote (at or before `quoteStart`, a UTF-16
 *   offset of `content`);
 * - a section marked reconstructed (an editor's name for a heading the source
 *   lost) must not be a line of the snapshot: a heading the text has is not
 *   reconstructed.
 *
 * The extraction validator (seed/validate-extraction.ts), which knows the
 * article's headings and where it lost some, checks the exact heading.
 */
export function sectionProblem(content: string, quoteStart: number, section: string, reconstructed: boolean): string | null {
  const wanted = normalizeWhitespace(section);
  const lines = /[^\r\n]+/g;
  let before = false;
  let anywhere = false;
  for (let line = lines.exec(content); line !== null; line = lines.exec(content)) {
    if (normalizeWhitespace(line[0]) !== wanted) continue;
    anywhere = true;
    if (line.index <= quoteStart) before = true;
  }
  if (reconstructed) {
    return anywhere ? `section "${section}" is a line of the source's text, so it is not reconstructed: give it without sectionIsReconstructed.` : null;
  }
  return before
    ? null
    : `section "${section}" is not a heading of the source's text before the quote: leave it empty, or mark an editor's reconstruction of a lost heading with sectionIsReconstructed.`;
}
