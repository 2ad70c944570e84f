import type { Tx } from "./mutation";

/*
 * Row locks for the rules that span rows (a published relation and its
 * citations, a relation and its entities' kinds, a source and the citations
 * it carries). Why locks rather than SERIALIZABLE: each rule has a small,
 * known set of rows it depends on, so `SELECT ... FOR UPDATE|SHARE` of those
 * rows makes the second writer wait and then re-read what the first one
 * committed (READ COMMITTED takes a new snapshot per statement), and it gets
 * the same answer as when run one after the other. SERIALIZABLE would abort
 * it instead, retried blindly, and its predicate locks also fire on
 * unrelated rows of the same index pages.
 *
 * Every mutation takes its locks in one order, entities, then relations,
 * then sources, each set by ascending id, and reads the rows it checks only
 * after locking them. Where a mutation only learns late which rows it
 * depends on (a merge finds the relations of a source's citations), a
 * deadlock stays possible; PostgreSQL breaks it and `runMutation` retries.
 *
 * On the embedded database transactions never interleave (one backend), so
 * these locks are granted at once; they matter on PostgreSQL.
 */

/** FOR UPDATE: the caller changes the rows. FOR SHARE: it depends on them staying as read (writers wait, readers do not). */
export type LockMode = "UPDATE" | "SHARE";

const TABLES = { Entity: "entity", Relation: "relation", Source: "source" } as const;

/**
 * Locks the rows of `type` with these ids (missing ids are skipped), in
 * ascending id order: PostgreSQL sorts before it locks (ORDER BY ... FOR).
 */
export async function lockRows(tx: Tx, type: keyof typeof TABLES, rowIds: Iterable<number>, mode: LockMode): Promise<void> {
  const ids = [...new Set(rowIds)];
  // Stryker disable next-line ConditionalExpression: equivalent, the statement locks nothing for an empty list either; the return saves its round trip
  if (ids.length === 0) return;
  await tx.$queryRawUnsafe(`SELECT id FROM "${TABLES[type]}" WHERE id = ANY($1::int[]) ORDER BY id FOR ${mode}`, ids);
}

/**
 * Locks the relations that cite any of `sourceIds` (FOR UPDATE), then the
 * sources (FOR UPDATE), in the global order. The relations are found before
 * the sources are locked; a citation added meanwhile to another relation
 * has its relation locked after the sources (the one place the order is
 * broken, retried on deadlock). Returns the locked relation ids.
 */
export async function lockSourcesWithRelations(tx: Tx, sourceIds: number[]): Promise<Set<number>> {
  const relationsCiting = async () =>
    (await tx.citation.findMany({ where: { sourceId: { in: sourceIds }, deletedAt: null }, select: { relationId: true } })).map((row) => row.relationId);
  const locked = new Set(await relationsCiting());
  await lockRows(tx, "Relation", locked, "UPDATE");
  await lockRows(tx, "Source", sourceIds, "UPDATE");
  // Stryker disable next-line MethodExpression: equivalent, locking again a row the transaction holds is a no-op
  const late = (await relationsCiting()).filter((id) => !locked.has(id));
  await lockRows(tx, "Relation", late, "UPDATE");
  for (const id of late) locked.add(id);
  return locked;
}

/**
 * Locks the two entities of a relation, before the relation itself (the
 * global order). Subject and object never change, so reading them unlocked
 * first is safe. Nothing happens when the relation does not exist.
 */
export async function lockEntitiesOfRelation(tx: Tx, relationRowId: number, mode: LockMode): Promise<void> {
  const relation = await tx.relation.findUnique({ where: { id: relationRowId }, select: { subjectId: true, objectId: true } });
  if (relation) await lockRows(tx, "Entity", [relation.subjectId, relation.objectId], mode);
}
