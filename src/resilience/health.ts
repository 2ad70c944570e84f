import type { FastifyInstance } from "fastify";
import type { Database } from "../db/client";

/** Whether the server still takes work: set when it starts stopping, so `/ready` turns away new traffic. */
export interface Readiness {
  draining: boolean;
}

/**
 * `GET /health`: liveness. The process runs and its event loop answers;
 * it never touches the database, so an outage does not get the process
 * restarted. Always `200 {"status":"ok"}`.
 *
 * `GET /ready`: readiness. `200 {"status":"ready"}` when `SELECT 1` answers
 * within `timeoutMs` through the server's own pool (so a saturated pool
 * also reads as not ready); `503 {"status":"unavailable"}` when it does not,
 * `503 {"status":"draining"}` once the server is stopping. Both are
 * `Cache-Control: no-store` and carry no detail of the fault (the log has it).
 */
export function healthRoutes(app: FastifyInstance, db: Database, readiness: Readiness, timeoutMs: number): void {
  app.get("/health", async (_request, reply) => reply.header("cache-control", "no-store").send({ status: "ok" }));
  app.get("/ready", async (_request, reply) => {
    reply.header("cache-control", "no-store");
    if (readiness.draining) return reply.code(503).send({ status: "draining" });
    const reachable = await answersWithin(db, timeoutMs);
    return reply.code(reachable ? 200 : 503).send({ status: reachable ? "ready" : "unavailable" });
  });
}

async function answersWithin(db: Database, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, timeoutMs, false)));
  // A probe that loses the race still ends within the pool's own timeouts.
  const probe = db.$queryRaw`SELECT 1`.then(
    () => true,
    (error: unknown) => {
      console.error(`Readiness probe failed: ${(error as Error).message.trim().split("\n").at(-1)}`);
      return false;
    },
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
