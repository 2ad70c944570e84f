import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Source } from "../sources/source.type";
import { sourceOf } from "./citation.service";
import { Citation } from "./citation.type";

@Resolver((_of) => Citation)
export class CitationResolver {
  @FieldResolver((_type) => Source, { description: "The work the quote comes from." })
  source(@Root() citation: Citation, @Ctx() context: Context): Promise<Source> {
    return sourceOf(context, citation);
  }
}
