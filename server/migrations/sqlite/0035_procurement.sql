-- Procurement (采购): suppliers with their terms, what each sells the shop (price, minimum
-- order, pack, lead time per item), and purchase orders with their lines and history. A
-- line's price is copied from the supplier's list when it is written; the date the
-- supplier first promised is kept beside the one expected now.

CREATE TABLE suppliers (
    id                  INTEGER PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    contact_name        TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    address             TEXT NOT NULL DEFAULT '',
    payment_terms_days  INTEGER NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 180),
    lead_time_days      INTEGER NOT NULL CHECK (lead_time_days BETWEEN 0 AND 365),
    currency            TEXT NOT NULL CHECK (currency IN ('CNY', 'USD')),
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);

CREATE TABLE supplier_offers (
    supplier_id     INTEGER NOT NULL REFERENCES suppliers (id),
    variant_id      INTEGER NOT NULL REFERENCES product_variants (id),
    unit_cost       INTEGER NOT NULL CHECK (unit_cost > 0),
    min_order       INTEGER NOT NULL CHECK (min_order > 0),
    pack            INTEGER NOT NULL CHECK (pack > 0),
    lead_time_days  INTEGER CHECK (lead_time_days IS NULL OR lead_time_days BETWEEN 0 AND 365),
    PRIMARY KEY (supplier_id, variant_id)
);
CREATE INDEX supplier_offers_variant ON supplier_offers (variant_id);

CREATE TABLE purchase_orders (
    id            INTEGER PRIMARY KEY,
    supplier_id   INTEGER NOT NULL REFERENCES suppliers (id),
    warehouse_id  INTEGER NOT NULL REFERENCES warehouses (id),
    currency      TEXT NOT NULL CHECK (currency IN ('CNY', 'USD')),
    status        TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'confirmed', 'partially_received', 'received', 'closed', 'cancelled')),
    total         INTEGER NOT NULL CHECK (total >= 0),
    note          TEXT NOT NULL DEFAULT '',
    created_by    INTEGER NOT NULL REFERENCES users (id),
    -- who wrote the lines last: the approver is someone else
    written_by    INTEGER NOT NULL REFERENCES users (id),
    approved_by   INTEGER REFERENCES users (id),
    approved_at   INTEGER,
    sent_at       INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX purchase_orders_status ON purchase_orders (status, id);
CREATE INDEX purchase_orders_supplier ON purchase_orders (supplier_id, id);

CREATE TABLE purchase_order_lines (
    purchase_order_id  INTEGER NOT NULL REFERENCES purchase_orders (id) ON DELETE CASCADE,
    position           INTEGER NOT NULL,
    variant_id         INTEGER NOT NULL REFERENCES product_variants (id),
    quantity           INTEGER NOT NULL CHECK (quantity > 0),
    unit_cost          INTEGER NOT NULL CHECK (unit_cost > 0),
    promised_at        INTEGER,
    expected_at        INTEGER,
    received           INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
    PRIMARY KEY (purchase_order_id, variant_id)
);
CREATE INDEX purchase_order_lines_variant ON purchase_order_lines (variant_id);

CREATE TABLE purchase_order_events (
    id                 INTEGER PRIMARY KEY,
    purchase_order_id  INTEGER NOT NULL REFERENCES purchase_orders (id) ON DELETE CASCADE,
    from_status        TEXT,
    to_status          TEXT NOT NULL,
    actor              TEXT NOT NULL,
    note               TEXT NOT NULL DEFAULT '',
    at                 INTEGER NOT NULL
);
CREATE INDEX purchase_order_events_order ON purchase_order_events (purchase_order_id);
