import * as hdr from "hdr-histogram-js";
import { Pool } from "undici";
import type { LoadResult, LoadSpec } from "./load";

/*
 * A fixed-rate run as an open model (as wrk2 and k6's constant-arrival-rate
 * do): request i falls due at start + i / rate and is sent then, whatever the
 * earlier ones are doing, and its latency counts from when it fell due. A
 * server that stalls therefore cannot hide the requests queued behind the
 * stall (no coordinated omission).
 *
 * autocannon's `overallRate` is not this: each connection sends back to back
 * until its quota for the second is spent and then idles until the next
 * second, so "half the maximum rate" is full load for half of every second,
 * and its p99 is the p99 of saturation.
 */

/** Highest latency the histogram holds, in microseconds (a minute). */
const HIGHEST_MICROSECONDS = 60_000_000;

/** Runs `spec` (which must have a `rate`) over `spec.connections` keep-alive connections; every body is checked. */
export async function openLoopRun(spec: LoadSpec & { rate: number }): Promise<LoadResult> {
  const url = new URL(spec.url);
  const pool = new Pool(url.origin, { connections: spec.connections, pipelining: 1 });
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_MICROSECONDS, numberOfSignificantValueDigits: 3 });
  const result = { errors: 0, non2xx: 0, mismatches: 0, total: 0 };
  const interval = 1000 / spec.rate;
  const count = Math.round(spec.rate * spec.duration);
  const inFlight = new Set<Promise<void>>();

  const send = (due: number) => {
    const request = pool
      .request({ path: url.pathname, method: "POST", headers: { "content-type": "application/json" }, body: spec.body })
      .then(async ({ statusCode, body }) => {
        const text = await body.text();
        if (statusCode < 200 || statusCode > 299) result.non2xx++;
        else if (text !== spec.expected) result.mismatches++;
        else histogram.recordValue(Math.min(HIGHEST_MICROSECONDS, Math.round((performance.now() - due) * 1000)));
        result.total++;
      })
      .catch(() => {
        result.errors++;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };

  const start = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    const dueAt = (index: number) => start + index * interval;
    const tick = () => {
      while (sent < count && dueAt(sent) <= performance.now()) send(dueAt(sent++));
      if (sent < count) setTimeout(tick, Math.max(0, dueAt(sent) - performance.now()));
      else resolve();
    };
    tick();
  });
  while (inFlight.size > 0) await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  await pool.close();
  return {
    requestsPerSecond: result.total / seconds,
    p50: histogram.getValueAtPercentile(50) / 1000,
    p99: histogram.getValueAtPercentile(99) / 1000,
    total: result.total,
    errors: result.errors,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
  };
}
