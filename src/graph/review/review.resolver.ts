import { Args, ArgsType, Ctx, Field, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { VersionedChangeArgs } from "../editing/editing.args";
import { Node } from "../node/node.type";
import { Source } from "../sources/source.type";
import { PublisherRetractionInput } from "./publisher-retraction.input";
import { publish, recordPublisherRetraction, retract } from "./review.service";

/** `(id, expectedVersion, reason)`: a retraction of the version the reviewer read, which says why. */
@ArgsType()
class RetractArgs extends VersionedChangeArgs {
  @Field({ description: "Why; kept in the record's history." })
  reason!: string;
}

/** `(id, expectedVersion, input)`: the publisher's retraction of the source the reviewer read. */
@ArgsType()
class PublisherRetractionArgs extends VersionedChangeArgs {
  @Field((_type) => PublisherRetractionInput, { description: "When and how the publisher retracted it." })
  input!: PublisherRetractionInput;
}

@Resolver()
export class ReviewResolver {
  @Mutation((_returns) => Node, {
    description:
      "REVIEWER: publishes a draft entity, relation or source, or applies the pending edit of published content, as of expectedVersion (CONFLICT with the current version when its fields, pending edit or citations changed since). Publishing a relation also publishes its draft entities and the draft sources of its citations.",
  })
  publish(@Args() { id, expectedVersion }: VersionedChangeArgs, @Ctx() ctx: Context): Promise<Node> {
    return publish(ctx, id, expectedVersion);
  }

  @Mutation((_returns) => Node, {
    description:
      "REVIEWER: hides published content from the public, keeping it and its history; CONFLICT unless at expectedVersion. Retracting a source flags every published relation that loses its last visible citation with it (needsReview: hidden from the public, listed in reviewQueue); publishing the source again clears those flags.",
  })
  retract(@Args() { id, expectedVersion, reason }: RetractArgs, @Ctx() ctx: Context): Promise<Node> {
    return retract(ctx, id, expectedVersion, reason);
  }

  @Mutation((_returns) => Source, {
    description:
      "REVIEWER: records that the source's own publisher retracted it (date and notice), retracts it here too when published, and flags the relations that lose their last visible citation, as retract does. Such a source cannot be published again; revert this revision if it was recorded by mistake.",
  })
  recordPublisherRetraction(@Args() { id, expectedVersion, input }: PublisherRetractionArgs, @Ctx() ctx: Context): Promise<Source> {
    return recordPublisherRetraction(ctx, id, expectedVersion, input);
  }
}
