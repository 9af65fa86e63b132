-- Product search: one lower-cased text per product (names, brand, categories, descriptions in
-- both languages), matched with LIKE '%term%' — which works for Chinese without spaces — and
-- accelerated by FTS5's trigram tokenizer (pg_trgm on PostgreSQL).
CREATE VIRTUAL TABLE product_search USING fts5(product_id UNINDEXED, body, tokenize = 'trigram');
