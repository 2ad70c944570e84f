import { Field, ID, InputType } from "type-graphql";
import { CitationInput } from "../citations/citation.input";
import { CareContext, Predicate, Urgency } from "../enums";

@InputType({ description: "A new claim, subject -predicate-> object, with at least one citation; it starts as a draft." })
export class CreateRelationInput {
  @Field((_type) => ID)
  subjectId!: string;

  @Field((_type) => Predicate, { description: "Must fit the two entities' kinds (e.g. TREATED_BY goes from a condition to a treatment)." })
  predicate!: Predicate;

  @Field((_type) => ID)
  objectId!: string;

  @Field((_type) => CareContext, { defaultValue: CareContext.ANY })
  context!: CareContext;

  @Field({ defaultValue: false })
  redFlag!: boolean;

  @Field((_type) => Urgency, { nullable: true, description: "Only for a red flag." })
  urgency?: Urgency | null;

  @Field((_type) => String, { nullable: true })
  note?: string | null;

  @Field((_type) => [CitationInput], { description: "At least one." })
  citations!: CitationInput[];
}

@InputType({
  description: "Changes to a relation's qualifiers. Its subject, predicate and object never change: delete it and create another.",
})
export class UpdateRelationInput {
  @Field((_type) => CareContext, { nullable: true })
  context?: CareContext | null;

  @Field((_type) => Boolean, { nullable: true })
  redFlag?: boolean | null;

  @Field((_type) => Urgency, { nullable: true })
  urgency?: Urgency | null;

  @Field((_type) => String, { nullable: true })
  note?: string | null;
}
