import type { Context } from "../../context";
import { userInputError } from "../../errors";
import type { Relation as RelationRow } from "../../generated/prisma/client";
import { type CareContext, ClaimRank, type Predicate } from "../enums";
import { createCitation } from "../citations/citation-editing.service";
import { lockEntitiesOfRelation, lockRows } from "../editing/locks";
import { runMutation, type Tx } from "../editing/mutation";
import { optionalText, passedFields } from "../editing/validation";
import {
  assertVersion,
  createRecord,
  applyEdit,
  effectiveState,
  findLive,
  type RecordData,
  restoreDeleted,
  restsOnDeletedEntity,
  softDelete,
} from "../editing/versioned-record";
import { fromGlobalId } from "../node/global-id";
import { MAX_HEDGE, MAX_RANK_NOTE, assertClaimRules } from "./claim-rules";
import { predicateMismatch } from "./predicate-rules";
import type { CreateRelationInput, UpdateRelationInput } from "./relation.input";
import { type Relation, toRelation } from "./relation.type";

const MAX_NOTE = 2000;

/** EDITOR: a new draft relation with its citations (and any new sources they bring), all or nothing. */
export function createRelation(ctx: Context, input: CreateRelationInput): Promise<Relation> {
  return runMutation(ctx, "EDITOR", async (tx, actor) => {
    // FOR SHARE of both entities: a change of kind (FOR UPDATE) waits until this relation
    // exists and then checks it, or has committed and is read below.
    const subjectRowId = fromGlobalId(input.subjectId, "subjectId", "Entity").rowId;
    const objectRowId = fromGlobalId(input.objectId, "objectId", "Entity").rowId;
    await lockRows(tx, "Entity", [subjectRowId, objectRowId], "SHARE");
    const subject = await liveEntity(tx, subjectRowId, "subjectId");
    const object = await liveEntity(tx, objectRowId, "objectId");
    if (subject.id === object.id) throw userInputError("A relation cannot join an entity to itself.", "objectId");
    const mismatch = predicateMismatch(input.predicate, subject.kind, object.kind);
    if (mismatch) throw userInputError(mismatch, "predicate");
    assertUrgencyHasRedFlag(input.redFlag, input.urgency ?? null);
    if (input.citations.length === 0) throw userInputError("A relation needs at least one citation.", "citations");
    const claim = { subjectId: subject.id, predicate: input.predicate, objectId: object.id, context: input.context };
    await assertNoLiveDuplicate(tx, claim);
    const data = {
      ...claim,
      redFlag: input.redFlag,
      urgency: input.urgency ?? null,
      note: optionalText(input.note, "note", MAX_NOTE),
      rank: input.rank,
      deprecationReason: input.deprecationReason ?? null,
      rankNote: optionalText(input.rankNote, "rankNote", MAX_RANK_NOTE),
      knowledgeLevel: input.knowledgeLevel,
      agentType: input.agentType,
      negated: input.negated,
      hedge: optionalText(input.hedge, "hedge", MAX_HEDGE),
    };
    assertClaimRules(data);
    const relation = await createRecord(tx, "Relation", data, { action: "create", actor });
    for (const citation of input.citations) await createCitation(tx, relation.id, citation, actor);
    return toRelation(relation, true);
  });
}

/** EDITOR: changes a draft's qualifiers in place, or puts the change to a published relation up for review. */
export function updateRelation(ctx: Context, id: string, expectedVersion: number, input: UpdateRelationInput): Promise<Relation> {
  return runMutation(ctx, "EDITOR", async (tx, actor) => {
    const current = await findLive(tx, "Relation", fromGlobalId(id, "id", "Relation").rowId);
    assertVersion(current, expectedVersion);
    const changes = relationChanges(input);
    const next = effectiveState(current, changes);
    assertUrgencyHasRedFlag(next.redFlag, next.urgency);
    assertClaimRules(next);
    if (next.context !== effectiveState(current, {}).context) await assertNoLiveDuplicate(tx, next, current.id);
    return toRelation(await applyEdit(tx, "Relation", current, changes, actor), true);
  });
}

/** REVIEWER: soft deletion; the claim can then be stated anew. */
export function deleteRelation(ctx: Context, id: string, reason: string): Promise<Relation> {
  return runMutation(ctx, "REVIEWER", async (tx, actor) =>
    toRelation(await softDelete(tx, "Relation", fromGlobalId(id, "id", "Relation").rowId, reason, actor), true),
  );
}

