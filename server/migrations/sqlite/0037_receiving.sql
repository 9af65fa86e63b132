-- Receiving, inspection and put-away: a goods receipt of a purchase order (or of one of its
-- shipping notices) holds what arrived in the receiving area, not yet stock; each line is
-- inspected by its product's plan (every unit, or a sample by lot size and AQL) with a
-- result per characteristic; what passes is put away into a bin and only then enters the
-- stock ledger; what fails goes to a return-to-supplier document or to scrap. The inbound
-- ledger keeps every one of those decisions.

CREATE TABLE inspection_plans (
    product_id       INTEGER PRIMARY KEY REFERENCES products (id),
    mode             TEXT NOT NULL CHECK (mode IN ('full', 'sampled')),
    -- hundredths of a per cent (250: AQL 2.5); null for full inspection
    aql              INTEGER,
    -- one per line
    characteristics  TEXT NOT NULL DEFAULT '',
    CHECK ((mode = 'full') = (aql IS NULL))
);

CREATE TABLE receipts (
    id                 INTEGER PRIMARY KEY,
    purchase_order_id  INTEGER NOT NULL REFERENCES purchase_orders (id),
    asn_id             INTEGER REFERENCES asns (id),
    warehouse_id       INTEGER NOT NULL REFERENCES warehouses (id),
    status             TEXT NOT NULL CHECK (status IN ('received', 'inspected', 'put_away')),
    note               TEXT NOT NULL DEFAULT '',
    received_by        INTEGER NOT NULL REFERENCES users (id),
    received_at        INTEGER NOT NULL
);
CREATE INDEX receipts_order ON receipts (purchase_order_id, id);
CREATE INDEX receipts_status ON receipts (status, id);

CREATE TABLE receipt_lines (
    receipt_id      INTEGER NOT NULL REFERENCES receipts (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    variant_id      INTEGER NOT NULL REFERENCES product_variants (id),
    -- still expected when it arrived, and what arrived
    expected        INTEGER NOT NULL CHECK (expected >= 0),
    quantity        INTEGER NOT NULL CHECK (quantity >= 0),
    unit_cost       INTEGER NOT NULL CHECK (unit_cost > 0),
    -- the plan it was inspected by: 'full' or the AQL
    plan_mode       TEXT NOT NULL CHECK (plan_mode IN ('full', 'sampled')),
    plan_aql        INTEGER,
    inspected       INTEGER,
    defective       INTEGER,
    concession      INTEGER NOT NULL DEFAULT 0 CHECK (concession IN (0, 1)),
    accepted        INTEGER,
    rejected        INTEGER,
    rejected_to     TEXT CHECK (rejected_to IS NULL OR rejected_to IN ('supplier', 'scrap')),
    -- characteristic, passed (1/0), note; one per line, tab-separated
    results         TEXT NOT NULL DEFAULT '',
    put_away_bin    TEXT,
    PRIMARY KEY (receipt_id, variant_id),
    CHECK (accepted IS NULL OR (accepted >= 0 AND rejected >= 0 AND accepted + rejected = quantity))
);
CREATE INDEX receipt_lines_variant ON receipt_lines (variant_id);

-- every decision on goods that are not stock yet: arrived, accepted, rejected to the
-- supplier or to scrap, put away (then the stock ledger takes over)
CREATE TABLE inbound_movements (
    id          INTEGER PRIMARY KEY,
    receipt_id  INTEGER NOT NULL REFERENCES receipts (id),
    variant_id  INTEGER NOT NULL REFERENCES product_variants (id),
    kind        TEXT NOT NULL CHECK (kind IN ('received', 'accepted', 'to_supplier', 'scrapped', 'put_away')),
    quantity    INTEGER NOT NULL CHECK (quantity >= 0),
    bin_code    TEXT,
    actor       TEXT NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX inbound_movements_receipt ON inbound_movements (receipt_id);

-- 退供单: rejected units going back to their supplier
CREATE TABLE supplier_returns (
    id           INTEGER PRIMARY KEY,
    receipt_id   INTEGER NOT NULL REFERENCES receipts (id),
    supplier_id  INTEGER NOT NULL REFERENCES suppliers (id),
    created_at   INTEGER NOT NULL
);
CREATE TABLE supplier_return_lines (
    supplier_return_id  INTEGER NOT NULL REFERENCES supplier_returns (id) ON DELETE CASCADE,
    variant_id          INTEGER NOT NULL REFERENCES product_variants (id),
    quantity            INTEGER NOT NULL CHECK (quantity > 0),
    unit_cost           INTEGER NOT NULL,
    PRIMARY KEY (supplier_return_id, variant_id)
);
