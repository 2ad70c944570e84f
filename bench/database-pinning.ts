import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { Client } from "pg";

/*
 * `--database-core N`: PostgreSQL's processes on core N for the run, so that
 * the database does not share the server core with the server under test
 * (on this 2-core machine, core 1 beside the load). The postmaster's new
 * backends inherit its affinity; the processes already running are pinned
 * one by one. Each keeps its former affinity and gets it back at the end.
 */

/** Pins the local PostgreSQL server behind `serverUrl` to `core`; returns what puts it back (run as well on SIGINT and SIGTERM). */
export async function pinDatabase(serverUrl: string, core: number): Promise<() => void> {
  const host = new URL(serverUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", ""].includes(host)) throw new Error(`--database-core: the PostgreSQL server must be local, not ${host}.`);
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  // Read while the backend lives: it ends with the connection.
  const postmaster = await client
    .query<{ pid: number }>("SELECT pg_backend_pid() AS pid")
    .then((backend) => parentOf(backend.rows[0].pid))
    .finally(() => client.end());
  const former = new Map<number, string>();
  for (const pid of [postmaster, ...childrenOf(postmaster)]) {
    const cores = affinityOf(pid);
    if (cores !== undefined) former.set(pid, cores);
  }
  for (const pid of former.keys()) trySetAffinity(pid, String(core));
  const unpin = () => {
    process.off("SIGINT", interrupted).off("SIGTERM", interrupted);
    for (const [pid, cores] of former) trySetAffinity(pid, cores);
    // Backends started during the run inherited the pin from the postmaster.
    for (const pid of childrenOf(postmaster)) if (!former.has(pid)) trySetAffinity(pid, former.get(postmaster)!);
  };
  // An interrupted run puts PostgreSQL back too.
  const interrupted = () => {
    unpin();
    process.exit(130);
  };
  process.once("SIGINT", interrupted).once("SIGTERM", interrupted);
  return unpin;
}

function parentOf(pid: number): number {
  // The fields after the command's closing parenthesis: state, then the parent's pid.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

function childrenOf(parent: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return parentOf(pid) === parent;
      } catch {
        return false; // ended while listed
      }
    });
}

/** The cores `pid` may run on ("0,1"); undefined when it has ended meanwhile. */
function affinityOf(pid: number): string | undefined {
  try {
    // "pid 123's current affinity list: 0,1"
    return execFileSync("taskset", ["-c", "-p", String(pid)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split(": ").pop();
  } catch {
    return undefined;
  }
}

/** Sets the affinity of every thread of `pid`; nothing when it has ended meanwhile. */
function trySetAffinity(pid: number, cores: string): void {
  try {
    execFileSync("taskset", ["-a", "-c", "-p", cores, String(pid)], { stdio: "ignore" });
  } catch {
    // ended meanwhile
  }
}
