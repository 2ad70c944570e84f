import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context";
import { readSqlOf } from "../../db/read-sql";
import type { Fragment } from "./fragment";
import { type Scope, scopeOf } from "./scope";

/**
 * Runs a root field's compiled selection as one statement and returns its
 * JSON answer. One statement per root field also makes the answer one
 * snapshot: nested reads agree with each other under concurrent edits.
 */
export async function readCompiled<Answer>(
  context: Context,
  info: GraphQLResolveInfo,
  includeDrafts: boolean,
  compile: (scope: Scope) => Fragment,
): Promise<Answer> {
  const [row] = await readSqlOf(context.db)`SELECT ${compile(scopeOf(info, includeDrafts))} AS data`;
  return row.data as Answer;
}
