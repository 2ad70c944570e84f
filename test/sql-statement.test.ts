import { col, sql, toStatement } from "../src/graph/sql/fragment";

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
  });
});
