import { type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode, parse } from "graphql";
import type { Context } from "../src/context";
import type { Database } from "../src/db/client";
import { arrayParam, col, type Fragment, jsonObject, quoteLiteral, sql, toStatement } from "../src/graph/sql/fragment";
import { readCompiled } from "../src/graph/sql/read";
import { connectTestDatabase } from "./support/database";

// One connection for the tests that run what they build.
let db: Database;

beforeAll(() => {
  db = connectTestDatabase();
});

afterAll(() => db.$disconnect());

// toStatement flattens a compiled fragment as Postgres.js would build it: values become $n in order.

describe("flattening a compiled fragment into a statement", () => {
  it("numbers values in order, inlines identifiers and unsafe text, and keeps the values", () => {
    const inner = sql`${col("t1", "slug")} = ${"back-spasms"}`;
    const statement = toStatement(sql`SELECT ${sql.unsafe("'x'::text")} FROM entity AS ${sql("t1")} WHERE ${inner} AND ${col("t1", "id")} = ANY(${"{1,2}"}::int[]) LIMIT ${3}`);
    expect(statement).toEqual({
      text: `SELECT 'x'::text FROM entity AS "t1" WHERE "t1"."slug" = $1 AND "t1"."id" = ANY($2::int[]) LIMIT $3`,
      parameters: ["back-spasms", "{1,2}", 3],
    });
  });

  it("refuses a value it cannot bind rather than guessing", () => {
    expect(() => toStatement(sql`SELECT ${undefined as unknown as string}`)).toThrow(/unsupported/);
    expect(() => toStatement(sql`SELECT ${{ a: 1 } as unknown as string}`)).toThrow(/unsupported/);
    expect(() => toStatement(sql`SELECT ${sql.unsafe("$1::int", [1])}`)).toThrow("toStatement: sql.unsafe with parameters is not supported.");
  });

  it("binds null as a value", () => {
    expect(toStatement(sql`SELECT ${null}`)).toEqual({ text: "SELECT $1", parameters: [null] });
  });
});

describe("SQL literals and JSON objects of the compiler", () => {
  const run = async (fragment: Fragment) => {
    const { text, parameters } = toStatement(sql`SELECT ${fragment} AS value`);
    const [row] = await db.$queryRawUnsafe<{ value: unknown }[]>(text, ...parameters);
    return row.value;
  };

  it("builds an object of any number of keys, past json_build_object's 100 arguments, and the empty object", async () => {
    const pairs = Array.from({ length: 120 }, (_, i): [string, Fragment] => [`key${i}`, sql`${i}::int`]);
    expect(await run(jsonObject(pairs))).toEqual(Object.fromEntries(pairs.map(([key], i) => [key, i])));
    expect(await run(jsonObject([]))).toEqual({});
  });

  it("quotes a literal with a quote in it", async () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(await run(sql.unsafe(quoteLiteral("it's")))).toBe("it's");
  });

  it("passes a list with quotes and backslashes as one array parameter", async () => {
    const values = ['say "when"', "C:\\temp", "plain"];
    expect(arrayParam(values)).toBe('{"say \\"when\\"","C:\\\\temp","plain"}');
    expect(await run(sql`${arrayParam(values)}::text[]`)).toEqual(values);
    expect(await run(sql`${arrayParam([1, 2])}::int[]`)).toEqual([1, 2]);
  });
});

// readCompiled keeps each compiled statement under the query's shape (src/graph/sql/read.ts).
describe("compiled statements kept by query shape", () => {
  const compile = jest.fn(() => sql`1`);
  const context = () => ({ db }) as Context;
  const fieldNode = (): FieldNode => (parse("{ entity { name } }").definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
  const infoOf = (fieldNodes: FieldNode[], variableValues: Record<string, unknown> = {}) =>
    ({ fieldNodes, variableValues, fragments: {} }) as unknown as GraphQLResolveInfo;
  const ask = (info: GraphQLResolveInfo, includeDrafts = false, inputs?: string) => readCompiled(context(), info, includeDrafts, compile, inputs);

  beforeEach(() => compile.mockClear());

  it("tells apart lists of field nodes whose numbers run together (1 and 12, 11 and 2)", async () => {
    // First in this file, whose module registry is its own: its field nodes are numbered from 1 in the order first asked.
    const nodes = Array.from({ length: 12 }, fieldNode);
    for (const node of nodes) await ask(infoOf([node]));
    compile.mockClear();
    await ask(infoOf([nodes[0], nodes[11]]));
    await ask(infoOf([nodes[10], nodes[1]]));
    expect(compile).toHaveBeenCalledTimes(2);
  });

  it("compiles a selection once, and again for other field nodes, variables, drafts or inputs", async () => {
    const node = fieldNode();
    expect(await ask(infoOf([node]))).toBe(1);
    await ask(infoOf([node]));
    expect(compile).toHaveBeenCalledTimes(1);
    await ask(infoOf([node], { slug: "back-spasms" }));
    await ask(infoOf([node]), true);
    await ask(infoOf([node]), false, "reached:1,2");
    await ask(infoOf([fieldNode()]));
    expect(compile).toHaveBeenCalledTimes(5);
    await ask(infoOf([node], { slug: "back-spasms" }));
    expect(compile).toHaveBeenCalledTimes(5);
  });
});
