import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { ApolloServerPlugin, PersistedQueryOptions } from "@apollo/server";
import { PrefixingKeyValueCache } from "@apollo/utils.keyvaluecache";
import { GraphQLError } from "graphql";
import { z } from "zod";
import { ConfigError } from "../config";

/** Trusted operations by the SHA-256 (hex) of their text, as automatic persisted queries name them. */
export type TrustedOperations = ReadonlyMap<string, string>;

// Apollo's persisted query manifest, as `@apollo/generate-persisted-query-manifest` writes it.
const manifestSchema = z.object({
  format: z.literal("apollo-persisted-query-manifest"),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string(), name: z.string(), type: z.enum(["query", "mutation", "subscription"]), body: z.string() })),
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Reads a persisted query manifest; ConfigError (one line, naming
 * TRUSTED_OPERATIONS) when it cannot be read, is not a manifest, or an
 * operation's id is not the SHA-256 of its body.
 */
export async function loadTrustedOperations(file: string): Promise<TrustedOperations> {
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch (error) {
    const reason = error instanceof z.ZodError ? "not an apollo-persisted-query-manifest (version 1)" : (error as Error).message;
    throw new ConfigError(`Invalid TRUSTED_OPERATIONS: ${file}: ${reason}`);
  }
  const operations = new Map<string, string>();
  for (const { id, name, body } of manifest.operations) {
    if (id !== sha256(body)) throw new ConfigError(`Invalid TRUSTED_OPERATIONS: the id of operation "${name}" is not the SHA-256 of its body.`);
    operations.set(id, body);
  }
  return operations;
}

/**
 * Apollo's `persistedQueries` option. Without a trusted list: automatic
 * persisted queries (APQ) with Apollo's bounded in-memory cache, over POST
 * and GET, so a GET by hash can be cached by a CDN. With one: the hashes
 * resolve to the trusted operations only, and nothing can be registered.
 */
export function persistedQueriesOption(trusted: TrustedOperations | undefined): PersistedQueryOptions {
  if (!trusted) return {};
  // Keyed by the bare hash: Apollo would otherwise prefix the keys it asks for.
  const cache = PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation<string>({
    get: async (hash) => trusted.get(hash),
    set: async () => {},
    delete: async () => false,
  });
  return { cache };
}

/**
 * Refuses, before execution, any operation not on the trusted list, whether
 * sent by hash or as text: PERSISTED_QUERY_NOT_IN_LIST (HTTP 400), the code
 * Apollo's own safelisting uses. A hash unknown to the list stays
 * PERSISTED_QUERY_NOT_FOUND, as with APQ. (Apollo handles errors from
 * didResolveOperation as client errors, not from the hooks before parsing,
 * so a text that does not parse gets its parse error first.)
 */
export function trustedOperationsPlugin(trusted: TrustedOperations): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (!trusted.has(queryHash)) {
            throw new GraphQLError("This server accepts only its trusted operations; this one is not on the list.", {
              extensions: { code: "PERSISTED_QUERY_NOT_IN_LIST", http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
