-- CreateIndex
CREATE INDEX "data_products_owner_trgm_idx" ON "data_products" USING GIN ("owner" gin_trgm_ops);
