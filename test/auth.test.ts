import { GraphQLError } from "graphql";
import { authenticate } from "../src/auth/authenticate";
import { hasRole, requireRole } from "../src/auth/roles";
import { hasAnyToken, issueToken, revokeToken, revokeTokensOf } from "../src/auth/token.service";
import { hashToken } from "../src/auth/tokens";
import type { Database } from "../src/db/client";
import type { Role } from "../src/generated/prisma/enums";
import { connectTestDatabase, resetDatabase } from "./support/database";
import { lastUsedUpdates, lastUsedWrites } from "./support/token-writes";

// The rules of authentication and roles, called directly on the run's database
// (the HTTP side is in editor-access-control and server).

/** The GraphQL error's extensions `action` fails with, or undefined when it succeeds. */
async function extensionsOf(action: () => unknown): Promise<Record<string, unknown> | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return error.extensions;
  }
}

/** The GraphQL error code `action` fails with, or undefined when it succeeds. */
async function codeOf(action: () => unknown): Promise<string | undefined> {
  return (await extensionsOf(action))?.code as string | undefined;
}

describe("authentication and roles", () => {
  let db: Database;

  beforeAll(() => {
    db = connectTestDatabase();
  });

  beforeEach(() => resetDatabase(db));

  afterAll(() => db.$disconnect());

  describe("a token", () => {
    it("is 32 random bytes, prefixed, and stored only as its SHA-256", async () => {
      const { token, apiToken } = await issueToken(db, { name: "ada", role: "ADMIN" });
      expect(token).toMatch(/^cg_[A-Za-z0-9_-]{43}$/);
      expect(apiToken.tokenHash).toBe(hashToken(token));
      expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(await db.apiToken.findMany())).not.toContain(token.slice(3));
      expect(apiToken).toMatchObject({ role: "ADMIN", revokedAt: null, lastUsedAt: null, editor: { name: "ada" } });
    });

    it("is issued for a trimmed name, one account per name", async () => {
      const first = await issueToken(db, { name: "  edna ", role: "EDITOR" });
      const second = await issueToken(db, { name: "edna", role: "REVIEWER" });
      expect(first.apiToken.editor.name).toBe("edna");
      expect(second.apiToken.editorId).toBe(first.apiToken.editorId);
      expect(await db.editor.count()).toBe(1);
    });

    it.each([
      ["an empty name", { name: "   ", role: "EDITOR" }, "name must not be empty.", "name"],
      ["a name with NUL", { name: "a\u0000b", role: "EDITOR" }, "name must not contain a NUL character.", "name"],
      ["a name over 100 characters", { name: "n".repeat(101), role: "EDITOR" }, "name must be at most 100 characters.", "name"],
      ["an unknown role", { name: "ada", role: "OWNER" }, "role must be one of EDITOR, REVIEWER, ADMIN.", "role"],
    ])("is refused for %s, naming the field at fault, writing nothing", async (_case, input, message, field) => {
      await expect(issueToken(db, input)).rejects.toThrow(message);
      expect(await extensionsOf(() => issueToken(db, input))).toEqual({ code: "BAD_USER_INPUT", field });
      expect(await db.editor.count()).toBe(0);
    });

    it("is issued for a name of exactly 100 characters", async () => {
      expect((await issueToken(db, { name: "n".repeat(100), role: "EDITOR" })).apiToken.editor.name).toHaveLength(100);
    });
  });

  describe("the Authorization header", () => {
    let token: string;

    beforeEach(async () => {
      ({ token } = await issueToken(db, { name: "edna", role: "EDITOR" }));
    });

    it("is optional: none, or an empty one, is an anonymous reader", async () => {
      expect(await authenticate(db, undefined)).toBeNull();
      expect(await authenticate(db, "")).toBeNull();
    });

    it("names the token's editor and role, whatever the scheme's case and the spaces after it", async () => {
      for (const header of [`Bearer ${token}`, `bearer ${token}`, `BEARER \t${token}`]) {
        expect(await authenticate(db, header)).toMatchObject({ name: "edna", role: "EDITOR" });
      }
    });

    const malformed = "The Authorization header must be 'Bearer <token>'.";
    const unknown = "The API token is not valid or has been revoked.";
    it.each([
      ["another scheme", (t: string) => `Basic ${t}`, malformed],
      ["no scheme", (t: string) => t, malformed],
      ["text before the scheme", (t: string) => `x Bearer ${t}`, malformed],
      ["text after the token", (t: string) => `Bearer ${t} extra`, malformed],
      ["no space after the scheme", (t: string) => `Bearer${t}`, malformed],
      ["a scheme without a token", () => "Bearer ", malformed],
      ["a token cut short", (t: string) => `Bearer ${t.slice(0, -1)}`, unknown],
    ])("refuses %s with UNAUTHENTICATED, saying why", async (_case, header, message) => {
      expect(await codeOf(() => authenticate(db, header(token)))).toBe("UNAUTHENTICATED");
      await expect(authenticate(db, header(token))).rejects.toThrow(message);
      expect(await db.apiToken.findFirstOrThrow()).toMatchObject({ lastUsedAt: null });
    });

    it("refuses a revoked token, and revokes an editor's live tokens together", async () => {
      const first = await db.apiToken.findFirstOrThrow();
      const second = await issueToken(db, { name: "edna", role: "REVIEWER" });
      await revokeToken(db, first.id);
      expect(await codeOf(() => authenticate(db, `Bearer ${token}`))).toBe("UNAUTHENTICATED");
      await expect(authenticate(db, `Bearer ${token}`)).rejects.toThrow("The API token is not valid or has been revoked.");
      expect(await revokeTokensOf(db, "edna")).toBe(1);
      expect(await codeOf(() => authenticate(db, `Bearer ${second.token}`))).toBe("UNAUTHENTICATED");
      expect(await revokeTokensOf(db, "edna")).toBe(0);
    });

    it("notes when a token was last used, at most once in five minutes", async () => {
      const lastUsed = async () => (await db.apiToken.findFirstOrThrow()).lastUsedAt;
      await authenticate(db, `Bearer ${token}`);
      const first = await lastUsed();
      expect(first).toEqual(expect.any(Date));
      expect(Math.abs(first!.getTime() - Date.now())).toBeLessThan(60_000);

      const fourMinutesAgo = new Date(Date.now() - 4 * 60_000);
      await db.apiToken.updateMany({ data: { lastUsedAt: fourMinutesAgo } });
      await authenticate(db, `Bearer ${token}`);
      expect(await lastUsed()).toEqual(fourMinutesAgo);

      const sixMinutesAgo = new Date(Date.now() - 6 * 60_000);
      await db.apiToken.updateMany({ data: { lastUsedAt: sixMinutesAgo } });
      await authenticate(db, `Bearer ${token}`);
      expect((await lastUsed())!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    });

    it("sends no UPDATE at all while the last use is under five minutes old", async () => {
      const use = () => authenticate(db, `Bearer ${token}`);
      await db.apiToken.updateMany({ data: { lastUsedAt: new Date(Date.now() - 4 * 60_000) } });
      expect(await lastUsedUpdates(db, use)).toBe(0);
      await db.apiToken.updateMany({ data: { lastUsedAt: new Date(Date.now() - 6 * 60_000) } });
      expect(await lastUsedUpdates(db, use)).toBe(1);
    });

    it("notes the use once when 20 requests all read the token unused: the UPDATE itself re-checks the time", async () => {
      // Every read is sent before any write can be (each write waits for its own read), so all 20 see lastUsedAt null.
      expect(await lastUsedWrites(db, () => Promise.all(Array.from({ length: 20 }, () => authenticate(db, `Bearer ${token}`))))).toBe(1);
    });
  });

  describe("revoking", () => {
    it("keeps the first revocation time when revoked again", async () => {
      const { apiToken } = await issueToken(db, { name: "ada", role: "ADMIN" });
      const first = await revokeToken(db, apiToken.id);
      expect(first.revokedAt).toEqual(expect.any(Date));
      expect(first.editor.name).toBe("ada");
      const again = await revokeToken(db, apiToken.id);
      expect(again.revokedAt).toEqual(first.revokedAt);
      expect(again.editor.name).toBe("ada");
    });

    it("answers NOT_FOUND for an unknown token or account", async () => {
      expect(await codeOf(() => revokeToken(db, 424242))).toBe("NOT_FOUND");
      await expect(revokeToken(db, 424242)).rejects.toThrow("There is no API token with id 424242.");
      expect(await codeOf(() => revokeTokensOf(db, "nobody"))).toBe("NOT_FOUND");
      await expect(revokeTokensOf(db, "nobody")).rejects.toThrow('There is no editor account named "nobody".');
    });

    it("tells whether any token was ever issued, revoked ones included", async () => {
      expect(await hasAnyToken(db)).toBe(false);
      const { apiToken } = await issueToken(db, { name: "ada", role: "ADMIN" });
      await revokeToken(db, apiToken.id);
      expect(await hasAnyToken(db)).toBe(true);
    });
  });

  describe("roles", () => {
    const viewer = (role: Role) => ({ editorId: 1, name: "v", role, tokenId: 1 });

    it.each<[Role, Role, boolean]>([
      ["EDITOR", "EDITOR", true], ["EDITOR", "REVIEWER", false], ["EDITOR", "ADMIN", false],
      ["REVIEWER", "EDITOR", true], ["REVIEWER", "REVIEWER", true], ["REVIEWER", "ADMIN", false],
      ["ADMIN", "EDITOR", true], ["ADMIN", "REVIEWER", true], ["ADMIN", "ADMIN", true],
    ])("%s includes %s: %p", (has, needed, included) => {
      expect(hasRole(viewer(has), needed)).toBe(included);
      if (included) expect(requireRole({ viewer: viewer(has) }, needed)).toEqual(viewer(has));
    });

    it("refuses an anonymous caller with UNAUTHENTICATED and a low role with FORBIDDEN, naming the roles", async () => {
      expect(await codeOf(() => requireRole({ viewer: null }, "EDITOR"))).toBe("UNAUTHENTICATED");
      expect(() => requireRole({ viewer: null }, "REVIEWER")).toThrow("Sign in with an API token of role REVIEWER or above.");
      expect(await codeOf(() => requireRole({ viewer: viewer("EDITOR") }, "ADMIN"))).toBe("FORBIDDEN");
      expect(() => requireRole({ viewer: viewer("REVIEWER") }, "ADMIN")).toThrow("This needs the ADMIN role; your token has REVIEWER.");
    });
  });
});
