import {
  type FieldNode,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isObjectType,
} from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";
import type { ArgumentFilter, FieldSql } from "./declarations";
import { type Fragment, col, jsonObject, quoteLiteral, sql } from "./fragment";
import { MAX_LIST_ITEMS } from "./limits";
import { COMPILED } from "./marker";
import type { Scope } from "./scope";
import { parentAlias } from "../review/visibility";
import { TABLES, type Table, joinedParents, visibleRows } from "./tables";

/*
 * Compiles a GraphQL selection into SQL that builds its JSON answer in
 * PostgreSQL: one json_build_object per row, keyed by response name (so
 * aliases of one field with different arguments sit side by side), nested
 * rows as subqueries with json_agg. Fields are collected as graphql-js's
 * executor collects them (fragments, inline fragments, @skip/@include), once
 * per concrete type. Every table is read through `visibleRows`, which applies
 * the reader's visibility rule and pending edits, and joins beside each row
 * the parents that rule requires visible: a field that returns such a parent
 * (a relation's object, a citation's source) reads it from there.
 */

type Composite = GraphQLObjectType | GraphQLInterfaceType;

/**
 * The JSON object of the row `row` of `table`, for the selection `fieldNodes`
 * on `type`. `joined`: the columns whose parent rows are joined beside `row`
 * (`joinedParents` of the visibleRows that read it; none for a row read otherwise).
 */
export function selectObject(scope: Scope, type: Composite, fieldNodes: readonly FieldNode[], row: string, table: Table, joined: readonly string[]): Fragment {
  const concreteTypes = isAbstractType(type) ? scope.schema.getPossibleTypes(type) : [type as GraphQLObjectType];
  const fieldsByType = concreteTypes.map((concrete) => ({
    concrete,
    fields: collectSubfields(scope.schema, scope.fragments, scope.variables, concrete, fieldNodes),
  }));
  const keys = [...new Set(fieldsByType.flatMap(({ fields }) => [...fields.keys()]))];
  const pairs: [string, Fragment][] = [[COMPILED, table.typeName(row)]];
  for (const key of keys) {
    const selecting = fieldsByType.filter(({ fields }) => fields.has(key));
    const first = selecting[0].fields.get(key)!;
    if (first[0].name.value === "__typename") continue; // answered by graphql-js from the type itself
    const alike = selecting.length === concreteTypes.length && selecting.every(({ fields }) => sameNodes(fields.get(key)!, first));
    if (alike) {
      pairs.push([key, selectField(scope, selecting[0].concrete, first, row, table, joined)]);
      continue;
    }
    // The same response name asks different things of different types (fragments on each): one branch per type.
    const branches = selecting.map(
      ({ concrete, fields }) => sql`WHEN ${sql.unsafe(quoteLiteral(concrete.name))} THEN ${selectField(scope, concrete, fields.get(key)!, row, table, joined)}`,
    );
    pairs.push([key, sql`CASE ${table.typeName(row)} ${branches.reduce((all, branch) => sql`${all} ${branch}`)} END`]);
  }
  return jsonObject(pairs);
}

function sameNodes(a: readonly FieldNode[], b: readonly FieldNode[]): boolean {
  // Stryker disable next-line ConditionalExpression: equivalent, a shorter list that matches the first's prefix only adds keys the other types' answers never read
  return a.length === b.length && a.every((node, i) => node === b[i]);
}

