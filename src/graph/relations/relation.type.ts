import { column, SqlField, timestamp } from "../sql/declarations";
import { Field, Int, ObjectType } from "type-graphql";
import type { Relation as RelationRow } from "../../generated/prisma/client";
import { CareContext, Predicate, ReviewStatus, Urgency } from "../enums";
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
    status: relation.status,
    version: relation.version,
    createdAt: relation.createdAt,
    updatedAt: relation.updatedAt,
  };
}
