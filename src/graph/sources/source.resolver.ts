import { Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { ConnectionArgs } from "../pagination/connection.args";
import type { Connection } from "../pagination/connection.type";
import { DraftsArgs } from "../review/drafts.args";
import { SourceConnection } from "./source-connection.type";
import { citedByOf, listSources, referenceNumbersOf } from "./source.service";
import { Source } from "./source.type";

@Resolver((_of) => Source)
export class SourceResolver {
  @Query((_returns) => SourceConnection, { description: "Sources by title then id; Relay pagination." })
  sources(@Args() drafts: DraftsArgs, @Args() page: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Source>> {
    return listSources(context, { ...page, ...drafts });
  }

  @FieldResolver((_type) => [Int], {
    description: "Every number under which an article lists this source among its references, ascending.",
  })
  referenceNumbers(@Root() source: Source, @Ctx() context: Context): Promise<number[]> {
    return referenceNumbersOf(context, source);
  }

  @FieldResolver((_type) => [Source], { description: "The articles that list this source among their references." })
  citedBy(@Root() source: Source, @Ctx() context: Context): Promise<Source[]> {
    return citedByOf(context, source);
  }
}
