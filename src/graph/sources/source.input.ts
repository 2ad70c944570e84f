import { Field, InputType } from "type-graphql";

@InputType({ description: "A new source; it starts as a draft." })
export class CreateSourceInput {
  @Field({ description: "The work's title." })
  title!: string;

  @Field((_type) => String, { nullable: true, description: "Who published it." })
  publisher?: string | null;

  @Field((_type) => [String], { nullable: true, description: "Its authors, in the work's order." })
  authors?: string[] | null;

  @Field((_type) => String, { nullable: true, description: "Partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD." })
  publishedOn?: string | null;

  @Field((_type) => String, { nullable: true, description: "An http(s) URL." })
  url?: string | null;

  @Field((_type) => String, { nullable: true, description: "A DOI such as 10.1007/s13244-018-0638-x." })
  doi?: string | null;
}

@InputType({ description: "Changes to a source: only the fields given change; null clears an optional field." })
export class UpdateSourceInput {
  @Field((_type) => String, { nullable: true, description: "A new title." })
  title?: string | null;

  @Field((_type) => String, { nullable: true, description: "A new publisher; null clears it." })
  publisher?: string | null;

  @Field((_type) => [String], { nullable: true, description: "The new list of authors (replaces the old list)." })
  authors?: string[] | null;

  @Field((_type) => String, { nullable: true, description: "Partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD; null clears it." })
  publishedOn?: string | null;

  @Field((_type) => String, { nullable: true, description: "An http(s) URL; null clears it." })
  url?: string | null;

  @Field((_type) => String, { nullable: true, description: "A DOI such as 10.1007/s13244-018-0638-x; null clears it." })
  doi?: string | null;
}
