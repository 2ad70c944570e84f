import { type FieldNode, type GraphQLObjectType, getNamedType } from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";
import type { ConnectionArgs } from "../pagination/connection.args";
import { DEFAULT_PAGE_SIZE, type SortKey, checkPageSizes, decodeCursor } from "../pagination/cursor";
import { returnedType, selectObject } from "./compile";
import { type Fragment, base64url, col, jsonObject, quoteLiteral, sql } from "./fragment";
import { COMPILED } from "./marker";
import type { Scope } from "./scope";
import { type Table, visibleRows } from "./tables";

/** A Relay list of a table: the rows meeting `conditions`, ordered by (sortColumn, id). */
export interface ConnectionQuery {
  table: Table;
  sortColumn: string;
  conditions(row: string): Fragment[];
  page: ConnectionArgs;
}

/**
 * The JSON of a Relay connection (edges, pageInfo, totalCount, as selected),
 * paged by keyset: a row-value bound `(sort, id) > (cursor)` that an index on
 * (sort, id) serves, one row more than the page to tell whether more follow,
 * and the count only when totalCount is selected. BAD_USER_INPUT for page
 * sizes out of range or foreign cursors (see pagination/cursor.ts).
 */
export function selectConnection(scope: Scope, type: GraphQLObjectType, fieldNodes: readonly FieldNode[], query: ConnectionQuery): Fragment {
  const { first, last } = checkPageSizes(query.page);
  const after = query.page.after == null ? null : decodeCursor(query.page.after, "after");
  const before = query.page.before == null ? null : decodeCursor(query.page.before, "before");
  const backward = last !== null;
  const size = backward ? last : (first ?? DEFAULT_PAGE_SIZE);
  const { table, sortColumn } = query;
  const key = (row: string) => sql`(${col(row, sortColumn)}, ${col(row, "id")})`;
  const beyond = (row: string, cursor: SortKey, operator: string) =>
    sql`${key(row)} ${sql.unsafe(operator)} (${cursor.value}::text, ${cursor.id}::int)`;
  const rows = (row: string, bounds: Fragment[]) => visibleRows(table, row, scope.includeDrafts, [...query.conditions(row), ...bounds]);
  const order = (row: string, direction: "ASC" | "DESC") =>
    sql`${col(row, sortColumn)} ${sql.unsafe(direction)}, ${col(row, "id")} ${sql.unsafe(direction)}`;
  const anyAtOrBeyond = (cursor: SortKey | null, operator: string): Fragment => {
    if (cursor === null) return sql`false`;
    const row = scope.alias();
    return sql`EXISTS (SELECT 1 FROM ${rows(row, [beyond(row, cursor, operator)])})`;
  };
  const cursorOf = (row: string) => base64url(sql`'[' || to_json(${col(row, sortColumn)})::text || ',' || ${col(row, "id")} || ']'`);

  const fetched = scope.alias();
  const page = scope.alias();
  const bounded = scope.alias();
  const bounds = [...(after ? [beyond(bounded, after, ">")] : []), ...(before ? [beyond(bounded, before, "<")] : [])];
  // One row more than the page tells whether more lie ahead.
  const moreAhead = sql`(SELECT count(*) FROM ${sql(fetched)}) > ${size}`;

  const pairs: [string, Fragment][] = [[COMPILED, sql.unsafe(quoteLiteral(type.name))]];
  for (const [responseKey, nodes] of collectSubfields(scope.schema, scope.fragments, scope.variables, type, fieldNodes)) {
    const field = type.getFields()[nodes[0].name.value];
    if (!field) continue; // __typename
    switch (field.name) {
      case "totalCount": {
        const row = scope.alias();
        pairs.push([responseKey, sql`(SELECT count(*) FROM ${rows(row, [])})`]);
        break;
      }
      case "edges": {
        const edgeType = getNamedType(field.type) as GraphQLObjectType;
        const edge = scope.alias();
        const edgeObject = selectEdge(scope, edgeType, nodes, edge, table, cursorOf);
        pairs.push([responseKey, sql`(SELECT coalesce(json_agg(${edgeObject} ORDER BY ${order(edge, "ASC")}), '[]'::json) FROM ${sql(page)} AS ${sql(edge)})`]);
        break;
      }
      case "pageInfo": {
        const pageInfoType = getNamedType(field.type) as GraphQLObjectType;
        const edgeCursor = (direction: "ASC" | "DESC") => {
          const row = scope.alias();
          return sql`(SELECT ${cursorOf(row)} FROM ${sql(page)} AS ${sql(row)} ORDER BY ${order(row, direction)} LIMIT 1)`;
        };
        const values: Record<string, () => Fragment> = {
          hasNextPage: () => (backward ? anyAtOrBeyond(before, ">=") : moreAhead),
          hasPreviousPage: () => (backward ? moreAhead : anyAtOrBeyond(after, "<=")),
          startCursor: () => edgeCursor("ASC"),
          endCursor: () => edgeCursor("DESC"),
        };
        const infoPairs: [string, Fragment][] = [[COMPILED, sql.unsafe(quoteLiteral(pageInfoType.name))]];
        for (const [infoKey, infoNodes] of collectSubfields(scope.schema, scope.fragments, scope.variables, pageInfoType, nodes)) {
          const value = values[infoNodes[0].name.value];
          if (value) infoPairs.push([infoKey, value()]);
        }
        pairs.push([responseKey, jsonObject(infoPairs)]);
        break;
      }
    }
  }
  const direction = backward ? "DESC" : "ASC";
  return sql`(WITH ${sql(fetched)} AS (
      SELECT ${sql(bounded)}.* FROM ${rows(bounded, bounds)} ORDER BY ${order(bounded, direction)} LIMIT ${size + 1}
    ), ${sql(page)} AS (
      SELECT * FROM ${sql(fetched)} ORDER BY ${order(fetched, direction)} LIMIT ${size}
    )
    SELECT ${jsonObject(pairs)})`;
}

function selectEdge(
  scope: Scope,
  edgeType: GraphQLObjectType,
  fieldNodes: readonly FieldNode[],
  edge: string,
  table: Table,
  cursorOf: (row: string) => Fragment,
): Fragment {
  const pairs: [string, Fragment][] = [[COMPILED, sql.unsafe(quoteLiteral(edgeType.name))]];
  for (const [responseKey, nodes] of collectSubfields(scope.schema, scope.fragments, scope.variables, edgeType, fieldNodes)) {
    switch (nodes[0].name.value) {
      case "cursor":
        pairs.push([responseKey, cursorOf(edge)]);
        break;
      case "node":
        // Stryker disable next-line ArrayDeclaration: equivalent, an edge's node is read from its own row, with no parents joined; a column no foreign key names changes nothing
        pairs.push([responseKey, selectObject(scope, returnedType(edgeType.getFields().node.type), nodes, edge, table, [])]);
        break;
    }
  }
  return jsonObject(pairs);
}
