import { JSONResolver } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import type { Revision as RevisionRow } from "../../generated/prisma/client";
import { toGlobalId, type NodeType } from "../node/global-id";
import { Node } from "../node/node.type";

const NODE_TYPE_OF_RECORD: Record<RevisionRow["recordType"], NodeType> = {
  ENTITY: "Entity",
  RELATION: "Relation",
  SOURCE: "Source",
  CITATION: "Citation",
};

/** One entry of the append-only change log. */
@ObjectType({ implements: Node, description: "One change to a record: who, when, what it was before and after, and why." })
export class Revision extends Node {
  @Field((_type) => ID, { description: "The global id of the record that changed." })
  recordId!: string;

  @Field({ description: "create, update, delete, restore, publish, retract, revert, merge, import..." })
  action!: string;

  @Field({ description: "The editor account's name, or the process (such as the seed) that made the change." })
  actor!: string;

  @Field({ description: "When the change was made." })
  createdAt!: Date;

  @Field((_type) => JSONResolver, { nullable: true, description: "The record's columns before the change; null for a creation." })
  before!: unknown;

  @Field((_type) => JSONResolver, { nullable: true, description: "The record's columns after the change." })
  after!: unknown;

  @Field((_type) => String, { nullable: true, description: "Why, as the editor gave it (deletions, retractions); null otherwise." })
  reason!: string | null;
}

export function toRevision(row: RevisionRow): Revision {
  return {
    __typename: "Revision",
    id: toGlobalId("Revision", row.id),
    recordId: toGlobalId(NODE_TYPE_OF_RECORD[row.recordType], row.recordId),
    action: row.action,
    actor: row.actor,
    createdAt: row.createdAt,
    before: row.before,
    after: row.after,
    reason: row.reason,
  };
}
