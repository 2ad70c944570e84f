import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import type { pg_trgm as PgTrgm } from "@electric-sql/pglite/contrib/pg_trgm" with { "resolution-mode": "import" };
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// The package's type map points at its ESM typings only; at run time its
// CommonJS build is the one to load, next to the CommonJS PGlite.
const { pg_trgm } = require("@electric-sql/pglite/contrib/pg_trgm") as { pg_trgm: typeof PgTrgm };

/**
 * Connections a client should open to the embedded database: pglite-socket
 * interleaves different connections' statements outside transactions (PGlite
 * is one session), so one.
 */
export const EMBEDDED_POOL_MAX = 1;

/** A running embedded PostgreSQL, reachable over TCP like any other server. */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL compiled to wasm) and serves it on a loopback
 * port, so the application talks to it through the same `pg` driver path as
 * to a real server. `dataDir` undefined keeps the database in memory.
 */
export async function startEmbeddedPostgres(dataDir: string | undefined, port = 0): Promise<EmbeddedPostgres> {
  // PGlite creates only the last folder of the path; a fresh clone has none of it.
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  // PGlite is one backend: the socket server queues every connection's
  // queries on it, so a pool needs room for more than its default of one.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 100 });
  await server.start();
  return {
    url: `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