/** The SQL of one field of the row `row`, from the field's declaration. */
function selectField(
  scope: Scope,
  parentType: GraphQLObjectType,
  fieldNodes: readonly FieldNode[],
  row: string,
  table: Table,
  joined: readonly string[],
): Fragment {
  const field = parentType.getFields()[fieldNodes[0].name.value];
  const declaration = field.extensions.sql as FieldSql | undefined;
  if (!declaration) throw new Error(`${parentType.name}.${field.name} declares no SQL.`);
  if (declaration.kind === "value") return declaration.value(row, scope, table);
  const childTable = TABLES[declaration.table];
  const childType = getNamedType(field.type) as Composite;
  const filters = (child: string) => argumentFilters(scope, field, fieldNodes[0], child, row);
  if (declaration.kind === "one") {
    const { foreignKey } = declaration;
    // Stryker disable next-line ConditionalExpression: equivalent while no field of kind "one" takes arguments (subject, object, source take none); the guard keeps a future one's filters
    if (joined.includes(foreignKey) && field.args.length === 0) {
      // Stryker disable next-line ArrayDeclaration: equivalent, a parent read from the join has no parents joined beside it, and a column no foreign key names changes nothing
      return selectObject(scope, childType, fieldNodes, parentAlias(row, foreignKey), childTable, []);
    }
    const child = scope.alias();
    const rows = visibleRows(childTable, child, scope.includeDrafts, [sql`${col(child, "id")} = ${col(row, foreignKey)}`, ...filters(child)]);
    return sql`(SELECT ${selectObject(scope, childType, fieldNodes, child, childTable, joinedParents(childTable))} FROM ${rows} LIMIT 1)`;
  }
  // The first MAX_LIST_ITEMS rows in the list's order, numbered once by that order, then aggregated in it.
  // A bound on row_number() is a run condition of the window (PostgreSQL 15+): the
  // window stops at the bound, so no second sort picks the first rows, and the
  // items' JSON, built as the window emits each row, is built for those rows only.
  const listed = scope.alias();
  const conditions = [...(declaration.on ? [declaration.on(row, listed)] : []), ...filters(listed)];
  const rows = visibleRows(childTable, listed, scope.includeDrafts, conditions, declaration.reachedFrom);
  const item = selectObject(scope, childType, fieldNodes, listed, childTable, joinedParents(childTable, declaration.reachedFrom));
  const child = scope.alias();
  return sql`(SELECT coalesce(json_agg(${col(child, LIST_ITEM)} ORDER BY ${col(child, LIST_POSITION)}), '[]'::json)
    FROM (SELECT ${item} AS ${sql(LIST_ITEM)}, row_number() OVER (ORDER BY ${declaration.orderBy(listed, scope)}) AS ${sql(LIST_POSITION)}
      FROM ${rows}) AS ${sql(child)} WHERE ${col(child, LIST_POSITION)} <= ${sql.unsafe(String(MAX_LIST_ITEMS))})`;
}

const LIST_ITEM = "list_item";
const LIST_POSITION = "list_position";

/** The conditions the field's arguments declare, for the values this request gives them. */
function argumentFilters(scope: Scope, field: GraphQLField<unknown, unknown>, node: FieldNode, child: string, parent: string): Fragment[] {
  const values = getArgumentValues(field, node, scope.variables);
  return field.args.flatMap((argument) => {
    const filter = argument.extensions.sqlFilter as ArgumentFilter | undefined;
    const condition = filter?.(child, values[argument.name] ?? null, parent);
    return condition ? [condition] : [];
  });
}

/** The named object or interface type a field returns (lists and non-null unwrapped). */
export function returnedType(type: GraphQLOutputType): Composite {
  const named = getNamedType(type);
  if (!isObjectType(named) && !isAbstractType(named)) throw new Error(`${named.name} is not an object type.`);
  return named as Composite;
}

/** The JSON of the first visible row of `table` meeting `conditions`, or null: a root field's single answer. */
export function selectRow(
  scope: Scope,
  type: Composite,
  fieldNodes: readonly FieldNode[],
  table: Table,
  conditions: (row: string) => Fragment[],
): Fragment {
  const row = scope.alias();
  return sql`(SELECT ${selectObject(scope, type, fieldNodes, row, table, joinedParents(table))} FROM ${visibleRows(table, row, scope.includeDrafts, conditions(row))} LIMIT 1)`;
}
