-- Product search: one lower-cased text per product (names, brand, categories, descriptions in
-- both languages), matched with LIKE '%term%' — which works for Chinese without spaces — and
-- accelerated by a trigram index (pg_trgm here, FTS5's trigram tokenizer on SQLite).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE product_search (
    product_id  BIGINT PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    body        TEXT NOT NULL
);
CREATE INDEX product_search_trgm ON product_search USING gin (body gin_trgm_ops);
