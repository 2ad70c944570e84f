import { Arg, Args, Ctx, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { Entity } from "../entities/entity.type";
import { EntityKind } from "../enums";
import { DraftsArgs } from "../review/drafts.args";
import { assertCanReadDrafts } from "../review/visibility";
import { searchEntities } from "./search.service";

@Resolver()
export class SearchResolver {
  @Query((_returns) => [Entity], {
    description:
      "Entities whose name, aliases or summary match, most relevant first. Forgives plurals, typos and spelling variants (disk/disc); finds aliases (NSAIDs).",
  })
  search(
    @Ctx() context: Context,
    @Arg("query", { description: "What the reader typed; must not be blank." }) query: string,
    @Arg("kinds", (_type) => [EntityKind], { nullable: true, description: "Only these kinds; all kinds when omitted." })
    kinds: EntityKind[] | null,
    @Arg("first", (_type) => Int, { defaultValue: 10, description: "How many results, 1 to 100." }) first: number,
    @Args() { includeDrafts }: DraftsArgs,
  ): Promise<Entity[]> {
    assertCanReadDrafts(context, includeDrafts);
    return searchEntities(context, { query, kinds, first, includeDrafts });
  }
}
