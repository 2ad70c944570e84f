import type { Database } from "../../src/db/client";
import type { Role } from "../../src/generated/prisma/enums";
import { generateToken, hashToken } from "../../src/auth/tokens";

/** Creates an editor with a fresh API token and returns the token, as a signed-in client would hold it. */
export async function createEditorToken(db: Database, name: string, role: Role = "EDITOR"): Promise<string> {
  const token = generateToken();
  await db.editor.create({ data: { name, tokens: { create: { role, tokenHash: hashToken(token) } } } });
  return token;
}
