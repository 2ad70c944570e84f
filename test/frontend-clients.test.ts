import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ApolloClient, gql, HttpLink, InMemoryCache, type TypePolicies } from "@apollo/client";
import { createPersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { relayStylePagination } from "@apollo/client/utilities";
import { cacheExchange, Client, fetchExchange } from "@urql/core";
import { buildClientSchema, getIntrospectionQuery, printSchema } from "graphql";
import possibleTypes from "../schema/possible-types.json";
import type { Database } from "../src/db/client";
import { dataOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

// graphql-request is ESM with a CommonJS build; its types resolve only as ESM.
const { GraphQLClient, request } = require("graphql-request") as typeof import("graphql-request", { with: { "resolution-mode": "import" } });

// The clients frontends use, with their documented set-ups, against the running server over HTTP.

const PROJECT_ROOT = path.resolve(__dirname, "..");

/** Apollo Client's cache as the README sets it up: possibleTypes from the schema, objects keyed by their global id alone. */
function apolloCache(): InMemoryCache {
  const byId: TypePolicies = Object.fromEntries(possibleTypes.Node.map((type): [string, TypePolicies[string]] => [type, { keyFields: (object) => String(object.id) }]));
  return new InMemoryCache({
    possibleTypes,
    typePolicies: { ...byId, Query: { fields: { entities: relayStylePagination(["kind"]), sources: relayStylePagination() } } },
  });
}

/** Records each request's method, passing it on unchanged. */
function recordingFetch(methods: string[]): typeof fetch {
  return (input, init) => {
    methods.push(init?.method ?? "GET");
    return fetch(input, init);
  };
}

describe("frontend clients against Caregraph", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  let warnings: jest.SpyInstance[];

  beforeAll(async () => {
    ({ db, server } = await openScenario({ seed: true }));
    tokens = await issueTokens(db);
  });

  afterAll(() => closeScenario({ db, server }));

  beforeEach(() => {
    warnings = [jest.spyOn(console, "warn"), jest.spyOn(console, "error")];
  });

  afterEach(() => warnings.forEach((spy) => spy.mockRestore()));

  const apollo = (token?: string) =>
    new ApolloClient({ cache: apolloCache(), link: new HttpLink({ uri: server.url, headers: token ? { authorization: `Bearer ${token}` } : {} }) });

  describe("Apollo Client", () => {
    it("normalises condition -> treatments -> citations -> source with no cache warning, and matches fragments on Entity", async () => {
      const client = apollo();
      const { data } = await client.query<any>({
        query: gql`
          query Treatments {
            entity(slug: "back-spasms") {
              id
              ...Named
              ... on Condition { treatments(context: ACUTE) { id object { id ...Named } citations { id quote source { id title } } } }
            }
          }
          fragment Named on Entity { name kind }
        `,
      });
      expect(data.entity.name).toBe("Back spasms");
      expect(data.entity.treatments.length).toBeGreaterThan(5);
      const source = data.entity.treatments[0].citations[0].source;
      expect(client.cache.identify(source)).toBe(source.id);
      expect(client.readFragment({ id: source.id, fragment: gql`fragment S on Source { title }` })).toEqual({ __typename: "Source", title: source.title });
      const treatment = data.entity.treatments[0].object;
      expect(client.readFragment({ id: treatment.id, fragment: gql`fragment E on Entity { name }` })).toEqual({ __typename: "Treatment", name: treatment.name });
      warnings.forEach((spy) => expect(spy).not.toHaveBeenCalled());
    });

    it.each([
      ["forward", { first: 7 }, "hasNextPage", (end: any) => ({ after: end.endCursor })],
      ["backward", { last: 7 }, "hasPreviousPage", (end: any) => ({ before: end.startCursor })],
    ] as const)("walks every entity %s with relayStylePagination, no duplicate, the right totalCount", async (_way, start, more, next) => {
      const client = apollo();
      const query = gql`
        query Entities($first: Int, $after: String, $last: Int, $before: String) {
          entities(first: $first, after: $after, last: $last, before: $before) {
            totalCount
            edges { cursor node { id name } }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          }
        }
      `;
      let result = (await client.query<any>({ query, variables: start })).data.entities;
      while (result.pageInfo[more]) {
        // What fetchMore does: the next page is merged into the one cached list (keyArgs: kind).
        await client.query({ query, variables: { ...start, ...next(result.pageInfo) }, fetchPolicy: "network-only" });
        result = client.readQuery<any>({ query, variables: start })!.entities;
      }
      const ids = result.edges.map((edge: any) => edge.node.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(await db.entity.count({ where: { status: "PUBLISHED", deletedAt: null } }));
      expect(result.totalCount).toBe(ids.length);
      const names = result.edges.map((edge: any) => edge.node.name);
      expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
      warnings.forEach((spy) => expect(spy).not.toHaveBeenCalled());
    });

    it("updates the cached object from an editor's mutation, a change of kind (and so of __typename) included", async () => {
      const client = apollo(tokens.editor);
      const created = (await client.mutate<any>({ mutation: gql`mutation { createEntity(input: { kind: CAUSE, name: "Cold draught" }) { id version } }` })).data.createEntity;
      const READ = gql`query Draft($id: ID!) { draftNode(id: $id) { id ... on Entity { name kind version } } }`;
      expect((await client.query<any>({ query: READ, variables: { id: created.id } })).data.draftNode).toMatchObject({ __typename: "Cause", kind: "CAUSE", version: 1 });
      await client.mutate({
        mutation: gql`mutation ($id: ID!) { updateEntity(id: $id, expectedVersion: 1, input: { kind: CONDITION, name: "Draught chill" }) { id name kind version } }`,
        variables: { id: created.id },
      });
      expect(client.readQuery<any>({ query: READ, variables: { id: created.id } })!.draftNode).toEqual({
        __typename: "Condition", id: created.id, name: "Draught chill", kind: "CONDITION", version: 2,
      });
    });

    it("sends a persisted query by its hash over GET once the server knows it", async () => {
      const methods: string[] = [];
      const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
      const persisted = () => createPersistedQueryLink({ sha256, useGETForHashedQueries: true });
      const link = (uri: string) => persisted().concat(new HttpLink({ uri, fetch: recordingFetch(methods) }));
      const query = gql`query Sources { sources(first: 3) { totalCount edges { node { id title } } } }`;
      const first = new ApolloClient({ cache: apolloCache(), link: link(server.url) });
      expect((await first.query<any>({ query })).data.sources.edges).toHaveLength(3);
      methods.length = 0;
      const second = new ApolloClient({ cache: apolloCache(), link: link(server.url) });
      expect((await second.query<any>({ query })).data.sources.edges).toHaveLength(3);
      expect(methods).toEqual(["GET"]);
    });
  });

  it("answers urql with its default options (queries over GET)", async () => {
    const methods: string[] = [];
    const client = new Client({ url: server.url, exchanges: [cacheExchange, fetchExchange], fetch: recordingFetch(methods) });
    const result = await client.query(`query ($slug: String!) { entity(slug: $slug) { id name } }`, { slug: "sciatica" }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data.entity.name).toBe("Sciatica");
    expect(methods).toEqual(["GET"]);
  });

  it("answers graphql-request with its defaults (POST) and in GET mode", async () => {
    const query = `{ entities(kind: TREATMENT, first: 2) { totalCount } }`;
    expect(await request<any>(server.url, query)).toEqual({ entities: { totalCount: 28 } });
    expect(await new GraphQLClient(server.url, { method: "GET" }).request<any>(query)).toEqual({ entities: { totalCount: 28 } });
  });

  describe("Relay", () => {
    let project: string;

    beforeAll(async () => {
      project = await mkdtemp(path.join(os.tmpdir(), "caregraph-relay-"));
      await cp(path.join(__dirname, "frontends", "relay"), project, { recursive: true });
      // The schema as the running server tells it (introspection over HTTP), as a Relay app would fetch it.
      const introspection = dataOf(await server.graphql(getIntrospectionQuery()));
      await writeFile(path.join(project, "schema.graphql"), printSchema(buildClientSchema(introspection as any)));
    });

    afterAll(() => rm(project, { recursive: true, force: true }));

    /** The query text relay-compiler wrote for an operation. */
    const operationText = async (name: string) =>
      JSON.parse(/"text": (".*")/.exec(await readFile(path.join(project, "src", "__generated__", `${name}.graphql.ts`), "utf8"))![1]) as string;

    it("compiles queries, @connection on entities and sources, and @refetchable fragments on Condition, Treatment, Relation and Source", async () => {
      const compiler = path.join(PROJECT_ROOT, "node_modules", ".bin", "relay-compiler");
      await promisify(execFile)(compiler, [], { cwd: project });
      const refetch = await operationText("operationsSourceRefetchQuery");
      expect(refetch).toContain("node(id: $id)");
    });

    it("runs the compiled queries and refetch queries against the server", async () => {
      const condition = dataOf(await server.graphql(await operationText("operationsConditionQuery"), { slug: "back-spasms" })).entity;
      const relation = condition.treatments[0];
      const ids = { Condition: condition.id, Relation: relation.id, Treatment: relation.object.id, Source: relation.citations[0].source.id };
      for (const [type, id] of Object.entries(ids)) {
        const node = dataOf(await server.graphql(await operationText(`operations${type}RefetchQuery`), { id })).node;
        expect(node).toMatchObject({ __typename: type, id });
      }
      const paging = await operationText("operationsEntitiesPaginationQuery");
      const lastPage = dataOf(await server.graphql(paging, { first: null, after: null, last: 5, before: null })).entities;
      expect(lastPage.edges).toHaveLength(5);
      expect(lastPage.totalCount).toBe(await db.entity.count({ where: { status: "PUBLISHED", deletedAt: null } }));
    });
  });
});
