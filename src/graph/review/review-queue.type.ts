import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { ConnectionType } from "../pagination/connection.type";

/** Why a record waits for a reviewer. New kinds of work (a quote not found again) add a value and a branch in review-queue.service.ts. */
export enum ReviewReason {
  DRAFT = "DRAFT",
  PENDING_EDIT = "PENDING_EDIT",
  NEEDS_REVIEW = "NEEDS_REVIEW",
}

registerEnumType(ReviewReason, {
  name: "ReviewReason",
  description: "Why a record is in the review queue.",
  valuesConfig: {
    DRAFT: { description: "A new entity, relation or source, not yet published; waiting since it was created." },
    PENDING_EDIT: { description: "Published content with an edit waiting for publish; waiting since its last change." },
    NEEDS_REVIEW: { description: "A published relation that lost its last visible citation (its source retracted), hidden from the public; waiting since it was flagged." },
  },
});

@ObjectType({ description: "One piece of work for a reviewer: a record and why it waits." })
export class ReviewItem {
  @Field((_type) => ReviewReason, { description: "Why it waits." })
  reason!: ReviewReason;

  @Field({ description: "Since when it waits: the queue is oldest first." })
  since!: Date;

  @Field((_type) => Node, { description: "The record, as editors see it (drafts and pending edits applied): an Entity, Relation or Source." })
  node!: Node;

  @Field((_type) => String, { nullable: true, description: "What the reviewer should know, e.g. which source's retraction flagged a relation; null when the reason says it all." })
  detail!: string | null;
}

@ObjectType({ description: "A page of the review queue (Relay), oldest first." })
export class ReviewItemConnection extends ConnectionType("ReviewItem", ReviewItem) {}
