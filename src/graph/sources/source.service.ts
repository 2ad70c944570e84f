import type { Context } from "../../context";
import type { Database } from "../../db/client";
import type { Reference, Source as SourceRow } from "../../generated/prisma/client";
import { manyForEachKey } from "../batch";
import type { ConnectionArgs } from "../pagination/connection.args";
import type { Connection } from "../pagination/connection.type";
import type { DraftsArgs } from "../review/drafts.args";
import { paginate } from "../pagination/paginate";
import { assertCanReadDrafts, visibleReference, visibleSource } from "../review/visibility";
import { type Source, toSource } from "./source.type";

/** Batch function of the references-to-a-source loader: where visible articles list each source. */
export async function loadReferencesTo(db: Database, includeDrafts: boolean, sourceRowIds: readonly number[]): Promise<Reference[][]> {
  const rows = await db.reference.findMany({
    where: { citedId: { in: [...sourceRowIds] }, ...visibleReference(includeDrafts) },
    orderBy: [{ number: "asc" }, { citingId: "asc" }],
  });
  return manyForEachKey(sourceRowIds, rows, (reference) => [reference.citedId]);
}

/** A page of sources, ordered by title then id. */
export function listSources(context: Context, args: ConnectionArgs & DraftsArgs): Promise<Connection<Source>> {
  assertCanReadDrafts(context, args.includeDrafts);
  const where = visibleSource(args.includeDrafts);
  return paginate(
    args,
    {
      sortField: "title",
      sortKey: (row: SourceRow) => ({ value: row.title, id: row.id }),
      findMany: (conditions, order, take) =>
        context.db.source.findMany({ where: { ...where, AND: conditions }, orderBy: [{ title: order }, { id: order }], take }),
      count: () => context.db.source.count({ where }),
    },
    (row) => toSource(row, args.includeDrafts),
  );
}

/** Every number under which a visible article lists `source`, ascending, each once. */
export async function referenceNumbersOf(context: Context, source: Source): Promise<number[]> {
  const references = await context.loaders.referencesTo(source.includeDrafts).load(source.rowId);
  return [...new Set(references.map((reference) => reference.number))];
}

/** The visible articles that list `source` among their references, by title then id. */
export async function citedByOf(context: Context, source: Source): Promise<Source[]> {
  const references = await context.loaders.referencesTo(source.includeDrafts).load(source.rowId);
  const citingIds = [...new Set(references.map((reference) => reference.citingId))];
  const citing = await Promise.all(citingIds.map((id) => context.loaders.source(source.includeDrafts).load(id)));
  return citing
    .filter((found): found is Source => found !== null)
    .sort((a, b) => (a.title === b.title ? a.rowId - b.rowId : a.title < b.title ? -1 : 1));
}
