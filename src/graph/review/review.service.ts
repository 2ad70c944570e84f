import type { Context } from "../../context";
import { userInputError } from "../../errors";
import type { Actor } from "../history/revision.service";
import { runMutation, type Tx } from "../editing/mutation";
import { MAX_REASON, requiredText } from "../editing/validation";
import { lockEntitiesOfRelation, lockRows, lockSourcesWithRelations } from "../editing/locks";
import {
  assertChangesSomething,
  assertVersion,
  findLive,
  pendingOf,
  updateRecord,
  type VersionedRow,
  type VersionedRows,
  type VersionedType,
} from "../editing/versioned-record";
import { assertRelationsFitKind } from "../entities/entity-editing.service";
import { toEntity } from "../entities/entity.type";
import { fromGlobalId, toGlobalId } from "../node/global-id";
import { predicateMismatch } from "../relations/predicate-rules";
import type { Node } from "../node/node.type";
import { toRelation } from "../relations/relation.type";
import { partialDate } from "../sources/source-fields";
import { CLEARED_FLAG, clearFlagsRestoredBy, flagClaimsRestingOnlyOn } from "../sources/source-support";
import { type Source, toSource } from "../sources/source.type";

/** A record that goes through review, by global id; BAD_USER_INPUT for citations, revisions and tokens. */
function reviewedRecord(id: string): { type: VersionedType; rowId: number } {
  const { type, rowId } = fromGlobalId(id, "id");
  if (type !== "Entity" && type !== "Relation" && type !== "Source") {
    throw userInputError("Only entities, relations and sources are reviewed; a citation shows with its relation and source.", "id");
  }
  return { type, rowId };
}

/** The API object of a row, as editors reading drafts see it. */
export function toNode<T extends VersionedType>(type: T, row: VersionedRows[T]): Node {
  if (type === "Entity") return toEntity(row as VersionedRows["Entity"], true);
  if (type === "Relation") return toRelation(row as VersionedRows["Relation"], true);
  return toSource(row as VersionedRows["Source"], true);
}

/**
 * REVIEWER: makes a draft public, or applies the pending edit of published
 * content. A relation is published together with whatever it stands on:
 * its two entities and the sources of its citations, when they are drafts
 * (each gets its own "publish" revision). Retracted or deleted ones are
 * refused: a reviewer brings those back deliberately, one by one.
 * The reviewer approves the version they read: CONFLICT (with the current
 * version) when anything changed since, its fields, its pending edit or,
 * for a relation, its citations (each of which moves its version on).
 */
export function publish(ctx: Context, id: string, expectedVersion: number): Promise<Node> {
  return runMutation(ctx, "REVIEWER", async (tx, actor) => {
    const { type, rowId } = reviewedRecord(id);
    // Entities (which it may publish and whose kinds it checks), then the relation: see locks.ts.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a row lock: the embedded database runs one transaction at a time, so only PostgreSQL can tell (test/editor-races.test.ts)
    if (type === "Relation") await lockEntitiesOfRelation(tx, rowId, "UPDATE");
    // The relations citing a source, then the source: a flag it clears must not lose its citation meanwhile.
    if (type === "Source") await lockSourcesWithRelations(tx, [rowId]);
    const current = await findLive(tx, type, rowId);
    assertVersion(current, expectedVersion);
    const flagged = type === "Relation" && (current as VersionedRows["Relation"]).needsReview;
    if (current.status === "PUBLISHED" && Object.keys(pendingOf(current)).length === 0 && !flagged) {
      throw userInputError("This is already published and has no pending changes.", "id");
    }
    if (type === "Source") assertNotRetractedByPublisher(current as VersionedRows["Source"]);
    if (type === "Relation") await publishWhatRelationNeeds(tx, current as VersionedRows["Relation"], actor);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral,BlockStatement: never refuses: every write keeps live relations fitting the kinds editors see (pending ones included), so a pending kind already fits
    if (type === "Entity" && "kind" in pendingOf(current)) {
      await assertRelationsFitKind(tx, rowId, pendingOf(current).kind as VersionedRows["Entity"]["kind"]);
    }
    const published = await publishRow(tx, type, current, actor);
    if (type === "Source" && current.status === "RETRACTED") await clearFlagsRestoredBy(tx, rowId, actor);
    return toNode(type, published);
  });
}

/**
 * REVIEWER: hides published content from the public and keeps it (publish
 * brings it back); CONFLICT unless at `expectedVersion`. Retracting a source
 * flags each published claim that loses its last visible citation with it
 * (see sources/source-support.ts); retracting a flagged claim settles its flag.
 */
export function retract(ctx: Context, id: string, expectedVersion: number, reason: string): Promise<Node> {
  return runMutation(ctx, "REVIEWER", async (tx, actor) => {
    const { type, rowId } = reviewedRecord(id);
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArrayDeclaration: a row lock: the embedded database runs one transaction at a time, so only PostgreSQL can tell (test/editor-races.test.ts)
    if (type === "Source") await lockSourcesWithRelations(tx, [rowId]);
    const current = await findLive(tx, type, rowId);
    assertVersion(current, expectedVersion);
    const why = requiredText(reason, "reason", MAX_REASON);
    if (current.status !== "PUBLISHED") throw userInputError(`Only published content can be retracted; this is ${current.status}.`, "id");
    const settled = type === "Relation" && (current as VersionedRows["Relation"]).needsReview ? CLEARED_FLAG : {};
    const row = await updateRecord(tx, type, current, { status: "RETRACTED", ...settled }, { action: "retract", actor, reason: why });
    if (type === "Source") await flagClaimsRestingOnlyOn(tx, [rowId], `Source ${id} was retracted: ${why}`, actor);
    return toNode(type, row);
  });
}

