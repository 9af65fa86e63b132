-- A refund a customer's own action started (cancelling a paid order before a warehouse has
-- it, a return once inspected) may belong to a guest's order: `created_by` is the user who
-- asked when there is one, NULL for a guest holding the order's link.
ALTER TABLE refunds ALTER COLUMN created_by DROP NOT NULL;
