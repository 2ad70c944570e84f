import type { IncomingHttpHeaders } from "node:http";
import { authenticate } from "./auth/authenticate";
import type { Viewer } from "./auth/viewer";
import type { Database } from "./db/client";
import { createLoaders, type Loaders } from "./graph/loaders";

/** What every resolver gets: the database, who is asking, and the request's loaders. Built anew per request. */
export interface Context {
  db: Database;
  viewer: Viewer | null;
  loaders: Loaders;
  /** Aborted when the request passes its deadline or its client disconnects (src/resilience/deadline.ts). */
  signal: AbortSignal;
}

/** The context of one request: `headers` are the request's (only `authorization` is read). */
export async function createContext(db: Database, request: { headers: IncomingHttpHeaders }, signal: AbortSignal): Promise<Context> {
  return { db, viewer: await authenticate(db, request.headers.authorization), loaders: createLoaders(db), signal };
}

/**
 * Forgets what the request has read so far (its DataLoaders cache every
 * row they load): called after each mutation, so that later fields of the
 * same document see what the mutation wrote.
 */
export function forgetRequestReads(context: Context): void {
  context.loaders = createLoaders(context.db);
}
