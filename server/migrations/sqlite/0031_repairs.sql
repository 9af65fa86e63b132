-- Repairs under warranty (保修维修): a customer asks for one line of a delivered order to be
-- repaired while its product's warranty runs (`products.warranty_days`, one year unless set
-- otherwise), saying what is wrong, with photos uploaded for the order first (order_photos,
-- migration 0027); the shop receives the item, repairs it and sends it back, then closes
-- the repair, or says why the warranty does not cover it. Each status change is an event,
-- which is also the customer's timeline. One repair of a line is under way at a time.
ALTER TABLE products ADD COLUMN warranty_days INTEGER NOT NULL DEFAULT 365 CHECK (warranty_days >= 0);

CREATE TABLE repairs (
    id             INTEGER PRIMARY KEY,
    order_id       INTEGER NOT NULL REFERENCES orders (id),
    order_line_id  INTEGER NOT NULL REFERENCES order_lines (id),
    user_id        INTEGER NOT NULL REFERENCES users (id),
    description    TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('requested', 'received', 'repairing', 'returned', 'closed', 'rejected')),
    -- what staff last wrote for the customer: the return parcel, or why it is not covered
    staff_note     TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX repairs_order ON repairs (order_id, id);
CREATE INDEX repairs_status ON repairs (status, id);
-- two requests racing for one line: the second finds this one
CREATE UNIQUE INDEX repairs_one_open ON repairs (order_line_id)
    WHERE status IN ('requested', 'received', 'repairing');

CREATE TABLE repair_photos (
    repair_id  INTEGER NOT NULL REFERENCES repairs (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    key        TEXT NOT NULL,
    width      INTEGER NOT NULL,
    PRIMARY KEY (repair_id, position)
);

CREATE TABLE repair_events (
    id           INTEGER PRIMARY KEY,
    repair_id    INTEGER NOT NULL REFERENCES repairs (id) ON DELETE CASCADE,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    actor        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    at           INTEGER NOT NULL
);
CREATE INDEX repair_events_repair ON repair_events (repair_id);
