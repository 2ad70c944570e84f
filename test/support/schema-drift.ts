import { get_dmmf } from "@prisma/prisma-schema-wasm";
import type { Client } from "pg";

// The parts of Prisma's DMMF (its own reading of schema.prisma) that say what the database holds.
interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  nativeType: [string, string[]] | null;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal";
  dbName?: string | null;
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
    indexes: DmmfIndex[];
  };
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
  datetime_precision: number | null;
}
interface IndexRow {
  table_name: string;
  index_name: string;
  columns: string[];
  is_unique: boolean;
  is_primary: boolean;
  /** Partial or expression indexes: written by hand beyond what schema.prisma can say. */
  is_plain: boolean;
}
interface ForeignKeyRow {
  table_name: string;
  constraint_name: string;
  columns: string[];
  referenced_table: string;
  referenced_columns: string[];
  on_delete: string;
  on_update: string;
}

/** The column type a field gets from Prisma Migrate on PostgreSQL. */
interface ColumnType {
  dataType: string;
  udtName: string;
  precision?: number;
}

const SCALAR_TYPES: Record<string, ColumnType> = {
  String: { dataType: "text", udtName: "text" },
  Int: { dataType: "integer", udtName: "int4" },
  Boolean: { dataType: "boolean", udtName: "bool" },
  Json: { dataType: "jsonb", udtName: "jsonb" },
  DateTime: { dataType: "timestamp without time zone", udtName: "timestamp", precision: 3 },
};

const NATIVE_TYPES: Record<string, (args: string[]) => ColumnType> = {
  Timestamptz: ([precision = "6"]) => ({ dataType: "timestamp with time zone", udtName: "timestamptz", precision: Number(precision) }),
  Timestamp: ([precision = "6"]) => ({ dataType: "timestamp without time zone", udtName: "timestamp", precision: Number(precision) }),
};

// pg_constraint's one-letter referential actions, named as schema.prisma names them.
const REFERENTIAL_ACTIONS: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

/**
 * Compares the database behind `client` with `schemaText` (a schema.prisma),
 * read through Prisma's own schema parser, and returns every difference as a
 * line such as `entity.summary: column is missing`; none means they agree.
 * Checked for every model: table, columns (type, nullability, default, no
 * extra ones), primary key, unique and normal indexes, foreign keys; and every
 * enum's values in order; and no index or foreign key that schema.prisma lacks.
 * Names follow Prisma's defaults (`<table>_<columns>_key` and so on) so that
 * Prisma Migrate would see no drift either. Hand-written partial and
 * expression indexes and CHECK constraints are beyond schema.prisma and not
 * compared.
 */
export async function compareModelToDatabase(schemaText: string, client: Client): Promise<string[]> {
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schemaText]] }))) as Dmmf;
  addUnsupportedFields(dmmf, schemaText);
  const database = await readDatabase(client);
  const differences: string[] = [];
  const models = new Map(dmmf.datamodel.models.map((model) => [model.name, model]));
  const enumNames = new Map(dmmf.datamodel.enums.map((enumType) => [enumType.name, enumType.dbName ?? enumType.name]));

  for (const enumType of dmmf.datamodel.enums) {
    const name = enumType.dbName ?? enumType.name;
    const expected = enumType.values.map((value) => value.dbName ?? value.name);
    const actual = database.enums.get(name);
    if (!actual) differences.push(`enum ${name}: type is missing`);
    else if (actual.join(",") !== expected.join(",")) differences.push(`enum ${name}: values are ${actual.join(", ")}, expected ${expected.join(", ")}`);
  }

  for (const model of models.values()) {
    const table = tableName(model);
    const columns = database.columns.get(table);
    if (!columns) {
      differences.push(`${table}: table is missing`);
      continue;
    }
    const scalars = model.fields.filter((field) => field.kind !== "object");
    for (const field of scalars) {
      const column = columns.get(columnName(field));
      if (column) differences.push(...compareColumn(table, field, column, enumNames));
      else differences.push(`${table}.${columnName(field)}: column is missing`);
    }
    const expectedColumns = new Set(scalars.map(columnName));
    for (const column of columns.keys()) {
      if (!expectedColumns.has(column)) differences.push(`${table}.${column}: column is not in schema.prisma`);
    }

    const indexes = database.indexes.filter((index) => index.table_name === table);
    const expectedIndexes = dmmf.datamodel.indexes.filter((candidate) => candidate.model === model.name);
    for (const index of expectedIndexes) differences.push(...compareIndex(table, model, index, indexes));
    const expectedIndexNames = new Set(expectedIndexes.map((index) => indexName(table, model, index)));
    for (const index of indexes.filter((candidate) => candidate.is_plain && !expectedIndexNames.has(candidate.index_name))) {
      differences.push(`${table}: index ${index.index_name} (${index.columns.join(", ")}) is not in schema.prisma`);
    }
    differences.push(...compareForeignKeys(table, model, models, database.foreignKeys));
  }
  return differences;
}

