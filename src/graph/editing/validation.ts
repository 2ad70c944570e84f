import { userInputError } from "../../errors";

/** How long a reason for a deletion, retraction or revert may be. */
export const MAX_REASON = 2000;

// PostgreSQL cannot store U+0000 in text: refused here, not left to fail as an internal error.
function trimmed(value: string | null | undefined, field: string): string {
  const text = value?.trim() ?? "";
  if (text.includes("\u0000")) throw userInputError(`${field} must not contain a NUL character.`, field);
  return text;
}

/** Length in characters (Unicode code points), as a reader counts them: an emoji is one, not two UTF-16 units. */
export function characters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** A required text: trimmed, not empty, at most `max` characters; BAD_USER_INPUT naming `field` otherwise. */
export function requiredText(value: string | null | undefined, field: string, max: number): string {
  const text = trimmed(value, field);
  if (text === "") throw userInputError(`${field} must not be empty.`, field);
  if (characters(text) > max) throw userInputError(`${field} must be at most ${max} characters.`, field);
  return text;
}

/** An optional text: trimmed, empty means none. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  const text = trimmed(value, field);
  if (characters(text) > max) throw userInputError(`${field} must be at most ${max} characters.`, field);
  return text === "" ? null : text;
}

/** Caps of a whole list: how many items, and how many characters all together. */
export interface ListLimits {
  maxItems: number;
  maxTotal: number;
}

/** A list of short texts, trimmed, without empties or repeats; each at most `max` characters, the list within `limits`. */
export function textList(values: readonly string[], field: string, max: number, limits?: ListLimits): string[] {
  const texts = [...new Set(values.map((value) => trimmed(value, field)).filter((value) => value !== ""))];
  if (texts.some((text) => characters(text) > max)) throw userInputError(`Each of ${field} must be at most ${max} characters.`, field);
  if (limits && texts.length > limits.maxItems) throw userInputError(`${field} may hold at most ${limits.maxItems} entries.`, field);
  if (limits && texts.reduce((total, text) => total + characters(text), 0) > limits.maxTotal) {
    throw userInputError(`${field} may hold at most ${limits.maxTotal} characters all together.`, field);
  }
  return texts;
}

/**
 * Only the fields the caller passed: GraphQL leaves an omitted input field
 * undefined, while an explicit null means "clear it".
 */
export function passedFields<Input extends object>(input: Input): Partial<Input> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<Input>;
}
