-- The dashboard's customers: an order's e-mail address and its earlier sales.
CREATE INDEX orders_email_created ON orders (email, created_at);
