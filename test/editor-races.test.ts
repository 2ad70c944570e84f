import { issueToken } from "../src/auth/token.service";
import type { Database } from "../src/db/client";
import { fromGlobalId } from "../src/graph/node/global-id";
import { editorSteps, errorOf, issueTokens, type Tokens } from "./support/editors";
import type { GraphQLResponse, TestServer } from "./support/http";
import { integrityBreaches, interleaved, type LockHolder, openLockHolder, ROUNDS } from "./support/races";
import { closeScenario, openScenario } from "./support/scenario";

const REMOVE_CITATION = `mutation ($id: ID!) { removeCitation(id: $id) { id } }`;
const ADD_CITATION = `mutation ($id: ID!, $s: ID!) { addCitation(relationId: $id, input: { sourceId: $s, quote: "Also this." }) { id } }`;
const PUBLISH = `mutation ($id: ID!, $v: Int!) { publish(id: $id, expectedVersion: $v) { id } }`;
const RETYPE = `mutation ($id: ID!, $v: Int!) { updateEntity(id: $id, expectedVersion: $v, input: { kind: CAUSE }) { id } }`;
const CREATE_RELATION = `mutation ($input: CreateRelationInput!) { createRelation(input: $input) { id } }`;
const MERGE = `mutation ($k: ID!, $m: ID!) { mergeSources(keepId: $k, mergeIds: [$m]) { id } }`;
const DELETE_RELATION = `mutation ($id: ID!) { deleteRelation(id: $id, reason: "duplicate") { id } }`;
const RESTORE_RELATION = `mutation ($id: ID!) { restoreRelation(id: $id) { id } }`;
const RETRACT = `mutation ($id: ID!, $v: Int!) { retract(id: $id, expectedVersion: $v, reason: "withdrawn") { id } }`;

const rowId = (id: string) => fromGlobalId(id, "id").rowId;
const outcome = (response: GraphQLResponse) => (response.errors ? `${errorOf(response)!.code}${errorOf(response)!.field ? ` ${errorOf(response)!.field}` : ""}` : "ok");

/*
 * Each test runs one interleaving of two writers ROUNDS times, from different
 * tokens, and checks after every round the rules that span rows (see
 * integrityBreaches) and that each writer got an answer it could also get
 * when run one after the other. On PostgreSQL the writers are forced to read
 * before either writes (see interleaved): each test fails when the lock it
 * names is taken out of the application.
 */
jest.setTimeout(180_000);

