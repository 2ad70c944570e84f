import { column, SqlField, timestamp } from "../sql/declarations";
import { Field, Int, InterfaceType, ObjectType } from "type-graphql";
import type { Entity as EntityRow } from "../../generated/prisma/client";
import { EntityKind, ReviewStatus } from "../enums";
import { toGlobalId } from "../node/global-id";
import { Node } from "../node/node.type";
import { withPendingChanges } from "../review/pending-changes";

/** A condition, cause, symptom, diagnostic or treatment: a node of the knowledge graph. */
@InterfaceType({
  implements: Node,
  description: "A node of the knowledge graph: a condition, cause, symptom, diagnostic or treatment.",
  resolveType: (value: { __typename: string }) => value.__typename,
})
export abstract class Entity extends Node {
  /** The row id, for loaders; never exposed. */
  rowId!: number;
  /** The root field's choice, which nested fields follow; never exposed. */
  includeDrafts!: boolean;

  @Field({ description: "Stable, human-readable key, unique forever." })
  @SqlField(column("slug"))
  slug!: string;

  @Field({ description: "The name shown to readers, e.g. Back spasms." })
  @SqlField(column("name"))
  name!: string;

  @Field((_type) => EntityKind, { description: "What the entity is; also its GraphQL type (Condition, Cause, ...)." })
  @SqlField(column("kind"))
  kind!: EntityKind;

  @Field((_type) => [String], { description: "Other names people use, e.g. NSAIDs." })
  @SqlField(column("aliases"))
  aliases!: string[];

  @Field((_type) => String, { nullable: true, description: "A one- or two-sentence plain-language summary; null when none is written." })
  @SqlField(column("summary"))
  summary!: string | null;

  @Field((_type) => ReviewStatus, { description: "Where the entity is in review; the public sees PUBLISHED only." })
  @SqlField(column("status"))
  status!: ReviewStatus;

  @Field((_type) => Int, { description: "Bumped by every write; pass it back as expectedVersion." })
  @SqlField(column("version"))
  version!: number;

  @Field({ description: "When the entity was created." })
  @SqlField(timestamp("created_at"))
  createdAt!: Date;

  @Field({ description: "When the entity last changed (a pending edit included, for editors)." })
  @SqlField(timestamp("updated_at"))
  updatedAt!: Date;
}

@ObjectType({ implements: [Entity, Node], description: "A disease, disorder or injury." })
export class Condition extends Entity {}

@ObjectType({
  implements: [Entity, Node],
  description: "A mechanism, exposure or risk that brings on a condition but is not one itself (overuse, aging).",
})
export class Cause extends Entity {}

@ObjectType({ implements: [Entity, Node], description: "Something a person notices or feels." })
export class Symptom extends Entity {}

@ObjectType({ implements: [Entity, Node], description: "A test or assessment." })
export class Diagnostic extends Entity {}

@ObjectType({ implements: [Entity, Node], description: "A treatment, including self-care and prevention strategies." })
export class Treatment extends Entity {}

export const ENTITY_TYPES = [Condition, Cause, Symptom, Diagnostic, Treatment];

const TYPE_NAME_OF_KIND: Record<EntityKind, string> = {
  CONDITION: "Condition",
  CAUSE: "Cause",
  SYMPTOM: "Symptom",
  DIAGNOSTIC: "Diagnostic",
  TREATMENT: "Treatment",
};

/** Maps a row to the API object; drafts show the editor's pending changes. */
export function toEntity(row: EntityRow, includeDrafts: boolean): Entity {
  const entity = withPendingChanges(row, includeDrafts);
  return {
    __typename: TYPE_NAME_OF_KIND[entity.kind],
    id: toGlobalId("Entity", row.id),
    rowId: row.id,
    includeDrafts,
    slug: entity.slug,
    name: entity.name,
    kind: entity.kind,
    aliases: entity.aliases,
    summary: entity.summary,
    status: entity.status,
    version: entity.version,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}
