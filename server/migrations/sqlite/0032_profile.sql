-- The customer portal: a mobile number on the account, the optional messages the customer
-- wants (order updates on by default, marketing off until they opt in), when an account
-- was deleted (anonymised: the row stays, as its orders keep naming it), the links that
-- confirm a new e-mail address (hashed like session and reset tokens), and the outbox's two
-- new kinds of message: the link to the new address, and security notices (e-mail or
-- password changed, account deleted).
ALTER TABLE users ADD COLUMN phone TEXT;
ALTER TABLE users ADD COLUMN notify_order_updates INTEGER NOT NULL DEFAULT 1 CHECK (notify_order_updates IN (0, 1));
ALTER TABLE users ADD COLUMN notify_marketing INTEGER NOT NULL DEFAULT 0 CHECK (notify_marketing IN (0, 1));
ALTER TABLE users ADD COLUMN deleted_at INTEGER;

CREATE TABLE email_changes (
    -- BLAKE2s-256 of the link's token, hex
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_email   TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX email_changes_user ON email_changes (user_id);

-- the outbox learns two kinds of message (a CHECK cannot be altered in SQLite)
CREATE TABLE messages_new (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('password_reset', 'order_confirmation', 'staff_invitation', 'order_shipped', 'return_update', 'consultation_reply', 'email_change', 'account_notice')),
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
