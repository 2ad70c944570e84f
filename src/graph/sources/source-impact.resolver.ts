import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { SourceImpact } from "./source-impact.type";
import { sourceImpact } from "./source-impact.service";

@Resolver()
export class SourceImpactResolver {
  @Query((_returns) => SourceImpact, {
    description:
      "Signed-in editors: the published relations that would lose all visible support if this source were retracted or deleted, and those that would keep some. NOT_FOUND for an unknown or deleted source.",
  })
  sourceImpact(@Arg("id", (_type) => ID, { description: "The global id of a source." }) id: string, @Ctx() ctx: Context): Promise<SourceImpact> {
    return sourceImpact(ctx, id);
  }
}
