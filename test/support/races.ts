import { Client } from "pg";
import type { Database } from "../../src/db/client";
import { predicateMismatch } from "../../src/graph/relations/predicate-rules";
import { testDatabaseUrl } from "./database";

/**
 * Race tests run each interleaving this many times, asserting the rules
 * after every round. On PostgreSQL every round is forced to interleave (see
 * `interleaved`), so a dozen rounds reach both orders several times; the embedded
 * database cannot interleave transactions at all, so fewer rounds there.
 */
export const ROUNDS = Number(process.env.RACE_ROUNDS ?? (process.env.DATABASE_URL ? 12 : 6));

/**
 * Runs `requests` at once, and on PostgreSQL forces them to interleave: a
 * second connection holds `holdSql`'s row locks (the rows the writers will
 * write) until every request is either waiting for a lock or finished, so
 * that all of them have read before any of them writes. Without locks in
 * the application, both writers then act on what they read. The embedded
 * database serialises transactions (one backend), so there the requests
 * just run at once: a holding connection would stall them all.
 */
export async function interleaved<T>(holder: LockHolder | null, holdSql: string, ids: number[], requests: (() => Promise<T>)[]): Promise<T[]> {
  if (!holder) return Promise.all(requests.map((request) => request()));
  return holder.holding(holdSql, ids, requests);
}

const HOLD_AT_MOST_MS = 3000;

// Polls `done` until it holds. Bounded by the clock: on a loaded machine, holding
// locks longer would run the writers into their transaction timeout.
async function until(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + HOLD_AT_MOST_MS;
  while (Date.now() < deadline && !(await done())) await new Promise((resolve) => setTimeout(resolve, 10));
}

export interface LockHolder {
  holding<T>(holdSql: string, ids: number[], requests: (() => Promise<T>)[]): Promise<T[]>;
  /**
   * Whether `request` finishes while this connection holds `holdSql`'s row
   * locks, waiting at most `withinMs`: a writer that needs none of those rows
   * must not wait for them. The locks are released either way.
   */
  finishesWhileHeld<T>(holdSql: string, ids: number[], request: () => Promise<T>, withinMs?: number): Promise<boolean>;
  /**
   * Takes `holdSql`'s row locks in a transaction of its own and keeps them
   * until the returned function commits it: the step-by-step form, for
   * interleavings of three writers that one hold cannot order.
   */
  hold(holdSql: string, ids: number[]): Promise<() => Promise<void>>;
  /**
   * Resolves once at least `count` other sessions wait on a lock (only those
   * whose statement contains `statement`, when given), or after the same
   * bound as `holding`.
   */
  untilWaiting(count: number, statement?: string): Promise<void>;
  close(): Promise<void>;
}

/** A connection that holds row locks for `interleaved`; null on the embedded database. */
export async function openLockHolder(): Promise<LockHolder | null> {
  if (!process.env.DATABASE_URL) return null;
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  const waiting = async (statement?: string) => {
    // Inside a transaction PostgreSQL shows the activity it read first until the transaction ends.
    await client.query("SELECT pg_stat_clear_snapshot()");
    const { rows } = await client.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
          AND ($1::text IS NULL OR strpos(query, $1) > 0)`,
      [statement ?? null],
    );
    return rows[0].waiting;
  };
  return {
    async holding(holdSql, ids, requests) {
      await client.query("BEGIN");
      try {
        await client.query(holdSql, [ids]);
        let settled = 0;
        const running = requests.map((request) => request().finally(() => settled++));
        // Until every request waits on a lock or has finished.
        await until(async () => (await waiting()) + settled >= requests.length);
        await client.query("COMMIT");
        return await Promise.all(running);
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    async finishesWhileHeld(holdSql, ids, request, withinMs = HOLD_AT_MOST_MS) {
      await client.query("BEGIN");
      try {
        await client.query(holdSql, [ids]);
        const running = request();
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), withinMs)));
        const finished = await Promise.race([running.then(() => true as const), timedOut]);
        clearTimeout(timer);
        await client.query("COMMIT");
        await running;
        return finished;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    async hold(holdSql, ids) {
      await client.query("BEGIN");
      await client.query(holdSql, [ids]);
      return async () => void (await client.query("COMMIT"));
    },
    untilWaiting: (count, statement) => until(async () => (await waiting(statement)) >= count),
    close: () => client.end(),
  };
}

/**
 * The rules that span rows, checked over the whole database:
 * - every published, live relation has a live citation of a published, live source,
 *   unless it is flagged for review (hidden from the public: its source was retracted);
 * - every live relation's predicate fits its entities' kinds as editors see them
 *   (pending edits applied), and a published one fits the kinds the public sees;
 * - every live citation is of a live source;
 * - every write has exactly one revision: an entity, relation or source at
 *   version n has n revisions; a citation has one "create", and a deleted one
 *   exactly one revision that deleted it.
 * Returns the breaches found (empty when all hold), readable in a failure.
 */
export async function integrityBreaches(db: Database): Promise<string[]> {
  const breaches: string[] = [];
  const unsupported = await db.relation.findMany({
    where: { status: "PUBLISHED", deletedAt: null, needsReview: false, citations: { none: { deletedAt: null, source: { status: "PUBLISHED", deletedAt: null } } } },
    select: { id: true },
  });
  breaches.push(...unsupported.map((relation) => `published, unflagged relation ${relation.id} has no visible citation`));

  const relations = await db.relation.findMany({ where: { deletedAt: null }, include: { subject: true, object: true } });
  const effectiveKind = (entity: { kind: string; pendingChanges: unknown }) => ((entity.pendingChanges as { kind?: string } | null)?.kind ?? entity.kind) as never;
  for (const relation of relations) {
    const mismatch = predicateMismatch(relation.predicate, effectiveKind(relation.subject), effectiveKind(relation.object));
    if (mismatch) breaches.push(`live relation ${relation.id}: ${mismatch}`);
    const published = relation.status === "PUBLISHED" && predicateMismatch(relation.predicate, relation.subject.kind, relation.object.kind);
    if (published) breaches.push(`published relation ${relation.id}: ${published}`);
  }

  const orphans = await db.citation.findMany({ where: { deletedAt: null, source: { deletedAt: { not: null } } }, select: { id: true } });
  breaches.push(...orphans.map((citation) => `live citation ${citation.id} is of a deleted source`));

  const revisionsMismatch = await db.$queryRawUnsafe<{ record: string }[]>(`
    SELECT t.type || ' ' || t.id AS record FROM (
      SELECT 'ENTITY' AS type, id, version FROM entity UNION ALL
      SELECT 'RELATION', id, version FROM relation UNION ALL
      SELECT 'SOURCE', id, version FROM source) t
     WHERE t.version <> (SELECT count(*) FROM revision r WHERE r.record_type::text = t.type AND r.record_id = t.id)
    UNION ALL
    SELECT 'CITATION ' || c.id FROM citation c
     WHERE (SELECT count(*) FROM revision r WHERE r.record_type = 'CITATION' AND r.record_id = c.id AND r.action = 'create') <> 1
        OR (SELECT count(*) FROM revision r WHERE r.record_type = 'CITATION' AND r.record_id = c.id
              AND r.before->>'deletedAt' IS NULL AND r.after->>'deletedAt' IS NOT NULL) <> (CASE WHEN c.deleted_at IS NULL THEN 0 ELSE 1 END)`);
  breaches.push(...revisionsMismatch.map((row) => `${row.record}: not exactly one revision per write`));
  return breaches;
}