/**
 * DMMF leaves out `Unsupported("type")` fields (Prisma Client cannot read
 * them), though its indexes name them: they are read from the schema text
 * and added to their models as fields of kind "unsupported", whose type is
 * the column's type.
 */
function addUnsupportedFields(dmmf: Dmmf, schemaText: string): void {
  for (const [, modelName, body] of schemaText.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const model = dmmf.datamodel.models.find((candidate) => candidate.name === modelName)!;
    for (const [, name, type, optional, attributes] of body.matchAll(/^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?)?(.*)$/gm)) {
      const dbName = /@map\("([^"]+)"\)/.exec(attributes)?.[1] ?? null;
      model.fields.push({ name, dbName, kind: "unsupported", type, nativeType: null, isList: false, isRequired: optional !== "?", isId: false });
    }
  }
}

function tableName(model: DmmfModel): string {
  return model.dbName ?? model.name;
}

function columnName(field: DmmfField): string {
  return field.dbName ?? field.name;
}

function columnNames(model: DmmfModel, fieldNames: string[]): string[] {
  return fieldNames.map((name) => columnName(model.fields.find((field) => field.name === name)!));
}

function compareColumn(table: string, field: DmmfField, column: ColumnRow, enumNames: Map<string, string>): string[] {
  const where = `${table}.${column.column_name}`;
  const differences: string[] = [];
  const expected = expectedType(field, enumNames);
  if (!expected) return [`${where}: cannot check type ${field.type} ${JSON.stringify(field.nativeType)}`];
  const actualType = column.data_type === "ARRAY" ? `${column.udt_name.slice(1)}[]` : column.data_type === "USER-DEFINED" ? column.udt_name : column.data_type;
  const expectedTypeName = field.isList ? `${expected.udtName}[]` : field.kind === "enum" ? expected.udtName : expected.dataType;
  if (actualType !== expectedTypeName) differences.push(`${where}: type is ${actualType}, expected ${expectedTypeName}`);
  else if (!field.isList && expected.precision !== undefined && column.datetime_precision !== expected.precision) {
    differences.push(`${where}: precision is ${column.datetime_precision}, expected ${expected.precision}`);
  }
  // Prisma Migrate creates scalar lists nullable, whatever the field says.
  const nullable = !field.isRequired || field.isList;
  if ((column.is_nullable === "YES") !== nullable) differences.push(`${where}: is ${nullable ? "NOT NULL" : "nullable"}, expected ${nullable ? "nullable" : "NOT NULL"}`);
  const defaultDifference = compareDefault(field, column.column_default, expected);
  if (defaultDifference) differences.push(`${where}: ${defaultDifference}`);
  return differences;
}

function expectedType(field: DmmfField, enumNames: Map<string, string>): ColumnType | undefined {
  if (field.kind === "enum") return { dataType: "USER-DEFINED", udtName: enumNames.get(field.type)! };
  if (field.kind === "unsupported") return { dataType: field.type, udtName: field.type };
  if (field.nativeType) return NATIVE_TYPES[field.nativeType[0]]?.(field.nativeType[1]);
  return SCALAR_TYPES[field.type];
}

/** Returns what is wrong with the column's default, or undefined when it is what Prisma Migrate writes. */
function compareDefault(field: DmmfField, actual: string | null, type: ColumnType): string | undefined {
  const expected = field.default;
  const shown = actual ?? "no default";
  if (expected === undefined) return actual === null ? undefined : `default is ${shown}, expected none`;
  if (isFunctionDefault(expected)) {
    if (expected.name === "autoincrement") return actual?.startsWith("nextval(") ? undefined : `default is ${shown}, expected a sequence (autoincrement)`;
    if (expected.name === "now") return actual === "CURRENT_TIMESTAMP" ? undefined : `default is ${shown}, expected CURRENT_TIMESTAMP`;
    return `cannot check default ${expected.name}()`;
  }
  const literal = defaultLiteral(field, expected, type);
  return actual === literal ? undefined : `default is ${shown}, expected ${literal}`;
}

function isFunctionDefault(value: unknown): value is { name: string } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A literal default as PostgreSQL prints it back in information_schema. */
function defaultLiteral(field: DmmfField, value: unknown, type: ColumnType): string {
  const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `ARRAY[]::${field.kind === "enum" ? type.udtName : type.dataType}[]`;
    return `ARRAY[${value.map((element) => defaultLiteral(field, element, type)).join(", ")}]`;
  }
  if (field.kind === "enum") return `${quote(String(value))}::${type.udtName}`;
  if (typeof value === "string") return `${quote(value)}::${type.dataType}`;
  return String(value);
}

/** The index's name in the database: its `map`, else Prisma's default. */
function indexName(table: string, model: DmmfModel, index: DmmfIndex): string {
  const columns = columnNames(model, index.fields.map((field) => field.name));
  return index.dbName ?? (index.type === "id" ? `${table}_pkey` : `${table}_${columns.join("_")}_${index.type === "unique" ? "key" : "idx"}`);
}

