import { ArgsType, Field } from "type-graphql";

/**
 * The `includeDrafts` argument of root read fields; nested fields follow the
 * root's choice. Resolvers take it as their first `@Args()` parameter:
 * type-graphql lists parameters in reverse, so it comes last in the SDL,
 * after the field's own arguments.
 */
@ArgsType()
export class DraftsArgs {
  @Field({
    defaultValue: false,
    description: "Signed-in editors only: include drafts and retracted records, with pending edits applied.",
  })
  includeDrafts!: boolean;
}
