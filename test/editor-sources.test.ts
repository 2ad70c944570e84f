import type { Database } from "../src/db/client";
import { fromGlobalId } from "../src/graph/node/global-id";
import { dataOf, editorSteps, errorCode, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

const CREATE = `mutation ($input: CreateSourceInput!) { createSource(input: $input) { id title url doi publishedOn authors status version } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateSourceInput!) { updateSource(id: $id, expectedVersion: $v, input: $input) { title doi version } }`;
const MERGE = `mutation ($keep: ID!, $merge: [ID!]!) { mergeSources(keepId: $keep, mergeIds: $merge) { id version } }`;

describe("editing sources", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  const rowId = (id: string) => fromGlobalId(id, "id").rowId;

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    tokens = await issueTokens(db);
  });

  afterAll(() => closeScenario({ db, server }));

  it("creates a draft source with a URL, a DOI and a partial date", async () => {
    const input = { title: "Imaging of back pain", url: "https://example.org/paper", doi: "10.1007/s13244-018-0638-x", publishedOn: "2018-07", authors: ["A. Author"] };
    expect(dataOf(await server.graphql(CREATE, { input }, tokens.editor)).createSource).toMatchObject({ ...input, status: "DRAFT", version: 1 });
  });

  it.each([
    ["an empty title", { title: "" }, "title"],
    ["a URL that is not http(s)", { title: "T", url: "javascript:alert(1)" }, "url"],
    ["a malformed URL", { title: "T", url: "not a url" }, "url"],
    ["a DOI with its resolver prefix", { title: "T", doi: "https://doi.org/10.1000/xyz" }, "doi"],
    ["a DOI with a space", { title: "T", doi: "10.1000/ab c" }, "doi"],
    ["a DOI with a NUL character", { title: "T", doi: "10.1000/ab\u0000" }, "doi"],
    ["a date that is not YYYY, YYYY-MM or YYYY-MM-DD", { title: "T", publishedOn: "07/2018" }, "publishedOn"],
    ["a month 13", { title: "T", publishedOn: "2018-13" }, "publishedOn"],
    ["a day that does not exist", { title: "T", publishedOn: "2021-02-30" }, "publishedOn"],
  ])("refuses %s with BAD_USER_INPUT naming the field, writing nothing", async (_case, input, field) => {
    const before = await db.source.count();
    expect(errorOf(await server.graphql(CREATE, { input }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await db.source.count()).toBe(before);
  });

  it("updates a source with optimistic concurrency", async () => {
    const source = await editorSteps(server.graphql, tokens.editor).source("Draft title");
    expect(dataOf(await server.graphql(UPDATE, { id: source.id, v: 1, input: { title: "Final title", doi: "10.1000/182" } }, tokens.editor)).updateSource).toEqual({
      title: "Final title",
      doi: "10.1000/182",
      version: 2,
    });
    expect(errorOf(await server.graphql(UPDATE, { id: source.id, v: 1, input: { title: "Other" } }, tokens.editor))).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    expect(errorOf(await server.graphql(UPDATE, { id: source.id, v: 2, input: { doi: "doi:10.1000/182" } }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "doi" });
  });

  describe("merging duplicates", () => {
    let keep: { id: string }, duplicate: { id: string }, article: { id: string }, relation: { id: string };

    beforeAll(async () => {
      const as = editorSteps(server.graphql, tokens.editor);
      keep = await as.source("Spine imaging");
      duplicate = await as.source("Spine Imaging (duplicate)");
      article = await as.source("An article with references");
      const [condition, diagnostic] = [await as.entity("CONDITION", "Herniated disc"), await as.entity("DIAGNOSTIC", "MRI")];
      relation = await as.relation({ subjectId: condition.id, predicate: "DIAGNOSED_BY", objectId: diagnostic.id, citations: [{ sourceId: duplicate.id, quote: "MRI shows discs." }] });
      // The article lists the same work twice, as its references 3 and 7.
      await db.reference.createMany({
        data: [
          { citingId: rowId(article.id), number: 3, citedId: rowId(keep.id) },
          { citingId: rowId(article.id), number: 7, citedId: rowId(duplicate.id) },
        ],
      });
    });

    it("is for reviewers only", async () => {
      expect(errorCode(await server.graphql(MERGE, { keep: keep.id, merge: [duplicate.id] }, tokens.editor))).toBe("FORBIDDEN");
      expect(errorOf(await server.graphql(MERGE, { keep: keep.id, merge: [keep.id] }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "mergeIds" });
    });

    it("repoints citations and references to the kept source, keeps every reference number, and soft-deletes the duplicate", async () => {
      expect(dataOf(await server.graphql(MERGE, { keep: keep.id, merge: [duplicate.id] }, tokens.reviewer)).mergeSources).toEqual({ id: keep.id, version: 2 });
      const citations = await db.citation.findMany({ where: { relationId: rowId(relation.id) } });
      expect(citations.map((citation) => citation.sourceId)).toEqual([rowId(keep.id)]);
      const references = await db.reference.findMany({ where: { citingId: rowId(article.id) }, orderBy: { number: "asc" } });
      expect(references.map((reference) => [reference.number, reference.citedId])).toEqual([
        [3, rowId(keep.id)],
        [7, rowId(keep.id)],
      ]);
      expect(await db.source.findUniqueOrThrow({ where: { id: rowId(duplicate.id) } })).toMatchObject({ deletedAt: expect.any(Date), version: 2 });
      const actions = await db.revision.findMany({ where: { action: "merge" }, select: { recordType: true } });
      expect(actions.map((revision) => revision.recordType).sort()).toEqual(["CITATION", "RELATION", "SOURCE", "SOURCE"]);
      expect(errorCode(await server.graphql(MERGE, { keep: keep.id, merge: [duplicate.id] }, tokens.reviewer))).toBe("NOT_FOUND");
    });

    it("changes nothing when one merged source cannot be merged", async () => {
      const as = editorSteps(server.graphql, tokens.editor);
      const other = await as.source("Another listing article");
      await db.reference.create({ data: { citingId: rowId(other.id), number: 3, citedId: rowId(keep.id) } });
      const before = await db.revision.count();
      // Both articles list a reference 3: they are not duplicates of each other.
      expect(errorOf(await server.graphql(MERGE, { keep: article.id, merge: [other.id] }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "mergeIds" });
      expect(await db.revision.count()).toBe(before);
      expect(await db.source.findUniqueOrThrow({ where: { id: rowId(other.id) } })).toMatchObject({ deletedAt: null, version: 1 });
    });

    it("refuses to merge two articles that both list a reference under the same number, changing nothing", async () => {
      const as = editorSteps(server.graphql, tokens.editor);
      const [target, first, second] = [await as.source("A target"), await as.source("A first listing"), await as.source("A second listing")];
      await db.reference.createMany({ data: [first, second].map((source) => ({ citingId: rowId(source.id), number: 5, citedId: rowId(keep.id) })) });
      const before = await db.revision.count();
      expect(errorOf(await server.graphql(MERGE, { keep: target.id, merge: [first.id, second.id] }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "mergeIds" });
      expect(await db.revision.count()).toBe(before);
      expect(await db.reference.count({ where: { citingId: rowId(target.id) } })).toBe(0);
    });
  });
});
