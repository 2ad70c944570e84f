import { Field, ObjectType } from "type-graphql";
import { Relation } from "../relations/relation.type";
import { Source } from "./source.type";

@ObjectType({
  description:
    "What retracting or deleting a source would do to the published claims that cite it, as of now. Visible support: live citations of published, live sources.",
})
export class SourceImpact {
  @Field((_type) => Source, { description: "The source asked about, as editors see it." })
  source!: Source;

  @Field((_type) => [Relation], {
    description: "Published relations whose visible support would drop to none without this source: retracting it flags them for review. By id.",
  })
  wouldLoseAllSupport!: Relation[];

  @Field((_type) => [Relation], { description: "Published relations citing this source that would keep a visible citation of another source. By id." })
  wouldKeepSupport!: Relation[];
}
