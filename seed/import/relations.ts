import type { Prisma } from "../../src/generated/prisma/client";
import type { ExtractedRelation } from "../extraction.schema";
import type { ImportRun } from "./ledger";

/**
 * The new relations to create, less those whose endpoint an editor deleted or
 * whose claim a live relation already states (reported skipped); reads only.
 */
export async function planRelations({ tx, ledgers }: ImportRun, relations: ExtractedRelation[]): Promise<ExtractedRelation[]> {
  const entityIds = ledgers.entities.existing;
  const candidates = relations.filter((relation) => ledgers.relations.isNew(relation.key));
  const liveClaims = await findLiveClaims(tx, candidates, entityIds);
  return candidates.filter((relation) => {
    const deletedEndpoint = [relation.subject, relation.object].find((key) => ledgers.entities.deleted.has(key));
    const claimHolder = liveClaims.get(claimOf(relation, entityIds));
    if (deletedEndpoint) ledgers.relations.skip(relation.key, `${deletedEndpoint} was deleted since import`);
    else if (claimHolder) ledgers.relations.skip(relation.key, `relation ${claimHolder} already states this claim`);
    return !deletedEndpoint && !claimHolder;
  });
}

/** Creates the planned relations as published between their entities; leaves existing ones alone. Returns every relation id by import key. */
export async function writeRelations(
  run: ImportRun,
  newRelations: ExtractedRelation[],
  entityIds: Map<string, number>,
): Promise<Map<string, number>> {
  const created = await run.tx.relation.createManyAndReturn({
    data: newRelations.map(({ key, subject, predicate, object, context, redFlag, urgency, note, ...claim }) => ({
      importKey: key,
      subjectId: entityIds.get(subject) as number,
      predicate,
      objectId: entityIds.get(object) as number,
      context, redFlag, urgency, note,
      // Rank, evidence, negation and hedge (issue 12).
      rank: claim.rank, deprecationReason: claim.deprecationReason, rankNote: claim.rankNote,
      knowledgeLevel: claim.knowledgeLevel, agentType: claim.agentType, negated: claim.negated, hedge: claim.hedge,
      status: "PUBLISHED" as const,
    })),
  });
  return run.ledgers.relations.recordCreated(run, created);
}

function claimOf(relation: ExtractedRelation, entityIds: Map<string, number>): string {
  return [entityIds.get(relation.subject), relation.predicate, entityIds.get(relation.object), relation.context].join(" ");
}

// Live relations (by id) that already state one of these claims between existing entities.
async function findLiveClaims(tx: Prisma.TransactionClient, relations: ExtractedRelation[], entityIds: Map<string, number>) {
  // Stryker disable next-line MethodExpression,ConditionalExpression,LogicalOperator: equivalent, a claim with an end not imported has no id there, so its key matches no row; the filter keeps it out of the query
  const between = relations.filter((relation) => entityIds.has(relation.subject) && entityIds.has(relation.object));
  // Stryker disable next-line ConditionalExpression: equivalent, an empty OR matches no row; the return saves the round trip
  if (between.length === 0) return new Map<string, number>();
  const rows = await tx.relation.findMany({
    where: {
      deletedAt: null,
      OR: between.map((relation) => ({
        subjectId: entityIds.get(relation.subject),
        predicate: relation.predicate,
        objectId: entityIds.get(relation.object),
        context: relation.context,
      })),
    },
    select: { id: true, subjectId: true, predicate: true, objectId: true, context: true },
  });
  return new Map(rows.map((row) => [[row.subjectId, row.predicate, row.objectId, row.context].join(" "), row.id]));
}
