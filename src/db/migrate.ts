import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Client } from "pg";
import { PROJECT_ROOT } from "../paths";

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma", "migrations");

// The key Prisma Migrate itself locks, so this applier and Prisma exclude each other.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** Prisma Migrate's own bookkeeping table, created exactly as Prisma creates it. */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  /** SHA-256 of the file, as Prisma records it. */
  checksum: string;
}

/** Raised when the migrations on disk and the database's record disagree. */
export class MigrationError extends Error {}

/** Reads `prisma/migrations/<name>/migration.sql` in name (timestamp) order. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  // Stryker disable next-line MethodExpression: equivalent under Node, whose readdir (libuv's scandir) already returns names in byte order; the sort keeps the order this function promises from resting on that
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies pending migrations in order, each in its own transaction, recording
 * them in `_prisma_migrations` as Prisma Migrate does. Refuses to run when an
 * applied migration's file has changed or a migration failed half-way.
 * Returns the names it applied (none on a re-run).
 */
export async function migrate(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const applied = await appliedMigrations(client);
    checkHistory(migrations, applied, dir);
    const pending = migrations.filter((migration) => !applied.has(migration.name));
    for (const migration of pending) await apply(client, migration);
    return pending.map((migration) => migration.name);
  } finally {
    // On PostgreSQL client.end() would release the lock too; the embedded database's socket server
    // shares one session among its connections, which ending one connection does not end.
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function appliedMigrations(client: Client): Promise<Map<string, AppliedRow>> {
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"
      WHERE rolled_back_at IS NULL ORDER BY started_at`,
  );
  return new Map(rows.map((row) => [row.migration_name, row]));
}

function checkHistory(migrations: Migration[], applied: Map<string, AppliedRow>, dir: string): void {
  const onDisk = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of applied.values()) {
    const migration = onDisk.get(row.migration_name);
    if (!migration) {
      throw new MigrationError(`Migration ${row.migration_name} is applied to the database but missing from ${dir}.`);
    }
    if (row.finished_at === null) {
      throw new MigrationError(`Migration ${row.migration_name} failed part-way; fix the database by hand, then mark it rolled back.`);
    }
    if (row.checksum !== migration.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was edited after it was applied (checksum differs). Restore the file and add a new migration instead.`,
      );
    }
  }
}

async function apply(client: Client, migration: Migration): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
  }
}
