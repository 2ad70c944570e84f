import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { ConnectionArgs } from "../pagination/connection.args";
import { DraftsArgs } from "../review/drafts.args";
import { AnswerFromSql, SqlField } from "../sql/declarations";
import type { Compiled } from "../sql/marker";
import { SourceConnection } from "./source-connection.type";
import { citedBySql, referenceNumbersSql } from "./source.sql";
import { citedByOf, listSources, referenceNumbersOf } from "./source.service";
import { Source } from "./source.type";

@Resolver((_of) => Source)
export class SourceResolver {
  @AnswerFromSql()
  @Query((_returns) => SourceConnection, { description: "Sources by title then id; Relay pagination." })
  sources(
    @Args() drafts: DraftsArgs,
    @Args() page: ConnectionArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Compiled> {
    return listSources(context, { ...page, ...drafts }, info);
  }

  @FieldResolver((_type) => [Int], {
    description: "Every number under which an article lists this source among its references, ascending.",
  })
  @SqlField(referenceNumbersSql)
  referenceNumbers(@Root() source: Source, @Ctx() context: Context): Promise<number[]> {
    return referenceNumbersOf(context, source);
  }

  @FieldResolver((_type) => [Source], { description: "The articles that list this source among their references." })
  @SqlField(citedBySql)
  citedBy(@Root() source: Source, @Ctx() context: Context): Promise<Source[]> {
    return citedByOf(context, source);
  }
}
