import type { Context } from "../../context";
import { userInputError } from "../../errors";
import type { EntityKind } from "../enums";
import { runMutation, type Tx } from "../editing/mutation";
import { optionalText, passedFields, requiredText, textList } from "../editing/validation";
import {
  assertVersion,
  createRecord,
  applyEdit,
  effectiveState,
  findLive,
  type RecordData,
  restoreDeleted,
  softDelete,
} from "../editing/versioned-record";
import { fromGlobalId } from "../node/global-id";
import { predicateMismatch } from "../relations/predicate-rules";
import type { CreateEntityInput, UpdateEntityInput } from "./entity.input";
import { type Entity, toEntity } from "./entity.type";
import { checkedSlug } from "./slug";
import { assertSlugFree } from "./slug-history";

const MAX_NAME = 200;
const MAX_ALIAS = 200;
const MAX_SUMMARY = 5000;
// Aliases are search terms, indexed with the name and summary in one full-text
// index: these caps keep an entity far below what a tsvector can hold (1 MB).
const ALIAS_LIMITS = { maxItems: 50, maxTotal: 2000 };

/** EDITOR: a new draft entity. */
export function createEntity(ctx: Context, input: CreateEntityInput): Promise<Entity> {
  return runMutation(ctx, "EDITOR", async (tx, actor) => {
    const name = requiredText(input.name, "name", MAX_NAME);
    const slug = checkedSlug(input.slug, name);
    await assertSlugFree(tx, slug);
    const data = {
      kind: input.kind,
      name,
      slug,
      aliases: textList(input.aliases ?? [], "aliases", MAX_ALIAS, ALIAS_LIMITS),
      summary: optionalText(input.summary, "summary", MAX_SUMMARY),
    };
    return toEntity(await createRecord(tx, "Entity", data, { action: "create", actor }), true);
  });
}

/** EDITOR: changes a draft in place, or puts the change to published content up for review. */
export function updateEntity(ctx: Context, id: string, expectedVersion: number, input: UpdateEntityInput): Promise<Entity> {
  return runMutation(ctx, "EDITOR", async (tx, actor) => {
    const current = await findLive(tx, "Entity", fromGlobalId(id, "id", "Entity").rowId);
    assertVersion(current, expectedVersion);
    const changes = entityChanges(input);
    const before = effectiveState(current, {});
    if (changes.slug !== undefined && changes.slug !== before.slug) await assertSlugFree(tx, changes.slug as string, current.id);
    if (changes.kind !== undefined && changes.kind !== before.kind) await assertRelationsFitKind(tx, current.id, changes.kind as EntityKind);
    return toEntity(await applyEdit(tx, "Entity", current, changes, actor), true);
  });
}

/** REVIEWER: soft deletion; the entity and its slug stay in the database. */
export function deleteEntity(ctx: Context, id: string, reason: string): Promise<Entity> {
  return runMutation(ctx, "REVIEWER", async (tx, actor) =>
    toEntity(await softDelete(tx, "Entity", fromGlobalId(id, "id", "Entity").rowId, reason, actor), true),
  );
}

/** REVIEWER: undoes a soft deletion. */
export function restoreEntity(ctx: Context, id: string): Promise<Entity> {
  return runMutation(ctx, "REVIEWER", async (tx, actor) =>
    toEntity(await restoreDeleted(tx, "Entity", fromGlobalId(id, "id", "Entity").rowId, actor), true),
  );
}

/** The checked columns an update sets. */
function entityChanges(input: UpdateEntityInput): RecordData {
  const given = passedFields(input);
  const changes: RecordData = {};
  if ("kind" in given) {
    if (given.kind === null) throw userInputError("kind cannot be cleared.", "kind");
    changes.kind = given.kind;
  }
  if ("name" in given) changes.name = requiredText(given.name, "name", MAX_NAME);
  if ("slug" in given) changes.slug = checkedSlug(given.slug ?? "", "");
  if ("aliases" in given) changes.aliases = textList(given.aliases ?? [], "aliases", MAX_ALIAS, ALIAS_LIMITS);
  if ("summary" in given) changes.summary = optionalText(given.summary, "summary", MAX_SUMMARY);
  if (Object.keys(changes).length === 0) throw userInputError("Give at least one field to change.", "input");
  return changes;
}

/** A new kind must still fit the predicate of every live relation the entity takes part in. */
export async function assertRelationsFitKind(tx: Tx, entityId: number, kind: EntityKind): Promise<void> {
  const relations = await tx.relation.findMany({
    where: { deletedAt: null, OR: [{ subjectId: entityId }, { objectId: entityId }] },
    include: { subject: true, object: true },
  });
  for (const relation of relations) {
    const subjectKind = relation.subjectId === entityId ? kind : effectiveState(relation.subject, {}).kind;
    const objectKind = relation.objectId === entityId ? kind : effectiveState(relation.object, {}).kind;
    const mismatch = predicateMismatch(relation.predicate, subjectKind, objectKind);
    if (mismatch) throw userInputError(`The new kind does not fit a relation of this entity: ${mismatch}`, "kind");
  }
}
