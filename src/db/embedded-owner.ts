import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Client } from "pg";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";

// Written into the data directory by the process that serves it.
const OWNER_FILE = "caregraph-owner.json";
const WAIT_FOR_OWNER_MS = 30_000;

/** Who opens the data directory: the API server stays; a command (token:create, import) is gone in seconds. */
export type EmbeddedUse = "server" | "command";

interface Owner {
  pid: number;
  use: EmbeddedUse;
  /** Set once the owner's server listens. */
  url?: string;
}

/**
 * Opens the embedded database in `dataDir`. Only one process may run PGlite
 * on a data directory (two would corrupt it), so the first one serves it
 * and records where in the directory; a command started while the API
 * server runs (`npm run token:create`) connects to that server instead.
 * The server never leans on a command, which would take the database away
 * when it ends: it waits for the command to finish, then serves the
 * directory itself. `stop()` of a borrowed database stops nothing.
 */
export async function openEmbeddedPostgres(dataDir: string, use: EmbeddedUse): Promise<EmbeddedPostgres> {
  const ownerFile = path.join(dataDir, OWNER_FILE);
  const deadline = Date.now() + WAIT_FOR_OWNER_MS;
  for (;;) {
    const owner = await liveOwner(ownerFile);
    const borrowable = owner?.url && (use === "command" || owner.use === "server");
    if (borrowable && (await accepts(owner.url!))) return { url: owner.url!, stop: async () => undefined };
    if (!owner) {
      if (await claim(ownerFile, use)) return serve(dataDir, ownerFile, use);
    } else if (Date.now() > deadline) {
      throw new Error(`The embedded database in ${dataDir} is held by process ${owner.pid} (${owner.use}), which does not let go.`);
    }
    // Another process is starting, or a command holds the directory: wait for it.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function serve(dataDir: string, ownerFile: string, use: EmbeddedUse): Promise<EmbeddedPostgres> {
  try {
    const embedded = await startEmbeddedPostgres(dataDir);
    await writeFile(ownerFile, JSON.stringify({ pid: process.pid, use, url: embedded.url } satisfies Owner));
    return {
      url: embedded.url,
      async stop() {
        await embedded.stop();
        await rm(ownerFile, { force: true });
      },
    };
  } catch (error) {
    await rm(ownerFile, { force: true });
    throw error;
  }
}

/** Takes the directory: creates the owner file only if there is none (atomic). */
async function claim(ownerFile: string, use: EmbeddedUse): Promise<boolean> {
  await mkdir(path.dirname(ownerFile), { recursive: true });
  try {
    await writeFile(ownerFile, JSON.stringify({ pid: process.pid, use } satisfies Owner), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** The recorded owner if its process still runs; a dead owner's (or an unreadable) file is removed. */
async function liveOwner(ownerFile: string): Promise<Owner | null> {
  let text: string;
  try {
    text = await readFile(ownerFile, "utf8");
  } catch {
    return null;
  }
  try {
    const owner = JSON.parse(text) as Owner;
    if (isRunning(owner.pid)) return owner;
  } catch {
    // Not JSON: left by a crash mid-write; nobody owns the directory.
  }
  await rm(ownerFile, { force: true });
  return null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
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
