-- Catalogue management: sellers (the shop itself is seller 1; merchants come later), the
-- seller of every product, variant, stock level, warehouse and order line; two named option
-- types per product; barcodes and costs; SEO fields; scheduled publishing; image sizes and
-- alt texts; brand stores; slugs that moved (answered with 301); uploaded media.

CREATE TABLE sellers (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('self', 'merchant')),
    created_at  INTEGER NOT NULL
);
INSERT INTO sellers (id, code, name_zh, name_en, kind, created_at)
    VALUES (1, 'self', '良仓自营', 'Storekeep', 'self', 0);

ALTER TABLE products ADD COLUMN seller_id INTEGER NOT NULL DEFAULT 1 REFERENCES sellers (id);
ALTER TABLE product_variants ADD COLUMN seller_id INTEGER NOT NULL DEFAULT 1 REFERENCES sellers (id);
ALTER TABLE stock_levels ADD COLUMN seller_id INTEGER NOT NULL DEFAULT 1 REFERENCES sellers (id);
ALTER TABLE warehouses ADD COLUMN seller_id INTEGER NOT NULL DEFAULT 1 REFERENCES sellers (id);
ALTER TABLE order_lines ADD COLUMN seller_id INTEGER NOT NULL DEFAULT 1 REFERENCES sellers (id);
CREATE INDEX products_seller ON products (seller_id, id);

-- the two option types a product's variants differ by (values: color_* and size)
ALTER TABLE products ADD COLUMN option1_zh TEXT NOT NULL DEFAULT '颜色';
ALTER TABLE products ADD COLUMN option1_en TEXT NOT NULL DEFAULT 'Colour';
ALTER TABLE products ADD COLUMN option2_zh TEXT NOT NULL DEFAULT '规格';
ALTER TABLE products ADD COLUMN option2_en TEXT NOT NULL DEFAULT 'Size';
ALTER TABLE products ADD COLUMN seo_title_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN seo_title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN seo_description_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN seo_description_en TEXT NOT NULL DEFAULT '';
-- a draft with publish_at is published by a job at that time
ALTER TABLE products ADD COLUMN publish_at INTEGER;
ALTER TABLE products ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
UPDATE products SET updated_at = created_at;
CREATE INDEX products_publish_at ON products (publish_at);

ALTER TABLE product_variants ADD COLUMN barcode TEXT;
ALTER TABLE product_variants ADD COLUMN cost INTEGER CHECK (cost IS NULL OR cost >= 0);
CREATE UNIQUE INDEX product_variants_barcode ON product_variants (barcode);

-- which colour a picture shows (option 1's English value; NULL: every colour), its alt
-- texts, size and the web sizes of an upload (srcset)
ALTER TABLE product_images ADD COLUMN color_en TEXT;
ALTER TABLE product_images ADD COLUMN alt_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE product_images ADD COLUMN alt_en TEXT NOT NULL DEFAULT '';
ALTER TABLE product_images ADD COLUMN width INTEGER;
ALTER TABLE product_images ADD COLUMN height INTEGER;
ALTER TABLE product_images ADD COLUMN srcset TEXT NOT NULL DEFAULT '';

ALTER TABLE categories ADD COLUMN seo_title_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE categories ADD COLUMN seo_title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE categories ADD COLUMN seo_description_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE categories ADD COLUMN seo_description_en TEXT NOT NULL DEFAULT '';

ALTER TABLE brands ADD COLUMN logo TEXT;
ALTER TABLE brands ADD COLUMN description_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE brands ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
ALTER TABLE brands ADD COLUMN seo_title_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE brands ADD COLUMN seo_title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE brands ADD COLUMN seo_description_zh TEXT NOT NULL DEFAULT '';
ALTER TABLE brands ADD COLUMN seo_description_en TEXT NOT NULL DEFAULT '';
ALTER TABLE brands ADD COLUMN position INTEGER NOT NULL DEFAULT 0;

-- an old address of a product, category or brand, answered with 301 to the current one
CREATE TABLE slug_redirects (
    entity_type  TEXT NOT NULL CHECK (entity_type IN ('product', 'category', 'brand')),
    old_slug     TEXT NOT NULL,
    entity_id    INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (entity_type, old_slug)
);

-- uploaded pictures: the stored files are <key>-<width>.webp under the media directory
CREATE TABLE media (
    key            TEXT PRIMARY KEY,
    original_name  TEXT NOT NULL,
    width          INTEGER NOT NULL,
    height         INTEGER NOT NULL,
    bytes          INTEGER NOT NULL,
    created_by     INTEGER NOT NULL REFERENCES users (id),
    created_at     INTEGER NOT NULL
);

-- the dashboard reads orders by day
CREATE INDEX orders_created ON orders (created_at);
