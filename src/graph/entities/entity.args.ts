import { ArgsType, Field, ID } from "type-graphql";
import { EntityKind } from "../enums";

@ArgsType()
export class EntityArgs {
  @Field((_type) => ID, { nullable: true, description: "The entity's global id; pass this or slug." })
  id?: string | null;

  @Field((_type) => String, { nullable: true, description: "The entity's slug; pass this or id." })
  slug?: string | null;
}

@ArgsType()
export class EntityFilterArgs {
  @Field((_type) => EntityKind, { nullable: true, description: "Only entities of this kind." })
  kind?: EntityKind | null;
}
