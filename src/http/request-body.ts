import contentType from "content-type";
import type { preParsingHookHandler } from "fastify";
import { ErrorCode } from "../errors";
import { HttpRefusal } from "./json-errors";

// Encodings that leave the body as it is (RFC 9110, section 8.4.1).
const PLAIN_ENCODINGS = new Set(["", "identity"]);
const UTF_8 = new Set(["utf-8", "utf8"]);

/**
 * A `preParsing` hook: the body is read as UTF-8 JSON as it is, so a
 * `content-encoding` other than `identity` and a charset other than UTF-8
 * are refused with 415 UNSUPPORTED_MEDIA_TYPE before it is read, rather
 * than parsed as garbage (GraphQL over HTTP: bodies are UTF-8 JSON).
 */
export const plainUtf8BodiesOnly: preParsingHookHandler = (request, _reply, payload, done) => {
  if (request.method === "GET" || request.method === "HEAD") return done(null, payload); // no body to read
  const encoding = String(request.headers["content-encoding"] ?? "").trim().toLowerCase();
  if (!PLAIN_ENCODINGS.has(encoding)) {
    return done(new HttpRefusal(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request's content-encoding is not supported; send the body uncompressed."));
  }
  const charset = charsetOf(request.headers["content-type"]);
  if (charset !== undefined && !UTF_8.has(charset)) {
    return done(new HttpRefusal(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request's charset is not supported; send UTF-8."));
  }
  done(null, payload);
};

function charsetOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return contentType.parse(header).parameters.charset?.toLowerCase();
  } catch {
    return undefined; // a malformed content-type is the GraphQL layer's to refuse
  }
}
