-- Refunds (full or partial; through the card gateway, or recorded as paid back by transfer
-- for bank-transfer and cash-on-delivery orders), when an order was delivered (it is
-- completed a configured number of days later), and carriers' delivery events.

CREATE TABLE refunds (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    payment_id  INTEGER REFERENCES payments (id),
    provider    TEXT NOT NULL CHECK (provider IN ('sandbox', 'offline')),
    reference   TEXT NOT NULL UNIQUE,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    currency    TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    reason      TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX refunds_order ON refunds (order_id);

ALTER TABLE orders ADD COLUMN delivered_at INTEGER;
CREATE INDEX orders_delivered ON orders (status, delivered_at);
