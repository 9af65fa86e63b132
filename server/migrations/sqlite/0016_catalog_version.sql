-- The catalogue's version: one counter that changes in the same transaction as anything the
-- shop front shows of the catalogue (products, variants, pictures, categories, brands, and a
-- variant's shown stock). Every server process keeps catalogue reads in memory under the
-- version it last saw and drops them when it changes, so a committed change is never hidden
-- behind a stale copy (server/src/catalog_cache.rs).
CREATE TABLE catalog_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (1, 1);

CREATE TRIGGER categories_insert_catalog AFTER INSERT ON categories
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER categories_update_catalog AFTER UPDATE ON categories
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER categories_delete_catalog AFTER DELETE ON categories
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER brands_insert_catalog AFTER INSERT ON brands
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER brands_update_catalog AFTER UPDATE ON brands
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER brands_delete_catalog AFTER DELETE ON brands
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER products_insert_catalog AFTER INSERT ON products
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER products_update_catalog AFTER UPDATE ON products
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER products_delete_catalog AFTER DELETE ON products
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER product_images_insert_catalog AFTER INSERT ON product_images
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER product_images_update_catalog AFTER UPDATE ON product_images
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER product_images_delete_catalog AFTER DELETE ON product_images
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER product_variants_insert_catalog AFTER INSERT ON product_variants
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER product_variants_update_catalog AFTER UPDATE ON product_variants
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER product_variants_delete_catalog AFTER DELETE ON product_variants
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;

-- Stock: rows added or removed always count; a change of on_hand or reserved counts when the
-- variant's shown availability changes (the sum over warehouses, clamped to 0..6 as
-- shared::catalog::Variant::SHOWN_MAX says: above five the shop only says "in stock").
CREATE TRIGGER stock_levels_insert_catalog AFTER INSERT ON stock_levels
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER stock_levels_delete_catalog AFTER DELETE ON stock_levels
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER stock_levels_update_catalog AFTER UPDATE OF on_hand, reserved ON stock_levels
WHEN NEW.on_hand - NEW.reserved <> OLD.on_hand - OLD.reserved
    OR NEW.variant_id <> OLD.variant_id
BEGIN
    UPDATE catalog_version SET version = version + 1
    WHERE id = 1 AND (
        NEW.variant_id <> OLD.variant_id
        OR (SELECT max(min(total, 6), 0) FROM (SELECT SUM(on_hand - reserved) AS total
                FROM stock_levels WHERE variant_id = NEW.variant_id))
           <> (SELECT max(min(total - (NEW.on_hand - NEW.reserved) + (OLD.on_hand - OLD.reserved), 6), 0)
               FROM (SELECT SUM(on_hand - reserved) AS total
                FROM stock_levels WHERE variant_id = NEW.variant_id)));
END;
