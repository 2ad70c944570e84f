import { column, SqlField, timestamp } from "../sql/declarations";
import { Field, Int, ObjectType } from "type-graphql";
import type { Relation as RelationRow } from "../../generated/prisma/client";
import { AgentType, CareContext, ClaimRank, DeprecationReason, KnowledgeLevel, Predicate, ReviewStatus, Urgency } from "../enums";
import { toGlobalId } from "../node/global-id";
import { Node } from "../node/node.type";
import { withPendingChanges } from "../review/pending-changes";

/** An edge of the graph: subject -predicate-> object, qualified and cited. */
@ObjectType({ implements: Node, description: "A claim: subject -predicate-> object, with its qualifiers and citations." })
export class Relation extends Node {
  rowId!: number;
  subjectRowId!: number;
  objectRowId!: number;
  /** The root field's choice, which nested fields follow. */
  includeDrafts!: boolean;

  @Field((_type) => Predicate, { description: "What the relation states about its subject and object." })
  @SqlField(column("predicate"))
  predicate!: Predicate;

  @Field((_type) => CareContext, { description: "ANY unless the claim holds only for acute or chronic presentations." })
  @SqlField(column("context"))
  context!: CareContext;

  @Field({ description: "A warning sign that needs a healthcare provider." })
  @SqlField(column("red_flag"))
  redFlag!: boolean;

  @Field((_type) => Urgency, { nullable: true, description: "How soon a red flag needs care; null unless redFlag." })
  @SqlField(column("urgency"))
  urgency!: Urgency | null;

  @Field((_type) => String, { nullable: true, description: "An editor's note or caution, e.g. risk of addiction." })
  @SqlField(column("note"))
  note!: string | null;

  @Field((_type) => ClaimRank, { description: "PREFERRED claims read first within a predicate; DEPRECATED ones are hidden from lists unless includeDeprecated." })
  @SqlField(column("rank"))
  rank!: ClaimRank;

  @Field((_type) => DeprecationReason, { nullable: true, description: "Why it was deprecated; set exactly when rank is DEPRECATED." })
  @SqlField(column("deprecation_reason"))
  deprecationReason!: DeprecationReason | null;

  @Field((_type) => String, { nullable: true, description: "An editor's note on the rank (what supersedes it, which evidence)." })
  @SqlField(column("rank_note"))
  rankNote!: string | null;

  @Field((_type) => KnowledgeLevel, { description: "How the claim came to be known; a LOGICAL_ENTAILMENT's note says what it was inferred from." })
  @SqlField(column("knowledge_level"))
  knowledgeLevel!: KnowledgeLevel;

  @Field((_type) => AgentType, { description: "Who or what made the claim." })
  @SqlField(column("agent_type"))
  agentType!: AgentType;

  @Field({ description: "True when the claim states that the relation does NOT hold (\"providers don't recommend prolonged rest\")." })
  @SqlField(column("negated"))
  negated!: boolean;

  @Field((_type) => String, { nullable: true, description: "The source's qualifying words on the claim, verbatim (\"may\", \"most common\"); null when it states it plainly." })
  @SqlField(column("hedge"))
  hedge!: string | null;

  @Field({
    description: "True when the claim lost its last visible citation (its source was retracted): hidden from the public and in the review queue until a reviewer publishes or retracts it. Always false for the public.",
  })
  @SqlField(column("needs_review"))
  needsReview!: boolean;

  @Field((_type) => String, { nullable: true, description: "Why it was flagged for review (which source was retracted); null unless needsReview." })
  @SqlField(column("needs_review_reason"))
  needsReviewReason!: string | null;

  @Field((_type) => Date, { nullable: true, description: "When it was flagged for review; null unless needsReview." })
  @SqlField(timestamp("flagged_at"))
  flaggedAt!: Date | null;

  @Field((_type) => ReviewStatus, { description: "Where the relation is in review; the public sees PUBLISHED only." })
  @SqlField(column("status"))
  status!: ReviewStatus;

  @Field((_type) => Int, { description: "Bumped by every write; pass it back as expectedVersion." })
  @SqlField(column("version"))
  version!: number;

  @Field({ description: "When the relation was created." })
  @SqlField(timestamp("created_at"))
  createdAt!: Date;

  @Field({ description: "When the relation last changed." })
  @SqlField(timestamp("updated_at"))
  updatedAt!: Date;
}

export function toRelation(row: RelationRow, includeDrafts: boolean): Relation {
  const relation = withPendingChanges(row, includeDrafts);
  return {
    __typename: "Relation",
    id: toGlobalId("Relation", row.id),
    rowId: row.id,
    subjectRowId: row.subjectId,
    objectRowId: row.objectId,
    includeDrafts,
    predicate: row.predicate,
    context: relation.context,
    redFlag: relation.redFlag,
    urgency: relation.urgency,
    note: relation.note,
    rank: relation.rank,
    deprecationReason: relation.deprecationReason,
    rankNote: relation.rankNote,
    knowledgeLevel: relation.knowledgeLevel,
    agentType: relation.agentType,
    negated: relation.negated,
    hedge: relation.hedge,
    needsReview: relation.needsReview,
    needsReviewReason: relation.needsReviewReason,
    flaggedAt: relation.flaggedAt,
    status: relation.status,
    version: relation.version,
    createdAt: relation.createdAt,
    updatedAt: relation.updatedAt,
  };
}
