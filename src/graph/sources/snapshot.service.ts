import { createHash } from "node:crypto";
import type { Context } from "../../context";
import { userInputError } from "../../errors";
import type { SourceSnapshot as SnapshotRow } from "../../generated/prisma/client";
import { latestSnapshot, type Reanchoring, reanchorCitations } from "../citations/anchor.service";
import { type Citation, toCitation } from "../citations/citation.type";
import { runMutation, type Tx } from "../editing/mutation";
import { characters } from "../editing/validation";
import { findLive } from "../editing/versioned-record";
import { type Actor, recordRevision } from "../history/revision.service";
import { fromGlobalId, toGlobalId } from "../node/global-id";
import { type Source, toSource } from "./source.type";
import { type SourceSnapshot, toSourceSnapshot } from "./snapshot.type";

/** The largest snapshot, in characters (a long article is well under 100,000). */
export const MAX_SNAPSHOT = 1_000_000;

/** Lowercase hex SHA-256 of the text's UTF-8 bytes. */
export function sha256Of(content: string): string {
  return createHash("sha256").update(content, "utf8").digest("hex");
}

/**
 * Adds a text snapshot to a source and re-anchors the source's citations in
 * it (anchor.service.ts), logging both as one "addSnapshot" revision of the
 * source: the snapshot's id and SHA-256, and the global ids of the citations
 * found again and of those flagged. The source's own fields and version do
 * not change. The caller has checked the content and locked the source.
 */
export async function recordSnapshot(tx: Tx, sourceRowId: number, content: string, actor: Actor): Promise<{ snapshot: SnapshotRow } & Reanchoring> {
  const snapshot = await tx.sourceSnapshot.create({ data: { sourceId: sourceRowId, content, sha256: sha256Of(content), createdBy: actor.name } });
  const reanchoring = await reanchorCitations(tx, snapshot);
  const ids = (rows: { id: number }[]) => rows.map((row) => toGlobalId("Citation", row.id));
  await recordRevision(tx, {
    recordType: "SOURCE",
    recordId: sourceRowId,
    action: "addSnapshot",
    actor,
    before: null,
    after: { snapshot: { id: snapshot.id, sha256: snapshot.sha256, length: characters(content) }, reanchored: ids(reanchoring.found), flagged: ids(reanchoring.flagged) },
  });
  return { snapshot, ...reanchoring };
}

/** What addSourceSnapshot answers. */
export interface AddedSnapshot {
  source: Source;
  snapshot: SourceSnapshot;
  reanchored: Citation[];
  flagged: Citation[];
}

/**
 * EDITOR: adds a newer text of a live source (kept exactly as given, so its
 * SHA-256 is the file's; 1 to 1,000,000 characters, not all whitespace, no
 * NUL; BAD_USER_INPUT naming `content` otherwise, or when it is the source's
 * latest text already) and re-anchors every live citation of it:
 * each is found again or flagged QUOTE_NOT_FOUND for reviewers
 * (flaggedCitations). NOT_FOUND for a missing or deleted source.
 */
export function addSourceSnapshot(ctx: Context, sourceId: string, content: string): Promise<AddedSnapshot> {
  return runMutation(ctx, "EDITOR", async (tx, actor) => {
    const text = snapshotText(content);
    // FOR UPDATE: a citation being added to this source (FOR SHARE) finishes first, and is re-anchored below.
    const source = await findLive(tx, "Source", fromGlobalId(sourceId, "sourceId", "Source").rowId);
    const latest = await latestSnapshot(tx, source.id);
    if (latest?.sha256 === sha256Of(text)) throw userInputError("content is already the latest snapshot of this source.", "content");
    const { snapshot, found, flagged } = await recordSnapshot(tx, source.id, text, actor);
    return {
      source: toSource(source, true),
      snapshot: toSourceSnapshot(snapshot),
      reanchored: found.map((row) => toCitation(row, true)),
      flagged: flagged.map((row) => toCitation(row, true)),
    };
  });
}

// Kept exactly as given: positions count in this very text, and its SHA-256 is the file's.
function snapshotText(content: string): string {
  if (content.trim() === "") throw userInputError("content must not be empty.", "content");
  if (content.includes("\u0000")) throw userInputError("content must not contain a NUL character.", "content");
  if (characters(content) > MAX_SNAPSHOT) throw userInputError(`content must be at most ${MAX_SNAPSHOT} characters.`, "content");
  return content;
}

/** A source's snapshots, newest first. */
export async function snapshotsOf(ctx: Context, source: Source): Promise<SourceSnapshot[]> {
  const rows = await ctx.db.sourceSnapshot.findMany({ where: { sourceId: source.rowId }, orderBy: { id: "desc" } });
  return rows.map(toSourceSnapshot);
}
