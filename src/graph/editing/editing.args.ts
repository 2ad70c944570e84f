import { ArgsType, Field, ID, Int } from "type-graphql";

// Mutations take ArgsType classes rather than several @Arg parameters:
// type-graphql emits parameter arguments in reverse order, fields in order.

/** `(id, reason)`: a deletion or retraction, which says why. */
@ArgsType()
export class ReasonedChangeArgs {
  @Field((_type) => ID, { description: "The global id of the record to change." })
  id!: string;

  @Field({ description: "Why; kept in the record's history." })
  reason!: string;
}

/** `(id, expectedVersion, ...)`: a change to the version the caller read; each edit adds its input. */
@ArgsType()
export class VersionedChangeArgs {
  @Field((_type) => ID, { description: "The global id of the record to change." })
  id!: string;

  @Field((_type) => Int, { description: "The version the change is based on; CONFLICT (with the current version) when it moved on." })
  expectedVersion!: number;
}
