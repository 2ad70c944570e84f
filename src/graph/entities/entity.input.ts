import { Field, InputType } from "type-graphql";
import { EntityKind } from "../enums";

@InputType({ description: "A new entity; it starts as a draft." })
export class CreateEntityInput {
  @Field((_type) => EntityKind)
  kind!: EntityKind;

  @Field({ description: "1 to 200 characters." })
  name!: string;

  @Field((_type) => String, { nullable: true, description: "Lowercase kebab ASCII; derived from the name when absent. Reserved forever." })
  slug?: string | null;

  @Field((_type) => [String], { nullable: true })
  aliases?: string[] | null;

  @Field((_type) => String, { nullable: true })
  summary?: string | null;
}

@InputType({ description: "Changes to an entity: only the fields given change; null clears an optional field." })
export class UpdateEntityInput {
  @Field((_type) => EntityKind, { nullable: true, description: "Must still fit every live relation's predicate." })
  kind?: EntityKind | null;

  @Field((_type) => String, { nullable: true })
  name?: string | null;

  @Field((_type) => String, { nullable: true })
  slug?: string | null;

  @Field((_type) => [String], { nullable: true })
  aliases?: string[] | null;

  @Field((_type) => String, { nullable: true })
  summary?: string | null;
}
