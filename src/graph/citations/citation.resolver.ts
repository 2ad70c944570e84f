import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Source } from "../sources/source.type";
import { SqlField } from "../sql/declarations";
import { col, sql } from "../sql/fragment";
import { sourceOf } from "./citation.service";
import { Citation } from "./citation.type";

@Resolver((_of) => Citation)
export class CitationResolver {
  @FieldResolver((_type) => Source, { description: "The work the quote comes from." })
  @SqlField({ kind: "one", table: "source", on: (citation, source) => sql`${col(source, "id")} = ${col(citation, "source_id")}` })
  source(@Root() citation: Citation, @Ctx() context: Context): Promise<Source> {
    return sourceOf(context, citation);
  }
}
