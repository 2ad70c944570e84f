import type { Request } from "express";
import { authenticate } from "./auth/authenticate";
import type { Viewer } from "./auth/viewer";
import type { Database } from "./db/client";

/** What every resolver gets: the database, and who is asking. Built anew per request. */
export interface Context {
  db: Database;
  viewer: Viewer | null;
}

export async function createContext(db: Database, request: Request): Promise<Context> {
  return { db, viewer: await authenticate(db, request.headers.authorization) };
}
