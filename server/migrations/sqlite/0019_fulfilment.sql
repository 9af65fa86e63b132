-- Fulfilment and warehousing: warehouses with provinces and bins, the stock ledger (every
-- movement a row; a stock level's figures are its rows' sums), shipments (one per seller and
-- warehouse of an order) with their history, batch pick lists, and orders that can be held,
-- carry internal notes and remember when they were allocated.

ALTER TABLE warehouses ADD COLUMN province TEXT NOT NULL DEFAULT '';
ALTER TABLE warehouses ADD COLUMN address TEXT NOT NULL DEFAULT '';

-- zone-aisle-shelf-bin, e.g. A-01-02-03
CREATE TABLE warehouse_bins (
    id            INTEGER PRIMARY KEY,
    warehouse_id  INTEGER NOT NULL REFERENCES warehouses (id),
    code          TEXT NOT NULL,
    zone          TEXT NOT NULL,
    UNIQUE (warehouse_id, code)
);
-- where a variant is kept in a warehouse (one fixed location per variant and warehouse)
ALTER TABLE stock_levels ADD COLUMN bin_id INTEGER REFERENCES warehouse_bins (id);

CREATE TABLE stock_movements (
    id              INTEGER PRIMARY KEY,
    variant_id      INTEGER NOT NULL,
    warehouse_id    INTEGER NOT NULL,
    seller_id       INTEGER NOT NULL REFERENCES sellers (id),
    kind            TEXT NOT NULL CHECK (kind IN ('opening', 'receipt', 'reservation', 'release', 'allocation', 'pick', 'shipment', 'return', 'adjustment', 'transfer_out', 'transfer_in', 'stocktake')),
    -- the units that moved (positive), and what that did to the level's two figures
    quantity        INTEGER NOT NULL CHECK (quantity >= 0),
    on_hand_delta   INTEGER NOT NULL,
    reserved_delta  INTEGER NOT NULL,
    -- the document it belongs to: 'order:SK…', 'shipment:12', 'pick_list:3', 'opening'
    document        TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    actor           TEXT NOT NULL,
    at              INTEGER NOT NULL,
    FOREIGN KEY (variant_id, warehouse_id) REFERENCES stock_levels (variant_id, warehouse_id)
);
CREATE INDEX stock_movements_level ON stock_movements (variant_id, warehouse_id);
CREATE INDEX stock_movements_document ON stock_movements (document);
INSERT INTO stock_movements (variant_id, warehouse_id, seller_id, kind, quantity, on_hand_delta, reserved_delta, document, reason, actor, at)
    SELECT variant_id, warehouse_id, seller_id, 'opening', on_hand, on_hand, reserved, 'opening', 'balance when the ledger began', 'system', 0
    FROM stock_levels WHERE on_hand > 0 OR reserved > 0;

ALTER TABLE orders ADD COLUMN on_hold INTEGER NOT NULL DEFAULT 0 CHECK (on_hold IN (0, 1));
ALTER TABLE orders ADD COLUMN short_pick INTEGER NOT NULL DEFAULT 0 CHECK (short_pick IN (0, 1));
ALTER TABLE orders ADD COLUMN allocated_at INTEGER;
CREATE INDEX orders_allocation ON orders (status, allocated_at);

CREATE TABLE order_notes (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES users (id),
    body       TEXT NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX order_notes_order ON order_notes (order_id);

CREATE TABLE pick_lists (
    id            INTEGER PRIMARY KEY,
    warehouse_id  INTEGER NOT NULL REFERENCES warehouses (id),
    status        TEXT NOT NULL CHECK (status IN ('open', 'done')),
    created_by    TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX pick_lists_warehouse ON pick_lists (warehouse_id, status);

-- one line per variant: all its units over the list's shipments, from its bin
CREATE TABLE pick_list_lines (
    pick_list_id  INTEGER NOT NULL REFERENCES pick_lists (id),
    variant_id    INTEGER NOT NULL REFERENCES product_variants (id),
    bin_code      TEXT,
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    picked        INTEGER CHECK (picked IS NULL OR (picked >= 0 AND picked <= quantity)),
    picked_by     TEXT,
    PRIMARY KEY (pick_list_id, variant_id)
);

CREATE TABLE shipments (
    id               INTEGER PRIMARY KEY,
    order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    seller_id        INTEGER NOT NULL REFERENCES sellers (id),
    warehouse_id     INTEGER NOT NULL REFERENCES warehouses (id),
    status           TEXT NOT NULL CHECK (status IN ('allocated', 'picking', 'picked', 'packed', 'shipped', 'delivered', 'cancelled')),
    pick_list_id     INTEGER REFERENCES pick_lists (id),
    short            INTEGER NOT NULL DEFAULT 0 CHECK (short IN (0, 1)),
    package          TEXT CHECK (package IS NULL OR package IN ('small', 'medium', 'large', 'extra_large')),
    weight_grams     INTEGER CHECK (weight_grams IS NULL OR weight_grams > 0),
    carrier          TEXT CHECK (carrier IS NULL OR carrier IN ('sf_express', 'jd_logistics', 'zto', 'yto', 'ems', 'own_fleet')),
    tracking_number  TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX shipments_order ON shipments (order_id);
CREATE INDEX shipments_warehouse ON shipments (warehouse_id, status);
CREATE INDEX shipments_pick_list ON shipments (pick_list_id);
CREATE UNIQUE INDEX shipments_tracking ON shipments (carrier, tracking_number);

CREATE TABLE shipment_lines (
    shipment_id  INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    variant_id   INTEGER NOT NULL REFERENCES product_variants (id),
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    picked       INTEGER CHECK (picked IS NULL OR (picked >= 0 AND picked <= quantity)),
    PRIMARY KEY (shipment_id, variant_id)
);

CREATE TABLE shipment_events (
    id           INTEGER PRIMARY KEY,
    shipment_id  INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    actor        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    at           INTEGER NOT NULL
);
CREATE INDEX shipment_events_shipment ON shipment_events (shipment_id);

-- the outbox tells customers their parcel is on its way (and, later, other order news)
CREATE TABLE messages_new (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('password_reset', 'order_confirmation', 'staff_invitation', 'order_shipped')),
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    sent_at     INTEGER
);
INSERT INTO messages_new SELECT id, kind, recipient, subject, body, status, attempts, created_at, sent_at FROM messages;
DROP TABLE messages;
ALTER TABLE messages_new RENAME TO messages;
CREATE INDEX messages_pending ON messages (status, id);
