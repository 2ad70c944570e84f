import { Field, InputType } from "type-graphql";

@InputType({ description: "A source's retraction by its own publisher, as the publisher's notice records it." })
export class PublisherRetractionInput {
  @Field({ description: "When the publisher retracted it: YYYY, YYYY-MM or YYYY-MM-DD." })
  retractedOn!: string;

  @Field({ description: "The retraction notice: its URL or its words, at most 2,000 characters." })
  notice!: string;
}
