import { Field, InputType } from "type-graphql";

@InputType({ description: "A new source; it starts as a draft." })
export class CreateSourceInput {
  @Field()
  title!: string;

  @Field((_type) => String, { nullable: true })
  publisher?: string | null;

  @Field((_type) => [String], { nullable: true })
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
  @Field((_type) => String, { nullable: true })
  title?: string | null;

  @Field((_type) => String, { nullable: true })
  publisher?: string | null;

  @Field((_type) => [String], { nullable: true })
  authors?: string[] | null;

  @Field((_type) => String, { nullable: true })
  publishedOn?: string | null;

  @Field((_type) => String, { nullable: true })
  url?: string | null;

  @Field((_type) => String, { nullable: true })
  doi?: string | null;
}
