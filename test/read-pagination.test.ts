import type { Database } from "../src/db/client";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

// Relay pagination of `entities` and `sources` over HTTP, on the seeded article.

interface Page {
  names: string[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const TREATMENTS_IN_THE_ARTICLE = 28;

describe("paginating entities and sources", () => {
  let db: Database;
  let server: TestServer;
  let allTreatments: string[];

  beforeAll(async () => {
    ({ db, server } = await openScenario({ seed: true }));
    // From the database: an API read in beforeAll makes the mutants it reaches static (README, Mutation testing).
    const names = await db.entity.findMany({ where: { kind: "TREATMENT" }, orderBy: [{ name: "asc" }, { id: "asc" }] });
    allTreatments = names.map((entity) => entity.name);
  });

  afterAll(() => closeScenario({ db, server }));

  async function request(args: Record<string, unknown>) {
    return server.graphql(
      `query ($first: Int, $after: String, $last: Int, $before: String) {
        entities(kind: TREATMENT, first: $first, after: $after, last: $last, before: $before) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { name } }
        }
      }`,
      args,
    );
  }

  async function treatments(args: Record<string, unknown>): Promise<Page> {
    const response = await request(args);
    expect(response.errors).toBeUndefined();
    const { totalCount, pageInfo, edges } = response.data!.entities;
    return { names: edges.map((edge: any) => edge.node.name), totalCount, pageInfo };
  }

  it("orders every treatment by name and counts them", async () => {
    const page = await treatments({ first: 100 });
    expect(page.names).toHaveLength(TREATMENTS_IN_THE_ARTICLE);
    expect(new Set(page.names).size).toBe(TREATMENTS_IN_THE_ARTICLE);
    expect(page.names).toEqual(allTreatments);
    expect(page.totalCount).toBe(TREATMENTS_IN_THE_ARTICLE);
  });

  it("returns the first page with a next page and no previous one", async () => {
    const page = await treatments({ first: 10 });
    expect(page.names).toEqual(allTreatments.slice(0, 10));
    expect(page.totalCount).toBe(TREATMENTS_IN_THE_ARTICLE);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it("follows endCursor page by page to the end, seeing every treatment once", async () => {
    const seen: string[] = [];
    let page = await treatments({ first: 10 });
    const pages = [page];
    seen.push(...page.names);
    while (page.pageInfo.hasNextPage) {
      page = await treatments({ first: 10, after: page.pageInfo.endCursor });
      pages.push(page);
      seen.push(...page.names);
    }
    expect(seen).toEqual(allTreatments);
    expect(pages.map((each) => each.names.length)).toEqual([10, 10, 8]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(pages.every((each) => each.totalCount === TREATMENTS_IN_THE_ARTICLE)).toBe(true);
  });

  it("returns the last page for `last` alone", async () => {
    const page = await treatments({ last: 5 });
    expect(page.names).toEqual(allTreatments.slice(-5));
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("pages backward with last and before", async () => {
    const lastPage = await treatments({ last: 5 });
    const previous = await treatments({ last: 5, before: lastPage.pageInfo.startCursor });
    expect(previous.names).toEqual(allTreatments.slice(-10, -5));
    expect(previous.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const first = await treatments({ last: 10, before: (await treatments({ first: 3, after: null })).pageInfo.endCursor });
    expect(first.names).toEqual(allTreatments.slice(0, 2));
    expect(first.pageInfo.hasPreviousPage).toBe(false);
  });

  it("gives cursors that match the edges they stand on", async () => {
    const response = await request({ first: 3 });
    const { edges, pageInfo } = response.data!.entities;
    expect(pageInfo.startCursor).toBe(edges[0].cursor);
    expect(pageInfo.endCursor).toBe(edges[2].cursor);
    const next = await treatments({ first: 1, after: edges[1].cursor });
    expect(next.names).toEqual([allTreatments[2]]);
  });

  it("says no row lies before a cursor that precedes every row", async () => {
    const beforeEveryRow = Buffer.from(JSON.stringify(["", 1]), "utf8").toString("base64url");
    const page = await treatments({ first: 2, after: beforeEveryRow });
    expect(page.names).toEqual(allTreatments.slice(0, 2));
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it("answers a page's fields under aliases, with __typename at every level", async () => {
    const response = await server.graphql(`{
      entities(kind: TREATMENT, first: 2) {
        __typename count: totalCount
        info: pageInfo { __typename more: hasNextPage back: hasPreviousPage from: startCursor to: endCursor }
        list: edges { __typename at: cursor item: node { name } }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const { edges } = (await request({ first: 2 })).data!.entities;
    expect(response.data!.entities).toEqual({
      __typename: "EntityConnection",
      count: TREATMENTS_IN_THE_ARTICLE,
      info: { __typename: "PageInfo", more: true, back: false, from: edges[0].cursor, to: edges[1].cursor },
      list: edges.map((edge: { cursor: string; node: { name: string } }) => ({ __typename: "EntityEdge", at: edge.cursor, item: { name: edge.node.name } })),
    });
    expect(edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(allTreatments.slice(0, 2));
  });

  it("returns an empty page after the last cursor", async () => {
    const end = await treatments({ last: 1 });
    const page = await treatments({ first: 10, after: end.pageInfo.endCursor });
    expect(page).toEqual({
      names: [],
      totalCount: TREATMENTS_IN_THE_ARTICLE,
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
  });

  it("returns an empty page for first: 0, saying more follow", async () => {
    const page = await treatments({ first: 0 });
    expect(page.names).toEqual([]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, startCursor: null });
  });

  it("pages through every entity when no kind is given", async () => {
    const response = await server.graphql(`{ entities(first: 100) { totalCount edges { node { kind } } } }`);
    const { totalCount, edges } = response.data!.entities;
    expect(totalCount).toBe(await db.entity.count());
    expect(edges).toHaveLength(totalCount);
    expect(new Set(edges.map((edge: any) => edge.node.kind)).size).toBe(5);
  });

  it("returns twenty entities when neither first nor last is given", async () => {
    expect((await treatments({})).names).toEqual(allTreatments.slice(0, 20));
  });

  it.each([
    ["a cursor that is not base64 JSON", { first: 5, after: "not a cursor" }, "after"],
    ["a cursor of the wrong shape", { first: 5, after: Buffer.from('{"name":"x"}').toString("base64url") }, "after"],
    ["a cursor with an impossible id", { last: 5, before: Buffer.from('["x", 99999999999]').toString("base64url") }, "before"],
    ["first together with last", { first: 5, last: 5 }, "last"],
    ["first over 100", { first: 101 }, "first"],
    ["a negative first", { first: -1 }, "first"],
    ["last over 100", { last: 101 }, "last"],
  ])("refuses %s with BAD_USER_INPUT", async (_case, args, field) => {
    const response = await request(args);
    expect(response.errors?.[0].extensions).toEqual({ code: "BAD_USER_INPUT", field });
    expect(response.data ?? null).toBeNull();
  });

  it("pages sources by title the same way", async () => {
    const query = `query ($after: String) {
      sources(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { title } } }
    }`;
    const titles: string[] = [];
    let after: string | null = null;
    let hasNextPage = true;
    while (hasNextPage) {
      const response = await server.graphql(query, { after });
      const connection: any = response.data!.sources;
      expect(connection.totalCount).toBe(13);
      titles.push(...connection.edges.map((edge: any) => edge.node.title));
      ({ hasNextPage, endCursor: after } = connection.pageInfo);
    }
    const stored = await db.source.findMany({ orderBy: [{ title: "asc" }, { id: "asc" }] });
    expect(titles).toEqual(stored.map((source) => source.title));
  });
});
