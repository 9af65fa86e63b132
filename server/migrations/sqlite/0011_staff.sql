-- Staff: several roles per person (a table of their own instead of one `staff_role`
-- column), deactivation, an optional TOTP second factor, invitations, and sessions that
-- know when they were last used (staff sessions end after 12 hours idle).
--
-- SQLite cannot drop a column that a CHECK constraint names, so `users` is rebuilt the way
-- SQLite's documentation prescribes: a new table with the same ids, the old one dropped,
-- the new one renamed. `Db::migrate` runs SQLite migrations with foreign keys off (so
-- dropping `users` cascades nothing) and checks every foreign key afterwards.
CREATE TABLE users_new (
    id               INTEGER PRIMARY KEY,
    email            TEXT NOT NULL UNIQUE,
    -- '!' while an invited staff member has not chosen a password yet: matches nothing
    password_hash    TEXT NOT NULL,
    display_name     TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('customer', 'staff')),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- base32 TOTP secret once two-factor sign-in is on; the pending one during set-up
    totp_secret          TEXT,
    totp_pending_secret  TEXT,
    -- the last 30-second step a code was accepted for: a code is never accepted twice
    totp_last_step       INTEGER,
    last_sign_in_at      INTEGER,
    created_at       INTEGER NOT NULL
);
INSERT INTO users_new (id, email, password_hash, display_name, kind, created_at)
    SELECT id, email, password_hash, display_name, kind, created_at FROM users;

CREATE TABLE staff_roles (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('owner', 'catalog_manager', 'order_clerk',
                 'warehouse_operator', 'customer_service', 'marketing', 'procurement',
                 'finance', 'analyst')),
    PRIMARY KEY (user_id, role)
);
INSERT INTO staff_roles (user_id, role) SELECT id, 'owner' FROM users WHERE staff_role = 'admin';

DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_kind ON users (kind, id);

ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;

CREATE TABLE staff_invitations (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX staff_invitations_user ON staff_invitations (user_id);

-- the outbox learns a new kind of message (a CHECK cannot be altered in SQLite either)
CREATE TABLE messages_new (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('password_reset', 'order_confirmation', 'staff_invitation')),
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
