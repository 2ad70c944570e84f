-- Text snapshots of sources, and W3C Web Annotation selectors on citations
-- (TextQuoteSelector, TextPositionSelector) computed in the latest snapshot.

-- CreateEnum
CREATE TYPE "anchor_status" AS ENUM ('UNANCHORED', 'ANCHORED', 'QUOTE_NOT_FOUND');

-- CreateTable
CREATE TABLE "source_snapshot" (
    "id" SERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "source_snapshot_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "citation" ADD COLUMN "section_is_reconstructed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "anchor_status" "anchor_status" NOT NULL DEFAULT 'UNANCHORED',
ADD COLUMN "snapshot_id" INTEGER,
ADD COLUMN "quote_exact" TEXT,
ADD COLUMN "quote_prefix" TEXT,
ADD COLUMN "quote_suffix" TEXT,
ADD COLUMN "position_start" INTEGER,
ADD COLUMN "position_end" INTEGER;

-- CreateIndex
CREATE INDEX "source_snapshot_source_id_id_idx" ON "source_snapshot"("source_id", "id");
CREATE INDEX "citation_snapshot_id_idx" ON "citation"("snapshot_id");
CREATE INDEX "citation_anchor_status_id_idx" ON "citation"("anchor_status", "id");

-- AddForeignKey
ALTER TABLE "source_snapshot" ADD CONSTRAINT "source_snapshot_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "citation" ADD CONSTRAINT "citation_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "source_snapshot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
