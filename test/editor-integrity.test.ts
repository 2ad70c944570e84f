import type { Database } from "../src/db/client";
import { fromGlobalId, toGlobalId } from "../src/graph/node/global-id";
import { issueToken } from "../src/auth/token.service";
import { dataOf, editorSteps, errorMessage, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { TestServer } from "./support/http";
import { closeScenario, openScenario } from "./support/scenario";
import { lastUsedWrites } from "./support/token-writes";

const PUBLISH = `mutation ($id: ID!, $v: Int!) { publish(id: $id, expectedVersion: $v) { id ... on Relation { status version } ... on Entity { version } } }`;
const RETRACT = `mutation ($id: ID!, $v: Int!) { retract(id: $id, expectedVersion: $v, reason: "check") { id ... on Relation { version } ... on Source { version } } }`;
const ADD_CITATION = `mutation ($id: ID!, $s: ID!, $q: String!) { addCitation(relationId: $id, input: { sourceId: $s, quote: $q }) { id } }`;
const REMOVE_CITATION = `mutation ($id: ID!) { removeCitation(id: $id) { id } }`;
const UPDATE_ENTITY = `mutation ($id: ID!, $v: Int!, $input: UpdateEntityInput!) { updateEntity(id: $id, expectedVersion: $v, input: $input) { version slug name } }`;
const HISTORY = `query ($id: ID!) { history(id: $id) { id action after } }`;
const REVERT = `mutation ($r: ID!, $v: Int!) { revert(revisionId: $r, expectedVersion: $v) { id ... on Relation { status } ... on Entity { slug } } }`;
const UPDATE_RELATION = `mutation ($id: ID!, $v: Int!, $input: UpdateRelationInput!) { updateRelation(id: $id, expectedVersion: $v, input: $input) { version } }`;
const DELETE_RELATION = `mutation ($id: ID!) { deleteRelation(id: $id, reason: "duplicate") { id } }`;
const DELETE_ENTITY = `mutation ($id: ID!) { deleteEntity(id: $id, reason: "duplicate") { id } }`;
const MERGE = `mutation ($k: ID!, $m: ID!) { mergeSources(keepId: $k, mergeIds: [$m]) { id } }`;

const rowId = (id: string) => fromGlobalId(id, "id").rowId;

describe("editorial integrity: versions, reverts, merges, slugs and limits", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens;
  let round = 0;

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    tokens = await issueTokens(db);
  });

  afterAll(() => closeScenario({ db, server }));

  const as = () => editorSteps(server.graphql, tokens.editor);
  const review = () => editorSteps(server.graphql, tokens.reviewer);
  const history = async (id: string) => dataOf(await server.graphql(HISTORY, { id }, tokens.editor)).history as { id: string; action: string; after: Record<string, any> }[];

  /** A draft relation condition -TREATED_BY-> new treatment, citing a new published source. */
  async function claim(quote = "It helps.") {
    const n = ++round;
    const [condition, treatment, source] = [await as().entity("CONDITION", `Condition ${n}`), await as().entity("TREATMENT", `Treatment ${n}`), await as().source(`Guide ${n}`)];
    await review().publish(source.id, 1);
    const relation = await as().relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote }] });
    return { condition, treatment, source, relation };
  }

  describe("publish and retract approve the version the reviewer read", () => {
    it("answers CONFLICT with the current version when a citation was added since, and publishes the version given", async () => {
      const { relation, source } = await claim();
      dataOf(await server.graphql(ADD_CITATION, { id: relation.id, s: source.id, q: "More." }, tokens.editor));
      expect(errorOf(await server.graphql(PUBLISH, { id: relation.id, v: 1 }, tokens.reviewer))).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
      expect((await history(relation.id)).map((revision) => revision.action)).toEqual(["addCitation", "create"]);
      expect(dataOf(await server.graphql(PUBLISH, { id: relation.id, v: 2 }, tokens.reviewer)).publish).toMatchObject({ status: "PUBLISHED", version: 3 });
      expect(errorOf(await server.graphql(RETRACT, { id: relation.id, v: 2 }, tokens.reviewer))).toMatchObject({ code: "CONFLICT", currentVersion: 3 });
      expect(dataOf(await server.graphql(RETRACT, { id: relation.id, v: 3 }, tokens.reviewer)).retract).toMatchObject({ version: 4 });
    });

    it("answers CONFLICT when the fields or the pending edit changed since", async () => {
      const entity = await as().entity("SYMPTOM", "Stiffness");
      await review().publish(entity.id, 1);
      dataOf(await server.graphql(UPDATE_ENTITY, { id: entity.id, v: 2, input: { name: "Morning stiffness" } }, tokens.editor));
      expect(errorOf(await server.graphql(PUBLISH, { id: entity.id, v: 2 }, tokens.reviewer))).toMatchObject({ code: "CONFLICT", currentVersion: 3 });
    });

    it("flags, rather than leaves unsupported, a published relation whose only published source is retracted", async () => {
      const { relation, source } = await claim();
      await review().publish(relation.id, 1);
      dataOf(await server.graphql(RETRACT, { id: source.id, v: 2 }, tokens.reviewer));
      expect(await db.relation.findUniqueOrThrow({ where: { id: rowId(relation.id) } })).toMatchObject({ status: "PUBLISHED", needsReview: true, version: 3 });
    });
  });

  describe("revert passes the checks of the action it stands for", () => {
    it("does not publish, through a revert of a retraction, a relation whose citations were removed since", async () => {
      const { relation } = await claim();
      await review().publish(relation.id, 1);
      dataOf(await server.graphql(RETRACT, { id: relation.id, v: 2 }, tokens.reviewer));
      dataOf(await server.graphql(REMOVE_CITATION, { id: relation.citations[0].id }, tokens.reviewer));
      expect(errorOf(await server.graphql(PUBLISH, { id: relation.id, v: 4 }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT" });
      const retraction = (await history(relation.id)).find((revision) => revision.action === "retract")!;
      expect(errorOf(await server.graphql(REVERT, { r: retraction.id, v: 4 }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
      expect(await db.relation.findUniqueOrThrow({ where: { id: rowId(relation.id) } })).toMatchObject({ status: "RETRACTED", version: 4 });
    });

    it("does not publish it through a revert of a revert either", async () => {
      const { relation, source } = await claim();
      await review().publish(relation.id, 1);
      dataOf(await server.graphql(ADD_CITATION, { id: relation.id, s: source.id, q: "Second." }, tokens.reviewer));
      dataOf(await server.graphql(RETRACT, { id: relation.id, v: 3 }, tokens.reviewer));
      const retract = (await history(relation.id))[0];
      dataOf(await server.graphql(REVERT, { r: retract.id, v: 4 }, tokens.reviewer));
      const republish = (await history(relation.id))[0];
      dataOf(await server.graphql(REVERT, { r: republish.id, v: 5 }, tokens.reviewer));
      for (const citation of await db.citation.findMany({ where: { relationId: rowId(relation.id), deletedAt: null } })) {
        dataOf(await server.graphql(REMOVE_CITATION, { id: toGlobalId("Citation", citation.id) }, tokens.reviewer));
      }
      const unretract = (await history(relation.id)).find((revision) => revision.action === "revert" && revision.after.status === "RETRACTED")!;
      const version = (await db.relation.findUniqueOrThrow({ where: { id: rowId(relation.id) } })).version;
      expect(errorOf(await server.graphql(REVERT, { r: unretract.id, v: version }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT" });
      expect(await db.relation.findUniqueOrThrow({ where: { id: rowId(relation.id) } })).toMatchObject({ status: "RETRACTED" });
    });

    it("refuses to revert an old content edit of a deleted record (restore it first); reverting the deletion is a restore", async () => {
      const entity = await as().entity("TREATMENT", "Heat");
      dataOf(await server.graphql(UPDATE_ENTITY, { id: entity.id, v: 1, input: { name: "Heat packs" } }, tokens.editor));
      const rename = (await history(entity.id))[0];
      dataOf(await server.graphql(`mutation ($id: ID!) { deleteEntity(id: $id, reason: "duplicate") { id } }`, { id: entity.id }, tokens.reviewer));
      const refused = await server.graphql(REVERT, { r: rename.id, v: 3 }, tokens.reviewer);
      expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT", field: "revisionId" });
      expect(errorMessage(refused)).toBe("This record was deleted since: restore it before reverting its older changes.");
      expect(await db.entity.findUniqueOrThrow({ where: { id: rowId(entity.id) } })).toMatchObject({ deletedAt: expect.any(Date), name: "Heat packs" });
      const deletion = (await history(entity.id))[0];
      dataOf(await server.graphql(REVERT, { r: deletion.id, v: 3 }, tokens.reviewer));
      expect(await db.entity.findUniqueOrThrow({ where: { id: rowId(entity.id) } })).toMatchObject({ deletedAt: null, name: "Heat packs" });
    });

    it("refuses to delete, by reverting its creation, a source a live citation still quotes, changing nothing; once uncited it deletes it", async () => {
      const n = ++round;
      const [condition, treatment, source] = [await as().entity("CONDITION", `Condition ${n}`), await as().entity("TREATMENT", `Treatment ${n}`), await as().source(`Draft guide ${n}`)];
      const relation = await as().relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "It helps." }] });
      const [creation] = await history(source.id);
      expect(creation.action).toBe("create");
      const refused = await server.graphql(REVERT, { r: creation.id, v: 1 }, tokens.reviewer);
      expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT", field: "revisionId" });
      expect(errorMessage(refused)).toBe("Live citations still quote this source: remove them (removeCitation) or move them (mergeSources) before deleting it.");
      expect(await db.source.findUniqueOrThrow({ where: { id: rowId(source.id) } })).toMatchObject({ deletedAt: null, version: 1 });
      expect(await db.citation.findUniqueOrThrow({ where: { id: rowId(relation.citations[0].id) } })).toMatchObject({ deletedAt: null });
      dataOf(await server.graphql(REMOVE_CITATION, { id: relation.citations[0].id }, tokens.editor));
      dataOf(await server.graphql(REVERT, { r: creation.id, v: 1 }, tokens.reviewer));
      expect(await db.source.findUniqueOrThrow({ where: { id: rowId(source.id) } })).toMatchObject({ deletedAt: expect.any(Date), version: 2 });
    });

    it("refuses to restore, by reverting its deletion, a relation whose claim was stated again since, changing nothing", async () => {
      const { condition, treatment, source, relation } = await claim();
      dataOf(await server.graphql(DELETE_RELATION, { id: relation.id }, tokens.reviewer));
      await as().relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "Again." }] });
      const [deletion] = await history(relation.id);
      const refused = await server.graphql(REVERT, { r: deletion.id, v: 2 }, tokens.reviewer);
      expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT" });
      expect(errorMessage(refused)).toBe("A live relation already states TREATED_BY between these entities in context ANY.");
      expect(await db.relation.findUniqueOrThrow({ where: { id: rowId(relation.id) } })).toMatchObject({ deletedAt: expect.any(Date), version: 2 });
    });

    it("refuses to revert an edit of a relation one of whose entities was deleted since (restore it first)", async () => {
      const { treatment, relation } = await claim();
      dataOf(await server.graphql(UPDATE_RELATION, { id: relation.id, v: 1, input: { note: "Short courses." } }, tokens.editor));
      const [edit] = await history(relation.id);
      dataOf(await server.graphql(DELETE_ENTITY, { id: treatment.id }, tokens.reviewer));
      const refused = await server.graphql(REVERT, { r: edit.id, v: 2 }, tokens.reviewer);
      expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT", field: "revisionId" });
      expect(errorMessage(refused)).toBe("One of this relation's entities is deleted: restore it first.");
      expect(await db.relation.findUniqueOrThrow({ where: { id: rowId(relation.id) } })).toMatchObject({ note: "Short courses.", version: 2 });
    });

    it("refuses to revert a relation's context back into one a live claim took since, changing nothing", async () => {
      const { condition, treatment, source, relation } = await claim();
      dataOf(await server.graphql(UPDATE_RELATION, { id: relation.id, v: 1, input: { context: "ACUTE" } }, tokens.editor));
      const [edit] = await history(relation.id);
      await as().relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "In any context." }] });
      const refused = await server.graphql(REVERT, { r: edit.id, v: 2 }, tokens.reviewer);
      expect(errorMessage(refused)).toBe("A live relation already states TREATED_BY between these entities in context ANY.");
      expect(await db.relation.findUniqueOrThrow({ where: { id: rowId(relation.id) } })).toMatchObject({ context: "ACUTE", version: 2 });
    });

    it("reverts an edit of a relation whose pending context a new claim stated since: the revert leaves that context as it is", async () => {
      const { condition, treatment, source, relation } = await claim();
      await review().publish(relation.id, 1);
      dataOf(await server.graphql(UPDATE_RELATION, { id: relation.id, v: 2, input: { context: "ACUTE" } }, tokens.editor));
      // A pending context reserves nothing.
      await as().relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, context: "ACUTE", citations: [{ sourceId: source.id, quote: "When acute." }] });
      dataOf(await server.graphql(UPDATE_RELATION, { id: relation.id, v: 3, input: { note: "Short courses." } }, tokens.editor));
      const [edit] = await history(relation.id);
      dataOf(await server.graphql(REVERT, { r: edit.id, v: 4 }, tokens.reviewer));
      expect(await db.relation.findUniqueOrThrow({ where: { id: rowId(relation.id) } })).toMatchObject({ context: "ANY", pendingChanges: { context: "ACUTE" }, version: 5 });
    });

    it("refuses to revert the publication of a relation's new context when a live claim took the public one since, changing nothing", async () => {
      const { condition, treatment, source, relation } = await claim();
      await review().publish(relation.id, 1);
      dataOf(await server.graphql(UPDATE_RELATION, { id: relation.id, v: 2, input: { context: "ACUTE" } }, tokens.editor));
      await review().publish(relation.id, 3);
      await as().relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "In any context." }] });
      const [publication] = await history(relation.id);
      const refused = await server.graphql(REVERT, { r: publication.id, v: 4 }, tokens.reviewer);
      expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT" });
      expect(errorMessage(refused)).toBe("A live relation already states TREATED_BY between these entities in context ANY.");
      expect(await db.relation.findUniqueOrThrow({ where: { id: rowId(relation.id) } })).toMatchObject({ context: "ACUTE", pendingChanges: null, version: 4 });
    });

    it("refuses to revert a published relation's pending context back into one a live claim took since, changing nothing", async () => {
      const { condition, treatment, source, relation } = await claim();
      await review().publish(relation.id, 1);
      dataOf(await server.graphql(UPDATE_RELATION, { id: relation.id, v: 2, input: { context: "ACUTE" } }, tokens.editor));
      dataOf(await server.graphql(UPDATE_RELATION, { id: relation.id, v: 3, input: { context: "CHRONIC" } }, tokens.editor));
      const [edit] = await history(relation.id);
      await as().relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, context: "ACUTE", citations: [{ sourceId: source.id, quote: "When acute." }] });
      const refused = await server.graphql(REVERT, { r: edit.id, v: 4 }, tokens.reviewer);
      expect(errorMessage(refused)).toBe("A live relation already states TREATED_BY between these entities in context ACUTE.");
      expect(await db.relation.findUniqueOrThrow({ where: { id: rowId(relation.id) } })).toMatchObject({ context: "ANY", pendingChanges: { context: "CHRONIC" }, version: 4 });
    });

    it("refuses to restore, by reverting its deletion, a relation one of whose entities was deleted since, naming the revision", async () => {
      const { treatment, relation } = await claim();
      dataOf(await server.graphql(DELETE_RELATION, { id: relation.id }, tokens.reviewer));
      const [deletion] = await history(relation.id);
      dataOf(await server.graphql(DELETE_ENTITY, { id: treatment.id }, tokens.reviewer));
      const refused = await server.graphql(REVERT, { r: deletion.id, v: 2 }, tokens.reviewer);
      expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT", field: "revisionId" });
      expect(errorMessage(refused)).toBe("One of this relation's entities is deleted: restore it first.");
      expect(await db.relation.findUniqueOrThrow({ where: { id: rowId(relation.id) } })).toMatchObject({ deletedAt: expect.any(Date), version: 2 });
    });

    it("deletes, by reverting its creation, a relation whose entity was deleted since: only bringing a relation back needs its entities", async () => {
      const { treatment, relation } = await claim();
      const [creation] = await history(relation.id);
      dataOf(await server.graphql(DELETE_ENTITY, { id: treatment.id }, tokens.reviewer));
      dataOf(await server.graphql(REVERT, { r: creation.id, v: 1 }, tokens.reviewer));
      expect(await db.relation.findUniqueOrThrow({ where: { id: rowId(relation.id) } })).toMatchObject({ deletedAt: expect.any(Date), version: 2 });
    });

    it("deletes, by reverting its restoration, a relation whatever live claim took since the context it had then", async () => {
      const { condition, treatment, source, relation } = await claim();
      dataOf(await server.graphql(DELETE_RELATION, { id: relation.id }, tokens.reviewer));
      dataOf(await server.graphql(`mutation ($id: ID!) { restoreRelation(id: $id) { id } }`, { id: relation.id }, tokens.reviewer));
      const [restoration] = await history(relation.id);
      dataOf(await server.graphql(UPDATE_RELATION, { id: relation.id, v: 3, input: { context: "ACUTE" } }, tokens.editor));
      await as().relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "In any context." }] });
      dataOf(await server.graphql(REVERT, { r: restoration.id, v: 4 }, tokens.reviewer));
      expect(await db.relation.findUniqueOrThrow({ where: { id: rowId(relation.id) } })).toMatchObject({ context: "ANY", deletedAt: expect.any(Date), version: 5 });
    });

    it("refuses to revert an entity's kind back to one its relations since then do not fit, changing nothing", async () => {
      const n = ++round;
      const [condition, remedy, source] = [await as().entity("CONDITION", `Condition ${n}`), await as().entity("CAUSE", `Remedy ${n}`), await as().source(`Guide ${n}`)];
      dataOf(await server.graphql(UPDATE_ENTITY, { id: remedy.id, v: 1, input: { kind: "TREATMENT" } }, tokens.editor));
      const [kindChange] = await history(remedy.id);
      await as().relation({ subjectId: condition.id, predicate: "TREATED_BY", objectId: remedy.id, citations: [{ sourceId: source.id, quote: "It helps." }] });
      const refused = await server.graphql(REVERT, { r: kindChange.id, v: 2 }, tokens.reviewer);
      expect(errorOf(refused)).toMatchObject({ code: "BAD_USER_INPUT", field: "kind" });
      expect(await db.entity.findUniqueOrThrow({ where: { id: rowId(remedy.id) } })).toMatchObject({ kind: "TREATMENT", version: 2 });
    });

    it("refuses a revert that changes nothing", async () => {
      const entity = await as().entity("TREATMENT", "Cold");
      dataOf(await server.graphql(UPDATE_ENTITY, { id: entity.id, v: 1, input: { name: "Cold packs" } }, tokens.editor));
      const rename = (await history(entity.id))[0];
      dataOf(await server.graphql(REVERT, { r: rename.id, v: 2 }, tokens.reviewer));
      const again = await server.graphql(REVERT, { r: rename.id, v: 3 }, tokens.reviewer);
      expect(errorOf(again)).toMatchObject({ code: "BAD_USER_INPUT", field: "revisionId" });
      expect(errorMessage(again)).toBe("The record already is as it was before this revision: nothing to revert.");
    });
  });

  describe("mergeSources", () => {
    it("folds citations that become identical into one, with a revision, and moves the relation's version on", async () => {
      const { relation, source } = await claim("Same words.");
      const duplicate = await as().source(`Copy of guide ${round}`);
      dataOf(await server.graphql(ADD_CITATION, { id: relation.id, s: duplicate.id, q: "Same words." }, tokens.editor));
      dataOf(await server.graphql(MERGE, { k: source.id, m: duplicate.id }, tokens.reviewer));
      const citations = await db.citation.findMany({ where: { relationId: rowId(relation.id) }, orderBy: { id: "asc" } });
      expect(citations.map((citation) => [citation.sourceId, citation.deletedAt === null])).toEqual([[rowId(source.id), true], [rowId(source.id), false]]);
      const fold = await db.revision.findFirstOrThrow({ where: { recordType: "CITATION", recordId: citations[1].id, action: "merge" } });
      expect(fold.reason).toMatch(/folded into/);
      expect((await history(relation.id)).map((revision) => revision.action)).toEqual(["merge", "addCitation", "create"]);
    });

    it("does not make a retracted source's citations public by merging it into a published one", async () => {
      const { relation } = await claim();
      const published = await as().source(`Published guide ${round}`);
      await review().publish(published.id, 1);
      const retracted = await as().source(`Retracted guide ${round}`);
      dataOf(await server.graphql(ADD_CITATION, { id: relation.id, s: retracted.id, q: "Hidden." }, tokens.editor));
      await review().publish(retracted.id, 1);
      dataOf(await server.graphql(RETRACT, { id: retracted.id, v: 2 }, tokens.reviewer));
      expect(errorOf(await server.graphql(MERGE, { k: published.id, m: retracted.id }, tokens.reviewer))).toMatchObject({ code: "BAD_USER_INPUT", field: "mergeIds" });
    });

    it("records the citations and references it moves, and a revert of the merge moves them back", async () => {
      const { relation, source } = await claim();
      const duplicate = await as().source(`Duplicate ${round}`);
      const citation = dataOf(await server.graphql(ADD_CITATION, { id: relation.id, s: duplicate.id, q: "Moved." }, tokens.editor)).addCitation;
      await db.reference.create({ data: { citingId: rowId(source.id), number: 1, citedId: rowId(duplicate.id) } });
      dataOf(await server.graphql(MERGE, { k: source.id, m: duplicate.id }, tokens.reviewer));
      const merge = (await history(duplicate.id))[0];
      expect(merge.after.merge).toEqual({ into: rowId(source.id), citations: [rowId(citation.id)], folded: [], references: { citedBy: [{ citingId: rowId(source.id), number: 1 }], lists: [] } });
      dataOf(await server.graphql(REVERT, { r: merge.id, v: 2 }, tokens.reviewer));
      expect(await db.source.findUniqueOrThrow({ where: { id: rowId(duplicate.id) } })).toMatchObject({ deletedAt: null });
      expect(await db.citation.findUniqueOrThrow({ where: { id: rowId(citation.id) } })).toMatchObject({ sourceId: rowId(duplicate.id), deletedAt: null });
      expect(await db.reference.findFirstOrThrow({ where: { citingId: rowId(source.id), number: 1 } })).toMatchObject({ citedId: rowId(duplicate.id) });
    });
  });

  describe("edits", () => {
    it("refuses an update that changes nothing, writing nothing", async () => {
      const entity = await as().entity("SYMPTOM", "Cramp");
      const revisions = await db.revision.count();
      expect(errorOf(await server.graphql(UPDATE_ENTITY, { id: entity.id, v: 1, input: { name: "Cramp" } }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "input" });
      expect(await db.revision.count()).toBe(revisions);
    });

    it("shows anonymous readers the published version and time, not those of a pending edit", async () => {
      const entity = await as().entity("SYMPTOM", "Twitch");
      await review().publish(entity.id, 1);
      const READ = `query ($id: ID!, $d: Boolean!) { public: node(id: $id) @skip(if: $d) { ...Seen } draft: draftNode(id: $id) @include(if: $d) { ...Seen } } fragment Seen on Entity { name version updatedAt }`;
      const before = dataOf(await server.graphql(READ, { id: entity.id, d: false })).public;
      dataOf(await server.graphql(UPDATE_ENTITY, { id: entity.id, v: 2, input: { name: "Muscle twitch" } }, tokens.editor));
      expect(dataOf(await server.graphql(READ, { id: entity.id, d: false })).public).toEqual(before);
      expect(dataOf(await server.graphql(READ, { id: entity.id, d: true }, tokens.editor)).draft).toMatchObject({ name: "Muscle twitch", version: 3 });
    });

    it("lets later fields of one document see earlier mutations, and lists a new relation in its subject's relations", async () => {
      const { condition, treatment, source } = await claim();
      const CREATE_THEN_LIST = `mutation ($input: CreateRelationInput!) {
        createRelation(input: $input) { id subject { relations(direction: OUTGOING) { predicate } } }
      }`;
      const input = { subjectId: condition.id, predicate: "PREVENTED_BY", objectId: treatment.id, citations: [{ sourceId: source.id, quote: "Prevents." }] };
      const created = dataOf(await server.graphql(CREATE_THEN_LIST, { input }, tokens.editor)).createRelation;
      expect(created.subject.relations.map((relation: { predicate: string }) => relation.predicate).sort()).toEqual(["PREVENTED_BY", "TREATED_BY"]);
      const RENAME_THEN_READ = `mutation ($r: ID!, $t: ID!) {
        before: updateRelation(id: $r, expectedVersion: 1, input: { note: "n" }) { object { name version } }
        rename: updateEntity(id: $t, expectedVersion: 1, input: { name: "Renamed again" }) { version }
        after: updateRelation(id: $r, expectedVersion: 2, input: { note: "m" }) { object { name version } }
      }`;
      const read = dataOf(await server.graphql(RENAME_THEN_READ, { r: created.id, t: treatment.id }, tokens.editor));
      expect(read.before.object).toEqual({ name: `Treatment ${round}`, version: 1 });
      expect(read.after.object).toEqual({ name: "Renamed again", version: 2 });
    });
  });

  describe("slugs are permanent addresses", () => {
    const BY_SLUG = `query ($slug: String!) { entity(slug: $slug, includeDrafts: true) { id slug } }`;

    it("answers to old slugs after a rename, and no other entity may take one", async () => {
      const entity = await as().entity("CONDITION", "Lumbar strain");
      dataOf(await server.graphql(UPDATE_ENTITY, { id: entity.id, v: 1, input: { slug: "low-back-strain" } }, tokens.editor));
      expect(dataOf(await server.graphql(BY_SLUG, { slug: "lumbar-strain" }, tokens.editor)).entity).toEqual({ id: entity.id, slug: "low-back-strain" });
      const CREATE = `mutation { createEntity(input: { kind: CONDITION, name: "Lumbar strain" }) { id } }`;
      expect(errorOf(await server.graphql(CREATE, {}, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "slug" });
      const back = dataOf(await server.graphql(UPDATE_ENTITY, { id: entity.id, v: 2, input: { slug: "lumbar-strain" } }, tokens.editor)).updateEntity;
      expect(back.slug).toBe("lumbar-strain");
      expect(dataOf(await server.graphql(BY_SLUG, { slug: "low-back-strain" }, tokens.editor)).entity).toEqual({ id: entity.id, slug: "lumbar-strain" });
    });

    it("undoes a pending slug change when the current slug is set again", async () => {
      const entity = await as().entity("CONDITION", "Disc bulge");
      await review().publish(entity.id, 1);
      dataOf(await server.graphql(UPDATE_ENTITY, { id: entity.id, v: 2, input: { slug: "bulging-disc" } }, tokens.editor));
      dataOf(await server.graphql(UPDATE_ENTITY, { id: entity.id, v: 3, input: { slug: "disc-bulge" } }, tokens.editor));
      expect(await db.entity.findUniqueOrThrow({ where: { id: rowId(entity.id) } })).toMatchObject({ slug: "disc-bulge", pendingChanges: null, version: 4 });
    });
  });

  describe("limits", () => {
    const CREATE = `mutation ($input: CreateEntityInput!) { createEntity(input: $input) { name } }`;

    it("counts characters, not UTF-16 units: a 150-emoji name is 150 characters", async () => {
      const name = "🩺".repeat(150);
      expect(dataOf(await server.graphql(CREATE, { input: { kind: "SYMPTOM", name, slug: "emoji" } }, tokens.editor)).createEntity.name).toBe(name);
      expect(errorOf(await server.graphql(CREATE, { input: { kind: "SYMPTOM", name: "🩺".repeat(201), slug: "emoji-2" } }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    });

    it("caps aliases by count and by total length, naming the field", async () => {
      const many = Array.from({ length: 51 }, (_, n) => `alias ${n}`);
      expect(errorOf(await server.graphql(CREATE, { input: { kind: "SYMPTOM", name: "Many", aliases: many } }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "aliases" });
      const long = Array.from({ length: 3800 }, (_, n) => `${n} ${"x".repeat(190)}`);
      expect(errorOf(await server.graphql(CREATE, { input: { kind: "SYMPTOM", name: "Long", aliases: long.slice(0, 11) } }, tokens.editor))).toMatchObject({ code: "BAD_USER_INPUT", field: "aliases" });
    });

    it("writes a token's lastUsedAt once for 20 simultaneous requests", async () => {
      const { token } = await issueToken(db, { name: "busy", role: "EDITOR" });
      expect(await lastUsedWrites(db, () => Promise.all(Array.from({ length: 20 }, () => server.graphql(`{ viewer { name } }`, {}, token))))).toBe(1);
    });
  });
});
