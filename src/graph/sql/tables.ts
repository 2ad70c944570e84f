import type { NodeType } from "../node/global-id";
import { VISIBLE_PARENTS, type VisibleParent, ownVisibleSql, parentAlias, visibleSql } from "../review/visibility";
import { type Fragment, col, joinSql, quoteLiteral, sql } from "./fragment";

/** The tables the compiled read path selects from. */
export type TableName = "entity" | "relation" | "citation" | "source" | "reference";

/** How a pending edit (`pendingChanges`, keyed by Prisma field name) is read back into a column. */
type PendingType =
  | "text"
  | "text[]"
  | "boolean"
  | "entity_kind"
  | "care_context"
  | "urgency"
  | "claim_rank"
  | "deprecation_reason"
  | "knowledge_level"
  | "agent_type";

interface PendingColumn {
  column: string;
  /** The key in pending_changes (Prisma's field name). */
  key: string;
  type: PendingType;
}

export interface Table {
  name: TableName;
  /** The global id's type of its rows (see node/global-id.ts); null for rows without one. */
  nodeType: NodeType | null;
  /**
   * The columns of a versioned row, which the read path rewrites for its
   * reader (`fromTable`); empty for a table whose rows are read as stored.
   */
  columns: readonly string[];
  /** Columns an editor's pending edit may change. */
  pending: readonly PendingColumn[];
  /** The GraphQL type of a row (the `$` marker of compiled objects). */
  typeName(row: string): Fragment;
}

const VERSIONED = ["id", "status", "version", "deleted_at", "created_at", "updated_at"];

const ENTITY_TYPE_NAMES = { CONDITION: "Condition", CAUSE: "Cause", SYMPTOM: "Symptom", DIAGNOSTIC: "Diagnostic", TREATMENT: "Treatment" };
const ENTITY_TYPE_WHENS = Object.entries(ENTITY_TYPE_NAMES).map(([kind, name]) => `WHEN '${kind}' THEN '${name}'`);
// Stryker disable next-line StringLiteral: equivalent, PostgreSQL reads 'Condition'WHEN as two tokens
const ENTITY_TYPE_CASE = ENTITY_TYPE_WHENS.join(" ");

const constantTypeName = (name: string) => () => sql.unsafe(quoteLiteral(name));

export const TABLES: Record<TableName, Table> = {
  entity: {
    name: "entity",
    nodeType: "Entity",
    columns: [...VERSIONED, "slug", "kind", "name", "aliases", "summary"],
    pending: [
      { column: "slug", key: "slug", type: "text" },
      { column: "kind", key: "kind", type: "entity_kind" },
      { column: "name", key: "name", type: "text" },
      { column: "aliases", key: "aliases", type: "text[]" },
      { column: "summary", key: "summary", type: "text" },
    ],
    typeName: (row) => sql`CASE ${col(row, "kind")} ${sql.unsafe(ENTITY_TYPE_CASE)} END`,
  },
  relation: {
    name: "relation",
    nodeType: "Relation",
    columns: [
      ...VERSIONED,
      "subject_id",
      "predicate",
      "object_id",
      "context",
      "red_flag",
      "urgency",
      "note",
      "rank",
      "deprecation_reason",
      "rank_note",
      "knowledge_level",
      "agent_type",
      "negated",
      "hedge",
      "needs_review",
      "needs_review_reason",
      "flagged_at",
    ],
    pending: [
      { column: "context", key: "context", type: "care_context" },
      { column: "red_flag", key: "redFlag", type: "boolean" },
      { column: "urgency", key: "urgency", type: "urgency" },
      { column: "note", key: "note", type: "text" },
      { column: "rank", key: "rank", type: "claim_rank" },
      { column: "deprecation_reason", key: "deprecationReason", type: "deprecation_reason" },
      { column: "rank_note", key: "rankNote", type: "text" },
      { column: "knowledge_level", key: "knowledgeLevel", type: "knowledge_level" },
      { column: "agent_type", key: "agentType", type: "agent_type" },
      { column: "negated", key: "negated", type: "boolean" },
      { column: "hedge", key: "hedge", type: "text" },
    ],
    // Stryker disable next-line StringLiteral: equivalent, no compiled field answers an interface or union Relation belongs to, so nothing reads the name
    typeName: constantTypeName("Relation"),
  },
  citation: {
    name: "citation",
    nodeType: "Citation",
    // Stryker disable next-line ArrayDeclaration: equivalent, only a versioned table's rows are rewritten from their columns
    columns: [],
    pending: [],
    // Stryker disable next-line StringLiteral: equivalent, no compiled field answers an interface or union Citation belongs to, so nothing reads the name
    typeName: constantTypeName("Citation"),
  },
  source: {
    name: "source",
    nodeType: "Source",
    columns: [...VERSIONED, "title", "publisher", "authors", "published_on", "url", "doi", "publisher_retracted_on", "retraction_notice"],
    pending: [
      { column: "title", key: "title", type: "text" },
      { column: "publisher", key: "publisher", type: "text" },
      { column: "authors", key: "authors", type: "text[]" },
      { column: "published_on", key: "publishedOn", type: "text" },
      { column: "url", key: "url", type: "text" },
      { column: "doi", key: "doi", type: "text" },
    ],
    // Stryker disable next-line StringLiteral: equivalent, no compiled field answers an interface or union Source belongs to, so nothing reads the name
    typeName: constantTypeName("Source"),
  },
  reference: {
    name: "reference",
    nodeType: null,
    // Stryker disable next-line ArrayDeclaration: equivalent, only a versioned table's rows are rewritten from their columns
    columns: [],
    pending: [],
    // Stryker disable next-line StringLiteral: equivalent, no reference row is answered as a GraphQL object, so nothing reads its type's name
    typeName: constantTypeName("Reference"),
  },
};

