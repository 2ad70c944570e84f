import { Field, InputType } from "type-graphql";
import { EntityKind } from "../enums";

@InputType({ description: "A new entity; it starts as a draft." })
export class CreateEntityInput {
  @Field((_type) => EntityKind, { description: "What the entity is." })
  kind!: EntityKind;

  @Field({ description: "1 to 200 characters." })
  name!: string;

  @Field((_type) => String, { nullable: true, description: "Lowercase kebab ASCII; derived from the name when absent. Reserved forever." })
  slug?: string | null;

  @Field((_type) => [String], { nullable: true, description: "Other names people use; none when absent." })
  aliases?: string[] | null;

  @Field((_type) => String, { nullable: true, description: "A plain-language summary." })
  summary?: string | null;
}

@InputType({ description: "Changes to an entity: only the fields given change; null clears an optional field." })
export class UpdateEntityInput {
  @Field((_type) => EntityKind, { nullable: true, description: "Must still fit every live relation's predicate." })
  kind?: EntityKind | null;

  @Field((_type) => String, { nullable: true, description: "A new name, 1 to 200 characters." })
  name?: string | null;

  @Field((_type) => String, { nullable: true, description: "A new slug, lowercase kebab ASCII; the old one stays reserved." })
  slug?: string | null;

  @Field((_type) => [String], { nullable: true, description: "The new list of other names (replaces the old list)." })
  aliases?: string[] | null;

  @Field((_type) => String, { nullable: true, description: "A new summary; null clears it." })
  summary?: string | null;
}
