import type { Context } from "../context";
import { forbiddenError, unauthenticatedError } from "../errors";
import type { Role } from "../generated/prisma/enums";
import type { Viewer } from "./viewer";

// Each role includes the ones below it: ADMIN ⊃ REVIEWER ⊃ EDITOR.
const RANK: Record<Role, number> = { EDITOR: 1, REVIEWER: 2, ADMIN: 3 };

/** Whether the viewer's role includes `role`. */
export function hasRole(viewer: Viewer, role: Role): boolean {
  return RANK[viewer.role] >= RANK[role];
}

/**
 * The signed-in viewer when their role includes `role`: UNAUTHENTICATED for
 * an anonymous caller, FORBIDDEN for a role too low. Call it before any read
 * a mutation makes, so a refused caller learns nothing about the records.
 */
export function requireRole(ctx: Pick<Context, "viewer">, role: Role): Viewer {
  if (!ctx.viewer) throw unauthenticatedError(`Sign in with an API token of role ${role} or above.`);
  if (!hasRole(ctx.viewer, role)) throw forbiddenError(`This needs the ${role} role; your token has ${ctx.viewer.role}.`);
  return ctx.viewer;
}
