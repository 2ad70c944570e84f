import { userInputError } from "../../errors";
import type { RecordData } from "../editing/versioned-record";
import { optionalText, passedFields, requiredText, textList } from "../editing/validation";
import type { CreateSourceInput, UpdateSourceInput } from "./source.input";

const DOI = /^10\.\d{4,9}\/\S+$/;
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The checked columns of a new source. */
export function newSourceColumns(input: CreateSourceInput): RecordData {
  return {
    title: requiredText(input.title, "title", 500),
    publisher: optionalText(input.publisher, "publisher", 200),
    authors: textList(input.authors ?? [], "authors", 200),
    publishedOn: publishedOn(input.publishedOn),
    url: url(input.url),
    doi: doi(input.doi),
  };
}

/** The checked columns an update sets; BAD_USER_INPUT naming `input` when it changes nothing. */
export function sourceChanges(input: UpdateSourceInput): RecordData {
  const given = passedFields(input);
  const changes: RecordData = {};
  if ("title" in given) changes.title = requiredText(given.title, "title", 500);
  if ("publisher" in given) changes.publisher = optionalText(given.publisher, "publisher", 200);
  if ("authors" in given) changes.authors = textList(given.authors ?? [], "authors", 200);
  if ("publishedOn" in given) changes.publishedOn = publishedOn(given.publishedOn);
  if ("url" in given) changes.url = url(given.url);
  if ("doi" in given) changes.doi = doi(given.doi);
  if (Object.keys(changes).length === 0) throw userInputError("Give at least one field to change.", "input");
  return changes;
}

function url(value: string | null | undefined): string | null {
  const text = optionalText(value, "url", 2000);
  if (text === null) return null;
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !["http:", "https:"].includes(parsed.protocol)) throw userInputError("url must be an http:// or https:// URL.", "url");
  return text;
}

function doi(value: string | null | undefined): string | null {
  const text = optionalText(value, "doi", 300);
  if (text !== null && !DOI.test(text)) throw userInputError("doi must look like 10.1007/s13244-018-0638-x (no https://doi.org/ prefix).", "doi");
  return text;
}

function publishedOn(value: string | null | undefined): string | null {
  return partialDate(value, "publishedOn");
}

/** "2018", "2019-07" or "2020-04-27", and a real date at that; BAD_USER_INPUT naming `field` otherwise. */
export function partialDate(value: string | null | undefined, field: string): string | null {
  const text = optionalText(value, field, 10);
  if (text === null) return null;
  const [, year, month, day] = PARTIAL_DATE.exec(text) ?? [];
  const valid =
    year !== undefined &&
    (month === undefined || (Number(month) >= 1 && Number(month) <= 12)) &&
    (day === undefined || isCalendarDate(text));
  if (!valid) throw userInputError(`${field} must be a date as YYYY, YYYY-MM or YYYY-MM-DD.`, field);
  return text;
}

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  // Rejects 2021-02-30 too, which Date would roll over to March.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
