import type { Context } from "../../context";
import { answersToSlug } from "./slug-history";
import type { Entity as EntityRow } from "../../generated/prisma/client";
import { userInputError } from "../../errors";
import { fromGlobalId } from "../node/global-id";
import type { Connection } from "../pagination/connection.type";
import { paginate } from "../pagination/paginate";
import { assertCanReadDrafts, visibleEntity } from "../review/visibility";
import type { ConnectionArgs } from "../pagination/connection.args";
import type { DraftsArgs } from "../review/drafts.args";
import type { EntityArgs, EntityFilterArgs } from "./entity.args";
import { type Entity, toEntity } from "./entity.type";

/** One entity by global id or by slug (exactly one of them); null when the reader may not see it. */
export async function findEntity(context: Context, { id, slug, includeDrafts }: EntityArgs & DraftsArgs): Promise<Entity | null> {
  assertCanReadDrafts(context, includeDrafts);
  if (id != null && slug == null) return context.loaders.entity(includeDrafts).load(fromGlobalId(id, "id", "Entity").rowId);
  if (slug != null && id == null) {
    // No slug holds U+0000 (PostgreSQL text cannot), and the database would refuse the lookup.
    if (slug.includes("\u0000")) return null;
    const row = await context.db.entity.findFirst({ where: { ...answersToSlug(slug), ...visibleEntity(includeDrafts) } });
    return row && toEntity(row, includeDrafts);
  }
  throw userInputError("Pass exactly one of id or slug.", id == null ? "id" : "slug");
}

/** A page of entities, optionally of one kind, ordered by name then id. */
export function listEntities(context: Context, args: ConnectionArgs & EntityFilterArgs & DraftsArgs): Promise<Connection<Entity>> {
  assertCanReadDrafts(context, args.includeDrafts);
  const where = { ...visibleEntity(args.includeDrafts), ...(args.kind && { kind: args.kind }) };
  return paginate(
    args,
    {
      sortField: "name",
      sortKey: (row: EntityRow) => ({ value: row.name, id: row.id }),
      findMany: (conditions, order, take) =>
        context.db.entity.findMany({ where: { ...where, AND: conditions }, orderBy: [{ name: order }, { id: order }], take }),
      count: () => context.db.entity.count({ where }),
    },
    (row) => toEntity(row, args.includeDrafts),
  );
}
