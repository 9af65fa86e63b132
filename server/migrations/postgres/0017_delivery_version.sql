-- Delivery methods and their rates count as catalogue for the cache: checkout reads them from
-- memory (migration 0016 explains the counter).
CREATE CONSTRAINT TRIGGER shipping_methods_catalog AFTER INSERT OR UPDATE OR DELETE ON shipping_methods
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_changed();
CREATE CONSTRAINT TRIGGER shipping_rates_catalog AFTER INSERT OR UPDATE OR DELETE ON shipping_rates
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_changed();
