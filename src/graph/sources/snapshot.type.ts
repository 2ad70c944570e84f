import { Field, Int, ObjectType } from "type-graphql";
import type { SourceSnapshot as SnapshotRow } from "../../generated/prisma/client";
import { characters } from "../editing/validation";

/**
 * One text snapshot of a source, as the API shows it: which text (its
 * SHA-256) and when; the text itself stays server-side. Built from a row here,
 * or as JSON by the compiled read path (snapshot.sql.ts): the same fields,
 * each read off its own property (`simpleResolvers`).
 */
@ObjectType({ simpleResolvers: true, description: "A copy of a source's full text at one moment, in which citations anchor their quotes (W3C Web Annotation's `state`)." })
export class SourceSnapshot {
  @Field({ description: "Lowercase hex SHA-256 of the text's UTF-8 bytes: which text the selectors count in." })
  sha256!: string;

  @Field((_type) => Int, { description: "The text's length in characters (Unicode code points), the unit of TextPositionSelector." })
  length!: number;

  @Field({ description: "When the snapshot was added." })
  createdAt!: Date;
}

export function toSourceSnapshot(row: Pick<SnapshotRow, "sha256" | "content" | "createdAt">): SourceSnapshot {
  return { sha256: row.sha256, length: characters(row.content), createdAt: row.createdAt };
}
