import type { Database } from "../../src/db/client";

/**
 * How often a trigger on api_token's last_used_at fires while `action` runs:
 * per ROW counts the rows written, per STATEMENT the UPDATEs sent (one that
 * matches no row included). The trigger lives only while it runs.
 */
async function lastUsedTriggerFires(db: Database, forEach: "ROW" | "STATEMENT", action: () => Promise<unknown>): Promise<number> {
  await db.$executeRawUnsafe(`CREATE TABLE token_touch (fired INT)`);
  await db.$executeRawUnsafe(`CREATE FUNCTION token_touched() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO token_touch VALUES (1); RETURN NULL; END $$`);
  await db.$executeRawUnsafe(`CREATE TRIGGER token_touched AFTER UPDATE OF last_used_at ON api_token FOR EACH ${forEach} EXECUTE FUNCTION token_touched()`);
  try {
    await action();
    const [{ count }] = await db.$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM token_touch`);
    return count;
  } finally {
    await db.$executeRawUnsafe(`DROP TRIGGER token_touched ON api_token`);
    await db.$executeRawUnsafe(`DROP FUNCTION token_touched()`);
    await db.$executeRawUnsafe(`DROP TABLE token_touch`);
  }
}

/** How many rows of api_token `action` writes a lastUsedAt into. */
export function lastUsedWrites(db: Database, action: () => Promise<unknown>): Promise<number> {
  return lastUsedTriggerFires(db, "ROW", action);
}

/** How many UPDATEs of api_token's lastUsedAt `action` sends, whether or not they match a row. */
export function lastUsedUpdates(db: Database, action: () => Promise<unknown>): Promise<number> {
  return lastUsedTriggerFires(db, "STATEMENT", action);
}
