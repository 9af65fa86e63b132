-- The catalogue's version: one counter that changes in the same transaction as anything the
-- shop front shows of the catalogue (products, variants, pictures, categories, brands, and a
-- variant's shown stock). Every server process keeps catalogue reads in memory under the
-- version it last saw and drops them when it changes, so a committed change is never hidden
-- behind a stale copy (server/src/catalog_cache.rs).
CREATE TABLE catalog_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (1, 1);

-- The counter is incremented once per transaction (a CSV import touches thousands of rows; a
-- transaction-local setting remembers it was done) and at commit time: the triggers are
-- deferred constraint triggers, so the counter's row lock is always the last lock a
-- transaction takes and cannot join a deadlock with stock or product rows.
CREATE FUNCTION bump_catalog_version() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF COALESCE(current_setting('storekeep.catalog_counted', true), '') = '' THEN
        UPDATE catalog_version SET version = version + 1 WHERE id = 1;
        PERFORM set_config('storekeep.catalog_counted', '1', true);
    END IF;
END
$$;
CREATE FUNCTION catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_catalog_version();
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER categories_catalog AFTER INSERT OR UPDATE OR DELETE ON categories
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_changed();
CREATE CONSTRAINT TRIGGER brands_catalog AFTER INSERT OR UPDATE OR DELETE ON brands
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_changed();
CREATE CONSTRAINT TRIGGER products_catalog AFTER INSERT OR UPDATE OR DELETE ON products
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_changed();
CREATE CONSTRAINT TRIGGER product_images_catalog AFTER INSERT OR UPDATE OR DELETE ON product_images
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_changed();
CREATE CONSTRAINT TRIGGER product_variants_catalog AFTER INSERT OR UPDATE OR DELETE ON product_variants
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_changed();

-- Stock: rows added or removed always count; a change of on_hand or reserved counts when the
-- variant's shown availability changes (the sum over warehouses, clamped to 0..6 as
-- shared::catalog::Variant::SHOWN_MAX says: above five the shop only says "in stock"). The
-- comparison runs at once, row by row (it needs the row's old and new value); it only notes
-- the change, which the deferred trigger counts at commit.
CREATE CONSTRAINT TRIGGER stock_levels_rows_catalog AFTER INSERT OR DELETE ON stock_levels
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_changed();
CREATE FUNCTION stock_shown_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    total BIGINT;
BEGIN
    SELECT SUM(on_hand - reserved) INTO total FROM stock_levels WHERE variant_id = NEW.variant_id;
    IF NEW.variant_id <> OLD.variant_id
        OR GREATEST(LEAST(total, 6), 0)
           <> GREATEST(LEAST(total - (NEW.on_hand - NEW.reserved) + (OLD.on_hand - OLD.reserved), 6), 0)
    THEN
        PERFORM set_config('storekeep.stock_shown_changed', '1', true);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER stock_levels_shown AFTER UPDATE OF on_hand, reserved, variant_id ON stock_levels
    FOR EACH ROW
    WHEN (NEW.on_hand - NEW.reserved <> OLD.on_hand - OLD.reserved OR NEW.variant_id <> OLD.variant_id)
    EXECUTE FUNCTION stock_shown_changed();
CREATE FUNCTION stock_shown_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF COALESCE(current_setting('storekeep.stock_shown_changed', true), '') = '1' THEN
        PERFORM bump_catalog_version();
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER stock_levels_update_catalog AFTER UPDATE ON stock_levels
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NEW.on_hand - NEW.reserved <> OLD.on_hand - OLD.reserved OR NEW.variant_id <> OLD.variant_id)
    EXECUTE FUNCTION stock_shown_count();
