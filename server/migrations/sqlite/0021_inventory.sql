-- Inventory work: transfers between warehouses (requested → shipped → received; what is on
-- the road is in transit, on neither warehouse's shelf), stocktakes (a count sheet per
-- warehouse or zone; each count remembers the books at the moment it was made, so stock
-- that moves during the count does not turn into a false variance), reorder points per
-- variant and warehouse, and finished goods kept apart from raw materials.

CREATE TABLE transfers (
    id                 INTEGER PRIMARY KEY,
    from_warehouse_id  INTEGER NOT NULL REFERENCES warehouses (id),
    to_warehouse_id    INTEGER NOT NULL REFERENCES warehouses (id),
    status             TEXT NOT NULL CHECK (status IN ('requested', 'shipped', 'received', 'cancelled')),
    note               TEXT NOT NULL DEFAULT '',
    created_by         INTEGER NOT NULL REFERENCES users (id),
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    CHECK (from_warehouse_id <> to_warehouse_id)
);
CREATE INDEX transfers_status ON transfers (status, id);

CREATE TABLE transfer_lines (
    transfer_id  INTEGER NOT NULL REFERENCES transfers (id) ON DELETE CASCADE,
    variant_id   INTEGER NOT NULL REFERENCES product_variants (id),
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    received     INTEGER CHECK (received IS NULL OR (received >= 0 AND received <= quantity)),
    PRIMARY KEY (transfer_id, variant_id)
);

CREATE TABLE transfer_events (
    id           INTEGER PRIMARY KEY,
    transfer_id  INTEGER NOT NULL REFERENCES transfers (id) ON DELETE CASCADE,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    actor        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    at           INTEGER NOT NULL
);
CREATE INDEX transfer_events_transfer ON transfer_events (transfer_id);

CREATE TABLE stocktakes (
    id            INTEGER PRIMARY KEY,
    warehouse_id  INTEGER NOT NULL REFERENCES warehouses (id),
    zone          TEXT,
    status        TEXT NOT NULL CHECK (status IN ('counting', 'review', 'approved', 'cancelled')),
    created_by    INTEGER NOT NULL REFERENCES users (id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE stocktake_lines (
    stocktake_id   INTEGER NOT NULL REFERENCES stocktakes (id) ON DELETE CASCADE,
    variant_id     INTEGER NOT NULL REFERENCES product_variants (id),
    bin_code       TEXT,
    -- the books when the sheet was made, and when this line was counted
    expected       INTEGER NOT NULL,
    counted        INTEGER CHECK (counted IS NULL OR counted >= 0),
    book_at_count  INTEGER,
    counted_by     INTEGER REFERENCES users (id),
    PRIMARY KEY (stocktake_id, variant_id)
);

CREATE TABLE stocktake_events (
    id            INTEGER PRIMARY KEY,
    stocktake_id  INTEGER NOT NULL REFERENCES stocktakes (id) ON DELETE CASCADE,
    from_status   TEXT,
    to_status     TEXT NOT NULL,
    actor         TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    at            INTEGER NOT NULL
);

ALTER TABLE stock_levels ADD COLUMN reorder_point INTEGER CHECK (reorder_point IS NULL OR reorder_point >= 0);
ALTER TABLE products ADD COLUMN item_kind TEXT NOT NULL DEFAULT 'finished_good' CHECK (item_kind IN ('finished_good', 'raw_material'));
