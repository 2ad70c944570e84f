import { createHash, randomBytes } from "node:crypto";

/** A new API token: 32 random bytes, prefixed so that leaked tokens are recognisable. */
export function generateToken(): string {
  return `cg_${randomBytes(32).toString("base64url")}`;
}

/**
 * Tokens are stored only as their SHA-256: they carry 256 bits of entropy,
 * so a slow password hash adds nothing (and would need a native build).
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
