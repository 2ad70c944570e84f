import type { FieldNode, GraphQLResolveInfo } from "graphql";
import { LRUCache } from "lru-cache";
import type { Context } from "../../context";
import { readWith } from "../../db/read-sql";
import { type Fragment, type Statement, sql, toStatement } from "./fragment";
import { type Scope, scopeOf } from "./scope";

/**
 * Runs a root field's compiled selection as one statement and returns its
 * JSON answer. One statement per root field also makes the answer one
 * snapshot: nested reads agree with each other under concurrent edits.
 *
 * `compile` must be a function of the field's selection, the request's
 * variables, `includeDrafts` and `inputs` only: its statement is cached under
 * those (the same query asked again skips compiling). `inputs` names any other
 * value the statement is built from, e.g. the ids a walk reached.
 */
export async function readCompiled<Answer>(
  context: Context,
  info: GraphQLResolveInfo,
  includeDrafts: boolean,
  compile: (scope: Scope) => Fragment,
  // Stryker disable next-line StringLiteral: equivalent, the default is only part of the cache key
  inputs = "",
): Promise<Answer> {
  const key = `${fieldKey(info.fieldNodes)}|${includeDrafts}|${inputs}|${JSON.stringify(info.variableValues)}`;
  let statement = statements.get(key);
  if (!statement) {
    statement = toStatement(sql`SELECT ${compile(scopeOf(info, includeDrafts))} AS data`);
    statements.set(key, statement);
  }
  const { text, parameters } = statement;
  const [row] = await readWith(context.db, (read) => read.unsafe(text, parameters, { prepare: true }));
  return row.data as Answer;
}

/*
 * Compiled statements by query shape. Apollo keeps parsed documents in its
 * own LRU, so the same query text reaches us as the same AST nodes; a node's
 * number stands for it (and for its document's fragments) in the key.
 * A statement is kept flat (text and parameters), ready to run again.
 */
const statements = new LRUCache<string, Statement>({ max: 1000 });
const nodeNumbers = new WeakMap<FieldNode, number>();
let lastNodeNumber = 0;

function fieldKey(nodes: readonly FieldNode[]): string {
  return nodes
    .map((node) => {
      let number = nodeNumbers.get(node);
      // Stryker disable next-line UpdateOperator: equivalent, counting down numbers the nodes apart as well
      if (number === undefined) nodeNumbers.set(node, (number = ++lastNodeNumber));
      return number;
    })
    .join(",");
}
