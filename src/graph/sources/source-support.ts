import { userInputError } from "../../errors";
import type { Tx } from "../editing/mutation";
import { toGlobalId } from "../node/global-id";
import { visibleSource } from "../review/visibility";

/**
 * A published relation must keep at least one citation the public sees.
 * Hiding sources (retracting, deleting, reverting their publication) is
 * refused with BAD_USER_INPUT when some published relation is cited only
 * through them. The caller holds the locks of those sources and of the
 * relations citing them (`lockSourcesWithRelations`), so no citation can be
 * removed meanwhile.
 */
export async function assertNoClaimRestsOnlyOn(tx: Tx, sourceIds: number[], verb: string): Promise<void> {
  const unsupported = await tx.relation.findFirst({
    where: {
      status: "PUBLISHED",
      deletedAt: null,
      citations: { some: { deletedAt: null, sourceId: { in: sourceIds } }, none: { deletedAt: null, sourceId: { notIn: sourceIds }, source: visibleSource(false) } },
    },
    select: { id: true },
  });
  if (unsupported) {
    const relation = toGlobalId("Relation", unsupported.id);
    throw userInputError(`Published relation ${relation} is cited only through this source: cite another published source or retract the relation before you ${verb} it.`, "id");
  }
}
