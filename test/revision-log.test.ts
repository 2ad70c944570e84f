import { Client } from "pg";
import { testDatabaseUrl } from "./support/database";

// The revision log is append-only in the database itself (a trigger of the
// init migration), so that no code path, and no one with SQL, rewrites history.
describe("the revision log", () => {
  let client: Client;
  let revisionId: number;

  beforeAll(async () => {
    client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
  });

  beforeEach(async () => {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO "revision" (record_type, record_id, action, actor, after) VALUES ('ENTITY', 1, 'create', 'revision-log-test', '{"name":"Rest"}') RETURNING id`,
    );
    revisionId = rows[0].id;
  });

  afterAll(async () => {
    await client.end();
  });

  async function revision() {
    const { rows } = await client.query(`SELECT action, actor, after FROM "revision" WHERE id = $1`, [revisionId]);
    return rows[0];
  }

  it("accepts new entries", async () => {
    expect(await revision()).toEqual({ action: "create", actor: "revision-log-test", after: { name: "Rest" } });
  });

  it("refuses to change an entry", async () => {
    await expect(client.query(`UPDATE "revision" SET actor = 'someone else' WHERE id = $1`, [revisionId])).rejects.toThrow("revision is append-only");
    expect((await revision()).actor).toBe("revision-log-test");
  });

  it("refuses to delete an entry", async () => {
    await expect(client.query(`DELETE FROM "revision" WHERE id = $1`, [revisionId])).rejects.toThrow("revision is append-only");
    expect(await revision()).toBeDefined();
  });
});
