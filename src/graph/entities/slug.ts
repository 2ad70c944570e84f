import { userInputError } from "../../errors";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG_LENGTH = 100;

/** "Non-steroidal anti-inflammatory drugs (NSAIDs)" -> "non-steroidal-anti-inflammatory-drugs-nsaids", "Ménière's disease" -> "menieres-disease". */
function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    // An apostrophe joins its word: "menieres", not "meniere-s".
    .replace(/['\u2019]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, "");
}

/** A slug as given, or derived from the name; BAD_USER_INPUT naming `slug` when it is not lowercase kebab ASCII. */
export function checkedSlug(slug: string | null | undefined, name: string): string {
  const value = slug ?? slugify(name);
  if (value === "") {
    throw userInputError(slug == null ? "No slug can be derived from this name: give one (lowercase letters, digits and hyphens)." : "slug must not be empty.", "slug");
  }
  if (!SLUG.test(value) || value.length > MAX_SLUG_LENGTH) {
    throw userInputError(`slug must be lowercase letters, digits and single hyphens, at most ${MAX_SLUG_LENGTH} characters.`, "slug");
  }
  return value;
}
