import { URLResolver } from "graphql-scalars";
import { column, SqlField, timestamp } from "../sql/declarations";
import { Field, Int, ObjectType } from "type-graphql";
import type { Source as SourceRow } from "../../generated/prisma/client";
import { ReviewStatus } from "../enums";
import { toGlobalId } from "../node/global-id";
import { Node } from "../node/node.type";
import { withPendingChanges } from "../review/pending-changes";

/** A document that supports claims: an article, a paper, a fact sheet. */
@ObjectType({ implements: Node, description: "A document that supports claims: an article, a paper, a fact sheet." })
export class Source extends Node {
  rowId!: number;
  /** The root field's choice, which nested fields follow. */
  includeDrafts!: boolean;

  @Field({ description: "The work's title." })
  @SqlField(column("title"))
  title!: string;

  @Field((_type) => String, { nullable: true, description: "Who published it, e.g. Verywell Health; null when unknown." })
  @SqlField(column("publisher"))
  publisher!: string | null;

  @Field((_type) => [String], { description: "Its authors, in the order the work lists them; empty when unknown." })
  @SqlField(column("authors"))
  authors!: string[];

  @Field((_type) => URLResolver, { nullable: true, description: "Where to read it; null when unknown." })
  @SqlField(column("url"))
  url!: string | null;

  @Field((_type) => String, { nullable: true, description: "A DOI such as 10.1007/s13244-018-0638-x." })
  @SqlField(column("doi"))
  doi!: string | null;

  @Field((_type) => String, { nullable: true, description: "Partial ISO date: 2018, 2019-07 or 2020-04-27." })
  @SqlField(column("published_on"))
  publishedOn!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: "When its publisher retracted it (partial ISO date); null unless recorded with recordPublisherRetraction. Such a source is RETRACTED here too.",
  })
  @SqlField(column("publisher_retracted_on"))
  publisherRetractedOn!: string | null;

  @Field((_type) => String, { nullable: true, description: "The publisher's retraction notice (its URL or words); null unless publisherRetractedOn." })
  @SqlField(column("retraction_notice"))
  retractionNotice!: string | null;

  @Field((_type) => ReviewStatus, { description: "Where the source is in review; the public sees PUBLISHED only." })
  @SqlField(column("status"))
  status!: ReviewStatus;

  @Field((_type) => Int, { description: "Bumped by every write; pass it back as expectedVersion." })
  @SqlField(column("version"))
  version!: number;

  @Field({ description: "When the source was created." })
  @SqlField(timestamp("created_at"))
  createdAt!: Date;

  @Field({ description: "When the source last changed." })
  @SqlField(timestamp("updated_at"))
  updatedAt!: Date;
}

export function toSource(row: SourceRow, includeDrafts: boolean): Source {
  const source = withPendingChanges(row, includeDrafts);
  return {
    __typename: "Source",
    id: toGlobalId("Source", row.id),
    rowId: row.id,
    includeDrafts,
    title: source.title,
    publisher: source.publisher,
    authors: source.authors,
    url: source.url,
    doi: source.doi,
    publishedOn: source.publishedOn,
    publisherRetractedOn: source.publisherRetractedOn,
    retractionNotice: source.retractionNotice,
    status: source.status,
    version: source.version,
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
  };
}
