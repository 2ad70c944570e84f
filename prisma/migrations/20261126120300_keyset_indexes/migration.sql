-- Keyset pagination of `entities` and `sources`: pages are ordered by
-- (name, id) and (title, id) and bounded by a row value (name, id) > ($1, $2),
-- which these indexes serve without a sort or a scan of the rows before the page.

-- CreateIndex
CREATE INDEX "entity_name_id_idx" ON "entity"("name", "id");

-- CreateIndex
CREATE INDEX "source_title_id_idx" ON "source"("title", "id");
