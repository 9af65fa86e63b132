-- The wishlist (收藏): products a customer keeps to buy later, the newest first. A guest's
-- stays in the browser and joins this one at sign-in.
CREATE TABLE wishlist_items (
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    product_id  BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    added_at    BIGINT NOT NULL,
    PRIMARY KEY (user_id, product_id)
);
CREATE INDEX wishlist_items_newest ON wishlist_items (user_id, added_at);
