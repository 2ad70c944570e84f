import { Field, ID, InterfaceType } from "type-graphql";
import { globalId, SqlField } from "../sql/declarations";

/**
 * Anything with a global, opaque id; `node(id)` fetches it. Every object the
 * API returns is mapped from its row with its GraphQL type in `__typename`,
 * which is how the interfaces resolve their concrete type.
 */
@InterfaceType({
  description: "An object with a global, opaque id.",
  resolveType: (value: { __typename: string }) => value.__typename,
})
export abstract class Node {
  @Field((_type) => ID, { description: "The object's global, opaque id: pass it to node(id)." })
  @SqlField(globalId)
  id!: string;

  __typename!: string;
}
