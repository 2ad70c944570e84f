import { Field, ID, InputType } from "type-graphql";
import { CitationInput } from "../citations/citation.input";
import { CareContext, Predicate, Urgency } from "../enums";

@InputType({ description: "A new claim, subject -predicate-> object, with at least one citation; it starts as a draft." })
export class CreateRelationInput {
  @Field((_type) => ID, { description: "The global id of the entity the claim is about." })
  subjectId!: string;

  @Field((_type) => Predicate, { description: "Must fit the two entities' kinds (e.g. TREATED_BY goes from a condition to a treatment)." })
  predicate!: Predicate;

  @Field((_type) => ID, { description: "The global id of the other entity; not the subject." })
  objectId!: string;

  @Field((_type) => CareContext, { defaultValue: CareContext.ANY, description: "When the claim holds." })
  context!: CareContext;

  @Field({ defaultValue: false, description: "A warning sign that needs a healthcare provider." })
  redFlag!: boolean;

  @Field((_type) => Urgency, { nullable: true, description: "Only for a red flag." })
  urgency?: Urgency | null;

  @Field((_type) => String, { nullable: true, description: "An editor's note or caution." })
  note?: string | null;

  @Field((_type) => [CitationInput], { description: "At least one." })
  citations!: CitationInput[];
}

@InputType({
  description: "Changes to a relation's qualifiers. Its subject, predicate and object never change: delete it and create another.",
})
export class UpdateRelationInput {
  @Field((_type) => CareContext, { nullable: true, description: "When the claim holds." })
  context?: CareContext | null;

  @Field((_type) => Boolean, { nullable: true, description: "Whether the relation is a red flag; urgency needs true." })
  redFlag?: boolean | null;

  @Field((_type) => Urgency, { nullable: true, description: "How soon a red flag needs care; null clears it." })
  urgency?: Urgency | null;

  @Field((_type) => String, { nullable: true, description: "An editor's note or caution; null clears it." })
  note?: string | null;
}
