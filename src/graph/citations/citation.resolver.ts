import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { selectorSql } from "../sources/snapshot.sql";
import { Source } from "../sources/source.type";
import { SqlField } from "../sql/declarations";
import { selectorOf, sourceOf } from "./citation.service";
import { Citation } from "./citation.type";
import { TextSelector } from "./selector.type";

@Resolver((_of) => Citation)
export class CitationResolver {
  @FieldResolver((_type) => Source, { description: "The work the quote comes from." })
  @SqlField({ kind: "one", table: "source", foreignKey: "source_id" })
  source(@Root() citation: Citation, @Ctx() context: Context): Promise<Source> {
    return sourceOf(context, citation);
  }

  @FieldResolver((_type) => TextSelector, {
    nullable: true,
    description:
      "Where the quote stands in a text snapshot of its source (W3C TextQuoteSelector and TextPositionSelector), computed by the server: in the latest snapshot when ANCHORED, in the last one that had it when QUOTE_NOT_FOUND; null when it was never anchored.",
  })
  @SqlField(selectorSql)
  selector(@Root() citation: Citation, @Ctx() context: Context): Promise<TextSelector | null> {
    return selectorOf(context, citation);
  }
}
