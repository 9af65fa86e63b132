-- Returns and exchanges (退换货): what a customer sends back from a delivered order, each
-- line's units and what inspection decided for them, the return's history (the customer's
-- timeline too), and the outbox's new kind of message.
CREATE TABLE returns (
    id                    INTEGER PRIMARY KEY,
    order_id              INTEGER NOT NULL REFERENCES orders (id),
    status                TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'received', 'inspected', 'refunded', 'exchanged', 'closed')),
    reason                TEXT NOT NULL CHECK (reason IN ('defective', 'wrong_item', 'not_as_described', 'damaged_in_transit', 'changed_mind', 'other')),
    comment               TEXT NOT NULL DEFAULT '',
    resolution            TEXT NOT NULL CHECK (resolution IN ('refund', 'exchange')),
    exchange_variant_id   INTEGER REFERENCES product_variants (id),
    -- return instructions when approved, or why it was rejected or closed
    staff_note            TEXT NOT NULL DEFAULT '',
    warehouse_id          INTEGER REFERENCES warehouses (id),
    refund_id             INTEGER REFERENCES refunds (id),
    replacement_order_id  INTEGER REFERENCES orders (id),
    requested_by          TEXT NOT NULL,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
);
CREATE INDEX returns_order ON returns (order_id);
CREATE INDEX returns_status ON returns (status, id);

CREATE TABLE return_lines (
    return_id      INTEGER NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    order_line_id  INTEGER NOT NULL REFERENCES order_lines (id),
    variant_id     INTEGER NOT NULL REFERENCES product_variants (id),
    quantity       INTEGER NOT NULL CHECK (quantity > 0),
    restocked      INTEGER NOT NULL DEFAULT 0 CHECK (restocked >= 0),
    scrapped       INTEGER NOT NULL DEFAULT 0 CHECK (scrapped >= 0),
    to_supplier    INTEGER NOT NULL DEFAULT 0 CHECK (to_supplier >= 0),
    PRIMARY KEY (return_id, order_line_id),
    CHECK (restocked + scrapped + to_supplier <= quantity)
);
CREATE INDEX return_lines_variant ON return_lines (variant_id);

CREATE TABLE return_events (
    id           INTEGER PRIMARY KEY,
    return_id    INTEGER NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    actor        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    at           INTEGER NOT NULL
);
CREATE INDEX return_events_return ON return_events (return_id);

CREATE TABLE messages_new (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('password_reset', 'order_confirmation', 'staff_invitation', 'order_shipped', 'return_update')),
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
