import cors, { type FastifyCorsOptions } from "@fastify/cors";
import type { FastifyInstance } from "fastify";

/**
 * CORS (@fastify/cors): browsers on the listed origins may call the API,
 * with the headers a GraphQL client sends; preflights (OPTIONS) are answered
 * with 204. No origin is listed by default, so no browser on another origin
 * may read a response. Sign-in is a bearer header, never a cookie, so a
 * cross-site request cannot act as anyone (README, "GET, caching and CSRF").
 */
export async function corsForOrigins(app: FastifyInstance, origins: string[]): Promise<void> {
  const options: FastifyCorsOptions = {
    origin: origins.length > 0 ? origins : false,
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ["authorization", "content-type", "apollo-require-preflight", "x-apollo-operation-name", "x-request-id"],
    exposedHeaders: ["x-request-id", "retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"],
    maxAge: 600,
    // An OPTIONS without Origin or Access-Control-Request-Method gets the preflight answer too, not a text/plain 400.
    strictPreflight: false,
  };
  await app.register(cors, options);
}
