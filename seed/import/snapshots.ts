import type { SourceSnapshot } from "../../src/generated/prisma/client";
import { latestSnapshot } from "../../src/graph/citations/anchor.service";
import { recordSnapshot } from "../../src/graph/sources/snapshot.service";
import type { ImportRun } from "./ledger";

/**
 * The article's latest text snapshot: the article text itself when the
 * source has none yet (a new source, or one loaded before snapshots
 * existed, whose citations are then anchored in it), else the one it has.
 * A newer text is an editor's call (addSourceSnapshot), never an import's.
 */
export async function ensureArticleSnapshot({ tx, actor }: ImportRun, articleRowId: number, articleText: string): Promise<SourceSnapshot> {
  const latest = await latestSnapshot(tx, articleRowId);
  if (latest) return latest;
  return (await recordSnapshot(tx, articleRowId, articleText, actor)).snapshot;
}
