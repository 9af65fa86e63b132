-- The shop front's listings on a big catalogue (100,000 products): each sort order and the
-- per-category counts read an index in order instead of sorting every active product.
CREATE INDEX products_listing_featured ON products (status, featured, created_at, id);
CREATE INDEX products_listing_newest ON products (status, created_at, id);
CREATE INDEX products_listing_price ON products (status, price_min, id);
CREATE INDEX products_listing_category ON products (status, category_id, created_at, id);
