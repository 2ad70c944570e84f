import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { cpus } from "node:os";
import path from "node:path";

/** A GraphQL server the bench starts: how, and with what environment. */
export interface ServerSpec {
  /** "caregraph", "postgraphile", "floor", "caregraph-embedded". */
  name: string;
  /** The node script to run (compiled JavaScript). */
  script: string;
  env: Record<string, string>;
}

export interface RunningServer {
  name: string;
  /** Its GraphQL endpoint. */
  url: string;
  /** Highest resident set size so far (VmHWM), in bytes. */
  peakRss(): Promise<number>;
  /** CPU time it has used so far (user + system, /proc/<pid>/stat), in ms; NaN where /proc is missing. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/graphql/;

/** Whether servers and load can be pinned to cores of their own: taskset works and there are two cores. */
export function canPin(): boolean {
  try {
    execFileSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
    return cpus().length >= 2;
  } catch {
    return false;
  }
}

/**
 * `taskset -c <cpu>` prefix when the machine has that CPU and taskset, so
 * that servers and load never share a core; none otherwise (and the report says so).
 */
export function pinning(cpu: number, available: boolean): string[] {
  return available ? ["taskset", "-c", String(cpu)] : [];
}

/**
 * Starts `spec` in its own process group, pinned by `pin`, and waits (at
 * most `timeoutMs`) for it to print its URL. Throws with the end of its
 * output when it exits or does not answer in time.
 */
export async function startServer(spec: ServerSpec, pin: string[], timeoutMs = 120_000): Promise<RunningServer> {
  const [command, ...args] = [...pin, process.execPath, spec.script];
  const child = spawn(command, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...spec.env },
    cwd: path.resolve(__dirname, "..", ".."),
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    // Once started, its output is only drained: a listener left scanning the
    // growing log for the URL cost the bench a core under Caregraph's
    // per-request log lines, and counted against Caregraph.
    const settle = () => {
      clearTimeout(timer);
      child.stdout!.off("data", read);
      child.stderr!.off("data", read);
      child.off("exit", exited);
    };
    const fail = (error: Error) => {
      settle();
      killGroup(child, "SIGKILL");
      reject(new Error(`${spec.name}: ${error.message}\n${output.slice(-2000)}`));
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const found = URL_PATTERN.exec(output);
      if (found) {
        settle();
        resolve(found[0]);
      }
    };
    const exited = (code: number | null, signal: NodeJS.Signals | null) => fail(new Error(`exited with ${signal ?? `code ${code}`}`));
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.on("exit", exited);
  });
  // Keep draining its output so that a chatty server never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    name: spec.name,
    url,
    async peakRss() {
      const status = await readFile(`/proc/${child.pid}/status`, "utf8").catch(() => "");
      const kilobytes = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      return kilobytes ? Number(kilobytes) * 1024 : NaN;
    },
    async cpuMs() {
      // Fields 14 and 15 (utime, stime) in clock ticks; the name in field 2 may hold spaces, so count after its ")".
      const stat = await readFile(`/proc/${child.pid}/stat`, "utf8").catch(() => "");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return fields.length > 12 ? ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond() : NaN;
    },
    stop: () => stopGroup(child),
  };
}

let ticksPerSecond: number | undefined;

/** The kernel's clock ticks per second (`getconf CLK_TCK`, 100 on Linux almost always). */
function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to the process group; SIGKILL if it has not exited after 10 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
