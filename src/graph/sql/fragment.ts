import postgres from "postgres";

/**
 * Builds SQL fragments with Postgres.js's tagged templates: values become
 * bound parameters, `sql(name)` quotes an identifier. This instance never
 * connects; its fragments are inlined into a statement that a read client
 * (src/db/read-sql.ts) runs.
 */
// Stryker disable next-line ObjectLiteral,BooleanLiteral,StringLiteral: equivalent, an instance that never connects builds the same fragments whatever its options
export const sql = postgres({ host: "fragments.invalid", max: 1, fetch_types: false });

export type Fragment = postgres.Fragment;

/** A statement's text, with `$1`, `$2`... for its parameters: what the read client runs. */
export interface Statement {
  text: string;
  parameters: postgres.ParameterOrJSON<never>[];
}

// Postgres.js's fragment and identifier classes, read off instances (the package exports neither).
// Stryker disable next-line StringLiteral: equivalent, every fragment is of this class whatever its text
const FRAGMENT = sql``.constructor;
// Stryker disable next-line StringLiteral: equivalent, every identifier is of this class whatever its name
const IDENTIFIER = sql("x").constructor;

/**
 * Flattens a fragment into its text and parameters once, as Postgres.js
 * would on every run: values become `$n` in order, identifiers are inlined
 * quoted, `sql.unsafe` text is inlined as is. Running the flat statement
 * (`sql.unsafe(text, parameters, { prepare: true })`) skips rebuilding the
 * fragment tree for each request, which the profile showed at about 7% of a
 * compiled read's CPU. Throws on a shape the compiler does not build.
 */
export function toStatement(fragment: Fragment): Statement {
  const parameters: Statement["parameters"] = [];
  const flatten = (part: { strings: readonly string[]; args: readonly unknown[] }): string => {
    let text = part.strings[0];
    for (let i = 1; i < part.strings.length; i++) {
      const value = part.args[i - 1];
      if (value instanceof FRAGMENT) text += flatten(value as unknown as typeof part);
      else if (value instanceof IDENTIFIER) text += (value as unknown as { value: string }).value;
      else if (value === undefined || (typeof value === "object" && value !== null && !Array.isArray(value))) {
        throw new Error("toStatement: unsupported SQL value (only fragments, identifiers and plain values).");
      } else text += `$${parameters.push(value as Statement["parameters"][number])}`;
      text += part.strings[i];
    }
    if (part.strings.length === 1 && part.args.length > 0) throw new Error("toStatement: sql.unsafe with parameters is not supported.");
    return text;
  };
  return { text: flatten(fragment as unknown as { strings: readonly string[]; args: readonly unknown[] }), parameters };
}

/** `alias.column`, quoted. */
export function col(alias: string, column: string): Fragment {
  return sql`${sql(alias)}.${sql(column)}`;
}

/** Joins fragments with `separator` (" AND ", ", "); `empty` when there are none. */
export function joinSql(parts: readonly Fragment[], separator: string, empty: Fragment = sql``): Fragment {
  if (parts.length === 0) return empty;
  return parts.slice(1).reduce((joined, part) => sql`${joined}${sql.unsafe(separator)}${part}`, parts[0]);
}

/** ISO 8601 in UTC with milliseconds, as JavaScript's Date#toISOString writes it. */
export function isoTime(expression: Fragment): Fragment {
  return sql`to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** base64url without padding, as Buffer#toString("base64url") writes it. */
export function base64url(text: Fragment): Fragment {
  return sql`translate(encode(convert_to(${text}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

/**
 * A JSON object from key/value pairs. json_build_object takes at most 100
 * arguments, so larger selections are built in parts and merged.
 */
export function jsonObject(pairs: readonly [string, Fragment][]): Fragment {
  const parts: Fragment[] = [];
  // Stryker disable next-line EqualityOperator: equivalent, the one more (empty) part that a count of pairs divisible by 50 then gets adds no key
  for (let start = 0; start < pairs.length; start += 50) {
    const args = pairs.slice(start, start + 50).map(([key, value]) => sql`${sql.unsafe(quoteLiteral(key))}::text, ${value}`);
    parts.push(sql`json_build_object(${joinSql(args, ", ")})`);
  }
  // Stryker disable next-line EqualityOperator: equivalent, one part merged through jsonb keeps every key (only their order changes, which graphql-js does not read)
  if (parts.length <= 1) return parts[0] ?? sql`json_build_object()`;
  return sql`(${joinSql(parts.map((part) => sql`${part}::jsonb`), " || ")})::json`;
}

/**
 * A string literal. Keys are GraphQL response names and type names
 * (letters, digits, underscores) or the marker `$`; inlined rather than
 * bound so that one query shape gives one prepared statement.
 */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A list as one bound parameter in PostgreSQL's array literal form, to cast
 * (`${arrayParam(ids)}::int[]`): one parameter however long the list,
 * so `= ANY(...)` never meets the bind-parameter limit.
 */
export function arrayParam(values: readonly (string | number)[]): string {
  const items = values.map((value) => (typeof value === "number" ? String(value) : `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`));
  return `{${items.join(",")}}`;
}
