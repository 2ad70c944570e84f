import type { Prisma } from "../../src/generated/prisma/client";
import type { ExtractedEntity } from "../extraction.schema";
import { ExtractionError } from "../validate-extraction";
import type { ImportRun } from "./ledger";

/** Refuses the import (ExtractionError) when another entity holds a new entity's slug; reads only, since a slug is reserved forever. */
export async function refuseTakenSlugs(tx: Prisma.TransactionClient, newEntities: ExtractedEntity[]): Promise<void> {
  const slugHolders = await tx.entity.findMany({
    where: { slug: { in: newEntities.map((entity) => entity.slug) } },
    select: { slug: true, importKey: true },
  });
  if (slugHolders.length === 0) return;
  throw new ExtractionError(
    slugHolders.map((holder) => {
      const entity = newEntities.find((candidate) => candidate.slug === holder.slug);
      return `${entity?.key}: slug "${holder.slug}" is taken by ${holder.importKey ?? "an entity created by an editor"}`;
    }),
  );
}

/** Creates the new entities as published; leaves existing ones alone. Returns every entity id by import key. */
export async function writeEntities(run: ImportRun, newEntities: ExtractedEntity[]): Promise<Map<string, number>> {
  const created = await run.tx.entity.createManyAndReturn({
    data: newEntities.map(({ key, kind, slug, name, aliases, summary }) => ({
      importKey: key, kind, slug, name, aliases, summary, status: "PUBLISHED" as const,
    })),
  });
  return run.ledgers.entities.recordCreated(run, created);
}
