import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { requireRole } from "../../auth/roles";
import { issueToken, revokeToken } from "../../auth/token.service";
import type { Context } from "../../context";
import { fromGlobalId } from "../node/global-id";
import { CreateTokenInput } from "./api-token.input";
import { ApiToken, CreatedToken, toApiToken } from "./api-token.type";

@Resolver()
export class ApiTokenResolver {
  @Mutation((_returns) => CreatedToken, { description: "ADMIN: issues a token; the response is the only place it is ever shown." })
  async createToken(@Arg("input", (_type) => CreateTokenInput, { description: "Who the token signs in as, and its role." }) input: CreateTokenInput, @Ctx() ctx: Context): Promise<CreatedToken> {
    requireRole(ctx, "ADMIN");
    const { token, apiToken } = await issueToken(ctx.db, input);
    return { token, apiToken: toApiToken(apiToken) };
  }

  @Mutation((_returns) => ApiToken, { description: "ADMIN: revokes a token; requests with it are then UNAUTHENTICATED." })
  async revokeToken(@Arg("id", (_type) => ID, { description: "The token's global id (ApiToken.id)." }) id: string, @Ctx() ctx: Context): Promise<ApiToken> {
    requireRole(ctx, "ADMIN");
    return toApiToken(await revokeToken(ctx.db, fromGlobalId(id, "id", "ApiToken").rowId));
  }
}
