import autocannon from "autocannon";
import { openLoopRun } from "./open-loop";

/*
 * One load run, in its own process (pinned to the load core by the caller),
 * POSTing `body` to `url` and checking every response body against
 * `expected`: at fixed concurrency with autocannon, at a fixed rate with the
 * open-loop runner (open-loop.ts). Usage: node load.js < spec.json (a
 * LoadSpec; on stdin, as bodies can outgrow a command-line argument); prints
 * a LoadResult as JSON.
 */

export interface LoadSpec {
  url: string;
  body: string;
  /** The verified sample: every response must equal it byte for byte. */
  expected: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Requests per second over all connections, sent at even intervals; absent: as fast as the server answers. */
  rate?: number;
}

export interface LoadResult {
  /** Mean requests per second over the run. */
  requestsPerSecond: number;
  /** Latency percentiles, milliseconds. */
  p50: number;
  p99: number;
  total: number;
  /** Connection errors and timeouts, non-2xx answers, and bodies that differ from the sample. */
  errors: number;
  non2xx: number;
  mismatches: number;
}

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const spec = JSON.parse(Buffer.concat(chunks).toString("utf8")) as LoadSpec;
  const output = spec.rate ? await openLoopRun({ ...spec, rate: spec.rate }) : await fixedConcurrencyRun(spec);
  process.stdout.write(JSON.stringify(output));
}

async function fixedConcurrencyRun(spec: LoadSpec): Promise<LoadResult> {
  const result = await autocannon({
    url: spec.url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: spec.body,
    connections: spec.connections,
    duration: spec.duration,
    verifyBody: (body) => String(body) === spec.expected,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    mismatches: (result as unknown as { mismatches: number }).mismatches ?? 0,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