/** REVIEWER: undoes a soft deletion, unless a live relation now states the same claim. */
export function restoreRelation(ctx: Context, id: string): Promise<Relation> {
  return runMutation(ctx, "REVIEWER", async (tx, actor) => {
    const rowId = fromGlobalId(id, "id", "Relation").rowId;
    await lockEntitiesOfRelation(tx, rowId, "SHARE");
    return toRelation(await restoreDeleted(tx, "Relation", rowId, actor, (deleted) => assertRestorable(tx, deleted, "id")), true);
  });
}

/**
 * What bringing a deleted relation back needs (restore, or a revert of its
 * deletion): both entities live, a predicate that still fits their kinds
 * (they may have changed while it was deleted), and no live relation
 * stating the same claim. The caller holds the entities' locks.
 */
export async function assertRestorable(tx: Tx, deleted: RelationRow, field: string): Promise<void> {
  if (await restsOnDeletedEntity(tx, deleted)) throw userInputError("One of this relation's entities is deleted: restore it first.", field);
  const [subject, object] = await Promise.all([liveEntity(tx, deleted.subjectId, field), liveEntity(tx, deleted.objectId, field)]);
  const mismatch = predicateMismatch(deleted.predicate, subject.kind, object.kind);
  if (mismatch) throw userInputError(`Its entities' kinds changed since it was deleted: ${mismatch}`, field);
  await assertNoLiveDuplicate(tx, deleted, deleted.id);
}

function relationChanges(input: UpdateRelationInput): RecordData {
  const given = passedFields(input);
  const changes: RecordData = {};
  if ("context" in given) {
    if (given.context === null) throw userInputError("context cannot be cleared; ANY means every context.", "context");
    changes.context = given.context;
  }
  if ("redFlag" in given) {
    if (given.redFlag === null) throw userInputError("redFlag cannot be cleared; pass false.", "redFlag");
    changes.redFlag = given.redFlag;
  }
  if ("urgency" in given) changes.urgency = given.urgency;
  if ("note" in given) changes.note = optionalText(given.note, "note", MAX_NOTE);
  for (const field of ["rank", "knowledgeLevel", "agentType", "negated"] as const) {
    if (!(field in given)) continue;
    if (given[field] === null) throw userInputError(`${field} cannot be cleared; give a value.`, field);
    changes[field] = given[field];
  }
  // Leaving DEPRECATED drops its reason, unless the caller says otherwise (and is then refused).
  if ("deprecationReason" in given) changes.deprecationReason = given.deprecationReason;
  else if ("rank" in given && given.rank !== ClaimRank.DEPRECATED) changes.deprecationReason = null;
  if ("rankNote" in given) changes.rankNote = optionalText(given.rankNote, "rankNote", MAX_RANK_NOTE);
  if ("hedge" in given) changes.hedge = optionalText(given.hedge, "hedge", MAX_HEDGE);
  if (Object.keys(changes).length === 0) throw userInputError("Give at least one field to change.", "input");
  return changes;
}

function assertUrgencyHasRedFlag(redFlag: boolean, urgency: unknown): void {
  if (urgency != null && !redFlag) throw userInputError("urgency applies to red flags only: set redFlag too.", "urgency");
}

// An entity named inside an input: a missing or deleted one is that field's fault.
async function liveEntity(tx: Tx, rowId: number, field: string) {
  const entity = await tx.entity.findUnique({ where: { id: rowId } });
  if (!entity || entity.deletedAt) throw userInputError(`${field} is not an entity you can relate (missing or deleted).`, field);
  return effectiveState(entity, {});
}

interface Claim {
  subjectId: number;
  predicate: Predicate;
  objectId: number;
  context: CareContext;
}

/** The database's relation_live_claim_key says the same; checking first gives the caller a clear error. */
export async function assertNoLiveDuplicate(tx: Tx, claim: Claim, exceptId?: number): Promise<void> {
  const { subjectId, predicate, objectId, context } = claim;
  const duplicate = await tx.relation.findFirst({
    where: { subjectId, predicate, objectId, context, deletedAt: null, ...(exceptId !== undefined && { id: { not: exceptId } }) },
    select: { id: true },
  });
  if (duplicate) {
    throw userInputError(`A live relation already states ${predicate} between these entities in context ${context}.`, "objectId");
  }
}
