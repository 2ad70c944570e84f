import type { Database } from "../src/db/client";
import { fromGlobalId, toGlobalId } from "../src/graph/node/global-id";
import { dataOf, editorSteps, errorCode, errorMessage, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";

const HISTORY = `query ($id: ID!) { history(id: $id) { id recordId action actor reason before after } }`;
const REVERT = `mutation ($rev: ID!, $v: Int!) { revert(revisionId: $rev, expectedVersion: $v) { ... on Entity { name version } } }`;
const RENAME = `mutation ($id: ID!, $v: Int!, $name: String!) { updateEntity(id: $id, expectedVersion: $v, input: { name: $name }) { version } }`;

describe("history and revert", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  let entity: { id: string };
  const historyOf = async (id: string) => dataOf(await server.graphql(HISTORY, { id }, tokens.editor)).history;

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    tokens = await issueTokens(db);
    entity = await editorSteps(server.graphql, tokens.editor).entity("CONDITION", "Back spasm");
    dataOf(await server.graphql(RENAME, { id: entity.id, v: 1, name: "Back spasms" }, tokens.editor));
  });

  afterAll(() => closeScenario({ db, server }));

  it("lists a record's revisions newest first, with actor, before and after, to any signed-in role", async () => {
    const history = await historyOf(entity.id);
    expect(history.map((revision: { action: string }) => revision.action)).toEqual(["update", "create"]);
    expect(history[0]).toMatchObject({ recordId: entity.id, actor: "edna", before: { name: "Back spasm", version: 1 }, after: { name: "Back spasms", version: 2 } });
    expect(history[1].before).toBeNull();
    expect(errorCode(await server.graphql(HISTORY, { id: entity.id }))).toBe("UNAUTHENTICATED");
  });

  it("reverts a change as a new revision, for reviewers only, and CONFLICT when the record moved on", async () => {
    const [update] = await historyOf(entity.id);
    expect(errorCode(await server.graphql(REVERT, { rev: update.id, v: 2 }, tokens.editor))).toBe("FORBIDDEN");
    expect(errorOf(await server.graphql(REVERT, { rev: update.id, v: 1 }, tokens.reviewer))).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    expect(dataOf(await server.graphql(REVERT, { rev: update.id, v: 2 }, tokens.reviewer)).revert).toEqual({ name: "Back spasm", version: 3 });
    const history = await historyOf(entity.id);
    expect(history.map((revision: { action: string }) => revision.action)).toEqual(["revert", "update", "create"]);
    expect(history[0]).toMatchObject({ actor: "rhea", reason: `revert of revision ${update.id}` });
  });

  it("reverts a creation by soft-deleting the record, and reverts that deletion by restoring it", async () => {
    const created = (await historyOf(entity.id)).at(-1);
    dataOf(await server.graphql(REVERT, { rev: created.id, v: 3 }, tokens.reviewer));
    expect(await db.entity.findFirstOrThrow({ where: { slug: "back-spasm" } })).toMatchObject({ deletedAt: expect.any(Date) });
    const [deletion] = await historyOf(entity.id);
    dataOf(await server.graphql(REVERT, { rev: deletion.id, v: 4 }, tokens.reviewer));
    expect(await db.entity.findFirstOrThrow({ where: { slug: "back-spasm" } })).toMatchObject({ deletedAt: null, version: 5 });
  });

  // A revert puts back every editable column a by-hand edit can change, each pinned by its own value.
  const REVERT_ANY = `mutation ($rev: ID!, $v: Int!) { revert(revisionId: $rev, expectedVersion: $v) { id } }`;
  const rowIdOf = (id: string) => fromGlobalId(id, "id").rowId;

  it("reverts an edit of every editable column of an entity", async () => {
    const created = await editorSteps(server.graphql, tokens.editor).entity("CONDITION", "Sciatica");
    const input = { name: "Lumbar sciatica", slug: "lumbar-sciatica", kind: "SYMPTOM", aliases: ["Radiculopathy"], summary: "Leg pain." };
    dataOf(await server.graphql(`mutation ($id: ID!, $input: UpdateEntityInput!) { updateEntity(id: $id, expectedVersion: 1, input: $input) { id } }`, { id: created.id, input }, tokens.editor));
    expect(await db.entity.findUniqueOrThrow({ where: { id: rowIdOf(created.id) } })).toMatchObject(input);
    const [edit] = await historyOf(created.id);
    dataOf(await server.graphql(REVERT_ANY, { rev: edit.id, v: 2 }, tokens.reviewer));
    expect(await db.entity.findUniqueOrThrow({ where: { id: rowIdOf(created.id) } })).toMatchObject({
      name: "Sciatica", slug: "sciatica", kind: "CONDITION", aliases: [], summary: null, version: 3,
    });
  });

  it("reverts an edit of every editable column of a relation", async () => {
    const steps = editorSteps(server.graphql, tokens.editor);
    const [condition, symptom, source] = [await steps.entity("CONDITION", "Cauda equina syndrome"), await steps.entity("SYMPTOM", "Saddle numbness"), await steps.source("A red flags guide")];
    const relation = await steps.relation({ subjectId: condition.id, predicate: "HAS_SYMPTOM", objectId: symptom.id, citations: [{ sourceId: source.id, quote: "Numbness." }] });
    const original = await db.relation.findUniqueOrThrow({ where: { id: rowIdOf(relation.id) } });
    const input = {
      context: "ACUTE", redFlag: true, urgency: "EMERGENCY", note: "Inferred from the guide.", rank: "DEPRECATED", deprecationReason: "SUPERSEDED",
      rankNote: "A newer guide.", knowledgeLevel: "LOGICAL_ENTAILMENT", agentType: "AUTOMATED_AGENT", negated: true, hedge: "may",
    };
    dataOf(await server.graphql(`mutation ($id: ID!, $input: UpdateRelationInput!) { updateRelation(id: $id, expectedVersion: 1, input: $input) { id } }`, { id: relation.id, input }, tokens.editor));
    expect(await db.relation.findUniqueOrThrow({ where: { id: rowIdOf(relation.id) } })).toMatchObject(input);
    const [edit] = await historyOf(relation.id);
    dataOf(await server.graphql(REVERT_ANY, { rev: edit.id, v: 2 }, tokens.reviewer));
    const { version, updatedAt, publicVersion, publicUpdatedAt, ...before } = original;
    expect(await db.relation.findUniqueOrThrow({ where: { id: rowIdOf(relation.id) } })).toMatchObject({ ...before, version: 3 });
    // A draft stays a draft: the revert published nothing it rests on.
    expect(await db.entity.findMany({ where: { id: { in: [rowIdOf(condition.id), rowIdOf(symptom.id)] } }, select: { status: true } })).toEqual([{ status: "DRAFT" }, { status: "DRAFT" }]);
  });

  it("reverts an edit of every editable column of a source, and the record of its publisher's retraction", async () => {
    const source = await editorSteps(server.graphql, tokens.editor).source("A spine review");
    const input = { title: "A spine review, revised", publisher: "Spine Society", authors: ["A. Author"], publishedOn: "2024-05", url: "https://example.org/review", doi: "10.1000/spine" };
    dataOf(await server.graphql(`mutation ($id: ID!, $input: UpdateSourceInput!) { updateSource(id: $id, expectedVersion: 1, input: $input) { id } }`, { id: source.id, input }, tokens.editor));
    const PUBLISHER = `mutation ($id: ID!) { recordPublisherRetraction(id: $id, expectedVersion: 2, input: { retractedOn: "2025-01", notice: "Withdrawn." }) { version } }`;
    dataOf(await server.graphql(PUBLISHER, { id: source.id }, tokens.reviewer));
    expect(await db.source.findUniqueOrThrow({ where: { id: rowIdOf(source.id) } })).toMatchObject({ ...input, publisherRetractedOn: "2025-01", retractionNotice: "Withdrawn." });
    const [retraction, edit] = await historyOf(source.id);
    dataOf(await server.graphql(REVERT_ANY, { rev: retraction.id, v: 3 }, tokens.reviewer));
    expect(await db.source.findUniqueOrThrow({ where: { id: rowIdOf(source.id) } })).toMatchObject({ ...input, publisherRetractedOn: null, retractionNotice: null, version: 4 });
    dataOf(await server.graphql(REVERT_ANY, { rev: edit.id, v: 4 }, tokens.reviewer));
    expect(await db.source.findUniqueOrThrow({ where: { id: rowIdOf(source.id) } })).toMatchObject({
      title: "A spine review", publisher: null, authors: [], publishedOn: null, url: null, doi: null, version: 5,
    });
  });

  it("reverts a source's retraction, showing again the claims it flagged; reverting that clearing flags the claim again", async () => {
    const steps = editorSteps(server.graphql, tokens.editor);
    const [condition, treatment, source] = [await steps.entity("CONDITION", "Coccydynia"), await steps.entity("TREATMENT", "Cushions"), await steps.source("A cushion trial")];
    const relation = await steps.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "Cushions help." }] });
    await editorSteps(server.graphql, tokens.reviewer).publish(relation.id, 1);
    dataOf(await server.graphql(`mutation ($id: ID!) { retract(id: $id, expectedVersion: 2, reason: "Withdrawn") { id } }`, { id: source.id }, tokens.reviewer));
    const flagged = await db.relation.findUniqueOrThrow({ where: { id: rowIdOf(relation.id) } });
    expect(flagged).toMatchObject({ needsReview: true, needsReviewReason: `Source ${source.id} was retracted: Withdrawn`, version: 3 });
    const [retraction] = await historyOf(source.id);
    dataOf(await server.graphql(REVERT_ANY, { rev: retraction.id, v: 3 }, tokens.reviewer));
    expect(await db.relation.findUniqueOrThrow({ where: { id: rowIdOf(relation.id) } })).toMatchObject({ needsReview: false, needsReviewReason: null, flaggedAt: null, version: 4 });
    const [clearing] = await historyOf(relation.id);
    expect(clearing.action).toBe("clearReviewFlag");
    dataOf(await server.graphql(REVERT_ANY, { rev: clearing.id, v: 4 }, tokens.reviewer));
    expect(await db.relation.findUniqueOrThrow({ where: { id: rowIdOf(relation.id) } })).toMatchObject({
      needsReview: true, needsReviewReason: flagged.needsReviewReason, flaggedAt: flagged.flaggedAt, version: 5,
    });
  });

  it("flags, when a revert hides a source, the claims that lose their last visible citation", async () => {
    const steps = editorSteps(server.graphql, tokens.editor);
    const [condition, treatment, source] = [await steps.entity("CONDITION", "Spondylolisthesis"), await steps.entity("TREATMENT", "Bracing"), await steps.source("A bracing study")];
    const relation = await steps.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "Braces help." }] });
    await editorSteps(server.graphql, tokens.reviewer).publish(relation.id, 1);
    const publication = (await historyOf(source.id)).find((revision: { action: string }) => revision.action === "publish");
    dataOf(await server.graphql(REVERT_ANY, { rev: publication.id, v: 2 }, tokens.reviewer));
    expect(await db.source.findUniqueOrThrow({ where: { id: rowIdOf(source.id) } })).toMatchObject({ status: "DRAFT", version: 3 });
    expect(await db.relation.findUniqueOrThrow({ where: { id: rowIdOf(relation.id) } })).toMatchObject({
      needsReview: true, needsReviewReason: `Source ${source.id} was hidden: revert of revision ${publication.id}`, version: 3,
    });
  });

  it("refuses history for a revision itself or a malformed id, naming the field", async () => {
    const created = await editorSteps(server.graphql, tokens.editor).entity("CONDITION", "Torticollis");
    const [creation] = await historyOf(created.id);
    const ofRevision = await server.graphql(HISTORY, { id: creation.id }, tokens.editor);
    expect(errorOf(ofRevision)).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(errorMessage(ofRevision)).toBe("Revisions have no history of their own; pass the id of the record.");
    expect(errorOf(await server.graphql(HISTORY, { id: "not-an-id" }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  it("shows a revision through node to signed-in readers only", async () => {
    const created = await editorSteps(server.graphql, tokens.editor).entity("CONDITION", "Whiplash");
    const [creation] = await historyOf(created.id);
    const NODE = `query ($id: ID!) { node(id: $id) { id } }`;
    expect(dataOf(await server.graphql(NODE, { id: creation.id }, tokens.editor)).node).toEqual({ id: creation.id });
    expect(dataOf(await server.graphql(NODE, { id: creation.id })).node).toBeNull();
  });

  it("refuses a revert of a malformed or unknown revision, naming the field", async () => {
    expect(errorOf(await server.graphql(REVERT_ANY, { rev: "not-an-id", v: 1 }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "revisionId" });
    const unknown = await server.graphql(REVERT_ANY, { rev: toGlobalId("Revision", 2_000_000_000), v: 1 }, tokens.reviewer);
    expect(errorOf(unknown)).toMatchObject({ code: "NOT_FOUND" });
    expect(errorMessage(unknown)).toBe("There is no revision with this id.");
  });

  it("refuses to revert a citation change or a text snapshot, pointing to the action that undoes it", async () => {
    const steps = editorSteps(server.graphql, tokens.editor);
    const [condition, treatment, source] = [await steps.entity("CONDITION", "Kyphosis"), await steps.entity("TREATMENT", "Posture training"), await steps.source("A posture study")];
    const relation = await steps.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "Posture helps." }] });
    const ADD = `mutation ($id: ID!, $s: ID!) { addCitation(relationId: $id, input: { sourceId: $s, quote: "More." }) { id } }`;
    const added = dataOf(await server.graphql(ADD, { id: relation.id, s: source.id }, tokens.editor)).addCitation;
    dataOf(await server.graphql(`mutation ($id: ID!) { removeCitation(id: $id) { id } }`, { id: added.id }, tokens.editor));
    const [removal, addition] = await historyOf(relation.id);
    const [citationCreation] = await historyOf(added.id);
    for (const revision of [removal, addition, citationCreation]) {
      const refused = await server.graphql(REVERT_ANY, { rev: revision.id, v: 3 }, tokens.reviewer);
      expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT", field: "revisionId" });
      expect(errorMessage(refused)).toBe("Citation changes are undone with addCitation or removeCitation.");
    }
    const SNAPSHOT = `mutation ($id: ID!) { addSourceSnapshot(sourceId: $id, content: "Posture helps. More.") { __typename } }`;
    dataOf(await server.graphql(SNAPSHOT, { id: source.id }, tokens.editor));
    const [snapshot] = await historyOf(source.id);
    expect(snapshot.action).toBe("addSnapshot");
    const refused = await server.graphql(REVERT_ANY, { rev: snapshot.id, v: 1 }, tokens.reviewer);
    expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT", field: "revisionId" });
    expect(errorMessage(refused)).toBe("A text snapshot is never taken back: add a newer one with addSourceSnapshot.");
  });

  it("refuses to revert the creation of a record deleted already; reverting its restoration deletes it again", async () => {
    const created = await editorSteps(server.graphql, tokens.editor).entity("CONDITION", "Lordosis");
    const [creation] = await historyOf(created.id);
    dataOf(await server.graphql(`mutation ($id: ID!) { deleteEntity(id: $id, reason: "duplicate") { id } }`, { id: created.id }, tokens.reviewer));
    const refused = await server.graphql(REVERT_ANY, { rev: creation.id, v: 2 }, tokens.reviewer);
    expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT", field: "revisionId" });
    expect(errorMessage(refused)).toBe("This record is already deleted.");
    dataOf(await server.graphql(`mutation ($id: ID!) { restoreEntity(id: $id) { id } }`, { id: created.id }, tokens.reviewer));
    const [restoration] = await historyOf(created.id);
    dataOf(await server.graphql(REVERT_ANY, { rev: restoration.id, v: 3 }, tokens.reviewer));
    expect(await db.entity.findUniqueOrThrow({ where: { id: rowIdOf(created.id) } })).toMatchObject({ deletedAt: expect.any(Date), version: 4 });
  });

  /** Entities and sources number their rows apart: moves both counters past every row, so that the next entity and source share an id. */
  async function alignEntityAndSourceIds(): Promise<void> {
    const [{ next }] = await db.$queryRawUnsafe<{ next: number }[]>(
      `SELECT greatest((SELECT coalesce(max(id), 0) FROM entity), (SELECT coalesce(max(id), 0) FROM source)) + 1 AS next`,
    );
    await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('entity', 'id'), $1), setval(pg_get_serial_sequence('source', 'id'), $1)`, next);
  }

  it("reverts the creation of an entity whatever cites the source that shares its row id", async () => {
    await alignEntityAndSourceIds();
    const steps = editorSteps(server.graphql, tokens.editor);
    const [created, source] = [await steps.entity("TREATMENT", "Traction"), await steps.source("A traction trial")];
    expect(rowIdOf(created.id)).toBe(rowIdOf(source.id));
    const condition = await steps.entity("CONDITION", "Disc herniation");
    const treatment = await steps.entity("TREATMENT", "Microdiscectomy");
    await steps.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "Traction." }] });
    const [creation] = await historyOf(created.id);
    dataOf(await server.graphql(REVERT_ANY, { rev: creation.id, v: 1 }, tokens.reviewer));
    expect(await db.entity.findUniqueOrThrow({ where: { id: rowIdOf(created.id) } })).toMatchObject({ deletedAt: expect.any(Date) });
  });

  it("leaves the claims of the source that shares its row id alone when a revert hides an entity or shows it again", async () => {
    const steps = editorSteps(server.graphql, tokens.editor);
    const review = editorSteps(server.graphql, tokens.reviewer);
    await alignEntityAndSourceIds();
    const [entity, source] = [await steps.entity("CONDITION", "Spinal stenosis"), await steps.source("A stenosis guide")];
    expect(rowIdOf(entity.id)).toBe(rowIdOf(source.id));
    const [condition, walking, cycling, trial] = [
      await steps.entity("CONDITION", "Neurogenic claudication"), await steps.entity("TREATMENT", "Stenosis walking"), await steps.entity("TREATMENT", "Stenosis cycling"),
      await steps.source("A cycling trial"),
    ];
    // One claim rests on the guide alone; the other, flagged by the trial's retraction, cites the guide since and stays flagged until a reviewer publishes it.
    const resting = await steps.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: walking.id, citations: [{ sourceId: source.id, quote: "Walking." }] });
    const flagged = await steps.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: cycling.id, citations: [{ sourceId: trial.id, quote: "Cycling." }] });
    await review.publish(resting.id, 1);
    await review.publish(flagged.id, 1);
    dataOf(await server.graphql(`mutation ($id: ID!) { retract(id: $id, expectedVersion: 2, reason: "Withdrawn") { id } }`, { id: trial.id }, tokens.reviewer));
    dataOf(await server.graphql(`mutation ($id: ID!, $s: ID!) { addCitation(relationId: $id, input: { sourceId: $s, quote: "Cycling too." }) { id } }`, { id: flagged.id, s: source.id }, tokens.reviewer));
    await review.publish(entity.id, 1);
    const [publication] = await historyOf(entity.id);
    dataOf(await server.graphql(REVERT_ANY, { rev: publication.id, v: 2 }, tokens.reviewer));
    expect(await db.entity.findUniqueOrThrow({ where: { id: rowIdOf(entity.id) } })).toMatchObject({ status: "DRAFT", version: 3 });
    expect(await db.relation.findUniqueOrThrow({ where: { id: rowIdOf(resting.id) } })).toMatchObject({ needsReview: false, version: 2 });
    const [unpublication] = await historyOf(entity.id);
    dataOf(await server.graphql(REVERT_ANY, { rev: unpublication.id, v: 3 }, tokens.reviewer));
    expect(await db.entity.findUniqueOrThrow({ where: { id: rowIdOf(entity.id) } })).toMatchObject({ status: "PUBLISHED", version: 4 });
    expect(await db.relation.findUniqueOrThrow({ where: { id: rowIdOf(flagged.id) } })).toMatchObject({ needsReview: true, version: 4 });
  });

  /** A revision of a source's update as an older release wrote it, with only some columns in its snapshots; its global id. */
  async function legacySourceUpdate(sourceId: string, before: Record<string, string>, after: Record<string, string>): Promise<string> {
    const revision = await db.revision.create({ data: { recordType: "SOURCE", recordId: rowIdOf(sourceId), action: "update", actor: "seed", before, after } });
    return toGlobalId("Revision", revision.id);
  }

  it("finds nothing to revert in a revision written before some columns existed that matches the record on the columns it has", async () => {
    const source = await editorSteps(server.graphql, tokens.editor).source("A lumbar atlas", { publisher: "Atlas Press" });
    // Its snapshots lack the publisher: the revert leaves it as it is, so the record already is as it was.
    const legacy = await legacySourceUpdate(source.id, { title: "A lumbar atlas", status: "DRAFT" }, { title: "An atlas", status: "DRAFT" });
    const refused = await server.graphql(REVERT_ANY, { rev: legacy, v: 1 }, tokens.reviewer);
    expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT", field: "revisionId" });
    expect(errorMessage(refused)).toBe("The record already is as it was before this revision: nothing to revert.");
    expect(await db.source.findUniqueOrThrow({ where: { id: rowIdOf(source.id) } })).toMatchObject({ publisher: "Atlas Press", version: 1 });
  });

  it("refuses to make public, by reverting a revision written before publisher retractions were recorded, a source its publisher retracted", async () => {
    const source = await editorSteps(server.graphql, tokens.editor).source("A withdrawn paper");
    await editorSteps(server.graphql, tokens.reviewer).publish(source.id, 1);
    const PUBLISHER = `mutation ($id: ID!) { recordPublisherRetraction(id: $id, expectedVersion: 2, input: { retractedOn: "2025", notice: "Withdrawn." }) { status } }`;
    expect(dataOf(await server.graphql(PUBLISHER, { id: source.id }, tokens.reviewer)).recordPublisherRetraction).toEqual({ status: "RETRACTED" });
    // Its snapshots lack the columns added later: the revert leaves them as they are.
    const legacy = await legacySourceUpdate(source.id, { title: "A withdrawn paper", status: "PUBLISHED" }, { title: "A withdrawn paper", status: "RETRACTED" });
    const refused = await server.graphql(REVERT_ANY, { rev: legacy, v: 3 }, tokens.reviewer);
    expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT", field: "revisionId" });
    expect(errorMessage(refused)).toBe("Its publisher retracted this source: revert the revision that recorded that instead.");
    expect(await db.source.findUniqueOrThrow({ where: { id: rowIdOf(source.id) } })).toMatchObject({ status: "RETRACTED", version: 3 });
  });

  it("reverts a pending edit of published content; a kind or slug it brings back must still fit and be free", async () => {
    const steps = editorSteps(server.graphql, tokens.editor);
    const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateEntityInput!) { updateEntity(id: $id, expectedVersion: $v, input: $input) { version } }`;
    const [entity, condition, source] = [await steps.entity("CAUSE", "Heavy lifting"), await steps.entity("CONDITION", "Lumbar strain"), await steps.source("A lifting guide")];
    await editorSteps(server.graphql, tokens.reviewer).publish(entity.id, 1);
    // A pending change of kind, then a draft relation that fits only the pending kind.
    dataOf(await server.graphql(UPDATE, { id: entity.id, v: 2, input: { kind: "TREATMENT" } }, tokens.editor));
    const [kindChange] = await historyOf(entity.id);
    await steps.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: entity.id, citations: [{ sourceId: source.id, quote: "Lifting." }] });
    expect(errorOf(await server.graphql(REVERT_ANY, { rev: kindChange.id, v: 3 }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "kind" });
    expect(await db.entity.findUniqueOrThrow({ where: { id: rowIdOf(entity.id) } })).toMatchObject({ kind: "CAUSE", pendingChanges: { kind: "TREATMENT" }, version: 3 });

    // A pending slug, undone by setting the current one again; another entity takes it meanwhile.
    const other = await steps.entity("CAUSE", "Bending");
    await editorSteps(server.graphql, tokens.reviewer).publish(other.id, 1);
    dataOf(await server.graphql(UPDATE, { id: other.id, v: 2, input: { slug: "stooping" } }, tokens.editor));
    dataOf(await server.graphql(UPDATE, { id: other.id, v: 3, input: { slug: "bending" } }, tokens.editor));
    const [undo] = await historyOf(other.id);
    await steps.entity("CAUSE", "Stooping");
    const refused = await server.graphql(REVERT_ANY, { rev: undo.id, v: 4 }, tokens.reviewer);
    expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT", field: "slug" });
    // With the slug free, the same kind of revert brings the pending edit back, and reverting that clears it.
    dataOf(await server.graphql(UPDATE, { id: other.id, v: 4, input: { name: "Forward bending" } }, tokens.editor));
    const [rename] = await historyOf(other.id);
    dataOf(await server.graphql(REVERT_ANY, { rev: rename.id, v: 5 }, tokens.reviewer));
    expect(await db.entity.findUniqueOrThrow({ where: { id: rowIdOf(other.id) } })).toMatchObject({ name: "Bending", pendingChanges: null, version: 6 });
  });

  it("leaves review flags alone when a revert changes a source's content but not whether the public sees it", async () => {
    const steps = editorSteps(server.graphql, tokens.editor);
    const review = editorSteps(server.graphql, tokens.reviewer);
    const [condition, massage, walking, trial, guide] = [
      await steps.entity("CONDITION", "Facet syndrome"), await steps.entity("TREATMENT", "Facet massage"), await steps.entity("TREATMENT", "Facet walking"),
      await steps.source("A facet trial"), await steps.source("A facet guide"),
    ];
    const flagged = await steps.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: massage.id, citations: [{ sourceId: trial.id, quote: "Massage." }] });
    const resting = await steps.relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: walking.id, citations: [{ sourceId: guide.id, quote: "Walking." }] });
    await review.publish(flagged.id, 1);
    await review.publish(resting.id, 1);
    // The trial's retraction flags the massage claim; the guide's citation, added since, leaves it flagged until a reviewer publishes it.
    dataOf(await server.graphql(`mutation ($id: ID!) { retract(id: $id, expectedVersion: 2, reason: "Withdrawn") { id } }`, { id: trial.id }, tokens.reviewer));
    dataOf(await server.graphql(`mutation ($id: ID!, $s: ID!) { addCitation(relationId: $id, input: { sourceId: $s, quote: "Massage too." }) { id } }`, { id: flagged.id, s: guide.id }, tokens.reviewer));
    dataOf(await server.graphql(`mutation ($id: ID!) { updateSource(id: $id, expectedVersion: 2, input: { title: "A facet guideline" }) { id } }`, { id: guide.id }, tokens.editor));
    const [edit] = await historyOf(guide.id);
    dataOf(await server.graphql(REVERT_ANY, { rev: edit.id, v: 3 }, tokens.reviewer));
    expect(await db.relation.findUniqueOrThrow({ where: { id: rowIdOf(flagged.id) } })).toMatchObject({ needsReview: true });
    expect(await db.relation.findUniqueOrThrow({ where: { id: rowIdOf(resting.id) } })).toMatchObject({ needsReview: false });
  });

  it("never changes or removes a revision", async () => {
    await expect(db.revision.deleteMany({})).rejects.toThrow();
    expect(await db.revision.count()).toBeGreaterThan(0);
  });
});
