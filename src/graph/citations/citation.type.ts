import { column, SqlField, timestamp } from "../sql/declarations";
import { Field, ObjectType } from "type-graphql";
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

  @Field((_type) => String, { nullable: true, description: "The heading the quote falls under." })
  @SqlField(column("section"))
  section!: string | null;

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
    createdAt: row.createdAt,
  };
}
