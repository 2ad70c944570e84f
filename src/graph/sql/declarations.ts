import { Extensions } from "type-graphql";
import { type Fragment, base64url, col, isoTime, quoteLiteral, sql } from "./fragment";
import type { Table, TableName } from "./tables";
import type { Scope } from "./scope";

/*
 * What a field or argument declares about its SQL, beside its @Field with
 * type-graphql's @Extensions (read back from the built schema's
 * `extensions`). The compiler (compile.ts) reads nothing else.
 */

/** A field's SQL: a value of its parent row, one row of another table, or a list of them. */
export type FieldSql =
  | { kind: "value"; value(row: string, scope: Scope, table: Table): Fragment }
  | {
      kind: "one";
      table: TableName;
      /** The parent's column that holds the row's id. */
      foreignKey: string;
    }
  | {
      kind: "many";
      table: TableName;
      /** Joins the child rows to the parent; absent when the arguments' filters do. */
      on?(parent: string, child: string): Fragment;
      /** The child's column that `on` sets to the parent's id: the parent is visible, so the child's rule skips it. */
      reachedFrom?: string;
      /** The list's order, on a child row as visibleRows reads it (with the parents it joins, tables.ts). */
      orderBy(child: string, scope: Scope): Fragment;
    };

/** An argument's SQL: a condition on the child rows for the value given (null: none). */
export type ArgumentFilter = (child: string, value: unknown, parent: string) => Fragment | null;

/** Declares a field's SQL. */
export function SqlField(declaration: FieldSql): MethodDecorator & PropertyDecorator & ClassDecorator {
  return Extensions({ sql: declaration });
}

/**
 * Declares a root field whose resolver returns compiled JSON and nothing
 * else: a query of such fields alone skips graphql-js's execution
 * (compiled-operation.ts). Not for a field whose answer is built in JS.
 */
export function AnswerFromSql(): MethodDecorator {
  return Extensions({ answerFromSql: true });
}

/** Declares the condition an argument sets on the rows a field selects. */
export function SqlFilter(filter: ArgumentFilter): MethodDecorator & PropertyDecorator & ClassDecorator {
  return Extensions({ sqlFilter: filter });
}

/** A column of the parent row (as the reader sees it: drafts readers with pending edits applied). */
export function column(name: string): FieldSql {
  return { kind: "value", value: (row) => col(row, name) };
}

/** A timestamp column, as DateTime's ISO 8601 text. */
export function timestamp(name: string): FieldSql {
  return { kind: "value", value: (row) => isoTime(col(row, name)) };
}

/** The row's global id (see node/global-id.ts): base64url of "<type>:<row id>". */
export const globalId: FieldSql = {
  kind: "value",
  value: (row, _scope, table) => base64url(sql`${sql.unsafe(quoteLiteral(`${table.nodeType}:`))} || ${col(row, "id")}`),
};
