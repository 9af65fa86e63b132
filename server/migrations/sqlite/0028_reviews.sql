-- Reviews (商品评价) by verified buyers: one per customer and product, written from a
-- delivered order's line; staff may hide one (with the reason) or answer it in public. The
-- product page shows them with their average, so they count as catalogue content: a change
-- moves the catalogue's version (migration 0016) like a product's own.
CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    product_id      INTEGER NOT NULL REFERENCES products (id),
    user_id         INTEGER NOT NULL REFERENCES users (id),
    order_id        INTEGER NOT NULL REFERENCES orders (id),
    order_line_id   INTEGER NOT NULL REFERENCES order_lines (id),
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body            TEXT NOT NULL DEFAULT '',
    -- as shown: the buyer's name masked when they wrote it
    author          TEXT NOT NULL,
    -- why staff hid it; NULL while it is shown
    hidden_reason   TEXT,
    reply           TEXT NOT NULL DEFAULT '',
    replied_at      INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (user_id, product_id)
);
CREATE INDEX reviews_product ON reviews (product_id, id);
CREATE INDEX reviews_order_line ON reviews (order_line_id);

CREATE TABLE review_photos (
    review_id  INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    key        TEXT NOT NULL,
    width      INTEGER NOT NULL,
    PRIMARY KEY (review_id, position)
);

CREATE TRIGGER reviews_insert_catalog AFTER INSERT ON reviews
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER reviews_update_catalog AFTER UPDATE ON reviews
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER reviews_delete_catalog AFTER DELETE ON reviews
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
