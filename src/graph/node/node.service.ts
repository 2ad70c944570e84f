import { hasRole } from "../../auth/roles";
import { findToken } from "../../auth/token.service";
import type { Context } from "../../context";
import { findRevision } from "../history/history.service";
import { assertCanReadDrafts } from "../review/visibility";
import { fromGlobalId } from "./global-id";
import type { Node } from "./node.type";
import { toApiToken } from "../tokens/api-token.type";

/**
 * Any record by its global id; null when it does not exist or the reader may
 * not see it (revisions: signed-in only; API tokens: ADMIN only).
 */
export async function findNode(context: Context, id: string, includeDrafts: boolean): Promise<Node | null> {
  assertCanReadDrafts(context, includeDrafts);
  const { type, rowId } = fromGlobalId(id, "id");
  switch (type) {
    case "Entity":
      return context.loaders.entity(includeDrafts).load(rowId);
    case "Relation":
      return context.loaders.relation(includeDrafts).load(rowId);
    case "Citation":
      return context.loaders.citation(includeDrafts).load(rowId);
    case "Source":
      return context.loaders.source(includeDrafts).load(rowId);
    case "Revision":
      return findRevision(context, rowId);
    case "ApiToken": {
      const token = context.viewer && hasRole(context.viewer, "ADMIN") ? await findToken(context.db, rowId) : null;
      return token && toApiToken(token);
    }
  }
}
