-- An exchange's replacement order (换货单) names the return it replaces: it is not a sale
-- (reports leave it out), its customer does not cancel it (customer service does, which
-- puts the return back to inspected), and it is not returned again for a refund.
ALTER TABLE orders ADD COLUMN replaces_return_id BIGINT REFERENCES returns (id);
