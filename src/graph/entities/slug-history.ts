import { userInputError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import type { Tx } from "../editing/mutation";

/*
 * Slugs are permanent addresses. An entity keeps answering to every slug it
 * had (former_slug), and no other entity may take one of them, deleted
 * entities' included.
 */

/**
 * The one slug -> entity rule, as a `where` clause for every read that
 * looks an entity up by slug: the entity that holds `slug` now, or the one
 * that held it before a rename. Combine it with a visibility clause.
 */
export function answersToSlug(slug: string): Prisma.EntityWhereInput {
  return { OR: [{ slug }, { formerSlugs: { some: { slug } } }] };
}

/** BAD_USER_INPUT naming `slug` unless it is free for `entityId` (or for a new entity): nobody else holds it now or held it before. */
export async function assertSlugFree(tx: Tx, slug: string, entityId?: number): Promise<void> {
  const holder = await tx.entity.findFirst({ where: { ...answersToSlug(slug), ...(entityId !== undefined && { id: { not: entityId } }) }, select: { id: true } });
  if (holder) throw userInputError(`The slug "${slug}" is already taken (slugs stay reserved after a rename or deletion).`, "slug");
}

/** After a write changed an entity's stored slug: the old slug becomes one of its former slugs; the new one, if it was, is current again. */
export async function retireSlug(tx: Tx, entityId: number, oldSlug: string, newSlug: string): Promise<void> {
  if (oldSlug === newSlug) return;
  await tx.formerSlug.deleteMany({ where: { slug: newSlug, entityId } });
  await tx.formerSlug.createMany({ data: [{ slug: oldSlug, entityId }], skipDuplicates: true });
}
