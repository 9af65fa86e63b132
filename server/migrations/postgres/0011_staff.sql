-- Staff: several roles per person (a table of their own instead of one `staff_role`
-- column), deactivation, an optional TOTP second factor, invitations, and sessions that
-- know when they were last used (staff sessions end after 12 hours idle).

ALTER TABLE users
    ADD COLUMN active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    ADD COLUMN totp_secret TEXT,
    ADD COLUMN totp_pending_secret TEXT,
    ADD COLUMN totp_last_step BIGINT,
    ADD COLUMN last_sign_in_at BIGINT;

CREATE TABLE staff_roles (
    user_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('owner', 'catalog_manager', 'order_clerk',
                 'warehouse_operator', 'customer_service', 'marketing', 'procurement',
                 'finance', 'analyst')),
    PRIMARY KEY (user_id, role)
);
INSERT INTO staff_roles (user_id, role) SELECT id, 'owner' FROM users WHERE staff_role = 'admin';
-- dropping the column drops the CHECK that named it
ALTER TABLE users DROP COLUMN staff_role;
CREATE INDEX users_kind ON users (kind, id);

ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;

CREATE TABLE staff_invitations (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_by  BIGINT NOT NULL REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX staff_invitations_user ON staff_invitations (user_id);

ALTER TABLE messages DROP CONSTRAINT messages_kind_check;
ALTER TABLE messages ADD CONSTRAINT messages_kind_check
    CHECK (kind IN ('password_reset', 'order_confirmation', 'staff_invitation'));
