import type { Database } from "../db/client";
import { notFoundError, userInputError } from "../errors";
import type { ApiToken, Editor } from "../generated/prisma/client";
import { Role } from "../generated/prisma/enums";
import { characters } from "../graph/editing/validation";
import { generateToken, hashToken } from "./tokens";

export type ApiTokenWithEditor = ApiToken & { editor: Editor };

export interface IssuedToken {
  /** The secret itself: shown once, never stored. */
  token: string;
  apiToken: ApiTokenWithEditor;
}

const MAX_NAME_LENGTH = 100;

/**
 * Issues a new token for the editor account `name` (created on first use).
 * Only the token's SHA-256 is stored; the caller shows the token once.
 */
export async function issueToken(db: Database, input: { name: string; role: string }): Promise<IssuedToken> {
  const name = input.name.trim();
  if (name === "") throw userInputError("name must not be empty.", "name");
  // PostgreSQL cannot store U+0000 in text.
  if (name.includes("\u0000")) throw userInputError("name must not contain a NUL character.", "name");
  if (characters(name) > MAX_NAME_LENGTH) throw userInputError(`name must be at most ${MAX_NAME_LENGTH} characters.`, "name");
  if (!Object.values<string>(Role).includes(input.role)) {
    throw userInputError(`role must be one of ${Object.values(Role).join(", ")}.`, "role");
  }
  const token = generateToken();
  // INSERT ... ON CONFLICT DO NOTHING: concurrent calls for one new name
  // share the account (connectOrCreate let all but one fail on its unique name).
  await db.editor.createMany({ data: [{ name }], skipDuplicates: true });
  const apiToken = await db.apiToken.create({
    data: {
      role: input.role as Role,
      tokenHash: hashToken(token),
      editor: { connect: { name } },
    },
    include: { editor: true },
  });
  return { token, apiToken };
}

/** One token with its editor account, by row id; null when there is none. */
export function findToken(db: Database, id: number): Promise<ApiTokenWithEditor | null> {
  return db.apiToken.findUnique({ where: { id }, include: { editor: true } });
}

/** Revokes one token by its id; revoking it again keeps the first revocation time. */
export async function revokeToken(db: Database, id: number): Promise<ApiTokenWithEditor> {
  const existing = await findToken(db, id);
  if (!existing) throw notFoundError(`There is no API token with id ${id}.`);
  if (existing.revokedAt) return existing;
  return db.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, include: { editor: true } });
}

/** Revokes every live token of the editor account `name`; returns how many it revoked. */
export async function revokeTokensOf(db: Database, name: string): Promise<number> {
  const editor = await db.editor.findUnique({ where: { name } });
  if (!editor) throw notFoundError(`There is no editor account named "${name}".`);
  const { count } = await db.apiToken.updateMany({ where: { editorId: editor.id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

/** Whether any token was ever issued: until then the server tells how to get the first one. */
export async function hasAnyToken(db: Database): Promise<boolean> {
  return (await db.apiToken.count()) > 0;
}
