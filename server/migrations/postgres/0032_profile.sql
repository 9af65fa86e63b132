-- The customer portal: a mobile number on the account, the optional messages the customer
-- wants (order updates on by default, marketing off until they opt in), when an account
-- was deleted (anonymised: the row stays, as its orders keep naming it), the links that
-- confirm a new e-mail address (hashed like session and reset tokens), and the outbox's two
-- new kinds of message: the link to the new address, and security notices (e-mail or
-- password changed, account deleted).
ALTER TABLE users
    ADD COLUMN phone TEXT,
    ADD COLUMN notify_order_updates BIGINT NOT NULL DEFAULT 1 CHECK (notify_order_updates IN (0, 1)),
    ADD COLUMN notify_marketing BIGINT NOT NULL DEFAULT 0 CHECK (notify_marketing IN (0, 1)),
    ADD COLUMN deleted_at BIGINT;

CREATE TABLE email_changes (
    -- BLAKE2s-256 of the link's token, hex
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_email   TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX email_changes_user ON email_changes (user_id);

ALTER TABLE messages DROP CONSTRAINT messages_kind_check;
ALTER TABLE messages ADD CONSTRAINT messages_kind_check
    CHECK (kind IN ('password_reset', 'order_confirmation', 'staff_invitation', 'order_shipped', 'return_update', 'consultation_reply', 'email_change', 'account_notice'));
