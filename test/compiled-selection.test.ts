import { type FieldNode, GraphQLObjectType, GraphQLSchema, GraphQLString, getOperationAST, parse } from "graphql";
import type { Database } from "../src/db/client";
import { toGlobalId } from "../src/graph/node/global-id";
import { returnedType, selectObject } from "../src/graph/sql/compile";
import { TABLES } from "../src/graph/sql/tables";
import { dataOf } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

// How the compiler handles a selection on an interface (Entity): one expression for a field every
// type asks alike, one branch per type where the types ask different things under one response name.

const ENTITY_KINDS = ["Condition", "Cause", "Symptom", "Diagnostic", "Treatment"];

describe("compiling a selection on an interface", () => {
  let db: Database;
  let server: TestServer;
  const statements: string[] = [];

  beforeAll(async () => {
    ({ db, server } = await openScenario({ seed: true, onQuery: (sql) => statements.push(sql) }));
  });

  afterAll(() => closeScenario({ db, server }));

  /** The one read statement `query` ran. */
  async function statementOf(query: string): Promise<string> {
    statements.length = 0;
    dataOf(await server.graphql(query));
    const reads = statements.filter((sql) => sql.includes("AS data"));
    expect(reads).toHaveLength(1);
    return reads[0];
  }

  it("answers node(id:) with the type the compiled row names", async () => {
    const [relation, citation, source] = await Promise.all([db.relation.findFirstOrThrow(), db.citation.findFirstOrThrow(), db.source.findFirstOrThrow()]);
    for (const [type, rowId] of [["Relation", relation.id], ["Citation", citation.id], ["Source", source.id]] as const) {
      const id = toGlobalId(type, rowId);
      expect(dataOf(await server.graphql(`query ($id: ID!) { node(id: $id) { __typename id } }`, { id })).node).toEqual({ __typename: type, id });
    }
  });

  it("answers a response name that each type asks of a different field with that type's field", async () => {
    // Every type selects `label`, but Treatment asks for its slug: one shared expression would answer all alike.
    const fragments = ENTITY_KINDS.map((kind) => `... on ${kind} { label: ${kind === "Treatment" ? "slug" : "name"} }`).join(" ");
    const { entities } = dataOf(await server.graphql(`{ entities(first: 100) { edges { node { __typename ${fragments} } } } }`));
    const rows = await db.entity.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], take: 100 });
    const expected = rows.map((row) => (row.kind === "TREATMENT" ? row.slug : row.name));
    expect(entities.edges.map((edge: { node: { label: string } }) => edge.node.label)).toEqual(expected);
    expect(entities.edges.some((edge: { node: { __typename: string } }) => edge.node.__typename === "Treatment")).toBe(true);
  });

  it("answers each type the subfields its own fragment adds to a list every type asks", async () => {
    // Every type asks `relations { predicate }`, and each fragment adds a different field to the same list.
    const added: Record<string, string> = { Condition: "id", Cause: "redFlag", Symptom: "context", Diagnostic: "id", Treatment: "redFlag" };
    const fragments = ENTITY_KINDS.map((kind) => `... on ${kind} { relations { ${added[kind]} } }`).join(" ");
    const { entities } = dataOf(await server.graphql(`{ entities(first: 100) { edges { node { __typename relations { predicate } ${fragments} } } } }`));
    const relations = entities.edges.flatMap((edge: { node: { __typename: string; relations: Record<string, unknown>[] } }) =>
      edge.node.relations.map((relation) => ({ kind: edge.node.__typename, relation })),
    );
    expect(new Set(relations.map(({ kind }: { kind: string }) => kind)).size).toBeGreaterThan(2);
    for (const { kind, relation } of relations) {
      expect(Object.keys(relation).sort()).toEqual([added[kind], "predicate"].sort());
      expect(relation[added[kind]]).not.toBeNull();
    }
  });

  it("compiles a field every type asks alike once, without a branch per type", async () => {
    const statement = await statementOf(`{ entity(slug: "back-spasms") { name summary } }`);
    expect(statement).not.toMatch(/WHEN 'Condition' THEN/);
  });

  it("compiles a field only one type asks in that type's branch, not for every row", async () => {
    const statement = await statementOf(`{ entity(slug: "back-spasms") { ... on Condition { treatments { object { name } } } } }`);
    expect(statement).toMatch(/WHEN 'Condition' THEN \(SELECT/);
  });
});

describe("the type a compiled field returns", () => {
  it("refuses a field of a scalar type: only objects and interfaces compile to rows", () => {
    expect(() => returnedType(GraphQLString)).toThrow("String is not an object type.");
  });
});

describe("a field that declares no SQL", () => {
  it("refuses to compile it, naming the type and the field", () => {
    const thing = new GraphQLObjectType({ name: "Thing", fields: { label: { type: GraphQLString } } });
    const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: "Query", fields: { thing: { type: thing } } }) });
    const operation = getOperationAST(parse(`{ thing { label } }`))!;
    const scope = { schema, fragments: {}, variables: {}, includeDrafts: false, alias: () => "t1" };
    expect(() => selectObject(scope, thing, [operation.selectionSet.selections[0] as FieldNode], "t0", TABLES.entity, [])).toThrow(
      "Thing.label declares no SQL.",
    );
  });
});
