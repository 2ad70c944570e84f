import type { Database } from "../src/db/client";
import { fromGlobalId } from "../src/graph/node/global-id";
import { dataOf, editorSteps, errorMessage, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

// A source's retraction carried down to the claims resting on it: sourceImpact
// before, review flags after (hidden from the public, in the review queue), and back.
const IMPACT = `query ($id: ID!) { sourceImpact(id: $id) { source { title status } wouldLoseAllSupport { id object { name } } wouldKeepSupport { id object { name } } } }`;
const TREATMENTS = `{ entity(slug: "sciatica") { ... on Condition { treatments { object { name } } } } }`;
const RETRACT = `mutation ($id: ID!, $v: Int!) { retract(id: $id, expectedVersion: $v, reason: "Withdrawn by the authors") { id ... on Source { status version } } }`;
const PUBLISH = `mutation ($id: ID!, $v: Int!) { publish(id: $id, expectedVersion: $v) { id } }`;
const FLAGGED = `query ($id: ID!) { draftNode(id: $id) { ... on Relation { status version needsReview needsReviewReason flaggedAt } } }`;
const HISTORY = `query ($id: ID!) { history(id: $id) { id action reason } }`;
const REVERT = `mutation ($r: ID!, $v: Int!) { revert(revisionId: $r, expectedVersion: $v) { id } }`;
const QUEUE = `query ($first: Int, $after: String) { reviewQueue(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { reason since detail node { __typename id } } } } }`;
const PUBLISHER = `mutation ($id: ID!, $v: Int!, $input: PublisherRetractionInput!) { recordPublisherRetraction(id: $id, expectedVersion: $v, input: $input) {
  status version publisherRetractedOn retractionNotice } }`;

describe("source retraction: impact, review flags, the review queue", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  const ids: Record<string, string> = {};

  const publicTreatments = async () => dataOf(await server.graphql(TREATMENTS)).entity.treatments.map((t: { object: { name: string } }) => t.object.name);
  const flagOf = async (id: string) => dataOf(await server.graphql(FLAGGED, { id }, tokens.editor)).draftNode;
  const actions = async (id: string) => dataOf(await server.graphql(HISTORY, { id }, tokens.editor)).history.map((revision: { action: string }) => revision.action);

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    tokens = await issueTokens(db);
    const as = editorSteps(server.graphql, tokens.editor);
    const review = editorSteps(server.graphql, tokens.reviewer);
    const condition = (await as.entity("CONDITION", "Sciatica")).id;
    ids.condition = condition;
    ids.study = (await as.source("A retracted study")).id;
    ids.guide = (await as.source("A guideline")).id;
    for (const id of [condition, ids.study, ids.guide]) await review.publish(id, 1);
    // Epidural injections rest on the study alone; Physical therapy on the study and the guideline; Walking on the guideline.
    const claims: [string, string[]][] = [["Epidural injections", [ids.study]], ["Physical therapy", [ids.study, ids.guide]], ["Walking", [ids.guide]], ["Surgery", [ids.study]]];
    for (const [name, sources] of claims) {
      const treatment = (await as.entity("TREATMENT", name)).id;
      ids[`${name} treatment`] = treatment;
      const relation = await as.relation({ subjectId: condition, predicate: "TREATED_BY", objectId: treatment, citations: sources.map((sourceId) => ({ sourceId, quote: `${name} helps.` })) });
      ids[name] = relation.id;
      ids[`${name} citation`] = relation.citations[0].id;
      // Surgery stays a draft: not public, so its support is nobody's concern yet.
      if (name !== "Surgery") await review.publish(relation.id, 1);
    }
  });

  afterAll(() => closeScenario({ db, server }));

  it("sourceImpact lists the published claims that would lose all visible support, and those that would keep some, to editors only", async () => {
    expect(dataOf(await server.graphql(IMPACT, { id: ids.study }, tokens.editor)).sourceImpact).toEqual({
      source: { title: "A retracted study", status: "PUBLISHED" },
      wouldLoseAllSupport: [{ id: ids["Epidural injections"], object: { name: "Epidural injections" } }],
      wouldKeepSupport: [{ id: ids["Physical therapy"], object: { name: "Physical therapy" } }],
    });
    expect(errorOf(await server.graphql(IMPACT, { id: ids.study }))).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(errorOf(await server.graphql(IMPACT, { id: ids["Walking"] }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const missing = Buffer.from("Source:99999").toString("base64url");
    const unknown = await server.graphql(IMPACT, { id: missing }, tokens.editor);
    expect(errorOf(unknown)).toMatchObject({ code: "NOT_FOUND" });
    expect(errorMessage(unknown)).toBe("There is no source with this id.");
  });

  it("retracting the source flags each claim that lost all support: hidden from the public, logged, in the review queue", async () => {
    expect(await publicTreatments()).toEqual(["Epidural injections", "Physical therapy", "Walking"]);
    expect(dataOf(await server.graphql(RETRACT, { id: ids.study, v: 2 }, tokens.reviewer)).retract).toMatchObject({ status: "RETRACTED" });
    expect(await publicTreatments()).toEqual(["Physical therapy", "Walking"]);
    expect(dataOf(await server.graphql(`query ($id: ID!) { node(id: $id) { id } }`, { id: ids["Epidural injections"] })).node).toBeNull();
    expect(await flagOf(ids["Epidural injections"])).toEqual({
      status: "PUBLISHED",
      version: 3,
      needsReview: true,
      needsReviewReason: `Source ${ids.study} was retracted: Withdrawn by the authors`,
      flaggedAt: expect.any(String),
    });
    expect(await flagOf(ids["Physical therapy"])).toMatchObject({ needsReview: false, version: 2 });
    expect(await actions(ids["Epidural injections"])).toEqual(["flagForReview", "publish", "create"]);

    const queue = dataOf(await server.graphql(QUEUE, {}, tokens.editor)).reviewQueue;
    // Surgery and its claim are drafts, older than the flag.
    expect(queue.edges.map((edge: { node: { reason: string; node: { id: string } } }) => [edge.node.reason, edge.node.node.id])).toEqual([
      ["DRAFT", ids["Surgery treatment"]],
      ["DRAFT", ids.Surgery],
      ["NEEDS_REVIEW", ids["Epidural injections"]],
    ]);
    expect(queue.edges[2].node.detail).toBe(`Source ${ids.study} was retracted: Withdrawn by the authors`);
    // The flagged claim no longer counts among the claims the source holds up.
    expect(dataOf(await server.graphql(IMPACT, { id: ids.study }, tokens.editor)).sourceImpact.wouldLoseAllSupport).toEqual([]);
  });

  it("reverting the retraction shows the claims again, each with a revision; a flag's own revision reverts too", async () => {
    const [retraction] = dataOf(await server.graphql(HISTORY, { id: ids.study }, tokens.editor)).history;
    dataOf(await server.graphql(REVERT, { r: retraction.id, v: 3 }, tokens.reviewer));
    expect(await publicTreatments()).toEqual(["Epidural injections", "Physical therapy", "Walking"]);
    expect(await flagOf(ids["Epidural injections"])).toMatchObject({ needsReview: false, needsReviewReason: null, flaggedAt: null, version: 4 });
    expect(await actions(ids["Epidural injections"])).toEqual(["clearReviewFlag", "flagForReview", "publish", "create"]);
    // Each flag is a revision of its own, revertable one by one: the reviewer hides the claim again.
    const [cleared] = dataOf(await server.graphql(HISTORY, { id: ids["Epidural injections"] }, tokens.editor)).history;
    dataOf(await server.graphql(REVERT, { r: cleared.id, v: 4 }, tokens.reviewer));
    expect(await flagOf(ids["Epidural injections"])).toMatchObject({ needsReview: true, needsReviewReason: `Source ${ids.study} was retracted: Withdrawn by the authors`, version: 5 });
    expect(await publicTreatments()).toEqual(["Physical therapy", "Walking"]);
  });

  it("a reviewer settles a flagged claim by citing another source and publishing it", async () => {
    dataOf(await server.graphql(RETRACT, { id: ids.study, v: 4 }, tokens.reviewer));
    const relation = ids["Epidural injections"];
    // Flagged already: the second retraction leaves it as it is.
    expect(await flagOf(relation)).toMatchObject({ needsReview: true, version: 5 });
    // Publishing it as it stands is refused: it still rests on the retracted study.
    expect(errorOf(await server.graphql(PUBLISH, { id: relation, v: 5 }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const ADD = `mutation ($id: ID!, $s: ID!) { addCitation(relationId: $id, input: { sourceId: $s, quote: "Epidural injections may help." }) { id } }`;
    dataOf(await server.graphql(ADD, { id: relation, s: ids.guide }, tokens.reviewer));
    // Hidden already, so its retracted study's citation may go even though no other is visible yet to the public.
    dataOf(await server.graphql(`mutation ($id: ID!) { removeCitation(id: $id) { id } }`, { id: ids["Epidural injections citation"] }, tokens.reviewer));
    dataOf(await server.graphql(PUBLISH, { id: relation, v: 7 }, tokens.reviewer));
    expect(await flagOf(relation)).toMatchObject({ needsReview: false, version: 8 });
    expect(await publicTreatments()).toEqual(["Epidural injections", "Physical therapy", "Walking"]);
  });

  it("records a publisher's retraction: retracted here too, the claims resting on it flagged, and never published again", async () => {
    const as = editorSteps(server.graphql, tokens.editor);
    const source = (await as.source("A paper later withdrawn")).id;
    await editorSteps(server.graphql, tokens.reviewer).publish(source, 1);
    dataOf(await server.graphql(`mutation ($id: ID!, $s: ID!) { addCitation(relationId: $id, input: { sourceId: $s, quote: "Walking helps." }) { id } }`, { id: ids.Walking, s: source }, tokens.reviewer));
    const yoga = await as.relation({
      subjectId: ids.condition,
      predicate: "TREATED_BY",
      objectId: (await as.entity("TREATMENT", "Yoga")).id,
      citations: [{ sourceId: source, quote: "Yoga helps." }],
    });
    await editorSteps(server.graphql, tokens.reviewer).publish(yoga.id, 1);
    ids.Yoga = yoga.id;
    const input = { retractedOn: "2024-02-30", notice: "https://example.org/retraction" };
    const revisions = await db.revision.count();
    expect(errorOf(await server.graphql(PUBLISHER, { id: source, v: 2, input }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "retractedOn" });
    expect(errorOf(await server.graphql(PUBLISHER, { id: source, v: 2, input: { ...input, retractedOn: "2024-02-03", notice: " " } }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "notice" });
    expect(await db.revision.count()).toBe(revisions);

    const recorded = dataOf(await server.graphql(PUBLISHER, { id: source, v: 2, input: { ...input, retractedOn: "2024-02-03" } }, tokens.reviewer)).recordPublisherRetraction;
    expect(recorded).toEqual({ status: "RETRACTED", version: 3, publisherRetractedOn: "2024-02-03", retractionNotice: "https://example.org/retraction" });
    expect(await flagOf(yoga.id)).toMatchObject({ needsReview: true, needsReviewReason: `Source ${source} was retracted by its publisher on 2024-02-03: https://example.org/retraction` });
    expect(await publicTreatments()).not.toContain("Yoga");
    // Walking keeps the guideline's citation, so it is not flagged; the guideline's retraction would now flag it,
    // and Physical therapy too (its other source, the study, is retracted).
    expect(await flagOf(ids.Walking)).toMatchObject({ needsReview: false });
    const impact = dataOf(await server.graphql(IMPACT, { id: ids.guide }, tokens.editor)).sourceImpact;
    expect(impact.wouldLoseAllSupport.map((r: { id: string }) => r.id)).toEqual([ids["Epidural injections"], ids["Physical therapy"], ids.Walking]);
    expect(errorOf(await server.graphql(PUBLISH, { id: source, v: 3 }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(await db.source.findUniqueOrThrow({ where: { id: fromGlobalId(source, "id").rowId } })).toMatchObject({ status: "RETRACTED" });
  });

  it("pages the review queue oldest first with opaque cursors, and refuses a cursor not made by it", async () => {
    const first = dataOf(await server.graphql(QUEUE, { first: 1 }, tokens.editor)).reviewQueue;
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(first.edges[0].node).toMatchObject({ reason: "DRAFT", node: { __typename: "Treatment", id: ids["Surgery treatment"] } });
    dataOf(await server.graphql(`mutation ($id: ID!) { updateRelation(id: $id, expectedVersion: 2, input: { hedge: "may" }) { id } }`, { id: ids["Physical therapy"] }, tokens.editor));
    const page2 = dataOf(await server.graphql(QUEUE, { first: 5, after: first.pageInfo.endCursor }, tokens.editor)).reviewQueue;
    expect(page2).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: false } });
    expect(page2.edges.map((edge: { node: { reason: string; node: { id: string } } }) => [edge.node.reason, edge.node.node.id])).toEqual([
      ["DRAFT", ids.Surgery],
      ["NEEDS_REVIEW", ids.Yoga],
      ["PENDING_EDIT", ids["Physical therapy"]],
    ]);
    expect(errorOf(await server.graphql(QUEUE, { after: "bm9wZQ" }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    expect(errorOf(await server.graphql(QUEUE, { first: 101 }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    expect(errorOf(await server.graphql(QUEUE, {}))).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("sourceImpact shows the claims as editors see them: a pending edit applied, at the current version", async () => {
    const as = editorSteps(server.graphql, tokens.editor);
    const [condition, treatment, trial, review] = [
      await as.entity("CONDITION", "Piriformis syndrome"),
      await as.entity("TREATMENT", "Stretching"),
      await as.source("A stretching trial"),
      await as.source("A stretching review"),
    ];
    const citations = [trial, review].map((source) => ({ sourceId: source.id, quote: "Stretching helps." }));
    const relation = await as.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations });
    await editorSteps(server.graphql, tokens.reviewer).publish(relation.id, 1);
    dataOf(await server.graphql(`mutation ($id: ID!) { updateRelation(id: $id, expectedVersion: 2, input: { hedge: "may" }) { id } }`, { id: relation.id }, tokens.editor));
    const EDITED = `query ($id: ID!) { sourceImpact(id: $id) { wouldLoseAllSupport { id } wouldKeepSupport { id hedge version } } }`;
    expect(dataOf(await server.graphql(EDITED, { id: trial.id }, tokens.editor)).sourceImpact).toEqual({
      wouldLoseAllSupport: [],
      wouldKeepSupport: [{ id: relation.id, hedge: "may", version: 3 }],
    });
  });
});
