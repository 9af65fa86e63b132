-- The order list's filters and saved views: an order's province and the recipient's phone
-- are read out of its stored address by the database itself (generated columns, so every
-- way an order is written — checkout, the history seeder, an address change — fills them),
-- indexed with the other filters; each staff member keeps named views of the list.

ALTER TABLE orders ADD COLUMN province TEXT GENERATED ALWAYS AS (substr(json_extract(address_json, '$.division_code'), 1, 2)) VIRTUAL;
ALTER TABLE orders ADD COLUMN phone TEXT GENERATED ALWAYS AS (json_extract(address_json, '$.phone')) VIRTUAL;
CREATE INDEX orders_province ON orders (province, id);
CREATE INDEX orders_phone ON orders (phone);
CREATE INDEX orders_shipping_method ON orders (shipping_method, id);
CREATE INDEX shipments_warehouse_order ON shipments (warehouse_id, order_id);

CREATE TABLE saved_views (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    page        TEXT NOT NULL CHECK (page IN ('orders')),
    name        TEXT NOT NULL,
    query       TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (user_id, page, name)
);
