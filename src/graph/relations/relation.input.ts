import { Field, ID, InputType } from "type-graphql";
import { CitationInput } from "../citations/citation.input";
import { AgentType, CareContext, ClaimRank, DeprecationReason, KnowledgeLevel, Predicate, Urgency } from "../enums";

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

  @Field((_type) => ClaimRank, { defaultValue: ClaimRank.NORMAL, description: "PREFERRED, NORMAL or DEPRECATED (then with deprecationReason)." })
  rank!: ClaimRank;

  @Field((_type) => DeprecationReason, { nullable: true, description: "Required with rank DEPRECATED, refused otherwise." })
  deprecationReason?: DeprecationReason | null;

  @Field((_type) => String, { nullable: true, description: "An editor's note on the rank, at most 2,000 characters." })
  rankNote?: string | null;

  @Field((_type) => KnowledgeLevel, {
    defaultValue: KnowledgeLevel.KNOWLEDGE_ASSERTION,
    description: "How the claim came to be known; LOGICAL_ENTAILMENT needs a note saying what it was inferred from.",
  })
  knowledgeLevel!: KnowledgeLevel;

  @Field((_type) => AgentType, { defaultValue: AgentType.MANUAL_AGENT, description: "Who or what made the claim." })
  agentType!: AgentType;

  @Field({ defaultValue: false, description: "True: the claim states that the relation does NOT hold." })
  negated!: boolean;

  @Field((_type) => String, { nullable: true, description: "The source's qualifying words, verbatim (\"may\"), at most 200 characters." })
  hedge?: string | null;

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

  @Field((_type) => ClaimRank, {
    nullable: true,
    description: "A new rank; DEPRECATED needs deprecationReason, and any other rank clears it unless deprecationReason is given.",
  })
  rank?: ClaimRank | null;

  @Field((_type) => DeprecationReason, { nullable: true, description: "Why it is deprecated; only with rank DEPRECATED." })
  deprecationReason?: DeprecationReason | null;

  @Field((_type) => String, { nullable: true, description: "An editor's note on the rank; null clears it." })
  rankNote?: string | null;

  @Field((_type) => KnowledgeLevel, { nullable: true, description: "How the claim came to be known." })
  knowledgeLevel?: KnowledgeLevel | null;

  @Field((_type) => AgentType, { nullable: true, description: "Who or what made the claim." })
  agentType?: AgentType | null;

  @Field((_type) => Boolean, { nullable: true, description: "Whether the claim states that the relation does NOT hold." })
  negated?: boolean | null;

  @Field((_type) => String, { nullable: true, description: "The source's qualifying words, verbatim; null clears them." })
  hedge?: string | null;
}
