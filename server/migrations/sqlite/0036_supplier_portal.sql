-- The supplier portal: the supplier's own staff sign in with accounts of their own (not
-- `users`: they are neither customers nor staff, and their session cookie is another, so
-- they cannot reach either API), invited by e-mail to choose a password. A supplier may
-- propose other quantities on a line, and announces shipments (advance shipping notices)
-- with the units of each line. The outbox gains the invitation.

CREATE TABLE supplier_accounts (
    id                 INTEGER PRIMARY KEY,
    supplier_id        INTEGER NOT NULL REFERENCES suppliers (id),
    email              TEXT NOT NULL UNIQUE,
    display_name       TEXT NOT NULL,
    -- '!' until the invitation is accepted: matches no password
    password_hash      TEXT NOT NULL,
    active             INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- BLAKE2s-256 of the invitation's token, hex, until it is used
    invite_token_hash  TEXT UNIQUE,
    invite_expires_at  INTEGER,
    created_at         INTEGER NOT NULL
);
CREATE INDEX supplier_accounts_supplier ON supplier_accounts (supplier_id);

CREATE TABLE supplier_sessions (
    token_hash  TEXT PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES supplier_accounts (id) ON DELETE CASCADE,
    expires_at  INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX supplier_sessions_account ON supplier_sessions (account_id);

ALTER TABLE purchase_order_lines ADD COLUMN proposed_quantity INTEGER CHECK (proposed_quantity IS NULL OR proposed_quantity >= 0);

CREATE TABLE asns (
    id                 INTEGER PRIMARY KEY,
    purchase_order_id  INTEGER NOT NULL REFERENCES purchase_orders (id),
    status             TEXT NOT NULL CHECK (status IN ('announced', 'received')),
    carrier            TEXT NOT NULL DEFAULT '',
    tracking           TEXT NOT NULL DEFAULT '',
    shipped_at         INTEGER NOT NULL,
    arrives_at         INTEGER NOT NULL,
    account_id         INTEGER NOT NULL REFERENCES supplier_accounts (id)
);
CREATE INDEX asns_order ON asns (purchase_order_id, id);

CREATE TABLE asn_lines (
    asn_id      INTEGER NOT NULL REFERENCES asns (id) ON DELETE CASCADE,
    variant_id  INTEGER NOT NULL REFERENCES product_variants (id),
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (asn_id, variant_id)
);

CREATE TABLE messages_new (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('password_reset', 'order_confirmation', 'staff_invitation', 'order_shipped', 'return_update', 'consultation_reply', 'email_change', 'account_notice', 'supplier_invitation')),
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