/**
 * The table as `row` in a FROM or JOIN, as withPendingChanges shapes a row
 * (review/pending-changes.ts): the public sees a versioned row with the
 * version and time of its published state; readers of drafts see it with its
 * pending edit applied, before any filter or order runs on it. PostgreSQL
 * inlines the subquery.
 */
export function fromTable(table: Table, row: string, includeDrafts: boolean): Fragment {
  if (!includeDrafts && table.columns.includes("version")) {
    const columns = table.columns.map((column) => PUBLIC_COLUMNS[column] ?? sql`${sql(column)}`);
    return sql`(SELECT ${joinSql(columns, ", ")} FROM ${sql(table.name)}) AS ${sql(row)}`;
  }
  if (!includeDrafts || table.pending.length === 0) return sql`${sql(table.name)} AS ${sql(row)}`;
  const pendingColumns = new Map(table.pending.map((pending) => [pending.column, pending]));
  const columns = table.columns.map((column) => {
    const pending = pendingColumns.get(column);
    return pending ? sql`${pendingValue(pending)} AS ${sql(column)}` : sql`${sql(column)}`;
  });
  return sql`(SELECT ${joinSql(columns, ", ")} FROM ${sql(table.name)}) AS ${sql(row)}`;
}

// What the public reads as a versioned row's version and time.
const PUBLIC_COLUMNS: Record<string, Fragment> = {
  version: sql`public_version AS version`,
  updated_at: sql`public_updated_at AS updated_at`,
};

function pendingValue({ column, key, type }: PendingColumn): Fragment {
  const quotedKey = sql.unsafe(quoteLiteral(key));
  const value =
    type === "text[]"
      ? sql`ARRAY(SELECT jsonb_array_elements_text(pending_changes -> ${quotedKey}))`
      : sql`(pending_changes ->> ${quotedKey})::${sql.unsafe(type)}`;
  return sql`CASE WHEN jsonb_typeof(pending_changes) = 'object' AND pending_changes ? ${quotedKey} THEN ${value} ELSE ${sql(column)} END`;
}

/**
 * FROM `table` AS `row` WHERE its visibility rule and `conditions`: the one way
 * the compiler reads a table. Each parent the rule requires visible
 * (review/visibility.ts) is joined beside the row as `parentAlias(row,
 * column)`, shaped as `fromTable` shapes it, so that the same statement can
 * read it (see `joinedParents`). `reachedFrom`: the column of `row` that
 * `conditions` join to a visible parent's id, if any; that parent is neither
 * checked nor joined.
 */
export function visibleRows(table: Table, row: string, includeDrafts: boolean, conditions: readonly Fragment[] = [], reachedFrom?: string): Fragment {
  const joins = parentsJoined(table, reachedFrom).map(({ column, table: parent }) => {
    const alias = parentAlias(row, column);
    return sql` JOIN ${fromTable(TABLES[parent], alias, includeDrafts)} ON ${col(alias, "id")} = ${col(row, column)} AND ${visibleSql(parent, alias, includeDrafts)}`;
  });
  return sql`${fromTable(table, row, includeDrafts)}${joinSql(joins, "")} WHERE ${joinSql([ownVisibleSql[table.name](row, includeDrafts), ...conditions], " AND ")}`;
}

/** The columns of `table` whose parent rows `visibleRows` joins beside each row, each as `parentAlias(row, column)`. */
export function joinedParents(table: Table, reachedFrom?: string): readonly string[] {
  return parentsJoined(table, reachedFrom).map(({ column }) => column);
}

function parentsJoined(table: Table, reachedFrom?: string): readonly VisibleParent[] {
  // Stryker disable next-line MethodExpression,ConditionalExpression: equivalent, joining the parent a list was reached from repeats a check that parent passed
  return VISIBLE_PARENTS[table.name].filter(({ column }) => column !== reachedFrom);
}
