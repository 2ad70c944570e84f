import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Citation } from "../citations/citation.type";
import { SqlField } from "../sql/declarations";
import { type AddedSnapshot, addSourceSnapshot, snapshotsOf } from "./snapshot.service";
import { snapshotsSql } from "./snapshot.sql";
import { SourceSnapshot } from "./snapshot.type";
import { Source } from "./source.type";

@ArgsType()
class AddSourceSnapshotArgs {
  @Field((_type) => ID, { description: "The global id of the source." })
  sourceId!: string;

  @Field({ description: "The source's full text as plain text, kept exactly as given (positions count in it): 1 to 1,000,000 characters." })
  content!: string;
}

@ObjectType({ description: "A new text snapshot of a source, and what became of its citations." })
class AddSourceSnapshotPayload implements AddedSnapshot {
  @Field((_type) => Source, { description: "The source." })
  source!: Source;

  @Field((_type) => SourceSnapshot, { description: "The snapshot added: now the one citations anchor in." })
  snapshot!: SourceSnapshot;

  @Field((_type) => [Citation], { description: "Live citations of the source whose quotes were found again, with new selectors." })
  reanchored!: Citation[];

  @Field((_type) => [Citation], { description: "Live citations whose quotes the new text lacks: now QUOTE_NOT_FOUND, listed in flaggedCitations." })
  flagged!: Citation[];
}

@Resolver((_of) => Source)
export class SnapshotResolver {
  @Mutation((_returns) => AddSourceSnapshotPayload, {
    description:
      "EDITOR: adds a newer full text of a source (logged as an addSnapshot revision of the source) and re-anchors each of its live citations: found again (selectors updated) or flagged QUOTE_NOT_FOUND. BAD_USER_INPUT when the text is empty, too long, or the latest already.",
  })
  addSourceSnapshot(@Args() { sourceId, content }: AddSourceSnapshotArgs, @Ctx() ctx: Context): Promise<AddedSnapshot> {
    return addSourceSnapshot(ctx, sourceId, content);
  }

  @FieldResolver((_type) => [SourceSnapshot], { description: "Its text snapshots, newest first; citations anchor in the newest. Empty when it has none." })
  @SqlField(snapshotsSql)
  snapshots(@Root() source: Source, @Ctx() ctx: Context): Promise<SourceSnapshot[]> {
    return snapshotsOf(ctx, source);
  }
}
