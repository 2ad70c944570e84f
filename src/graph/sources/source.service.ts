import type { GraphQLObjectType, GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context";
import type { Database } from "../../db/client";
import type { Reference } from "../../generated/prisma/client";
import { manyForEachKey } from "../batch";
import type { ConnectionArgs } from "../pagination/connection.args";
import type { DraftsArgs } from "../review/drafts.args";
import { assertCanReadDrafts, visibleReference } from "../review/visibility";
import { returnedType } from "../sql/compile";
import { selectConnection } from "../sql/connection";
import type { Compiled } from "../sql/marker";
import { readCompiled } from "../sql/read";
import { TABLES } from "../sql/tables";
import type { Source } from "./source.type";

/** Batch function of the references-to-a-source loader: where visible articles list each source. */
export async function loadReferencesTo(db: Database, includeDrafts: boolean, sourceRowIds: readonly number[]): Promise<Reference[][]> {
  const rows = await db.reference.findMany({
    where: { citedId: { in: [...sourceRowIds] }, ...visibleReference(includeDrafts) },
    orderBy: [{ number: "asc" }, { citingId: "asc" }],
  });
  return manyForEachKey(sourceRowIds, rows, (reference) => [reference.citedId]);
}

/** A page of sources, ordered by title then id, as `info` selects it. */
export function listSources(context: Context, args: ConnectionArgs & DraftsArgs, info: GraphQLResolveInfo): Promise<Compiled> {
  assertCanReadDrafts(context, args.includeDrafts);
  return readCompiled(context, info, args.includeDrafts, (scope) =>
    selectConnection(scope, returnedType(info.returnType) as GraphQLObjectType, info.fieldNodes, {
      table: TABLES.source,
      sortColumn: "title",
      conditions: () => [],
      page: args,
    }),
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
