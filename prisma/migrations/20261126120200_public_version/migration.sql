-- Anonymous readers see the version and time of the published state: a
-- pending edit moves "version" (for optimistic concurrency) but not these.
-- Existing rows start from their current version and time.

-- AlterTable
ALTER TABLE "entity" ADD COLUMN "public_version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "public_updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "entity" SET "public_version" = "version", "public_updated_at" = "updated_at";

-- AlterTable
ALTER TABLE "relation" ADD COLUMN "public_version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "public_updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "relation" SET "public_version" = "version", "public_updated_at" = "updated_at";

-- AlterTable
ALTER TABLE "source" ADD COLUMN "public_version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "public_updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "source" SET "public_version" = "version", "public_updated_at" = "updated_at";
