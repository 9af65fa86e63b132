-- Consultations (咨询): a signed-in customer's question before buying (about a product),
-- about one of their orders, or anything else; the thread of messages between them and
-- customer service; who on staff has it; when it was first answered and resolved (against
-- the service levels in app_settings, `service_levels`); and the customer's rating of the
-- service once resolved (CSAT, per staff member and week). A status change is an event.
CREATE TABLE consultations (
    id                 INTEGER PRIMARY KEY,
    user_id            INTEGER NOT NULL REFERENCES users (id),
    topic              TEXT NOT NULL CHECK (topic IN ('pre_sale', 'order', 'other')),
    product_id         INTEGER REFERENCES products (id),
    order_id           INTEGER REFERENCES orders (id),
    subject            TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('open', 'waiting_on_customer', 'resolved', 'closed')),
    assignee_id        INTEGER REFERENCES users (id),
    first_response_at  INTEGER,
    resolved_at        INTEGER,
    -- who resolved it (the rating counts for them), and the rating
    resolved_by        INTEGER REFERENCES users (id),
    rating             INTEGER CHECK (rating BETWEEN 1 AND 5),
    rating_comment     TEXT NOT NULL DEFAULT '',
    rated_at           INTEGER,
    -- a message the other side has not opened yet
    customer_unread    INTEGER NOT NULL DEFAULT 0 CHECK (customer_unread IN (0, 1)),
    staff_unread       INTEGER NOT NULL DEFAULT 1 CHECK (staff_unread IN (0, 1)),
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX consultations_user ON consultations (user_id, id);
CREATE INDEX consultations_queue ON consultations (status, id);
CREATE INDEX consultations_rated ON consultations (rated_at);

CREATE TABLE consultation_messages (
    id               INTEGER PRIMARY KEY,
    consultation_id  INTEGER NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    author           TEXT NOT NULL CHECK (author IN ('customer', 'staff')),
    author_id        INTEGER NOT NULL REFERENCES users (id),
    body             TEXT NOT NULL,
    at               INTEGER NOT NULL
);
CREATE INDEX consultation_messages_thread ON consultation_messages (consultation_id, id);

CREATE TABLE consultation_events (
    id               INTEGER PRIMARY KEY,
    consultation_id  INTEGER NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
    from_status      TEXT,
    to_status        TEXT NOT NULL,
    actor            TEXT NOT NULL,
    note             TEXT NOT NULL DEFAULT '',
    at               INTEGER NOT NULL
);
CREATE INDEX consultation_events_consultation ON consultation_events (consultation_id);

CREATE TABLE messages_new (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('password_reset', 'order_confirmation', 'staff_invitation', 'order_shipped', 'return_update', 'consultation_reply')),
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
