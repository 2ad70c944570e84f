import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { CitationInput } from "./citation.input";
import { addCitation, removeCitation } from "./citation-editing.service";
import { Citation } from "./citation.type";

@ArgsType()
class AddCitationArgs {
  @Field((_type) => ID, { description: "The global id of the relation the quote supports." })
  relationId!: string;

  @Field((_type) => CitationInput, { description: "The quote and its source." })
  input!: CitationInput;
}

@Resolver()
export class CitationEditingResolver {
  @Mutation((_returns) => Citation, { description: "EDITOR on a draft relation, REVIEWER on any: adds a supporting quote." })
  addCitation(@Args() { relationId, input }: AddCitationArgs, @Ctx() ctx: Context): Promise<Citation> {
    return addCitation(ctx, relationId, input);
  }

  @Mutation((_returns) => Citation, {
    description: "EDITOR on a draft relation, REVIEWER on any: soft-deletes a citation. A published relation keeps at least one of a published source.",
  })
  removeCitation(@Arg("id", (_type) => ID, { description: "The global id of the citation." }) id: string, @Ctx() ctx: Context): Promise<Citation> {
    return removeCitation(ctx, id);
  }
}