export interface PublisherRetraction {
  /** Partial ISO date. */
  retractedOn: string;
  /** The notice's URL or words. */
  notice: string;
}

/**
 * REVIEWER: records that a source's own publisher retracted it (the date and
 * the notice), and retracts it here too when it is published, flagging the
 * claims that lose their last visible citation, as `retract` does. A source
 * retracted by its publisher cannot be published again (revert the
 * revision that recorded it, if it was recorded by mistake).
 */
export function recordPublisherRetraction(ctx: Context, id: string, expectedVersion: number, input: PublisherRetraction): Promise<Source> {
  return runMutation(ctx, "REVIEWER", async (tx, actor) => {
    const rowId = fromGlobalId(id, "id", "Source").rowId;
    await lockSourcesWithRelations(tx, [rowId]);
    const current = await findLive(tx, "Source", rowId);
    assertVersion(current, expectedVersion);
    const retractedOn = partialDate(input.retractedOn, "retractedOn");
    if (retractedOn === null) throw userInputError("retractedOn must not be empty.", "retractedOn");
    const notice = requiredText(input.notice, "notice", MAX_REASON);
    const data = { publisherRetractedOn: retractedOn, retractionNotice: notice, ...(current.status === "PUBLISHED" && { status: "RETRACTED" }) };
    assertChangesSomething(current, data);
    const why = `Its publisher retracted it on ${retractedOn}: ${notice}`;
    const row = await updateRecord(tx, "Source", current, data, { action: "publisherRetraction", actor, reason: why });
    await flagClaimsRestingOnlyOn(tx, [rowId], `Source ${id} was retracted by its publisher on ${retractedOn}: ${notice}`, actor);
    return toSource(row, true);
  });
}

function assertNotRetractedByPublisher(source: VersionedRows["Source"]): void {
  if (source.publisherRetractedOn !== null) {
    throw userInputError(`Source ${toGlobalId("Source", source.id)} was retracted by its publisher on ${source.publisherRetractedOn}: it cannot support claims.`, "id");
  }
}

/** Applies the pending edit and makes the row public; a relation's review flag is settled by it (the caller checked its support). */
function publishRow<T extends VersionedType>(tx: Tx, type: T, row: VersionedRows[T], actor: Actor): Promise<VersionedRows[T]> {
  const settled = type === "Relation" && (row as VersionedRows["Relation"]).needsReview ? CLEARED_FLAG : {};
  const data = { ...pendingOf(row), status: "PUBLISHED", pendingChanges: null, ...settled };
  return updateRecord(tx, type, row, data, { action: "publish", actor });
}

/**
 * What publishing a relation needs, checked and done: a live citation, and
 * every entity and cited source neither deleted nor retracted (drafts among
 * them are published too), and a predicate that fits the kinds the public
 * will see. The caller holds the locks of the entities and the relation
 * (see locks.ts); the cited sources are locked here, after them.
 */
export async function publishWhatRelationNeeds(tx: Tx, relation: VersionedRows["Relation"], actor: Actor): Promise<void> {
  const cited = await tx.citation.findMany({ where: { relationId: relation.id, deletedAt: null }, select: { sourceId: true } });
  if (cited.length === 0) throw userInputError("A relation needs at least one citation before it can be published.", "id");
  await lockRows(tx, "Source", cited.map((citation) => citation.sourceId), "UPDATE");
  const citations = await tx.citation.findMany({ where: { relationId: relation.id, deletedAt: null }, include: { source: true } });
  const entities = await tx.entity.findMany({ where: { id: { in: [relation.subjectId, relation.objectId] } } });
  for (const entity of entities) await publishDependency(tx, "Entity", entity, actor);
  assertFitsPublishedKinds(relation, entities);
  const sources = new Map(citations.map((citation) => [citation.source.id, citation.source]));
  for (const source of sources.values()) await publishDependency(tx, "Source", source, actor);
}

/**
 * The kinds the public will see are the stored ones (a draft entity's own, a
 * published entity's without its pending edit): the predicate must fit them,
 * even when it was checked against an editor's pending change of kind.
 */
function assertFitsPublishedKinds(relation: VersionedRows["Relation"], entities: VersionedRows["Entity"][]): void {
  const kindOf = (id: number) => entities.find((entity) => entity.id === id)!.kind;
  const mismatch = predicateMismatch(relation.predicate, kindOf(relation.subjectId), kindOf(relation.objectId));
  if (!mismatch) return;
  const pendingKind = entities.some((entity) => "kind" in pendingOf(entity));
  throw userInputError(pendingKind ? `${mismatch} Publish the pending change of kind first.` : mismatch, "id");
}

async function publishDependency<T extends VersionedType>(tx: Tx, type: T, row: VersionedRows[T] & VersionedRow, actor: Actor): Promise<void> {
  const what = `${type.toLowerCase()} ${row.id}`;
  // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable, kept as the rule's last guard: a relation is published only with both entities live (findLive; revert checks them first), and no live citation is of a deleted source (revert refuses to delete a cited source, merge moves its citations)
  if (row.deletedAt) throw userInputError(`The relation rests on a deleted ${what}: restore it or change the relation first.`, "id");
  if (row.status === "RETRACTED") throw userInputError(`The relation rests on a retracted ${what}: publish that first.`, "id");
  if (type === "Source") assertNotRetractedByPublisher(row as VersionedRows["Source"]);
  if (row.status === "DRAFT") await publishRow(tx, type, row, actor);
}
