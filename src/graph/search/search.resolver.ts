import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { Entity } from "../entities/entity.type";
import { DraftsArgs } from "../review/drafts.args";
import { assertCanReadDrafts } from "../review/visibility";
import { SearchArgs } from "./search.args";
import { searchEntities } from "./search.service";

@Resolver()
export class SearchResolver {
  @Query((_returns) => [Entity], {
    description:
      "Entities whose name, aliases or summary match, most relevant first. Forgives plurals, typos and spelling variants (disk/disc); finds aliases (NSAIDs).",
  })
  search(@Args() { includeDrafts }: DraftsArgs, @Args() args: SearchArgs, @Ctx() context: Context): Promise<Entity[]> {
    assertCanReadDrafts(context, includeDrafts);
    return searchEntities(context, { ...args, includeDrafts });
  }
}