function compareIndex(table: string, model: DmmfModel, index: DmmfIndex, indexes: IndexRow[]): string[] {
  const columns = columnNames(model, index.fields.map((field) => field.name));
  const name = indexName(table, model, index);
  const description = `${index.type === "id" ? "primary key" : `${index.type} index`} ${name} (${columns.join(", ")})`;
  const found = indexes.find((candidate) => candidate.index_name === name);
  if (!found) return [`${table}: ${description} is missing`];
  const kind = found.is_primary ? "id" : found.is_unique ? "unique" : "normal";
  if (!found.is_plain || kind !== index.type || found.columns.join(",") !== columns.join(",")) {
    const actual = `${found.is_primary ? "primary key" : `${kind} index`} on (${found.columns.join(", ")})${found.is_plain ? "" : " with a predicate or expression"}`;
    return [`${table}: ${description} is a ${actual}`];
  }
  return [];
}

function compareForeignKeys(table: string, model: DmmfModel, models: Map<string, DmmfModel>, foreignKeys: ForeignKeyRow[]): string[] {
  const differences: string[] = [];
  const expectedNames = new Set<string>();
  for (const field of model.fields.filter((candidate) => candidate.relationFromFields?.length)) {
    const target = models.get(field.type)!;
    const fromFields = field.relationFromFields!.map((name) => model.fields.find((candidate) => candidate.name === name)!);
    const columns = fromFields.map(columnName);
    const referenced = { table: tableName(target), columns: columnNames(target, field.relationToFields!) };
    // Prisma's defaults when schema.prisma names no action.
    const onDelete = field.relationOnDelete ?? (fromFields.every((from) => from.isRequired) ? "Restrict" : "SetNull");
    const onUpdate = field.relationOnUpdate ?? "Cascade";
    // DMMF does not carry a foreign key's `map:` name, so expect Prisma's default.
    const name = `${table}_${columns.join("_")}_fkey`;
    expectedNames.add(name);
    const expected = `(${columns.join(", ")}) -> ${referenced.table}(${referenced.columns.join(", ")}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
    const found = foreignKeys.find((candidate) => candidate.table_name === table && candidate.constraint_name === name);
    if (!found) {
      differences.push(`${table}: foreign key ${name} ${expected} is missing`);
      continue;
    }
    const actual = `(${found.columns.join(", ")}) -> ${found.referenced_table}(${found.referenced_columns.join(", ")}) ON DELETE ${REFERENTIAL_ACTIONS[found.on_delete]} ON UPDATE ${REFERENTIAL_ACTIONS[found.on_update]}`;
    if (actual !== expected) differences.push(`${table}: foreign key ${name} is ${actual}, expected ${expected}`);
  }
  for (const foreignKey of foreignKeys.filter((candidate) => candidate.table_name === table && !expectedNames.has(candidate.constraint_name))) {
    differences.push(`${table}: foreign key ${foreignKey.constraint_name} is not in schema.prisma`);
  }
  return differences;
}

/** Reads tables, columns, enums, indexes and foreign keys of the current schema from the catalogs. */
async function readDatabase(client: Client) {
  const columns = await client.query<ColumnRow>(
    `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default, c.datetime_precision
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const enums = await client.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE t.typnamespace = current_schema()::regnamespace
      GROUP BY t.typname`,
  );
  const indexes = await client.query<IndexRow>(
    `SELECT tc.relname AS table_name, ic.relname AS index_name, i.indisunique AS is_unique, i.indisprimary AS is_primary,
            (i.indpred IS NULL AND i.indexprs IS NULL) AS is_plain,
            array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                   ORDER BY k.position) AS columns
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class tc ON tc.oid = i.indrelid
      WHERE tc.relnamespace = current_schema()::regnamespace`,
  );
  const foreignKeys = await client.query<ForeignKeyRow>(
    `SELECT tc.relname AS table_name, con.conname AS constraint_name, rc.relname AS referenced_table,
            con.confdeltype AS on_delete, con.confupdtype AS on_update,
            array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.position) AS columns,
            array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, position)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.position) AS referenced_columns
       FROM pg_constraint con
       JOIN pg_class tc ON tc.oid = con.conrelid
       JOIN pg_class rc ON rc.oid = con.confrelid
      WHERE con.contype = 'f' AND tc.relnamespace = current_schema()::regnamespace`,
  );
  const tables = new Map<string, Map<string, ColumnRow>>();
  for (const column of columns.rows) {
    if (!tables.has(column.table_name)) tables.set(column.table_name, new Map());
    tables.get(column.table_name)!.set(column.column_name, column);
  }
  return {
    columns: tables,
    enums: new Map(enums.rows.map((row) => [row.name, row.values])),
    indexes: indexes.rows,
    foreignKeys: foreignKeys.rows,
  };
}
