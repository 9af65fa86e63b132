-- Accounts: server-side sessions, failed-attempt records for rate limits, password resets,
-- and the outbox of messages to send.

CREATE TABLE sessions (
    -- BLAKE2s-256 of the cookie token, hex: a stolen database does not yield live cookies
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE auth_attempts (
    id     INTEGER PRIMARY KEY,
    -- what is limited: 'login-ip:…', 'login-email:…', 'register-ip:…'
    key    TEXT NOT NULL,
    at     INTEGER NOT NULL
);
CREATE INDEX auth_attempts_key_at ON auth_attempts (key, at);

CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);

CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('password_reset', 'order_confirmation')),
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    sent_at     INTEGER
);
CREATE INDEX messages_pending ON messages (status, id);
