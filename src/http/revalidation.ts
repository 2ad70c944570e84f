import etag from "etag";
import type { onSendHookHandler } from "fastify";
import fresh from "fresh";

/**
 * An `onSend` hook for cached GET answers: a 200 to a GET or HEAD carries a
 * weak `ETag` (the `etag` package: the body's length and SHA-1), and when
 * the request's `If-None-Match` matches (`fresh`, RFC 9110 section 13.1.2)
 * the answer is 304 with no body. Only these: revalidating a POST, which may
 * have written, or an error, would drop an answer the client needs. These are
 * the packages and the rule Express used.
 */
export const revalidateCachedAnswers: onSendHookHandler<unknown> = async (request, reply, payload) => {
  if ((request.method !== "GET" && request.method !== "HEAD") || reply.statusCode !== 200 || typeof payload !== "string") return payload;
  const tag = etag(payload, { weak: true });
  reply.header("etag", tag);
  if (!fresh(request.headers, { etag: tag })) return payload;
  reply.code(304);
  return "";
};
