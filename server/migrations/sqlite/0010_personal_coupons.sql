-- A coupon may be issued to one customer account; nobody else can use it.
ALTER TABLE coupons ADD COLUMN customer_id INTEGER REFERENCES users (id);
