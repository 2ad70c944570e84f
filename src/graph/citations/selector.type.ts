import { Field, Int, ObjectType } from "type-graphql";
import { SourceSnapshot } from "../sources/snapshot.type";

/*
 * A citation's quote located in a text snapshot of its source, in the terms of
 * the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/):
 * the snapshot is the SpecificResource's `state`, the two selectors its
 * `selector`. Computed by the server (citations/anchoring.ts), never typed by
 * an editor. Characters are Unicode code points throughout. Plain data:
 * each field reads its own property (`simpleResolvers`), which lets a
 * compiled answer hold them as JSON (sql/complete.ts).
 */

@ObjectType({ simpleResolvers: true, description: "W3C TextQuoteSelector: the quoted words as the snapshot has them, with the text around them." })
export class TextQuoteSelector {
  @Field({ description: "The snapshot's own text of the passage (its whitespace and line breaks kept)." })
  exact!: string;

  @Field({ description: "Up to 32 characters of the snapshot just before `exact`; empty at its start." })
  prefix!: string;

  @Field({ description: "Up to 32 characters of the snapshot just after `exact`; empty at its end." })
  suffix!: string;
}

@ObjectType({ simpleResolvers: true, description: "W3C TextPositionSelector: where the passage stands in the snapshot, in Unicode code points from 0." })
export class TextPositionSelector {
  @Field((_type) => Int, { description: "The passage's first character (inclusive)." })
  start!: number;

  @Field((_type) => Int, { description: "Just after the passage's last character (exclusive): end - start characters." })
  end!: number;
}

@ObjectType({ simpleResolvers: true, description: "Where a citation's quote stands in a text snapshot of its source, by W3C Web Annotation selectors." })
export class TextSelector {
  @Field((_type) => SourceSnapshot, { description: "The snapshot the selectors count in." })
  snapshot!: SourceSnapshot;

  @Field((_type) => TextQuoteSelector, { description: "The passage by its words and their surroundings." })
  textQuote!: TextQuoteSelector;

  @Field((_type) => TextPositionSelector, { description: "The passage by its position." })
  textPosition!: TextPositionSelector;
}
