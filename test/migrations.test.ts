import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { migrate, MIGRATIONS_DIR, MigrationError, readMigrations } from "../src/db/migrate";
import { PROJECT_ROOT } from "../src/paths";
import { createDisposableDatabase } from "./setup/test-database";
import { testDatabaseUrl } from "./support/database";
import { compareModelToDatabase } from "./support/schema-drift";

/** Runs `use` on a new, empty database and drops it afterwards. */
async function withScratchDatabase(use: (url: string, client: Client) => Promise<void>): Promise<void> {
  const database = await createDisposableDatabase("scratch", { inMemory: true });
  const client = new Client({ connectionString: database.url });
  try {
    await client.connect();
    await use(database.url, client);
  } finally {
    await client.end();
    await database.drop();
  }
}

/** A copy of prisma/migrations in a temporary directory, to be changed by a test. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "caregraph-migrations-"));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

async function recordedMigrations(client: Client) {
  const { rows } = await client.query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
  return rows;
}

async function tableExists(client: Client, table: string): Promise<boolean> {
  const { rows } = await client.query<{ found: string | null }>(`SELECT to_regclass($1) AS found`, [table]);
  return rows[0].found !== null;
}

// Each test starts an embedded database of its own (in memory): generous on a busy machine.
jest.setTimeout(180_000);

describe("migrations", () => {
  let schemaText: string;
  let migrationNames: string[];
  let tempDirs: string[] = [];

  beforeAll(async () => {
    schemaText = await readFile(path.join(PROJECT_ROOT, "prisma", "schema.prisma"), "utf8");
    migrationNames = (await readMigrations()).map((migration) => migration.name);
  });

  afterEach(async () => {
    await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    tempDirs = [];
  });

  it("leave the migrated database matching schema.prisma", async () => {
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      expect(await compareModelToDatabase(schemaText, client)).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it("apply nothing on a second run, and record each migration as Prisma Migrate does", () =>
    withScratchDatabase(async (url, client) => {
      expect(await migrate(url)).toEqual(migrationNames);
      expect(await migrate(url)).toEqual([]);

      const rows = await recordedMigrations(client);
      expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
      for (const row of rows) {
        const file = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
        expect(row).toMatchObject({
          checksum: createHash("sha256").update(file).digest("hex"),
          finished_at: expect.any(Date),
          rolled_back_at: null,
          applied_steps_count: 1,
        });
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      }
      const { rows: columns } = await client.query(
        `SELECT column_name, data_type, character_maximum_length AS length, is_nullable FROM information_schema.columns
          WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      );
      expect(columns.map((column) => `${column.column_name} ${column.data_type}${column.length ? `(${column.length})` : ""} ${column.is_nullable}`)).toEqual([
        "id character varying(36) NO",
        "checksum character varying(64) NO",
        "finished_at timestamp with time zone YES",
        "migration_name character varying(255) NO",
        "logs text YES",
        "rolled_back_at timestamp with time zone YES",
        "started_at timestamp with time zone NO",
        "applied_steps_count integer NO",
      ]);
    }));

  it("refuse to run, writing nothing, when an applied migration was edited", () =>
    withScratchDatabase(async (url, client) => {
      await migrate(url);
      const before = await recordedMigrations(client);
      const dir = await copyOfMigrations();
      tempDirs.push(dir);
      const edited = migrationNames[0];
      await appendFile(path.join(dir, edited, "migration.sql"), "\n-- an afterthought\n");
      await addMigration(dir, "20261126130000_later", `CREATE TABLE "later" ("id" INTEGER);`);

      const refusal = migrate(url, dir);
      await expect(refusal).rejects.toThrow(MigrationError);
      await expect(refusal).rejects.toThrow(`Migration ${edited} was edited after it was applied (checksum differs)`);
      expect(await tableExists(client, "later")).toBe(false);
      expect(await recordedMigrations(client)).toEqual(before);
    }));

  it("apply each migration in its own transaction: a failing one is rolled back whole, the ones before it stay", () =>
    withScratchDatabase(async (url, client) => {
      const dir = await copyOfMigrations();
      tempDirs.push(dir);
      await addMigration(dir, "20261126130000_good", `CREATE TABLE "good" ("id" INTEGER);`);
      await addMigration(dir, "20261126140000_broken", `CREATE TABLE "half_done" ("id" INTEGER);\nSELECT * FROM "no_such_table";`);

      await expect(migrate(url, dir)).rejects.toThrow(/Migration 20261126140000_broken failed and was rolled back: .*no_such_table/);
      expect(await tableExists(client, "good")).toBe(true);
      expect(await tableExists(client, "half_done")).toBe(false);
      // Not even a row saying it started: the bookkeeping is inside the migration's transaction.
      expect((await recordedMigrations(client)).map((row) => row.migration_name)).toEqual([...migrationNames, "20261126130000_good"]);

      // Fixed, it applies on the next run.
      await writeFile(path.join(dir, "20261126140000_broken", "migration.sql"), `CREATE TABLE "half_done" ("id" INTEGER);`);
      expect(await migrate(url, dir)).toEqual(["20261126140000_broken"]);
      expect(await tableExists(client, "half_done")).toBe(true);
    }));

  it("refuse to run, writing nothing, when a migration was recorded as failed part-way", () =>
    withScratchDatabase(async (url, client) => {
      const dir = await copyOfMigrations();
      tempDirs.push(dir);
      await migrate(url, dir);
      // What a run cut off mid-migration leaves (as Prisma Migrate records it): started, never finished.
      await addMigration(dir, "20261126130000_cut_off", `CREATE TABLE "cut_off" ("id" INTEGER);`);
      const [cutOff] = await readMigrations(dir).then((all) => all.filter((migration) => migration.name === "20261126130000_cut_off"));
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
        ["00000000-0000-4000-8000-000000000001", cutOff.checksum, cutOff.name],
      );
      await addMigration(dir, "20261126140000_later", `CREATE TABLE "later" ("id" INTEGER);`);
      const before = await recordedMigrations(client);

      const refusal = migrate(url, dir);
      await expect(refusal).rejects.toThrow(MigrationError);
      await expect(refusal).rejects.toThrow("Migration 20261126130000_cut_off failed part-way; fix the database by hand, then mark it rolled back.");
      expect(await tableExists(client, "cut_off")).toBe(false);
      expect(await tableExists(client, "later")).toBe(false);
      expect(await recordedMigrations(client)).toEqual(before);

      // Marked rolled back (`prisma migrate resolve --rolled-back`), it is applied afresh with what follows.
      await client.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [cutOff.name]);
      expect(await migrate(url, dir)).toEqual(["20261126130000_cut_off", "20261126140000_later"]);
      expect(await tableExists(client, "cut_off")).toBe(true);
    }));

  it("refuse to run, writing nothing, when an applied migration's file is gone", () =>
    withScratchDatabase(async (url, client) => {
      const dir = await copyOfMigrations();
      tempDirs.push(dir);
      await addMigration(dir, "20261126130000_later", `CREATE TABLE "later" ("id" INTEGER);`);
      await migrate(url, dir);
      await rm(path.join(dir, "20261126130000_later"), { recursive: true });
      await addMigration(dir, "20261126140000_next", `CREATE TABLE "next" ("id" INTEGER);`);
      const before = await recordedMigrations(client);

      const refusal = migrate(url, dir);
      await expect(refusal).rejects.toThrow(MigrationError);
      await expect(refusal).rejects.toThrow(`Migration 20261126130000_later is applied to the database but missing from ${dir}.`);
      expect(await tableExists(client, "next")).toBe(false);
      expect(await recordedMigrations(client)).toEqual(before);
    }));

  it("hold Prisma's advisory lock while they run, and release it when they finish and when a migration fails", () =>
    withScratchDatabase(async (url, client) => {
      const advisoryLocks = async () => (await client.query(`SELECT objid FROM pg_locks WHERE locktype = 'advisory'`)).rows;
      const dir = await copyOfMigrations();
      tempDirs.push(dir);
      // A migration that writes down the advisory locks held while it runs.
      await addMigration(
        dir,
        "20261126129000_locks_seen",
        `CREATE TABLE "locks_seen" AS SELECT objid::bigint AS key FROM pg_locks WHERE locktype = 'advisory' AND granted;`,
      );
      await migrate(url, dir);
      // Prisma Migrate's key, 72707369, fits in the low 32 bits that pg_locks shows as objid.
      expect((await client.query(`SELECT key FROM "locks_seen"`)).rows).toEqual([{ key: "72707369" }]);
      expect(await advisoryLocks()).toEqual([]);

      await addMigration(dir, "20261126130000_broken", `SELECT * FROM "no_such_table";`);
      await expect(migrate(url, dir)).rejects.toThrow(MigrationError);
      expect(await advisoryLocks()).toEqual([]);
      // And the connection the run used left no transaction open behind it.
      expect((await client.query(`SELECT 1 AS alive`)).rows).toEqual([{ alive: 1 }]);
    }));

  // PGlite is one session shared by every connection: there is nothing to race.
  const onServer = process.env.DATABASE_URL ? it : it.skip;
  onServer("apply once when two runs start together on one PostgreSQL database (advisory lock)", () =>
    withScratchDatabase(async (url, client) => {
      const [first, second] = await Promise.all([migrate(url), migrate(url)]);
      expect([first, second].flat()).toEqual(migrationNames);
      expect((await recordedMigrations(client)).map((row) => row.migration_name)).toEqual(migrationNames);
    }));
});
