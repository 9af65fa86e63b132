-- A refund a customer's own action started (cancelling a paid order before a warehouse has
-- it, a return once inspected) may belong to a guest's order: `created_by` is the user who
-- asked when there is one, NULL for a guest holding the order's link.
CREATE TABLE refunds_new (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    payment_id  INTEGER REFERENCES payments (id),
    provider    TEXT NOT NULL CHECK (provider IN ('sandbox', 'offline')),
    reference   TEXT NOT NULL UNIQUE,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    currency    TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    reason      TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
INSERT INTO refunds_new SELECT id, order_id, payment_id, provider, reference, amount, currency,
    status, reason, created_by, created_at, updated_at FROM refunds;
DROP TABLE refunds;
ALTER TABLE refunds_new RENAME TO refunds;
CREATE INDEX refunds_order ON refunds (order_id);
