-- Caregraph's initial schema, written by hand to match prisma/schema.prisma
-- (Prisma's migrate engine cannot be downloaded on the project's machines).
-- Runs on PostgreSQL 15+ and on PGlite (PostgreSQL 18).

-- Trigram search over names, aliases and summaries.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "entity_kind" AS ENUM ('CONDITION', 'CAUSE', 'SYMPTOM', 'DIAGNOSTIC', 'TREATMENT');
CREATE TYPE "predicate" AS ENUM ('CAUSES', 'HAS_SYMPTOM', 'INDICATES', 'DIAGNOSED_BY', 'TREATED_BY', 'PREVENTED_BY', 'CONTRAINDICATED_FOR', 'SUBTYPE_OF');
CREATE TYPE "care_context" AS ENUM ('ACUTE', 'CHRONIC', 'ANY');
CREATE TYPE "urgency" AS ENUM ('EMERGENCY', 'SOON', 'ROUTINE');
CREATE TYPE "review_status" AS ENUM ('DRAFT', 'PUBLISHED', 'RETRACTED');
CREATE TYPE "role" AS ENUM ('EDITOR', 'REVIEWER', 'ADMIN');
CREATE TYPE "record_type" AS ENUM ('ENTITY', 'RELATION', 'SOURCE', 'CITATION');

-- CreateTable
CREATE TABLE "entity" (
    "id" SERIAL NOT NULL,
    "import_key" TEXT,
    "slug" TEXT NOT NULL,
    "kind" "entity_kind" NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "summary" TEXT,
    "status" "review_status" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "pending_changes" JSONB,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "entity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "relation" (
    "id" SERIAL NOT NULL,
    "import_key" TEXT,
    "subject_id" INTEGER NOT NULL,
    "predicate" "predicate" NOT NULL,
    "object_id" INTEGER NOT NULL,
    "context" "care_context" NOT NULL DEFAULT 'ANY',
    "red_flag" BOOLEAN NOT NULL DEFAULT false,
    "urgency" "urgency",
    "note" TEXT,
    "status" "review_status" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "pending_changes" JSONB,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "relation_pkey" PRIMARY KEY ("id"),
    -- Rules the API also checks, kept here so no writer can break them.
    CONSTRAINT "relation_not_self_check" CHECK ("subject_id" <> "object_id"),
    CONSTRAINT "relation_urgency_needs_red_flag_check" CHECK ("urgency" IS NULL OR "red_flag")
);

-- CreateTable
CREATE TABLE "source" (
    "id" SERIAL NOT NULL,
    "import_key" TEXT,
    "title" TEXT NOT NULL,
    "publisher" TEXT,
    "authors" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "published_on" TEXT,
    "url" TEXT,
    "doi" TEXT,
    "status" "review_status" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "pending_changes" JSONB,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reference" (
    "citing_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "cited_id" INTEGER NOT NULL,

    CONSTRAINT "reference_pkey" PRIMARY KEY ("citing_id","number")
);

-- CreateTable
CREATE TABLE "citation" (
    "id" SERIAL NOT NULL,
    "import_key" TEXT,
    "relation_id" INTEGER NOT NULL,
    "source_id" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "section" TEXT,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "citation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "revision" (
    "id" SERIAL NOT NULL,
    "record_type" "record_type" NOT NULL,
    "record_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "editor_id" INTEGER,
    "actor" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "editor" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "editor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" SERIAL NOT NULL,
    "editor_id" INTEGER NOT NULL,
    "role" "role" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "entity_import_key_key" ON "entity"("import_key");
CREATE UNIQUE INDEX "entity_slug_key" ON "entity"("slug");
CREATE INDEX "entity_kind_name_id_idx" ON "entity"("kind", "name", "id");
CREATE UNIQUE INDEX "relation_import_key_key" ON "relation"("import_key");
CREATE INDEX "relation_subject_id_predicate_idx" ON "relation"("subject_id", "predicate");
CREATE INDEX "relation_object_id_predicate_idx" ON "relation"("object_id", "predicate");
CREATE UNIQUE INDEX "source_import_key_key" ON "source"("import_key");
CREATE INDEX "reference_cited_id_idx" ON "reference"("cited_id");
CREATE UNIQUE INDEX "citation_import_key_key" ON "citation"("import_key");
CREATE INDEX "citation_relation_id_idx" ON "citation"("relation_id");
CREATE INDEX "citation_source_id_idx" ON "citation"("source_id");
CREATE INDEX "revision_record_type_record_id_id_idx" ON "revision"("record_type", "record_id", "id");
CREATE UNIQUE INDEX "editor_name_key" ON "editor"("name");
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");
CREATE INDEX "api_token_editor_id_idx" ON "api_token"("editor_id");

-- AddForeignKey
ALTER TABLE "relation" ADD CONSTRAINT "relation_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "relation" ADD CONSTRAINT "relation_object_id_fkey" FOREIGN KEY ("object_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "reference" ADD CONSTRAINT "reference_citing_id_fkey" FOREIGN KEY ("citing_id") REFERENCES "source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reference" ADD CONSTRAINT "reference_cited_id_fkey" FOREIGN KEY ("cited_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "citation" ADD CONSTRAINT "citation_relation_id_fkey" FOREIGN KEY ("relation_id") REFERENCES "relation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "citation" ADD CONSTRAINT "citation_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "revision" ADD CONSTRAINT "revision_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "editor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "editor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Beyond what schema.prisma can say --------------------------------------

-- A relation may not be stated twice while it is live; deleted ones keep
-- their history without blocking a new statement of the same claim.
CREATE UNIQUE INDEX "relation_live_claim_key" ON "relation"("subject_id", "predicate", "object_id", "context") WHERE "deleted_at" IS NULL;

-- The text that search matches: name, aliases and summary. Declared
-- IMMUTABLE (array_to_string is only STABLE) so that it can be indexed.
CREATE FUNCTION "entity_search_text"(name TEXT, aliases TEXT[], summary TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT name || ' ' || coalesce(array_to_string(aliases, ' '), '') || ' ' || coalesce(summary, '') $$;

CREATE INDEX "entity_search_fts_idx" ON "entity" USING gin (to_tsvector('english'::regconfig, "entity_search_text"("name", "aliases", "summary")));
CREATE INDEX "entity_search_trgm_idx" ON "entity" USING gin ("entity_search_text"("name", "aliases", "summary") gin_trgm_ops);

-- The revision log is append-only: nothing an editor does is ever lost.
CREATE FUNCTION "revision_append_only"() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'revision is append-only'; END $$;

CREATE TRIGGER "revision_append_only" BEFORE UPDATE OR DELETE ON "revision"
    FOR EACH ROW EXECUTE FUNCTION "revision_append_only"();
