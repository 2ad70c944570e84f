import { column, SqlField, timestamp } from "../sql/declarations";
import { Field, ObjectType } from "type-graphql";
import { AnchorStatus } from "../enums";
import type { Citation as CitationRow } from "../../generated/prisma/client";
import { toGlobalId } from "../node/global-id";
import { Node } from "../node/node.type";

/** The exact words of a source that support a relation. */
@ObjectType({ implements: Node, description: "The exact words of a source that support a relation, and where they stand." })
export class Citation extends Node {
  rowId!: number;
  relationRowId!: number;
  sourceRowId!: number;
  /** The root field's choice, which nested fields follow. */
  includeDrafts!: boolean;

  @Field({ description: "Verbatim; fragments of one passage are joined by ' … '." })
  @SqlField(column("quote"))
  quote!: string;

  @Field((_type) => String, {
    nullable: true,
    description: "The heading the quote falls under; null when unknown, or when the source lost it (see sectionIsReconstructed).",
  })
  @SqlField(column("section"))
  section!: string | null;

  @Field({ description: "True when `section` is an editor's reconstruction of a heading the source lost, not a heading the source shows." })
  @SqlField(column("section_is_reconstructed"))
  sectionIsReconstructed!: boolean;

  @Field((_type) => AnchorStatus, { description: "Where the quote stands in the latest text snapshot of its source." })
  @SqlField(column("anchor_status"))
  anchorStatus!: AnchorStatus;

  /** The anchor columns, for `selector` outside the compiled read path. */
  anchor!: Pick<CitationRow, "snapshotId" | "quoteExact" | "quotePrefix" | "quoteSuffix" | "positionStart" | "positionEnd">;

  @Field({ description: "When the citation was added." })
  @SqlField(timestamp("created_at"))
  createdAt!: Date;
}

export function toCitation(row: CitationRow, includeDrafts: boolean): Citation {
  return {
    __typename: "Citation",
    id: toGlobalId("Citation", row.id),
    rowId: row.id,
    relationRowId: row.relationId,
    sourceRowId: row.sourceId,
    includeDrafts,
    quote: row.quote,
    section: row.section,
    sectionIsReconstructed: row.sectionIsReconstructed,
    anchorStatus: row.anchorStatus,
    anchor: {
      snapshotId: row.snapshotId,
      quoteExact: row.quoteExact,
      quotePrefix: row.quotePrefix,
      quoteSuffix: row.quoteSuffix,
      positionStart: row.positionStart,
      positionEnd: row.positionEnd,
    },
    createdAt: row.createdAt,
  };
}
