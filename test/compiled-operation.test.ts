import { type FieldNode, type GraphQLSchema, type OperationDefinitionNode, execute, getOperationAST, parse } from "graphql";
import { createContext } from "../src/context";
import type { Database } from "../src/db/client";
import { toGlobalId } from "../src/graph/node/global-id";
import { answerCompiled } from "../src/graph/sql/compiled-operation";
import { CompiledAnswer, NOT_COMPILED } from "../src/graph/sql/complete";
import { buildGraphSchema } from "../src/schema";
import { issueTokens, type Tokens } from "./support/editors";
import { closeScenario, openScenario, type Scenario } from "./support/scenario";

// A query of compiled root fields alone is answered without graphql-js's execution
// (src/graph/sql/compiled-operation.ts). Its answer must be execution's, byte for byte.

const RELATION = `id predicate context redFlag urgency note rank deprecationReason rankNote knowledgeLevel agentType negated hedge
  needsReview needsReviewReason flaggedAt status version createdAt updatedAt`;
const CITATION = `id quote section sectionIsReconstructed anchorStatus createdAt selector { snapshot { sha256 length } textQuote { __typename exact prefix suffix } textPosition { start end } }`;
const SOURCE = `id title publisher authors url doi publishedOn publisherRetractedOn retractionNotice status version createdAt updatedAt referenceNumbers`;
const ENTITY = `id slug name kind aliases summary status version createdAt updatedAt`;

/** Queries the compiled path answers: every field of the read types, fragments, aliases, directives, several roots. */
const ANSWERED: { name: string; query: string; variables?: Record<string, unknown>; drafts?: true }[] = [
  {
    name: "a condition's treatments in a context, with their citations and sources",
    query: `{ entity(slug: "back-spasms") { __typename name ... on Condition { treatments(context: ACUTE) { ${RELATION}
      object { __typename ${ENTITY} } citations { ${CITATION} source { ${SOURCE} citedBy { title } } } } } } }`,
  },
  {
    name: "red flags, causes, symptoms and tests under aliases, through a named fragment",
    query: `query Questions($slug: String) { condition: entity(slug: $slug) { ...Questions } }
      fragment Questions on Entity { __typename ... on Condition { flags: redFlags { subject { name } object { name }
        signals: subject { relations(predicates: [INDICATES], direction: OUTGOING) { object { name } } } }
      causes { object { slug } } symptoms { object { slug } } diagnostics { object { slug } } contraindications { id } } }`,
    variables: { slug: "back-spasms" },
  },
  {
    name: "each type's own fields under one response name, and fields skipped or included by variables",
    query: `query ($withSummary: Boolean!, $withoutKind: Boolean!) { entities(first: 50) { totalCount
      pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
      edges { __typename cursor node { __typename id summary @include(if: $withSummary) kind @skip(if: $withoutKind)
        ... on Condition { label: name } ... on Treatment { label: slug } ... on Symptom { relations { predicate } } } } } }`,
    variables: { withSummary: true, withoutKind: true },
  },
  {
    name: "several root fields at once: a page of sources, a search and an entity that does not exist",
    query: `{ sources(first: 3) { edges { node { ${SOURCE} } } pageInfo { endCursor } } search(query: "spasm", first: 5) { __typename name }
      nobody: entity(slug: "no-such-entity") { name } }`,
  },
  {
    name: "an editor's drafts",
    query: `{ entities(first: 5, includeDrafts: true) { edges { node { name status relations { status citations { quote } } } } } }`,
    drafts: true,
  },
];

/** Operations the compiled path leaves to execution: not every root answers from SQL, or execution would answer an error. */
const LEFT_TO_EXECUTION: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  { name: "a mutation", query: `mutation { publish(id: "x") { __typename } }` },
  { name: "a root field answered in JS", query: `{ viewer { role } }` },
  { name: "a compiled root beside one answered in JS", query: `{ viewer { role } entity(slug: "back-spasms") { name } }` },
  { name: "the root's __typename", query: `{ __typename entity(slug: "back-spasms") { name } }` },
  { name: "introspection", query: `{ __schema { queryType { name } } }` },
  { name: "a walk", query: `{ neighborhood(id: "${toGlobalId("Entity", 1)}", depth: 1) { entities { name } } }` },
  { name: "a missing variable", query: `query ($slug: String!) { entity(slug: $slug) { name } }` },
  { name: "a resolver's refusal", query: `{ entity(slug: "back-spasms", id: "${toGlobalId("Entity", 1)}") { name } }` },
  { name: "drafts asked anonymously", query: `{ entities(includeDrafts: true) { totalCount } }` },
];

