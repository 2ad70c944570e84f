import type { GraphQLObjectType, GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context";
import { userInputError } from "../../errors";
import { fromGlobalId } from "../node/global-id";
import type { ConnectionArgs } from "../pagination/connection.args";
import { assertCanReadDrafts } from "../review/visibility";
import type { DraftsArgs } from "../review/drafts.args";
import { returnedType, selectRow } from "../sql/compile";
import { selectConnection } from "../sql/connection";
import { col, sql } from "../sql/fragment";
import type { Compiled } from "../sql/marker";
import { readCompiled } from "../sql/read";
import { TABLES } from "../sql/tables";
import type { EntityArgs, EntityFilterArgs } from "./entity.args";
import { entityBySlug } from "./entity.sql";

/** One entity by global id or by slug (exactly one of them), as `info` selects it; null when the reader may not see it. */
export async function findEntity(
  context: Context,
  { id, slug, includeDrafts }: EntityArgs & DraftsArgs,
  info: GraphQLResolveInfo,
): Promise<Compiled | null> {
  assertCanReadDrafts(context, includeDrafts);
  if ((id == null) === (slug == null)) throw userInputError("Pass exactly one of id or slug.", id == null ? "id" : "slug");
  const rowId = id != null ? fromGlobalId(id, "id", "Entity").rowId : null;
  // No slug holds U+0000 (PostgreSQL text cannot), and the database would refuse the lookup.
  if (slug?.includes("\u0000")) return null;
  return readCompiled(context, info, includeDrafts, (scope) =>
    selectRow(scope, returnedType(info.returnType), info.fieldNodes, TABLES.entity, (row) => [
      rowId !== null ? sql`${col(row, "id")} = ${rowId}` : entityBySlug(row, slug!),
    ]),
  );
}

/** A page of entities, optionally of one kind, ordered by name then id, as `info` selects it. */
export function listEntities(
  context: Context,
  args: ConnectionArgs & EntityFilterArgs & DraftsArgs,
  info: GraphQLResolveInfo,
): Promise<Compiled> {
  assertCanReadDrafts(context, args.includeDrafts);
  return readCompiled(context, info, args.includeDrafts, (scope) =>
    selectConnection(scope, returnedType(info.returnType) as GraphQLObjectType, info.fieldNodes, {
      table: TABLES.entity,
      sortColumn: "name",
      conditions: (row) => (args.kind ? [sql`${col(row, "kind")} = ${args.kind}::entity_kind`] : []),
      page: args,
    }),
  );
}
