import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { Entity } from "../entities/entity.type";
import { DraftsArgs } from "../review/drafts.args";
import { AnswerFromSql } from "../sql/declarations";
import type { Compiled } from "../sql/marker";
import { assertCanReadDrafts } from "../review/visibility";
import { SearchArgs } from "./search.args";
import { searchEntities } from "./search.service";

@Resolver()
export class SearchResolver {
  @AnswerFromSql()
  @Query((_returns) => [Entity], {
    description:
      "Entities whose name, aliases or summary match, most relevant first. Forgives plurals, typos and spelling variants (disk/disc); finds aliases (NSAIDs).",
  })
  search(
    @Args() { includeDrafts }: DraftsArgs,
    @Args() args: SearchArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Compiled[]> {
    assertCanReadDrafts(context, includeDrafts);
    return searchEntities(context, { ...args, includeDrafts }, info);
  }
}