describe("answering a compiled query without graphql-js's execution", () => {
  let scenario: Scenario;
  let schema: GraphQLSchema;
  let tokens: Tokens;
  const statements: string[] = [];

  beforeAll(async () => {
    scenario = await openScenario({ seed: true, onQuery: (sql) => statements.push(sql) });
    schema = await buildGraphSchema();
    tokens = await issueTokens(scenario.db);
  });

  afterAll(() => closeScenario(scenario));

  it("hands execution the reads of a refused attempt rather than reading again", async () => {
    const id = toGlobalId("Entity", 1);
    statements.length = 0;
    const answer = await scenario.server.graphql(`{ a: entity(slug: "back-spasms") { name } b: entity(slug: "back-spasms", id: "${id}") { name } }`);
    expect(answer.data).toEqual({ a: { name: "Back spasms" }, b: null });
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(statements.filter((sql) => sql.includes("AS data"))).toHaveLength(1);
  });

  /** Both answers to `query`: the compiled path's data (or NOT_COMPILED) and execution's result. */
  async function bothWays(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const document = parse(query);
    const operation = getOperationAST(document)!;
    const context = () => contextFor(scenario.db, token);
    const compiled = await answerCompiled({ schema, document, operation, request: { query, variables }, contextValue: await context() });
    const executed = await execute({ schema, document, variableValues: variables, contextValue: await context() });
    return { compiled, executed };
  }

  it.each(ANSWERED)("answers $name as execution does, in its key order", async ({ query, variables, drafts }) => {
    const { compiled, executed } = await bothWays(query, variables, drafts && tokens.editor);
    expect(executed.errors).toBeUndefined();
    expect(compiled).not.toBe(NOT_COMPILED);
    expect(JSON.stringify(compiled)).toBe(JSON.stringify(executed.data));
  });

  it("leaves to execution a document whose operation Apollo could not resolve", async () => {
    const query = `query A { entity(slug: "back-spasms") { name } } query B { entity(slug: "back-spasms") { slug } }`;
    const request = { schema, document: parse(query), request: { query }, contextValue: await contextFor(scenario.db) };
    expect(await answerCompiled({ ...request, operation: undefined as unknown as OperationDefinitionNode })).toBe(NOT_COMPILED);
  });

  it.each(LEFT_TO_EXECUTION)("leaves $name to execution", async ({ query, variables }) => {
    expect((await bothWays(query, variables)).compiled).toBe(NOT_COMPILED);
  });
});

function contextFor(db: Database, token?: string) {
  const request = { headers: token ? { authorization: `Bearer ${token}` } : {} };
  return createContext(db, request, new AbortController().signal);
}

describe("completing a compiled value as execution would", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphSchema();
  });

  /** Completes `value` as the answer of `entity` selected by `selection`. */
  function complete(selection: string, value: unknown): unknown {
    const document = parse(`{ entity(slug: "x") ${selection} }`);
    const operation = getOperationAST(document)!;
    const root = operation.selectionSet.selections[0] as FieldNode;
    return new CompiledAnswer(schema, {}, {}).complete(schema.getQueryType()!.getFields().entity.type, [root], value);
  }

  it("answers the fields the object's type selects, in the selection's order, with __typename from the marker", () => {
    const value = { $: "Condition", other: "a type's field another selected", name: "Back spasms", n: "back-spasms" };
    expect(JSON.stringify(complete(`{ n: slug __typename ... on Cause { other: name } name }`, value))).toBe(
      JSON.stringify({ n: "back-spasms", __typename: "Condition", name: "Back spasms" }),
    );
  });

  it.each([
    ["a null where the schema forbids one", `{ name }`, { $: "Condition", name: null }],
    ["an object where a list is due", `{ ... on Condition { treatments { predicate } } }`, { $: "Condition", treatments: { $: "Relation", predicate: "TREATED_BY" } }],
    ["a value its enum does not know", `{ kind }`, { $: "Condition", kind: "NOT_A_KIND" }],
    ["a marker naming a type the field cannot return", `{ name }`, { $: "Source", name: "A source" }],
    ["an interface's object without a marker", `{ name }`, { name: "Back spasms" }],
    ["a text where an object is due", `{ name }`, "Back spasms"],
    ["an unmarked object whose field has a resolver of its own", `{ ... on Condition { treatments { predicate } } }`, { $: "Condition", treatments: [{ predicate: "TREATED_BY" }] }],
  ])("leaves %s to execution", (_name, selection, value) => {
    expect(complete(selection, value)).toBe(NOT_COMPILED);
  });
});
