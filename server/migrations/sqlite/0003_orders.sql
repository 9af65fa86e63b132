-- Checkout: shipping methods and rates, coupons, orders with lines, reservations and
-- events, idempotency keys and the daily order-number counter.

CREATE TABLE shipping_methods (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    name_zh   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    position  INTEGER NOT NULL DEFAULT 0,
    active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE shipping_rates (
    id              INTEGER PRIMARY KEY,
    method_id       INTEGER NOT NULL REFERENCES shipping_methods (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    zone_kind       TEXT NOT NULL CHECK (zone_kind IN ('provinces', 'rest_of_china', 'international')),
    -- two-digit province codes, comma-separated, for zone_kind = 'provinces'
    province_codes  TEXT NOT NULL DEFAULT '',
    first_kg        INTEGER NOT NULL CHECK (first_kg >= 0),
    extra_kg        INTEGER NOT NULL CHECK (extra_kg >= 0),
    free_over       INTEGER CHECK (free_over IS NULL OR free_over >= 0),
    UNIQUE (method_id, position)
);

CREATE TABLE coupons (
    id                        INTEGER PRIMARY KEY,
    code                      TEXT NOT NULL UNIQUE,
    kind                      TEXT NOT NULL CHECK (kind IN ('percentage', 'fixed', 'spend_and_save')),
    basis_points              INTEGER CHECK (basis_points IS NULL OR (basis_points > 0 AND basis_points <= 10000)),
    amount                    INTEGER CHECK (amount IS NULL OR amount > 0),
    threshold                 INTEGER CHECK (threshold IS NULL OR threshold > 0),
    max_off                   INTEGER,
    repeat_each               INTEGER NOT NULL DEFAULT 0 CHECK (repeat_each IN (0, 1)),
    starts_at                 INTEGER NOT NULL,
    ends_at                   INTEGER,
    min_spend                 INTEGER,
    usage_limit_total         INTEGER,
    usage_limit_per_customer  INTEGER,
    used_count                INTEGER NOT NULL DEFAULT 0 CHECK (used_count >= 0),
    active                    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE orders (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    user_id          INTEGER REFERENCES users (id),
    email            TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending_payment', 'paid', 'processing', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded')),
    payment_method   TEXT NOT NULL CHECK (payment_method IN ('cash_on_delivery', 'bank_transfer', 'card')),
    currency         TEXT NOT NULL CHECK (currency IN ('CNY', 'USD')),
    items_total      INTEGER NOT NULL,
    discount_total   INTEGER NOT NULL,
    shipping_total   INTEGER NOT NULL,
    tax_total        INTEGER NOT NULL,
    grand_total      INTEGER NOT NULL CHECK (grand_total >= 0),
    coupon_code      TEXT,
    shipping_method  TEXT NOT NULL,
    address_json     TEXT NOT NULL,
    pay_by           INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX orders_user ON orders (user_id);
CREATE INDEX orders_pay_by ON orders (status, pay_by);

CREATE TABLE order_lines (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    variant_id  INTEGER NOT NULL REFERENCES product_variants (id),
    sku         TEXT NOT NULL,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    unit_price  INTEGER NOT NULL CHECK (unit_price >= 0),
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    line_total  INTEGER NOT NULL
);
CREATE INDEX order_lines_order ON order_lines (order_id);

-- Stock held for an order, per warehouse, until it ships or is cancelled.
CREATE TABLE stock_reservations (
    order_id      INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    variant_id    INTEGER NOT NULL,
    warehouse_id  INTEGER NOT NULL,
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, variant_id, warehouse_id),
    FOREIGN KEY (variant_id, warehouse_id) REFERENCES stock_levels (variant_id, warehouse_id)
);

CREATE TABLE order_events (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    actor        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    at           INTEGER NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id);

CREATE TABLE coupon_redemptions (
    id         INTEGER PRIMARY KEY,
    coupon_id  INTEGER NOT NULL REFERENCES coupons (id),
    order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    user_id    INTEGER REFERENCES users (id),
    email      TEXT NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX coupon_redemptions_coupon ON coupon_redemptions (coupon_id, email);

-- A repeated Idempotency-Key replays the stored answer; the same key with another request is refused.
CREATE TABLE idempotency_keys (
    key              TEXT PRIMARY KEY,
    request_hash     TEXT NOT NULL,
    response_status  INTEGER NOT NULL,
    response_body    TEXT NOT NULL,
    created_at       INTEGER NOT NULL
);

CREATE TABLE order_counters (
    day   TEXT PRIMARY KEY,
    last  INTEGER NOT NULL
);
