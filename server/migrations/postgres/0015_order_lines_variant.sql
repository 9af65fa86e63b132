-- Which variants customers ordered (a product's editor and its CSV import keep them).
CREATE INDEX order_lines_variant ON order_lines (variant_id);
