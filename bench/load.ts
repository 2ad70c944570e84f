import autocannon from "autocannon";

/*
 * One load run, in its own process (pinned to the load core by the caller):
 * autocannon POSTs `body` to `url` and checks every response body against
 * `expected`. Usage: node load.js < spec.json (a LoadSpec; on stdin, as bodies can
 * outgrow a command-line argument); prints a LoadResult as JSON.
 */

export interface LoadSpec {
  url: string;
  body: string;
  /** The verified sample: every response must equal it byte for byte. */
  expected: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Requests per second over all connections; absent: as fast as the server answers. */
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
  const result = await autocannon({
    url: spec.url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: spec.body,
    connections: spec.connections,
    duration: spec.duration,
    ...(spec.rate ? { overallRate: spec.rate } : {}),
    verifyBody: (body) => String(body) === spec.expected,
  });
  const output: LoadResult = {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    mismatches: (result as unknown as { mismatches: number }).mismatches ?? 0,
  };
  process.stdout.write(JSON.stringify(output));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
