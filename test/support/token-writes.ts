import type { Database } from "../../src/db/client";

/** How many rows of api_token `action` writes a lastUsedAt into, counted by a trigger that lives only while it runs. */
export async function lastUsedWrites(db: Database, action: () => Promise<unknown>): Promise<number> {
  await db.$executeRawUnsafe(`CREATE TABLE token_touch (token_id INT)`);
  await db.$executeRawUnsafe(`CREATE FUNCTION token_touched() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO token_touch VALUES (NEW.id); RETURN NEW; END $$`);
  await db.$executeRawUnsafe(`CREATE TRIGGER token_touched AFTER UPDATE OF last_used_at ON api_token FOR EACH ROW EXECUTE FUNCTION token_touched()`);
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
