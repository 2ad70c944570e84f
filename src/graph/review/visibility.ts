import type { Context } from "../../context";
import { unauthenticatedError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { ReviewStatus } from "../../generated/prisma/enums";

/*
 * Who sees what, as Prisma `where` clauses, so that every read (root fields,
 * nested fields, loaders, search, graph walks, editor reads) applies the same
 * rules. Anonymous readers see published, non-deleted records; a signed-in
 * viewer asking with `includeDrafts` sees every non-deleted record.
 */

/** Not deleted, and published unless drafts are included. */
function liveRecord(includeDrafts: boolean): { deletedAt: null; status?: ReviewStatus } {
  return includeDrafts ? { deletedAt: null } : { deletedAt: null, status: ReviewStatus.PUBLISHED };
}

/** Entities the reader may see. */
export function visibleEntity(includeDrafts: boolean): Prisma.EntityWhereInput {
  return liveRecord(includeDrafts);
}

/** Sources the reader may see. */
export function visibleSource(includeDrafts: boolean): Prisma.SourceWhereInput {
  return liveRecord(includeDrafts);
}

/** Relations the reader may see: visible themselves, and both their entities visible. */
export function visibleRelation(includeDrafts: boolean): Prisma.RelationWhereInput {
  return {
    ...liveRecord(includeDrafts),
    subject: visibleEntity(includeDrafts),
    object: visibleEntity(includeDrafts),
  };
}

/**
 * Citations the reader may see: not deleted, their source visible, and the
 * relation they support visible (a quote must not reveal a hidden claim).
 */
export function visibleCitation(includeDrafts: boolean): Prisma.CitationWhereInput {
  return {
    deletedAt: null,
    source: visibleSource(includeDrafts),
    relation: visibleRelation(includeDrafts),
  };
}

/** References ("article X lists source Y as number N") whose listing article the reader may see. */
export function visibleReference(includeDrafts: boolean): Prisma.ReferenceWhereInput {
  return { citing: visibleSource(includeDrafts) };
}

/** Drafts are for signed-in editors: UNAUTHENTICATED when an anonymous request asks for them. */
export function assertCanReadDrafts(context: Pick<Context, "viewer">, includeDrafts: boolean): void {
  if (includeDrafts && !context.viewer) throw unauthenticatedError("Sign in to read drafts (includeDrafts: true).");
}
