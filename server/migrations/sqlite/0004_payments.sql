-- Payments through a hosted gateway, the webhook events already processed (replays are
-- refused), and the built-in sandbox gateway's own sessions.

CREATE TABLE payments (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    provider    TEXT NOT NULL CHECK (provider IN ('sandbox')),
    session_id  TEXT NOT NULL UNIQUE,
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    currency    TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'declined')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX payments_order ON payments (order_id);

CREATE TABLE webhook_events (
    provider     TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    received_at  INTEGER NOT NULL,
    PRIMARY KEY (provider, event_id)
);

-- The sandbox gateway's side: what a real provider would keep on its own servers.
CREATE TABLE sandbox_sessions (
    id            TEXT PRIMARY KEY,
    order_number  TEXT NOT NULL,
    amount        INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('open', 'approved', 'declined')),
    created_at    INTEGER NOT NULL
);
