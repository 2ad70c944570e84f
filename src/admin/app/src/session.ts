import { Client, fetchExchange } from "urql";

// The API token lives in this tab's session storage only: closing the tab signs out.
const TOKEN_KEY = "caregraph.admin.token";

export const readToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const storeToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);
export const forgetToken = (): void => sessionStorage.removeItem(TOKEN_KEY);

/**
 * The GraphQL client: POST to the same server's /graphql with the bearer token. No client cache: an
 * editorial screen shows what the server holds now, so every screen asks again (and after each change).
 * POST only: the server's CSRF prevention refuses simple GETs.
 */
export function createApiClient(): Client {
  return new Client({
    // The app is served at <base>/ (vite base "/admin/") and the API at /graphql beside it.
    url: new URL("../graphql", window.location.origin + import.meta.env.BASE_URL).pathname,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: "network-only",
    fetchOptions: () => {
      const token = readToken();
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      return { headers };
    },
  });
}
