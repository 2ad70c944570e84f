import { Field, Int, ObjectType } from "type-graphql";
import type { ApiTokenWithEditor } from "../../auth/token.service";
import { Role } from "../enums";

/** An API token as administrators see it: never the secret, only its metadata. */
@ObjectType({ description: "An API token's metadata; the token itself is shown only once, when it is created." })
export class ApiToken {
  @Field((_type) => Int, { description: "Pass it to revokeToken (or `npm run token:revoke -- --id`)." })
  id!: number;

  @Field({ description: "The editor account the token signs in as." })
  name!: string;

  @Field((_type) => Role)
  role!: Role;

  @Field()
  createdAt!: Date;

  @Field((_type) => Date, { nullable: true, description: "When the token was last used, to within a few minutes." })
  lastUsedAt!: Date | null;

  @Field((_type) => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType({ description: "A newly created token: store `token` now, it cannot be shown again." })
export class CreatedToken {
  @Field({ description: "The secret to send as `Authorization: Bearer <token>`." })
  token!: string;

  @Field((_type) => ApiToken)
  apiToken!: ApiToken;
}

export function toApiToken(row: ApiTokenWithEditor): ApiToken {
  return {
    id: row.id,
    name: row.editor.name,
    role: row.role,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
