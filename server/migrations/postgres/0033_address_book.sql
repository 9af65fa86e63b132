-- The address book: the customer's saved addresses, one of them the default that checkout
-- fills in first. Addresses kept from checkout and those the customer adds live together.
ALTER TABLE customer_addresses ADD COLUMN is_default BIGINT NOT NULL DEFAULT 0;
