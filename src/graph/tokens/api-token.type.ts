import { Field, ID, ObjectType } from "type-graphql";
import type { ApiTokenWithEditor } from "../../auth/token.service";
import { Role } from "../enums";
import { toGlobalId } from "../node/global-id";
import { Node } from "../node/node.type";

/** An API token as administrators see it: never the secret, only its metadata. */
@ObjectType({
  implements: Node,
  description: "An API token's metadata; the token itself is shown only once, when it is created. `node(id)` returns it to ADMIN tokens only.",
})
export class ApiToken implements Node {
  @Field((_type) => ID, { description: "The token's global id: pass it to revokeToken. (`npm run token:revoke -- --id` takes the number that token:create prints.)" })
  id!: string;

  __typename!: "ApiToken";

  @Field({ description: "The editor account the token signs in as." })
  name!: string;

  @Field((_type) => Role, { description: "What the token may do." })
  role!: Role;

  @Field({ description: "When the token was issued." })
  createdAt!: Date;

  @Field((_type) => Date, { nullable: true, description: "When the token was last used, to within a few minutes." })
  lastUsedAt!: Date | null;

  @Field((_type) => Date, { nullable: true, description: "When the token was revoked; null while it is live." })
  revokedAt!: Date | null;
}

@ObjectType({ description: "A newly created token: store `token` now, it cannot be shown again." })
export class CreatedToken {
  @Field({ description: "The secret to send as `Authorization: Bearer <token>`." })
  token!: string;

  @Field((_type) => ApiToken, { description: "The token's metadata." })
  apiToken!: ApiToken;
}

export function toApiToken(row: ApiTokenWithEditor): ApiToken {
  return {
    __typename: "ApiToken",
    id: toGlobalId("ApiToken", row.id),
    name: row.editor.name,
    role: row.role,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