describe("editorial rules under concurrent editors", () => {
  let db: Database;
  let server: TestServer;
  let tokens: Tokens & { editor2: string; reviewer2: string };
  let holder: LockHolder | null;
  const ids: Record<string, string> = {};
  let round = 0;

  beforeAll(async () => {
    ({ db, server } = await openScenario());
    tokens = { ...(await issueTokens(db)), editor2: (await issueToken(db, { name: "eve", role: "EDITOR" })).token, reviewer2: (await issueToken(db, { name: "ravi", role: "REVIEWER" })).token };
    holder = await openLockHolder();
    const as = editorSteps(server.graphql, tokens.editor);
    const review = editorSteps(server.graphql, tokens.reviewer);
    ids.condition = (await as.entity("CONDITION", "Back spasms")).id;
    ids.first = (await as.source("First guide")).id;
    ids.second = (await as.source("Second guide")).id;
    for (const id of [ids.condition, ids.first, ids.second]) await review.publish(id, 1);
  });

  afterAll(async () => {
    await holder?.close();
    await closeScenario({ db, server });
  });

  afterEach(async () => expect(await integrityBreaches(db)).toEqual([]));

  /** A new draft treatment, and a draft relation condition -TREATED_BY-> it citing `sources`. */
  async function draftClaim(sources: string[]): Promise<{ treatment: string; relation: string; citations: string[] }> {
    const as = editorSteps(server.graphql, tokens.editor);
    const treatment = (await as.entity("TREATMENT", `Treatment ${++round}`)).id;
    const citations = sources.map((sourceId, n) => ({ sourceId, quote: `It helps (${n}).` }));
    const relation = await as.relation({ subjectId: ids.condition, predicate: "TREATED_BY", objectId: treatment, citations });
    return { treatment, relation: relation.id, citations: relation.citations.map((citation) => citation.id) };
  }

  it("rule: a published relation keeps a visible citation. Two reviewers each remove one of its two citations at once: one is refused (lock: the relation, FOR UPDATE)", async () => {
    for (let n = 0; n < ROUNDS; n++) {
      const claim = await draftClaim([ids.first, ids.second]);
      await editorSteps(server.graphql, tokens.reviewer).publish(claim.relation, 1);
      const [one, two] = claim.citations;
      const responses = await interleaved(holder, `SELECT id FROM citation WHERE id = ANY($1) FOR UPDATE`, [rowId(one), rowId(two)], [
        () => server.graphql(REMOVE_CITATION, { id: one }, tokens.reviewer),
        () => server.graphql(REMOVE_CITATION, { id: two }, tokens.reviewer2),
      ]);
      expect(responses.map(outcome).sort()).toEqual(["BAD_USER_INPUT id", "ok"]);
      expect(await integrityBreaches(db)).toEqual([]);
    }
  });

  it("rule: a published relation keeps a visible citation or is flagged for review. A reviewer retracts one of its two sources while another removes its citation of the other: the removal is refused, or the relation ends flagged (lock: the relation, then the source)", async () => {
    for (let n = 0; n < ROUNDS; n++) {
      const retracted = (await editorSteps(server.graphql, tokens.editor).source(`Withdrawn guide ${n}`)).id;
      await editorSteps(server.graphql, tokens.reviewer).publish(retracted, 1);
      const claim = await draftClaim([retracted, ids.second]);
      await editorSteps(server.graphql, tokens.reviewer).publish(claim.relation, 1);
      const responses = await interleaved(holder, `SELECT id FROM relation WHERE id = ANY($1) FOR UPDATE`, [rowId(claim.relation)], [
        () => server.graphql(RETRACT, { id: retracted, v: 2 }, tokens.reviewer),
        () => server.graphql(REMOVE_CITATION, { id: claim.citations[1] }, tokens.reviewer2),
      ]);
      const flagged = (await db.relation.findUniqueOrThrow({ where: { id: rowId(claim.relation) } })).needsReview;
      const result = [...responses.map(outcome), flagged ? "flagged" : "shown"].join(", ");
      // Sequentially: the retraction first (the relation keeps the other source), then the removal of that citation is refused;
      // or the removal first, then the retraction takes the last visible citation and flags the relation.
      expect(["ok, BAD_USER_INPUT id, shown", "ok, ok, flagged"]).toContain(result);
      expect(await integrityBreaches(db)).toEqual([]);
    }
  });

  it("rule: a published relation keeps a visible citation or is flagged for review. A reviewer publishes a retracted source again while another removes a flagged relation's citation of it: the flag stays, or the removal is refused (lock: the relations citing the source)", async () => {
    for (let n = 0; n < ROUNDS; n++) {
      const source = (await editorSteps(server.graphql, tokens.editor).source(`Returning guide ${n}`)).id;
      await editorSteps(server.graphql, tokens.reviewer).publish(source, 1);
      const claim = await draftClaim([source]);
      await editorSteps(server.graphql, tokens.reviewer).publish(claim.relation, 1);
      await server.graphql(RETRACT, { id: source, v: 2 }, tokens.reviewer);
      const responses = await interleaved(holder, `SELECT id FROM relation WHERE id = ANY($1) FOR UPDATE`, [rowId(claim.relation)], [
        () => server.graphql(PUBLISH, { id: source, v: 3 }, tokens.reviewer),
        () => server.graphql(REMOVE_CITATION, { id: claim.citations[0] }, tokens.reviewer2),
      ]);
      const flagged = (await db.relation.findUniqueOrThrow({ where: { id: rowId(claim.relation) } })).needsReview;
      // Sequentially: the publication first clears the flag, then removing the last visible citation is refused;
      // or the removal first (the claim is hidden, so it may go), then the publication finds nothing to restore.
      expect(["ok, BAD_USER_INPUT id, shown", "ok, ok, flagged"]).toContain([...responses.map(outcome), flagged ? "flagged" : "shown"].join(", "));
      expect(await integrityBreaches(db)).toEqual([]);
    }
  });

  it("rule: publishing needs a live citation. A reviewer publishes a draft while its editor removes its only citation: never both (lock: the relation, FOR UPDATE)", async () => {
    for (let n = 0; n < ROUNDS; n++) {
      const claim = await draftClaim([ids.first]);
      const relation = rowId(claim.relation);
      const responses = await interleaved(holder, `SELECT id FROM relation WHERE id = ANY($1) FOR UPDATE`, [relation], [
        () => server.graphql(PUBLISH, { id: claim.relation, v: 1 }, tokens.reviewer),
        () => server.graphql(REMOVE_CITATION, { id: claim.citations[0] }, tokens.editor),
      ]);
      // Sequentially: publish first, then the removal is refused; or the removal first (a new version), then publish is a CONFLICT.
      expect([["ok", "BAD_USER_INPUT id"], ["CONFLICT", "ok"], ["ok", "FORBIDDEN"]]).toContainEqual(responses.map(outcome));
      if (outcome(responses[0]) === "CONFLICT") expect(errorOf(responses[0])!.currentVersion).toBe(2);
      expect(await integrityBreaches(db)).toEqual([]);
    }
  });

  it("rule: a live relation's predicate fits its entities' kinds. createRelation(TREATED_BY to T) and updateEntity(T, kind: CAUSE) at once: one is refused (lock: both entities)", async () => {
    const as = editorSteps(server.graphql, tokens.editor);
    for (let n = 0; n < ROUNDS; n++) {
      const treatment = (await as.entity("TREATMENT", `Treatment ${++round}`)).id;
      const input = { subjectId: ids.condition, predicate: "TREATED_BY", objectId: treatment, citations: [{ sourceId: ids.first, quote: "It helps." }] };
      const responses = await interleaved(holder, `SELECT id FROM entity WHERE id = ANY($1) FOR UPDATE`, [rowId(treatment)], [
        () => server.graphql(CREATE_RELATION, { input }, tokens.editor),
        () => server.graphql(RETYPE, { id: treatment, v: 1 }, tokens.editor2),
      ]);
      expect([["ok", "BAD_USER_INPUT kind"], ["BAD_USER_INPUT predicate", "ok"]]).toContainEqual(responses.map(outcome));
      expect(await integrityBreaches(db)).toEqual([]);
    }
  });

  it("rule: a live relation's predicate fits its entities' kinds. restoreRelation(condition -TREATED_BY-> T) and updateEntity(T, kind: CAUSE) at once: one is refused (lock: both entities, FOR SHARE, before the relation)", async () => {
    for (let n = 0; n < ROUNDS; n++) {
      const claim = await draftClaim([ids.first]);
      expect(outcome(await server.graphql(DELETE_RELATION, { id: claim.relation }, tokens.reviewer))).toBe("ok");
      // Held: the relation the restore writes and the entity the retype writes, so that each
      // has read what it checks (the kinds; the entity's live relations) before either writes.
      const responses = await interleaved(
        holder,
        `SELECT 1 FROM entity e, relation r WHERE e.id = ($1::int[])[1] AND r.id = ($1::int[])[2] FOR UPDATE`,
        [rowId(claim.treatment), rowId(claim.relation)],
        [() => server.graphql(RESTORE_RELATION, { id: claim.relation }, tokens.reviewer), () => server.graphql(RETYPE, { id: claim.treatment, v: 1 }, tokens.editor2)],
      );
      expect([["ok", "BAD_USER_INPUT kind"], ["BAD_USER_INPUT id", "ok"]]).toContainEqual(responses.map(outcome));
      expect(await integrityBreaches(db)).toEqual([]);
    }
  });

  it("locks only the relations that cite a source: retracting it does not wait for another writer's relation that cites another source", async () => {
    if (!holder) return; // the embedded database runs one transaction at a time: nothing to wait for
    const retracted = (await editorSteps(server.graphql, tokens.editor).source("Guide with one claim")).id;
    await editorSteps(server.graphql, tokens.reviewer).publish(retracted, 1);
    await draftClaim([retracted]);
    const unrelated = await draftClaim([ids.second]);
    const retract = () => server.graphql(RETRACT, { id: retracted, v: 2 }, tokens.reviewer);
    expect(await holder.finishesWhileHeld(`SELECT id FROM relation WHERE id = ANY($1) FOR UPDATE`, [rowId(unrelated.relation)], retract)).toBe(true);
    expect((await db.source.findUniqueOrThrow({ where: { id: rowId(retracted) } })).status).toBe("RETRACTED");
  });

  it("rule: a published relation keeps a visible citation or is flagged for review. A reviewer retracts a source while a second cites it in a published claim and a third removes that claim's other citation: the claim ends flagged, or the removal is refused (lock: the relations citing the source, found again once the source is held)", async () => {
    const third = (await issueToken(db, { name: "rhea", role: "REVIEWER" })).token;
    const review = editorSteps(server.graphql, tokens.reviewer);
    const second = await openLockHolder();
    try {
      for (let n = 0; n < ROUNDS; n++) {
        const source = (await editorSteps(server.graphql, tokens.editor).source(`Late-cited guide ${n}`)).id;
        await review.publish(source, 1);
        const claim = await draftClaim([ids.second]);
        await review.publish(claim.relation, 1);
        const retract = () => server.graphql(RETRACT, { id: source, v: 2 }, tokens.reviewer);
        const cite = () => server.graphql(ADD_CITATION, { id: claim.relation, s: source }, tokens.reviewer2);
        const remove = () => server.graphql(REMOVE_CITATION, { id: claim.citations[0] }, third);
        let responses: GraphQLResponse[];
        if (holder && second) {
          // The retraction reads the relations citing the source (not this claim yet) and waits for the source;
          // the claim gains its citation meanwhile; the removal holds the claim, counts that citation as
          // visible and waits to write. Without the second look once the source is held, the retraction
          // then keeps the claim shown for the citation the removal is taking away.
          const releaseSource = await holder.hold(`SELECT id FROM source WHERE id = ANY($1) FOR SHARE`, [rowId(source)]);
          const releaseCitation = await second.hold(`SELECT id FROM citation WHERE id = ANY($1) FOR SHARE`, [rowId(claim.citations[0])]);
          const retracting = retract();
          await holder.untilWaiting(1);
          const cited = await cite();
          const removing = remove();
          await holder.untilWaiting(2);
          await releaseSource();
          await Promise.race([retracting, holder.untilWaiting(1, `FROM "relation"`)]);
          await releaseCitation();
          responses = [cited, ...(await Promise.all([retracting, removing]))];
        } else {
          responses = [await cite(), ...(await Promise.all([retract(), remove()]))];
        }
        const flagged = (await db.relation.findUniqueOrThrow({ where: { id: rowId(claim.relation) } })).needsReview;
        // Sequentially, once cited: the removal first, then the retraction takes the last visible citation and flags
        // the claim; or the retraction first (the claim keeps the other source), then the removal is refused.
        expect(["ok, ok, ok, flagged", "ok, ok, BAD_USER_INPUT id, shown"]).toContain([...responses.map(outcome), flagged ? "flagged" : "shown"].join(", "));
        expect(await integrityBreaches(db)).toEqual([]);
      }
    } finally {
      await second?.close();
    }
  });

  it("rule: a live citation is of a live source. mergeSources while an editor cites the merged source: the citation moves or is refused, never left on the deleted source (lock: the sources, and the relations citing them)", async () => {
    for (let n = 0; n < ROUNDS; n++) {
      const claim = await draftClaim([ids.first]);
      const duplicate = (await editorSteps(server.graphql, tokens.editor).source(`Second guide, copy ${round}`)).id;
      const responses = await interleaved(holder, `SELECT id FROM source WHERE id = ANY($1) FOR UPDATE`, [rowId(duplicate)], [
        () => server.graphql(ADD_CITATION, { id: claim.relation, s: duplicate }, tokens.editor),
        () => server.graphql(MERGE, { k: ids.second, m: duplicate }, tokens.reviewer),
      ]);
      expect([["ok", "ok"], ["BAD_USER_INPUT sourceId", "ok"]]).toContainEqual(responses.map(outcome));
      expect(await integrityBreaches(db)).toEqual([]);
    }
  });
});
