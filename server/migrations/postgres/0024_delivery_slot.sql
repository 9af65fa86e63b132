-- The delivery slot an own-fleet parcel is promised (配送时段): chosen when it ships; the
-- route planner keeps to its window. A slot removed from its zone leaves the parcel with
-- its zone's first slot.
ALTER TABLE shipments ADD COLUMN slot_id BIGINT REFERENCES delivery_slots (id) ON DELETE SET NULL;
CREATE INDEX shipments_slot ON shipments (slot_id);
