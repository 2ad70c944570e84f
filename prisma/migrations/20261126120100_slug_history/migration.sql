-- Slugs are permanent addresses: a renamed entity keeps answering to the
-- slugs it had, and no other entity may take them.

-- CreateTable
CREATE TABLE "former_slug" (
    "slug" TEXT NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "retired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "former_slug_pkey" PRIMARY KEY ("slug")
);

-- CreateIndex
CREATE INDEX "former_slug_entity_id_idx" ON "former_slug"("entity_id");

-- AddForeignKey
ALTER TABLE "former_slug" ADD CONSTRAINT "former_slug_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
