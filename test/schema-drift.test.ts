import { readFile } from "node:fs/promises";
import path from "node:path";
import { Client } from "pg";
import { migrate } from "../src/db/migrate";
import { PROJECT_ROOT } from "../src/paths";
import { createDisposableDatabase, type DisposableDatabase } from "./setup/test-database";
import { compareModelToDatabase } from "./support/schema-drift";

// The checker behind "the migrated database matches schema.prisma": one scratch
// database, and per rule a change that breaks only that rule, made inside a
// transaction that is rolled back (PostgreSQL's DDL is transactional).
describe("the schema-drift checker", () => {
  let database: DisposableDatabase;
  let client: Client;
  let schemaText: string;

  // Starting and migrating an embedded scratch database takes a while on a busy machine.
  beforeAll(async () => {
    schemaText = await readFile(path.join(PROJECT_ROOT, "prisma", "schema.prisma"), "utf8");
    database = await createDisposableDatabase("drift", { inMemory: true });
    await migrate(database.url);
    client = new Client({ connectionString: database.url });
    await client.connect();
  }, 180_000);

  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  /** The checker's findings with `sql` applied, then undone. */
  async function differencesAfter(sql: string): Promise<string[]> {
    await client.query("BEGIN");
    try {
      await client.query(sql);
      return await compareModelToDatabase(schemaText, client);
    } finally {
      await client.query("ROLLBACK");
    }
  }

  it("finds nothing on the migrated database", async () => {
    expect(await differencesAfter("SELECT 1")).toEqual([]);
  });

  it.each([
    ["a missing table", `DROP TABLE "api_token"`, ["api_token: table is missing"]],
    ["a missing column", `ALTER TABLE "source" DROP COLUMN "publisher"`, ["source.publisher: column is missing"]],
    ["a column schema.prisma lacks", `ALTER TABLE "entity" ADD COLUMN "colour" TEXT`, ["entity.colour: column is not in schema.prisma"]],
    ["a column of another type", `ALTER TABLE "relation" ALTER COLUMN "note" TYPE VARCHAR(200)`, ["relation.note: type is character varying, expected text"]],
    // Unsupported("tsvector") fields are missing from Prisma's DMMF; the checker reads them from the schema text.
    ["a missing Unsupported column", `ALTER TABLE "entity" DROP COLUMN "search_vector"`,
      ["entity.search_vector: column is missing", "entity: normal index entity_search_vector_idx (search_vector) is missing"]],
    ["an Unsupported column of another type", `ALTER TABLE "entity" DROP COLUMN "search_vector"; ALTER TABLE "entity" ADD COLUMN "search_vector" TEXT; CREATE INDEX "entity_search_vector_idx" ON "entity"("search_vector")`,
      ["entity.search_vector: type is text, expected tsvector"]],
    ["a list of another element type", `ALTER TABLE "source" ALTER COLUMN "authors" DROP DEFAULT, ALTER COLUMN "authors" TYPE VARCHAR[]`,
      ["source.authors: type is varchar[], expected text[]", "source.authors: default is no default, expected ARRAY[]::text[]"]],
    ["an enum column of another enum", `ALTER TABLE "entity" ALTER COLUMN "status" DROP DEFAULT, ALTER COLUMN "status" TYPE "role" USING 'EDITOR'`,
      ["entity.status: type is role, expected review_status", "entity.status: default is no default, expected 'DRAFT'::review_status"]],
    ["another timestamp precision", `ALTER TABLE "entity" ALTER COLUMN "deleted_at" TYPE TIMESTAMPTZ(6)`, ["entity.deleted_at: precision is 6, expected 3"]],
    ["a nullable column made NOT NULL", `ALTER TABLE "entity" ALTER COLUMN "summary" SET NOT NULL`, ["entity.summary: is NOT NULL, expected nullable"]],
    ["a NOT NULL column made nullable", `ALTER TABLE "entity" ALTER COLUMN "name" DROP NOT NULL`, ["entity.name: is nullable, expected NOT NULL"]],
    ["a scalar list made NOT NULL", `ALTER TABLE "entity" ALTER COLUMN "aliases" SET NOT NULL`, ["entity.aliases: is NOT NULL, expected nullable"]],
    ["a default dropped", `ALTER TABLE "relation" ALTER COLUMN "red_flag" DROP DEFAULT`, ["relation.red_flag: default is no default, expected false"]],
    ["another literal default", `ALTER TABLE "entity" ALTER COLUMN "version" SET DEFAULT 2`, ["entity.version: default is 2, expected 1"]],
    ["another enum default", `ALTER TABLE "relation" ALTER COLUMN "context" SET DEFAULT 'ACUTE'`,
      ["relation.context: default is 'ACUTE'::care_context, expected 'ANY'::care_context"]],
    ["a non-empty list default", `ALTER TABLE "entity" ALTER COLUMN "aliases" SET DEFAULT ARRAY['x']`,
      ["entity.aliases: default is ARRAY['x'::text], expected ARRAY[]::text[]"]],
    ["a default schema.prisma lacks", `ALTER TABLE "entity" ALTER COLUMN "summary" SET DEFAULT ''`, ["entity.summary: default is ''::text, expected none"]],
    ["a now() default replaced", `ALTER TABLE "entity" ALTER COLUMN "created_at" SET DEFAULT '2020-01-01'`,
      ["entity.created_at: default is '2020-01-01 00:00:00+00'::timestamp with time zone, expected CURRENT_TIMESTAMP"]],
    ["an autoincrement default dropped", `ALTER TABLE "editor" ALTER COLUMN "id" DROP DEFAULT`,
      ["editor.id: default is no default, expected a sequence (autoincrement)"]],
    ["an enum value missing", `ALTER TYPE "urgency" RENAME VALUE 'ROUTINE' TO 'LATER'`, ["enum urgency: values are EMERGENCY, SOON, LATER, expected EMERGENCY, SOON, ROUTINE"]],
    ["a missing enum", `ALTER TYPE "urgency" RENAME TO "urgency_level"`, ["enum urgency: type is missing", "relation.urgency: type is urgency_level, expected urgency"]],
    ["a unique index dropped", `DROP INDEX "entity_slug_key"`, ["entity: unique index entity_slug_key (slug) is missing"]],
    ["a unique index made plain", `DROP INDEX "entity_slug_key"; CREATE INDEX "entity_slug_key" ON "entity"("slug")`,
      ["entity: unique index entity_slug_key (slug) is a normal index on (slug)"]],
    ["a plain index made unique", `DROP INDEX "citation_source_id_idx"; CREATE UNIQUE INDEX "citation_source_id_idx" ON "citation"("source_id")`,
      ["citation: normal index citation_source_id_idx (source_id) is a unique index on (source_id)"]],
    ["an index on other columns", `DROP INDEX "relation_subject_id_predicate_idx"; CREATE INDEX "relation_subject_id_predicate_idx" ON "relation"("predicate", "subject_id")`,
      ["relation: normal index relation_subject_id_predicate_idx (subject_id, predicate) is a normal index on (predicate, subject_id)"]],
    ["an index made partial", `DROP INDEX "citation_source_id_idx"; CREATE INDEX "citation_source_id_idx" ON "citation"("source_id") WHERE "deleted_at" IS NULL`,
      ["citation: normal index citation_source_id_idx (source_id) is a normal index on (source_id) with a predicate or expression"]],
    ["a primary key dropped", `ALTER TABLE "reference" DROP CONSTRAINT "reference_pkey"`, ["reference: primary key reference_pkey (citing_id, number) is missing"]],
    ["an index schema.prisma lacks", `CREATE INDEX "entity_name_idx" ON "entity"("name")`, ["entity: index entity_name_idx (name) is not in schema.prisma"]],
    ["a foreign key dropped", `ALTER TABLE "citation" DROP CONSTRAINT "citation_source_id_fkey"`,
      ["citation: foreign key citation_source_id_fkey (source_id) -> source(id) ON DELETE Restrict ON UPDATE Cascade is missing"]],
    ["another ON DELETE action", `ALTER TABLE "reference" DROP CONSTRAINT "reference_citing_id_fkey",
        ADD CONSTRAINT "reference_citing_id_fkey" FOREIGN KEY ("citing_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE`,
      ["reference: foreign key reference_citing_id_fkey is (citing_id) -> source(id) ON DELETE Restrict ON UPDATE Cascade, expected (citing_id) -> source(id) ON DELETE Cascade ON UPDATE Cascade"]],
    ["another ON UPDATE action", `ALTER TABLE "api_token" DROP CONSTRAINT "api_token_editor_id_fkey",
        ADD CONSTRAINT "api_token_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "editor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      ["api_token: foreign key api_token_editor_id_fkey is (editor_id) -> editor(id) ON DELETE Restrict ON UPDATE NoAction, expected (editor_id) -> editor(id) ON DELETE Restrict ON UPDATE Cascade"]],
    ["a foreign key to another table", `ALTER TABLE "revision" DROP CONSTRAINT "revision_editor_id_fkey",
        ADD CONSTRAINT "revision_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "api_token"("id") ON DELETE RESTRICT ON UPDATE CASCADE`,
      ["revision: foreign key revision_editor_id_fkey is (editor_id) -> api_token(id) ON DELETE Restrict ON UPDATE Cascade, expected (editor_id) -> editor(id) ON DELETE Restrict ON UPDATE Cascade"]],
    ["a foreign key schema.prisma lacks", `ALTER TABLE "relation" ADD CONSTRAINT "relation_note_fkey" FOREIGN KEY ("version") REFERENCES "editor"("id")`,
      ["relation: foreign key relation_note_fkey is not in schema.prisma"]],
  ])("reports %s", async (_rule, sql, expected) => {
    expect(await differencesAfter(sql)).toEqual(expected);
  });
});
