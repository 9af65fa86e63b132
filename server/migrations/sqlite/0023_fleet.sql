-- Own-fleet delivery: where each warehouse is (its district, for the vans' start and end),
-- delivery zones with their time slots, vans with their capacity and driver, and the day's
-- planned routes with their stops in order (what the driver records at each door).

ALTER TABLE warehouses ADD COLUMN division_code TEXT NOT NULL DEFAULT '';

CREATE TABLE delivery_zones (
    id            INTEGER PRIMARY KEY,
    warehouse_id  INTEGER NOT NULL REFERENCES warehouses (id),
    name_zh       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    -- comma-separated division codes or their leading digits ('3101,3201')
    divisions     TEXT NOT NULL
);

CREATE TABLE delivery_slots (
    id       INTEGER PRIMARY KEY,
    zone_id  INTEGER NOT NULL REFERENCES delivery_zones (id) ON DELETE CASCADE,
    -- minutes after midnight, shop time
    starts   INTEGER NOT NULL CHECK (starts >= 0 AND starts < 1440),
    ends     INTEGER NOT NULL CHECK (ends > starts AND ends <= 1440)
);

CREATE TABLE vehicles (
    id                INTEGER PRIMARY KEY,
    warehouse_id      INTEGER NOT NULL REFERENCES warehouses (id),
    plate             TEXT NOT NULL UNIQUE,
    max_weight_grams  INTEGER NOT NULL CHECK (max_weight_grams > 0),
    max_parcels       INTEGER NOT NULL CHECK (max_parcels > 0),
    driver_id         INTEGER REFERENCES users (id),
    active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE route_plans (
    id                INTEGER PRIMARY KEY,
    warehouse_id      INTEGER NOT NULL REFERENCES warehouses (id),
    day               TEXT NOT NULL,
    distance_m        INTEGER NOT NULL,
    naive_distance_m  INTEGER NOT NULL,
    unplanned         TEXT NOT NULL DEFAULT '',
    created_by        INTEGER NOT NULL REFERENCES users (id),
    created_at        INTEGER NOT NULL,
    UNIQUE (warehouse_id, day)
);

CREATE TABLE routes (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES route_plans (id) ON DELETE CASCADE,
    vehicle_id  INTEGER NOT NULL REFERENCES vehicles (id),
    distance_m  INTEGER NOT NULL
);

CREATE TABLE route_stops (
    route_id     INTEGER NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    shipment_id  INTEGER NOT NULL REFERENCES shipments (id),
    lat          REAL NOT NULL,
    lng          REAL NOT NULL,
    window_from  INTEGER NOT NULL,
    window_to    INTEGER NOT NULL,
    eta          INTEGER NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (route_id, position)
);
CREATE INDEX route_stops_shipment ON route_stops (shipment_id);
