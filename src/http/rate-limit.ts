import { createHash } from "node:crypto";
import type { Request } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { ErrorCode } from "../errors";
import { sendJsonError } from "./json-errors";

/**
 * A request budget per client and window (express-rate-limit, in memory, per
 * process): a client is its bearer token (by SHA-256, never the token
 * itself) or, anonymous, its IP address (IPv6 by /56 subnet). Over budget:
 * 429 with `Retry-After` (seconds) and a JSON GraphQL error RATE_LIMITED;
 * `RateLimit` / `RateLimit-Policy` headers (IETF draft 8) on every response.
 * Behind a proxy, set Express's `trust proxy` so that the IP is the client's.
 */
export function rateLimitPerClient(options: { max: number; windowMs: number }) {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.max,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: clientKey,
    handler: (_request, response) => {
      const seconds = response.getHeader("retry-after");
      sendJsonError(
        response,
        429,
        ErrorCode.RATE_LIMITED,
        `Too many requests: at most ${options.max} per ${options.windowMs / 1000} s per client. Retry after ${seconds} s.`,
      );
    },
  });
}

function clientKey(request: Request): string {
  const authorization = request.headers.authorization;
  if (authorization) return `token:${createHash("sha256").update(authorization).digest("base64url")}`;
  return `ip:${ipKeyGenerator(request.ip ?? "unknown")}`;
}
