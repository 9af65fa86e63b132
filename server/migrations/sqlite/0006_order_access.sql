-- A secret handed to whoever placed the order (a guest has no account): needed to pay for or
-- look at the order. Only its hash is kept.
ALTER TABLE orders ADD COLUMN access_token_hash TEXT;
