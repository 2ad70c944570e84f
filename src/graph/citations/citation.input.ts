import { Field, ID, InputType } from "type-graphql";
import { CreateSourceInput } from "../sources/source.input";

@InputType({ description: "A quote supporting a relation, from an existing source (sourceId) or a new one (source): exactly one of them." })
export class CitationInput {
  @Field((_type) => ID, { nullable: true, description: "The global id of an existing source." })
  sourceId?: string | null;

  @Field((_type) => CreateSourceInput, { nullable: true, description: "A new draft source, created with the citation." })
  source?: CreateSourceInput | null;

  @Field({ description: "The source's exact words: 1 to 2,000 characters." })
  quote!: string;

  @Field((_type) => String, {
    nullable: true,
    description:
      "The heading the quote falls under. When the source has a text snapshot it must be a line of that text before the quote, unless sectionIsReconstructed.",
  })
  section?: string | null;

  @Field({
    defaultValue: false,
    description: "True when section is your reconstruction of a heading the source lost (then it must not be a line of the source's text).",
  })
  sectionIsReconstructed!: boolean;
}
