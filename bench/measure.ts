import { execFile } from "node:child_process";
import path from "node:path";
import type { LoadResult, LoadSpec } from "./load";

/** One peer answering one query at one size: its runs, or why it has none. */
export interface Cell {
  entities: number;
  query: string;
  server: string;
  /** "ok", "n/a" (the peer cannot express the query) or what went wrong. */
  status: string;
  /** SQL statements per request, counted on the wire. */
  statements?: number;
  /** The answer's content (QUERY_MIX `content`, as JSON) that every peer must match. */
  content?: string;
  concurrency: LoadResult[];
  /**
   * Runs with every server loaded at once on the one server core: the core's
   * time is shared, so the machine's drift from run to run hits every server
   * alike, and CPU per request compares them where alternating runs cannot.
   */
  sharedCore: SharedCoreRun[];
  /** The fixed rate (requests/s) of the rate runs, and those runs. */
  rate?: number;
  atRate: LoadResult[];
}

/** One server's share of a shared-core run. */
export interface SharedCoreRun extends LoadResult {
  /** The server's CPU time (user + system) per answered request over the run, ms. */
  cpuMsPerRequest: number;
}

/** Runs one load in a second process on `pin`'s core (autocannon; every body checked). */
export async function loadRun(spec: LoadSpec, pin: string[]): Promise<LoadResult> {
  const script = path.join(__dirname, "load.js");
  const [command, ...args] = [...pin, process.execPath, script];
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(command, args, { maxBuffer: 1 << 20, timeout: (spec.duration + 60) * 1000 }, (error, output) =>
      error ? reject(error) : resolve(output),
    );
    child.stdin!.end(JSON.stringify(spec));
  });
  return JSON.parse(stdout) as LoadResult;
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const ordered = [...values].sort((a, b) => a - b);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
}

/** The `fraction` percentile of `values` by nearest rank (0.99 of 50 values is the 50th smallest); NaN when empty. */
export function percentile(values: number[], fraction: number): number {
  const ordered = [...values].sort((a, b) => a - b);
  return ordered[Math.max(0, Math.ceil(fraction * ordered.length) - 1)] ?? NaN;
}

/** Whether a run's every response was a 2xx with the verified body. */
export function clean(result: LoadResult): boolean {
  return result.errors === 0 && result.non2xx === 0 && result.mismatches === 0;
}
