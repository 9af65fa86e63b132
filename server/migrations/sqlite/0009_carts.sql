-- Customers' carts (guests keep theirs in the browser) and the addresses they ship to.
CREATE TABLE cart_items (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    variant_id  INTEGER NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    quantity    INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    -- the unit price when it was put in, to tell the customer it changed
    seen_price  INTEGER,
    position    INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, variant_id)
);

CREATE TABLE customer_addresses (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address_json  TEXT NOT NULL,
    last_used_at  INTEGER NOT NULL,
    UNIQUE (user_id, address_json)
);
