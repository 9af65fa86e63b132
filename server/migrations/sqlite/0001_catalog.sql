-- Catalogue, stock and users. Integers are INTEGER, money is INTEGER minor units,
-- timestamps are INTEGER milliseconds since the Unix epoch (UTC), enums are TEXT with CHECK.

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES categories (id),
    slug        TEXT NOT NULL UNIQUE,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    image       TEXT,
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX categories_parent ON categories (parent_id);

CREATE TABLE brands (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL
);

CREATE TABLE products (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    category_id     INTEGER NOT NULL REFERENCES categories (id),
    brand_id        INTEGER NOT NULL REFERENCES brands (id),
    name_zh         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    description_zh  TEXT NOT NULL,
    description_en  TEXT NOT NULL,
    currency        TEXT NOT NULL DEFAULT 'CNY' CHECK (currency IN ('CNY', 'USD')),
    -- lowest and highest variant price, kept in step with product_variants by the catalogue code
    price_min       INTEGER NOT NULL CHECK (price_min >= 0),
    price_max       INTEGER NOT NULL CHECK (price_max >= price_min),
    featured        INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'archived')),
    created_at      INTEGER NOT NULL
);
CREATE INDEX products_category ON products (category_id);
CREATE INDEX products_brand ON products (brand_id);
CREATE INDEX products_price ON products (price_min);
CREATE INDEX products_created ON products (created_at);

CREATE TABLE product_images (
    id          INTEGER PRIMARY KEY,
    product_id  INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    url         TEXT NOT NULL,
    UNIQUE (product_id, position)
);

CREATE TABLE product_variants (
    id           INTEGER PRIMARY KEY,
    product_id   INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    sku          TEXT NOT NULL UNIQUE,
    color_zh     TEXT,
    color_en     TEXT,
    size         TEXT,
    price        INTEGER NOT NULL CHECK (price >= 0),
    compare_at   INTEGER CHECK (compare_at IS NULL OR compare_at > price),
    weight_grams INTEGER NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
    position     INTEGER NOT NULL DEFAULT 0,
    CHECK ((color_zh IS NULL) = (color_en IS NULL))
);
CREATE INDEX product_variants_product ON product_variants (product_id);

CREATE TABLE warehouses (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    name_zh   TEXT NOT NULL,
    name_en   TEXT NOT NULL
);

-- Sellable = on_hand - reserved. Stock moves with conditional updates, never read-then-write.
CREATE TABLE stock_levels (
    variant_id    INTEGER NOT NULL REFERENCES product_variants (id) ON DELETE CASCADE,
    warehouse_id  INTEGER NOT NULL REFERENCES warehouses (id),
    on_hand       INTEGER NOT NULL CHECK (on_hand >= 0),
    reserved      INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
    PRIMARY KEY (variant_id, warehouse_id)
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('customer', 'staff')),
    staff_role     TEXT CHECK (staff_role IN ('admin')),
    created_at     INTEGER NOT NULL,
    CHECK ((kind = 'staff') = (staff_role IS NOT NULL))
);

-- Small key/value facts about this database (e.g. which demo data version was loaded).
CREATE TABLE app_settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
