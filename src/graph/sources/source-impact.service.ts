import { requireRole } from "../../auth/roles";
import type { Context } from "../../context";
import { notFoundError } from "../../errors";
import { fromGlobalId } from "../node/global-id";
import { toRelation } from "../relations/relation.type";
import type { SourceImpact } from "./source-impact.type";
import { supportWithout } from "./source-support";
import { toSource } from "./source.type";

/**
 * Any signed-in role: which published claims would lose their last visible
 * citation if the source were retracted or deleted, and which would keep
 * one. NOT_FOUND for a deleted or unknown source. An editorial what-if, so
 * not public: it answers from every source's current review state, and its
 * relations are shown as editors see them (pending edits applied).
 */
export async function sourceImpact(ctx: Context, id: string): Promise<SourceImpact> {
  requireRole(ctx, "EDITOR");
  const rowId = fromGlobalId(id, "id", "Source").rowId;
  const source = await ctx.db.source.findUnique({ where: { id: rowId } });
  if (!source || source.deletedAt) throw notFoundError("There is no source with this id.");
  const { losing, keeping } = await supportWithout(ctx.db, [rowId]);
  return {
    source: toSource(source, true),
    wouldLoseAllSupport: losing.map((row) => toRelation(row, true)),
    wouldKeepSupport: keeping.map((row) => toRelation(row, true)),
  };
}
