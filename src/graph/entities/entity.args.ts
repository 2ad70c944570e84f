import { ArgsType, Field, ID } from "type-graphql";
import { EntityKind } from "../enums";
import { ConnectionArgs } from "../pagination/connection.args";
import { DraftsArgs } from "../review/drafts.args";

@ArgsType()
export class EntityArgs extends DraftsArgs {
  @Field((_type) => ID, { nullable: true, description: "The entity's global id; pass this or slug." })
  id?: string | null;

  @Field((_type) => String, { nullable: true, description: "The entity's slug; pass this or id." })
  slug?: string | null;
}

@ArgsType()
export class EntitiesArgs extends ConnectionArgs {
  @Field((_type) => EntityKind, { nullable: true, description: "Only entities of this kind." })
  kind?: EntityKind | null;
}
