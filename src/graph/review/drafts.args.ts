import { ArgsType, Field } from "type-graphql";

/** The `includeDrafts` argument of root read fields; nested fields follow the root's choice. */
@ArgsType()
export class DraftsArgs {
  @Field({
    defaultValue: false,
    description: "Signed-in editors only: include drafts and retracted records, with pending edits applied.",
  })
  includeDrafts!: boolean;
}
