import type { FieldNode, GraphQLObjectType, GraphQLResolveInfo } from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";
import type { Context } from "../../context";
import { readWith } from "../../db/read-sql";
import { notFoundError, userInputError } from "../../errors";
import type { Predicate } from "../enums";
import { notDeprecated, withPredicates } from "../relations/relation.sql";
import { returnedType, selectObject } from "../sql/compile";
import { type Fragment, arrayParam, col, jsonObject, sql } from "../sql/fragment";
import type { Compiled } from "../sql/marker";
import { readCompiled } from "../sql/read";
import type { Scope } from "../sql/scope";
import { TABLES, type Table, joinedParents, visibleRows } from "../sql/tables";
import { MAX_DEPTH } from "./limits";

/*
 * What neighborhood and paths share: walks go level by level, one statement
 * per level for the whole frontier (its ids as one array parameter, so no
 * frontier meets the bind-parameter limit), so the statements a walk runs
 * grow with its depth (at most MAX_DEPTH), never with the graph. The answer's
 * selection is then compiled into one more statement over the ids reached.
 * The walk is not one statement itself: the level-by-level search with its
 * early stops (paths) is clearer and no slower in TypeScript.
 */

/** BAD_USER_INPUT naming `field` unless 1 <= depth <= MAX_DEPTH (an explicit null included). */
export function assertDepth(depth: number | null, field: string): asserts depth is number {
  if (depth === null || !Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw userInputError(`${field} must be between 1 and ${MAX_DEPTH}.`, field);
  }
}

export interface WalkOptions {
  includeDrafts: boolean;
  /** Follow only these predicates (an empty list follows none); all when null. */
  predicates?: Predicate[] | null;
}

/** A relation as a walk sees it: its ends. */
export interface WalkedRelation {
  rowId: number;
  subjectRowId: number;
  objectRowId: number;
}

/** The visible relations touching any of `entityRowIds`, in either direction, each once, by id. */
export async function relationsTouching(context: Context, entityRowIds: number[], options: WalkOptions): Promise<WalkedRelation[]> {
  const row = "r";
  const ids = sql`ANY(${arrayParam(entityRowIds)}::int[])`;
  // Deprecated claims are known to be wrong or outdated: no walk goes through one.
  const conditions = [sql`(${col(row, "subject_id")} = ${ids} OR ${col(row, "object_id")} = ${ids})`, notDeprecated(row)];
  const predicates = withPredicates(row, options.predicates ?? null);
  if (predicates) conditions.push(predicates);
  const rows = await readWith(context.db, (read) => read<{ id: number; subject_id: number; object_id: number }[]>`
    SELECT ${col(row, "id")}, ${col(row, "subject_id")}, ${col(row, "object_id")}
    FROM ${visibleRows(TABLES.relation, row, options.includeDrafts, conditions)}
    ORDER BY ${col(row, "id")}`);
  return rows.map((relation) => ({ rowId: relation.id, subjectRowId: relation.subject_id, objectRowId: relation.object_id }));
}

/** The other end of `relation` seen from the entity `rowId`. */
export function otherEnd(relation: WalkedRelation, rowId: number): number {
  return relation.subjectRowId === rowId ? relation.objectRowId : relation.subjectRowId;
}

/** What the answer's statement read: the visible entities' names, and each selected list's objects by row id. */
export interface WalkAnswer {
  /** Visible entities among those asked for, by row id: their names (as the reader sees them). */
  names: Map<number, string>;
  /** Visible relations among those asked for. */
  relationRowIds: Set<number>;
  /** Per response key of the answer's type: its field ("entities", "relations", ...) and, for lists, the compiled objects by row id. */
  keys: { key: string; field: string; byRowId: Map<number, Compiled> }[];
}

/**
 * Compiles the selection of a walk's answer type (Subgraph, or Path in a
 * list) over the entities and relations the walk reached, in one statement.
 * NOT_FOUND when one of `required` is missing or hidden (hidden reads as
 * missing, so that a draft's existence does not leak).
 */
export async function readWalkAnswer(
  context: Context,
  info: GraphQLResolveInfo,
  includeDrafts: boolean,
  reached: { entityRowIds: Iterable<number>; relationRowIds: Iterable<number> },
  required: { rowId: number; field: string }[],
): Promise<WalkAnswer> {
  const type = returnedType(info.returnType) as GraphQLObjectType;
  const entityIds = arrayParam([...new Set(reached.entityRowIds)]);
  const relationIds = arrayParam([...new Set(reached.relationRowIds)]);
  const selected = [...collectSubfields(info.schema, info.fragments, info.variableValues, type, info.fieldNodes)].filter(
    ([, nodes]) => nodes[0].name.value !== "__typename",
  );
  const answer = await readCompiled<Record<string, unknown>>(context, info, includeDrafts, (scope) => {
    const names = scope.alias();
    const relations = scope.alias();
    const pairs: [string, Fragment][] = [
      ["names", sql`(SELECT json_object_agg(${col(names, "id")}, ${col(names, "name")}) FROM ${byIds(scope, TABLES.entity, names, entityIds)})`],
      ["relationRowIds", sql`(SELECT json_agg(${col(relations, "id")}) FROM ${byIds(scope, TABLES.relation, relations, relationIds)})`],
    ];
    for (const [key, nodes] of selected) {
      const field = type.getFields()[nodes[0].name.value];
      if (field.name === "entities") pairs.push([key, objectsById(scope, field.type, nodes, TABLES.entity, entityIds)]);
      if (field.name === "relations") pairs.push([key, objectsById(scope, field.type, nodes, TABLES.relation, relationIds)]);
    }
    return jsonObject(pairs);
  }, `${entityIds}|${relationIds}`);
  const names = new Map(Object.entries((answer.names ?? {}) as Record<string, string>).map(([id, name]) => [Number(id), name]));
  const missing = required.find(({ rowId }) => !names.has(rowId));
  if (missing) throw notFoundError(`No entity with the ${missing.field} given.`);
  return {
    names,
    relationRowIds: new Set((answer.relationRowIds ?? []) as number[]),
    keys: selected.map(([key, nodes]) => ({
      key,
      field: nodes[0].name.value,
      byRowId: new Map(Object.entries((answer[key] ?? {}) as Record<string, Compiled>).map(([id, object]) => [Number(id), object])),
    })),
  };
}

function byIds(scope: Scope, table: Table, row: string, ids: string): Fragment {
  return visibleRows(table, row, scope.includeDrafts, [sql`${col(row, "id")} = ANY(${ids}::int[])`]);
}

function objectsById(scope: Scope, type: Parameters<typeof returnedType>[0], nodes: readonly FieldNode[], table: Table, ids: string): Fragment {
  const row = scope.alias();
  const object = selectObject(scope, returnedType(type), nodes, row, table, joinedParents(table));
  return sql`(SELECT json_object_agg(${col(row, "id")}, ${object}) FROM ${byIds(scope, table, row, ids)})`;
}
