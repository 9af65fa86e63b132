-- Delivery methods and their rates count as catalogue for the cache: checkout reads them from
-- memory (migration 0016 explains the counter).
CREATE TRIGGER shipping_methods_insert_catalog AFTER INSERT ON shipping_methods
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER shipping_methods_update_catalog AFTER UPDATE ON shipping_methods
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER shipping_methods_delete_catalog AFTER DELETE ON shipping_methods
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER shipping_rates_insert_catalog AFTER INSERT ON shipping_rates
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER shipping_rates_update_catalog AFTER UPDATE ON shipping_rates
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER shipping_rates_delete_catalog AFTER DELETE ON shipping_rates
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
