import { createHash } from "node:crypto";
import { mkdir, realpath, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { ConfigError } from "../config";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";

const WAIT_FOR_OWNER_MS = 30_000;
// Written by versions that kept ownership in a file; meaningless now, removed by the lock's holder.
const LEGACY_OWNER_FILE = "caregraph-owner.json";

/** Who opens the data directory: the API server stays; a command (token:create, import) is gone in seconds. */
export type EmbeddedUse = "server" | "command";

/** What the holder of a data directory's lock says about itself. */
export interface EmbeddedOwner {
  pid: number;
  use: EmbeddedUse;
  /** Where it serves the database; null while it is still starting. */
  url: string | null;
}

/*
 * The lock: a listening socket whose address is derived from the data
 * directory's real path. Binding is exclusive and the kernel releases the
 * address the moment its process dies (also on `kill -9`), so there is never
 * a stale lock to judge or to delete, and no PID to trust (a PID reused by
 * another process, e.g. PID 1 in a container, blocks nothing). On Linux it is
 * an abstract-namespace Unix socket (no file at all); on Windows a named pipe
 * (the same guarantees). Elsewhere (macOS) it is a Unix socket file in the
 * temporary directory: a crash leaves the file, which is replaced once no
 * process answers on it; two starts racing through that replacement are
 * the one case not excluded there.
 * The socket also tells others who holds the directory and where it serves
 * the database, so a command can borrow a running server's database.
 * Rejected: proper-lockfile and other mkdir/mtime locks call a lock stale when
 * its mtime stops moving, and PGlite runs in the event loop: a long query
 * stops the refresh and a second process would take a live directory; they
 * also delete a lock on the strength of an earlier read. PID files fail on
 * reused PIDs. flock/fcntl need a native addon (dependencies' install scripts
 * do not run). An abstract socket is per network namespace: two containers
 * sharing one volume but not a network namespace are not excluded.
 */

/**
 * Opens the embedded database in `dataDir`. Only one process may run PGlite
 * on a data directory (two would corrupt it): the one that takes the lock
 * serves it. A second server fails at once with a ConfigError naming the
 * holder. A command started while the API server runs (`npm run
 * token:create`) connects to that server's database instead; a server started
 * while a command holds the directory waits for it (at most 30 s), then serves
 * the directory itself. `stop()` of a borrowed database stops nothing.
 */
export async function openEmbeddedPostgres(dataDir: string, use: EmbeddedUse): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const address = lockAddress(await realpath(dataDir));
  const deadline = Date.now() + WAIT_FOR_OWNER_MS;
  for (;;) {
    const lock = await tryLock(address, { pid: process.pid, use, url: null });
    if (lock) return serve(dataDir, lock);
    const owner = await askOwner(address);
    if (owner?.use === "server" && use === "server") {
      throw new ConfigError(
        `The embedded database in ${dataDir} is already served by another Caregraph server (process ${owner.pid}); stop it, or set EMBEDDED_DATA_DIR to another directory.`,
      );
    }
    if (owner?.url && use === "command" && (await accepts(owner.url))) return { url: owner.url, stop: async () => undefined };
    if (!owner && !address.startsWith("\0") && !address.startsWith("\\\\")) await rm(address, { force: true });
    if (Date.now() > deadline) {
      throw new ConfigError(`The embedded database in ${dataDir} is held by process ${owner?.pid ?? "unknown"} (${owner?.use ?? "starting"}), which does not let go.`);
    }
    // Another process is starting, or a command holds the directory: wait for it.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Who holds `dataDir`'s lock right now, or null when nobody does. */
export async function embeddedOwner(dataDir: string): Promise<EmbeddedOwner | null> {
  return askOwner(lockAddress(await realpath(dataDir)));
}

interface Lock {
  owner: EmbeddedOwner;
  release(): Promise<void>;
}

async function serve(dataDir: string, lock: Lock): Promise<EmbeddedPostgres> {
  try {
    await rm(path.join(dataDir, LEGACY_OWNER_FILE), { force: true });
    const embedded = await startEmbeddedPostgres(dataDir);
    lock.owner.url = embedded.url;
    return {
      url: embedded.url,
      async stop() {
        await embedded.stop();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

function lockAddress(realDataDir: string): string {
  const key = createHash("sha256").update(realDataDir).digest("hex").slice(0, 32);
  if (process.platform === "linux") return `\0caregraph-embedded-${key}`;
  if (process.platform === "win32") return `\\\\.\\pipe\\caregraph-embedded-${key}`;
  return path.join(os.tmpdir(), `caregraph-embedded-${key}.sock`);
}

/** Binds the lock's address; null when another process holds it. The holder answers every connection with its `owner`. */
function tryLock(address: string, owner: EmbeddedOwner): Promise<Lock | null> {
  const server = net.createServer((socket) => socket.on("error", () => undefined).end(JSON.stringify(owner)));
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => (error.code === "EADDRINUSE" ? resolve(null) : reject(error)));
    server.listen(address, () => {
      // The lock must not keep a finished command alive; the HTTP server keeps a server alive.
      server.unref();
      resolve({ owner, release: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** Asks the lock's holder who it is; null when nobody answers (no holder, or it just let go). */
function askOwner(address: string): Promise<EmbeddedOwner | null> {
  return new Promise((resolve) => {
    let text = "";
    const socket = net.connect(address);
    socket.setTimeout(2000, () => socket.destroy());
    socket.on("data", (chunk) => (text += chunk));
    socket.on("error", () => resolve(null));
    socket.on("close", () => {
      try {
        resolve(JSON.parse(text) as EmbeddedOwner);
      } catch {
        resolve(null);
      }
    });
  });
}

async function accepts(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
