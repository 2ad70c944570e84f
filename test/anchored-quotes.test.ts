import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Database } from "../src/db/client";
import { toGlobalId } from "../src/graph/node/global-id";
import { SEED_ARTICLE } from "../seed/seed";
import { dataOf, editorSteps, errorCode, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

// Scenario: the seed article, whose text is its source's first snapshot; editors cite it, add a newer text, reviewers see what broke.

const ARTICLE = readFileSync(SEED_ARTICLE.articlePath, "utf8");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** The text between two TextPositionSelector positions: code points, not UTF-16 units. */
const slice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join("");

const SELECTOR = `anchorStatus section sectionIsReconstructed quote
  selector { snapshot { sha256 length } textQuote { exact prefix suffix } textPosition { start end } }`;
const ACUTE_TREATMENTS = `query { entity(slug: "back-spasms") { ... on Condition { treatments(context: ACUTE) { object { slug } citations { id ${SELECTOR} } } } } }`;
const ADD_RELATION = `mutation ($input: CreateRelationInput!) { createRelation(input: $input) { id citations { id ${SELECTOR} } } }`;
const ADD_SNAPSHOT = `mutation ($sourceId: ID!, $content: String!) {
  addSourceSnapshot(sourceId: $sourceId, content: $content) {
    snapshot { sha256 length } source { snapshots { sha256 } }
    reanchored { id ${SELECTOR} } flagged { id ${SELECTOR} }
  }
}`;
const FLAGGED = `query ($first: Int, $after: String) {
  flaggedCitations(first: $first, after: $after) { totalCount edges { cursor node { id quote anchorStatus } } pageInfo { hasNextPage endCursor } }
}`;

const REST = "Rest might help if you have a sudden, painful back spasm.";
const MOVING = "Moving in a certain way may trigger a back spasm.";

describe("anchored quotes (W3C Web Annotation selectors on text snapshots)", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  let articleId: string;

  beforeAll(async () => {
    ({ db, server } = await openScenario({ seed: true }));
    tokens = await issueTokens(db);
    articleId = toGlobalId("Source", (await db.source.findUniqueOrThrow({ where: { importKey: "source:verywell-crippling-back-spasms" } })).id);
  });

  afterAll(() => closeScenario({ db, server }));

  async function acuteCitations() {
    const { entity } = dataOf(await server.graphql(ACUTE_TREATMENTS));
    return new Map<string, any>(entity.treatments.map((relation: any) => [relation.object.slug, relation.citations[0]]));
  }

  /** A new relation from back spasms to a new treatment, citing the article with `citation`. */
  async function cite(citation: Record<string, unknown>, token = tokens.editor) {
    const as = editorSteps(server.graphql, token);
    const spasms = toGlobalId("Entity", (await db.entity.findUniqueOrThrow({ where: { slug: "back-spasms" } })).id);
    const treatment = await as.entity("TREATMENT", `Treatment ${Math.random()}`);
    return server.graphql(ADD_RELATION, { input: { subjectId: spasms, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: articleId, ...citation }] } }, token);
  }

  it("serves the seed's selectors to the public, counted in code points of the article's snapshot", async () => {
    const rest = (await acuteCitations()).get("rest");
    expect(rest).toMatchObject({
      anchorStatus: "ANCHORED",
      section: "Acute Pain",
      sectionIsReconstructed: false,
      selector: {
        snapshot: { sha256: sha256(ARTICLE), length: Array.from(ARTICLE).length },
        textQuote: { exact: REST, prefix: "ed by your healthcare provider\n\n", suffix: " Overall, though, healthcare pro" },
      },
    });
    const { start, end } = rest.selector.textPosition;
    expect(slice(ARTICLE, start, end)).toBe(REST);
    expect(slice(ARTICLE, start - 32, start)).toBe(rest.selector.textQuote.prefix);
  });

  it("computes the selectors of a new citation itself, for a quote of several fragments too", async () => {
    const quote = "Treating acute back pain may involve: … Muscle relaxants";
    const [citation] = dataOf(await cite({ quote, section: "Acute Pain" })).createRelation.citations;
    expect(citation).toMatchObject({ anchorStatus: "ANCHORED", quote, selector: { snapshot: { sha256: sha256(ARTICLE) } } });
    // The selectors cover the passage from the first fragment to the last, in the snapshot's own words.
    const { start, end } = citation.selector.textPosition;
    expect(slice(ARTICLE, start, end)).toBe(citation.selector.textQuote.exact);
    expect(citation.selector.textQuote.exact).toMatch(/^Treating acute back pain may involve:\n\n {2}• Over-the-counter[\s\S]*• Muscle relaxants$/);
  });

  it("never takes selectors from the editor", async () => {
    const response = await cite({ quote: REST, selector: { textPosition: { start: 0, end: 4 } } });
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0].message).toMatch(/selector/);
  });

  it("refuses a quote that the source's snapshot does not hold, writing nothing", async () => {
    const before = await db.relation.count();
    const response = await cite({ quote: "Rest always helps back spasms." });
    expect(errorOf(response)).toMatchObject({ code: "BAD_USER_INPUT", field: "quote" });
    expect(response.errors?.[0].message).toContain(sha256(ARTICLE));
    expect(await db.relation.count()).toBe(before);
  });

  describe("section provenance", () => {
    const diagnosis = "To diagnose what may be causing painful back spasms, healthcare providers will take your medical history.";

    it("refuses a heading the quote does not fall under", async () => {
      // "Chronic Pain" comes after the acute list in the article.
      expect(errorOf(await cite({ quote: "Muscle relaxants", section: "Chronic Pain" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "section" });
      expect(errorOf(await cite({ quote: REST, section: "Acute pain, probably" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "section" });
    });

    it("records an editor's reconstruction of a lost heading, marked as such", async () => {
      const [citation] = dataOf(await cite({ quote: diagnosis, section: "Diagnosis", sectionIsReconstructed: true })).createRelation.citations;
      expect(citation).toMatchObject({ section: "Diagnosis", sectionIsReconstructed: true, anchorStatus: "ANCHORED" });
    });

    it("refuses a reconstruction of a heading the text has, and a reconstruction with no heading", async () => {
      expect(errorOf(await cite({ quote: REST, section: "Acute Pain", sectionIsReconstructed: true }))).toMatchObject({ code: "BAD_USER_INPUT", field: "section" });
      expect(errorOf(await cite({ quote: REST, sectionIsReconstructed: true }))).toMatchObject({ code: "BAD_USER_INPUT", field: "sectionIsReconstructed" });
    });

    it("leaves the section empty when the editor does not know it", async () => {
      const [citation] = dataOf(await cite({ quote: diagnosis })).createRelation.citations;
      expect(citation).toMatchObject({ section: null, sectionIsReconstructed: false });
    });
  });

  describe("a newer text of the article", () => {
    // The page gains an opening paragraph (every position moves; its emoji is one code point, two UTF-16 units),
    // repeats one sentence in it, and rewords the rest advice.
    const opening = `Updated in 2026 \u{1FA7A}. ${MOVING}\n\n`;
    const newer = opening + ARTICLE.replace(REST, "Rest may help for a day or two after a sudden back spasm.");
    let before: Map<string, any>;
    let added: any;

    beforeAll(async () => {
      before = await acuteCitations();
    });

    it("is for signed-in editors, and must be a text", async () => {
      expect(errorCode(await server.graphql(ADD_SNAPSHOT, { sourceId: articleId, content: newer }))).toBe("UNAUTHENTICATED");
      expect(errorOf(await server.graphql(ADD_SNAPSHOT, { sourceId: articleId, content: " \n " }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "content" });
      expect(errorOf(await server.graphql(ADD_SNAPSHOT, { sourceId: articleId, content: ARTICLE }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "content" });
      expect(await db.sourceSnapshot.count()).toBe(1);
    });

    it("re-anchors every citation: one found again further on, one flagged QUOTE_NOT_FOUND", async () => {
      added = dataOf(await server.graphql(ADD_SNAPSHOT, { sourceId: articleId, content: newer }, tokens.editor)).addSourceSnapshot;
      expect(added.snapshot).toEqual({ sha256: sha256(newer), length: Array.from(newer).length });
      expect(added.source.snapshots).toEqual([{ sha256: sha256(newer) }, { sha256: sha256(ARTICLE) }]);
      expect(added.flagged.map((citation: any) => citation.quote)).toEqual([REST]);
      const restBefore = before.get("rest");
      const [flagged] = added.flagged;
      expect(flagged).toMatchObject({ id: restBefore.id, anchorStatus: "QUOTE_NOT_FOUND" });
      // Its selectors still point into the snapshot that had the quote.
      expect(flagged.selector).toEqual(restBefore.selector);

      const found = added.reanchored.find((citation: any) => citation.quote === "Treating acute back pain may involve: … Muscle relaxants");
      const shift = Array.from(opening).length;
      expect(found).toMatchObject({ anchorStatus: "ANCHORED", selector: { snapshot: { sha256: sha256(newer) } } });
      const { start, end } = found.selector.textPosition;
      expect(slice(newer, start, end)).toBe(found.selector.textQuote.exact);
      expect(start).toBeGreaterThan(shift);
    });

    it("finds a quote the newer text repeats where its prefix and suffix say it was", async () => {
      const moving = added.reanchored.find((citation: any) => citation.quote === MOVING);
      const { start, end } = moving.selector.textPosition;
      expect(slice(newer, start, end)).toBe(MOVING);
      // Not the copy in the new opening paragraph: the one after "What Is a Back Spasm?", as before.
      expect(start).toBeGreaterThan(Array.from(opening).length);
      expect(moving.selector.textQuote.prefix).toBe("ontraction of the back muscles. ");
    });

    it("lists the flagged citation for reviewers, oldest first, and keeps it off the anonymous API", async () => {
      expect(errorCode(await server.graphql(FLAGGED, {}))).toBe("UNAUTHENTICATED");
      const page = dataOf(await server.graphql(FLAGGED, { first: 10 }, tokens.reviewer)).flaggedCitations;
      expect(page).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false }, edges: [{ node: { id: before.get("rest").id, quote: REST, anchorStatus: "QUOTE_NOT_FOUND" } }] });
      const next = dataOf(await server.graphql(FLAGGED, { first: 10, after: page.pageInfo.endCursor }, tokens.reviewer)).flaggedCitations;
      expect(next.edges).toEqual([]);
      expect(errorOf(await server.graphql(FLAGGED, { first: 101 }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
      expect(errorOf(await server.graphql(FLAGGED, { after: "not-a-cursor" }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    });

    it("shows the public the new anchor status and selectors", async () => {
      const now = await acuteCitations();
      expect(now.get("rest")).toMatchObject({ anchorStatus: "QUOTE_NOT_FOUND", selector: { snapshot: { sha256: sha256(ARTICLE) } } });
      expect(now.get("muscle-relaxants")).toMatchObject({ anchorStatus: "ANCHORED", selector: { snapshot: { sha256: sha256(newer) } } });
    });

    it("logs the snapshot as a revision of the source, which cannot be reverted", async () => {
      const { history } = dataOf(await server.graphql(`query ($id: ID!) { history(id: $id) { id action actor after } }`, { id: articleId }, tokens.reviewer));
      const revision = history.find((entry: any) => entry.action === "addSnapshot" && entry.actor === "edna");
      expect(revision.after).toMatchObject({ snapshot: { sha256: sha256(newer) }, flagged: [before.get("rest").id] });
      const revert = await server.graphql(`mutation ($id: ID!) { revert(revisionId: $id, expectedVersion: 1) { id } }`, { id: revision.id }, tokens.reviewer);
      expect(errorOf(revert)).toMatchObject({ code: "BAD_USER_INPUT", field: "revisionId" });
    });

    it("anchors a new citation in the newest text", async () => {
      const [citation] = dataOf(await cite({ quote: "Updated in 2026 \u{1FA7A}." })).createRelation.citations;
      // 18 code points (19 UTF-16 units).
      expect(citation).toMatchObject({ anchorStatus: "ANCHORED", selector: { snapshot: { sha256: sha256(newer) }, textPosition: { start: 0, end: 18 } } });
    });
  });
});
