import { createHash } from "node:crypto";
import rateLimit, { normalizeIP } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ErrorCode } from "../errors";
import { HttpRefusal } from "./json-errors";

// Anonymous clients are counted per /56, the smallest prefix commonly assigned to one IPv6 customer.
const IPV6_SUBNET = 56;

/**
 * A request budget per client and window (@fastify/rate-limit, in memory,
 * per process): a client is its bearer token (by SHA-256, never the token
 * itself) or, anonymous, its IP address (IPv6 by /56 subnet). Over budget:
 * 429 with `Retry-After` (seconds) and a JSON GraphQL error RATE_LIMITED;
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds)
 * on every response (IETF draft, `enableDraftSpec`). It guards the routes
 * of `scope`, the Fastify scope it is registered in. Behind a reverse proxy
 * every anonymous client shares the proxy's address (Fastify's `trustProxy`
 * is not set).
 */
export async function rateLimitPerClient(scope: FastifyInstance, options: { max: number; windowMs: number }): Promise<void> {
  await scope.register(rateLimit, {
    max: options.max,
    timeWindow: options.windowMs,
    enableDraftSpec: true,
    keyGenerator: clientKey,
    errorResponseBuilder: (_request, { ttl }) => {
      const seconds = Math.ceil(ttl / 1000);
      return new HttpRefusal(
        429,
        ErrorCode.RATE_LIMITED,
        `Too many requests: at most ${options.max} per ${options.windowMs / 1000} s per client. Retry after ${seconds} s.`,
      );
    },
  });
}

function clientKey(request: FastifyRequest): string {
  const authorization = request.headers.authorization;
  if (authorization) return `token:${createHash("sha256").update(authorization).digest("base64url")}`;
  return `ip:${normalizeIP(request.ip, IPV6_SUBNET)}`;
}
