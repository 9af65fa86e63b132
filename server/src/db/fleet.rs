//! The fleet repository: vans, delivery zones and slots, and the day's planned routes.

use shared::catalog::Localized;
use shared::fleet::{
    DayPlan, DriverView, LatLng, RouteView, SlotDraft, SlotView, StopStatus, StopView,
    VehicleDraft, VehicleView, ZoneDraft, ZoneView,
};
use shared::ids::{UserId, WarehouseId};
use shared::orders::OrderNumber;
use shared::staff::{Permission, StaffRole};
use sqlx::AnyConnection as Conn;

#[derive(sqlx::FromRow)]
struct VehicleRecord {
    id: i64,
    warehouse_id: i64,
    plate: String,
    max_weight_grams: i64,
    max_parcels: i64,
    driver: Option<String>,
    driver_id: Option<i64>,
    active: i64,
}

fn vehicle_of(v: VehicleRecord) -> VehicleView {
    VehicleView {
        id: v.id,
        warehouse: WarehouseId(v.warehouse_id),
        plate: v.plate,
        max_weight_grams: v.max_weight_grams,
        max_parcels: v.max_parcels,
        driver: v.driver,
        driver_id: v.driver_id.map(UserId),
        active: v.active == 1,
    }
}

const VEHICLE_SELECT: &str = "SELECT v.id, v.warehouse_id, v.plate, v.max_weight_grams, v.max_parcels, u.display_name AS driver, \
     v.driver_id, v.active FROM vehicles v LEFT JOIN users u ON u.id = v.driver_id";

/// The active vans of a warehouse (every warehouse's when none is given): the ones planned.
pub async fn vehicles(
    conn: &mut Conn,
    warehouse: Option<i64>,
) -> Result<Vec<VehicleView>, sqlx::Error> {
    let rows: Vec<VehicleRecord> = sqlx::query_as(&format!(
        "{VEHICLE_SELECT} WHERE v.active = 1 AND ($1 IS NULL OR v.warehouse_id = $1) ORDER BY v.warehouse_id, v.id"
    ))
    .bind(warehouse)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(vehicle_of).collect())
}

/// Every van, inactive ones too (the fleet page).
pub async fn all_vehicles(conn: &mut Conn) -> Result<Vec<VehicleView>, sqlx::Error> {
    let rows: Vec<VehicleRecord> = sqlx::query_as(&format!(
        "{VEHICLE_SELECT} ORDER BY v.warehouse_id, v.active DESC, v.id"
    ))
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(vehicle_of).collect())
}

pub async fn vehicle(conn: &mut Conn, id: i64) -> Result<Option<VehicleView>, sqlx::Error> {
    let row: Option<VehicleRecord> = sqlx::query_as(&format!("{VEHICLE_SELECT} WHERE v.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(vehicle_of))
}

/// `(id, warehouse, name_zh, name_en, divisions)` of `delivery_zones`.
type ZoneRecord = (i64, i64, String, String, String);
/// `(id, zone, starts, ends)` of `delivery_slots`.
type SlotRecord = (i64, i64, i64, i64);

fn zone_of((id, warehouse, zh, en, divisions): ZoneRecord, slots: &[SlotRecord]) -> ZoneView {
    ZoneView {
        id,
        warehouse: WarehouseId(warehouse),
        name: Localized::new(zh, en),
        divisions: divisions
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .collect(),
        slots: slots
            .iter()
            .filter(|s| s.1 == id)
            .map(|&(sid, _, starts, ends)| SlotView {
                id: sid,
                starts,
                ends,
            })
            .collect(),
    }
}

pub async fn zones(conn: &mut Conn, warehouse: Option<i64>) -> Result<Vec<ZoneView>, sqlx::Error> {
    let rows: Vec<ZoneRecord> = sqlx::query_as(
        "SELECT id, warehouse_id, name_zh, name_en, divisions FROM delivery_zones \
         WHERE $1 IS NULL OR warehouse_id = $1 ORDER BY warehouse_id, id",
    )
    .bind(warehouse)
    .fetch_all(&mut *conn)
    .await?;
    let slots: Vec<SlotRecord> = sqlx::query_as(
        "SELECT id, zone_id, starts, ends FROM delivery_slots ORDER BY zone_id, starts",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|z| zone_of(z, &slots)).collect())
}

pub async fn zone(conn: &mut Conn, id: i64) -> Result<Option<ZoneView>, sqlx::Error> {
    let row: Option<ZoneRecord> = sqlx::query_as(
        "SELECT id, warehouse_id, name_zh, name_en, divisions FROM delivery_zones WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let slots: Vec<SlotRecord> = sqlx::query_as(
        "SELECT id, zone_id, starts, ends FROM delivery_slots WHERE zone_id = $1 ORDER BY starts",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(Some(zone_of(row, &slots)))
}

async fn insert_slot(conn: &mut Conn, zone: i64, s: &SlotDraft) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO delivery_slots (zone_id, starts, ends) VALUES ($1, $2, $3)")
        .bind(zone)
        .bind(s.starts)
        .bind(s.ends)
        .execute(conn)
        .await
        .map(|_| ())
}

/// A new zone with its slots (the draft checked by `shared::fleet::check_zone`); its id.
pub async fn insert_zone(conn: &mut Conn, d: &ZoneDraft) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO delivery_zones (warehouse_id, name_zh, name_en, divisions) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(d.warehouse.0)
    .bind(&d.name.zh)
    .bind(&d.name.en)
    .bind(d.divisions.join(","))
    .fetch_one(&mut *conn)
    .await?;
    for s in &d.slots {
        insert_slot(conn, id, s).await?;
    }
    Ok(id)
}

/// A zone saved with the draft's slots: those it names by id changed in place (the parcels
/// promised them keep them), new ones added, the rest removed (their parcels' `slot_id`
/// becomes null: they fall back to the zone's first slot). The caller has checked that the
/// ids are the zone's. `false` when there is no such zone.
pub async fn update_zone(conn: &mut Conn, id: i64, d: &ZoneDraft) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE delivery_zones SET warehouse_id = $1, name_zh = $2, name_en = $3, divisions = $4 WHERE id = $5",
    )
    .bind(d.warehouse.0)
    .bind(&d.name.zh)
    .bind(&d.name.en)
    .bind(d.divisions.join(","))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let existing: Vec<i64> = sqlx::query_scalar("SELECT id FROM delivery_slots WHERE zone_id = $1")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    for gone in existing
        .into_iter()
        .filter(|e| !d.slots.iter().any(|s| s.id == Some(*e)))
    {
        sqlx::query("DELETE FROM delivery_slots WHERE id = $1")
            .bind(gone)
            .execute(&mut *conn)
            .await?;
    }
    for s in &d.slots {
        match s.id {
            Some(slot) => {
                sqlx::query(
                    "UPDATE delivery_slots SET starts = $1, ends = $2 WHERE id = $3 AND zone_id = $4",
                )
                .bind(s.starts)
                .bind(s.ends)
                .bind(slot)
                .bind(id)
                .execute(&mut *conn)
                .await?;
            }
            None => insert_slot(conn, id, s).await?,
        }
    }
    Ok(true)
}

/// A zone and its slots removed (parcels promised one of them are planned with the fleet's
/// whole day); `false` when there is no such zone.
pub async fn delete_zone(conn: &mut Conn, id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM delivery_slots WHERE zone_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query("DELETE FROM delivery_zones WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A new van (the draft checked by `shared::fleet::check_vehicle`); its id.
pub async fn insert_vehicle(conn: &mut Conn, d: &VehicleDraft) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO vehicles (warehouse_id, plate, max_weight_grams, max_parcels, driver_id, active) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(d.warehouse.0)
    .bind(&d.plate)
    .bind(d.max_weight_grams)
    .bind(d.max_parcels)
    .bind(d.driver.map(|u| u.0))
    .bind(i64::from(d.active))
    .fetch_one(conn)
    .await
}

/// A van saved (deactivated rather than deleted: its routes refer to it); `false` when
/// there is no such van.
pub async fn update_vehicle(
    conn: &mut Conn,
    id: i64,
    d: &VehicleDraft,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE vehicles SET warehouse_id = $1, plate = $2, max_weight_grams = $3, max_parcels = $4, \
         driver_id = $5, active = $6 WHERE id = $7",
    )
    .bind(d.warehouse.0)
    .bind(&d.plate)
    .bind(d.max_weight_grams)
    .bind(d.max_parcels)
    .bind(d.driver.map(|u| u.0))
    .bind(i64::from(d.active))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The van other than `except` that has `plate`.
pub async fn plate_owner(
    conn: &mut Conn,
    plate: &str,
    except: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM vehicles WHERE plate = $1 AND ($2 IS NULL OR id <> $2)")
        .bind(plate)
        .bind(except)
        .fetch_optional(conn)
        .await
}

/// Whether a van has been planned on any route.
pub async fn has_routes(conn: &mut Conn, vehicle: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM routes WHERE vehicle_id = $1")
        .bind(vehicle)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

pub async fn warehouse_exists(conn: &mut Conn, warehouse: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM warehouses WHERE id = $1")
        .bind(warehouse)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

/// Active staff (one of them when `only` is given) with a role that delivers parcels, by
/// name: who may drive a van.
pub async fn drivers(conn: &mut Conn, only: Option<i64>) -> Result<Vec<DriverView>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT u.id, u.display_name, r.role FROM users u JOIN staff_roles r ON r.user_id = u.id \
         WHERE u.kind = 'staff' AND u.active = 1 AND ($1 IS NULL OR u.id = $1) ORDER BY u.display_name, u.id",
    )
    .bind(only)
    .fetch_all(conn)
    .await?;
    let mut out: Vec<DriverView> = Vec::new();
    for (id, display_name, role) in rows {
        let drives = StaffRole::parse(&role)
            .is_some_and(|r| Permission::DeliverParcels.granted_to().contains(&r));
        if drives && out.last().is_none_or(|d| d.id.0 != id) {
            out.push(DriverView {
                id: UserId(id),
                display_name,
            });
        }
    }
    Ok(out)
}

/// An own-fleet parcel to plan: where it goes, how heavy, and the window of its slot (when
/// one was chosen).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Parcel {
    pub id: i64,
    pub address_json: String,
    pub weight_grams: i64,
    pub starts: Option<i64>,
    pub ends: Option<i64>,
}

/// The own-fleet parcels of a warehouse on their way and on no route yet (a failed stop can
/// go on a later route), in the order they shipped.
pub async fn parcels_to_plan(conn: &mut Conn, warehouse: i64) -> Result<Vec<Parcel>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, o.address_json, COALESCE(s.weight_grams, 1000) AS weight_grams, ds.starts, ds.ends \
         FROM shipments s JOIN orders o ON o.id = s.order_id LEFT JOIN delivery_slots ds ON ds.id = s.slot_id \
         WHERE s.warehouse_id = $1 AND s.carrier = 'own_fleet' AND s.status = 'shipped' \
         AND NOT EXISTS (SELECT 1 FROM route_stops rs WHERE rs.shipment_id = s.id AND rs.status <> 'failed') \
         ORDER BY s.updated_at, s.id",
    )
    .bind(warehouse)
    .fetch_all(conn)
    .await
}

/// The parcels of a day's plan (not started) still on their way, as `parcels_to_plan`
/// gives them: planning the day again takes them along.
pub async fn parcels_of_plan(
    conn: &mut Conn,
    warehouse: i64,
    day: &str,
) -> Result<Vec<Parcel>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, o.address_json, COALESCE(s.weight_grams, 1000) AS weight_grams, ds.starts, ds.ends \
         FROM route_stops rs JOIN routes r ON r.id = rs.route_id JOIN route_plans p ON p.id = r.plan_id \
         JOIN shipments s ON s.id = rs.shipment_id JOIN orders o ON o.id = s.order_id \
         LEFT JOIN delivery_slots ds ON ds.id = s.slot_id \
         WHERE p.warehouse_id = $1 AND p.day = $2 AND s.status = 'shipped' ORDER BY s.updated_at, s.id",
    )
    .bind(warehouse)
    .bind(day)
    .fetch_all(conn)
    .await
}

#[derive(sqlx::FromRow)]
struct StopRecord {
    route_id: i64,
    position: i64,
    shipment_id: i64,
    number: String,
    address_json: String,
    lat: f64,
    lng: f64,
    window_from: i64,
    window_to: i64,
    eta: i64,
    weight: i64,
    status: String,
    note: String,
}

/// A day's plan of a warehouse, when there is one.
pub async fn day_plan(
    conn: &mut Conn,
    warehouse: i64,
    day: &str,
    depot: LatLng,
) -> Result<Option<DayPlan>, sqlx::Error> {
    let plan: Option<(i64, i64, i64, String)> = sqlx::query_as(
        "SELECT id, distance_m, naive_distance_m, unplanned FROM route_plans WHERE warehouse_id = $1 AND day = $2",
    )
    .bind(warehouse)
    .bind(day)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((plan_id, distance_m, naive_distance_m, unplanned)) = plan else {
        return Ok(None);
    };
    let routes = routes_where(conn, "r.plan_id = $1", &[plan_id], depot, day).await?;
    Ok(Some(DayPlan {
        day: day.to_string(),
        warehouse: WarehouseId(warehouse),
        routes,
        distance_m,
        naive_distance_m,
        unplanned: unplanned
            .split(',')
            .filter_map(|s| s.parse().ok())
            .collect(),
    }))
}

/// The plans of `day` with a van `driver` drives: `(plan, warehouse)`.
pub async fn plans_driven_by(
    conn: &mut Conn,
    day: &str,
    driver: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT DISTINCT p.id, p.warehouse_id FROM route_plans p JOIN routes r ON r.plan_id = p.id \
         JOIN vehicles v ON v.id = r.vehicle_id WHERE p.day = $1 AND v.driver_id = $2 ORDER BY p.id",
    )
    .bind(day)
    .bind(driver)
    .fetch_all(conn)
    .await
}

/// Routes (with their van and stops) chosen by `filter` on `routes r` / `vehicles v`, its
/// integer parameters bound in order.
pub async fn routes_where(
    conn: &mut Conn,
    filter: &str,
    args: &[i64],
    depot: LatLng,
    day: &str,
) -> Result<Vec<RouteView>, sqlx::Error> {
    let sql = format!(
        "SELECT r.id, r.vehicle_id, r.distance_m FROM routes r JOIN vehicles v ON v.id = r.vehicle_id WHERE {filter} ORDER BY r.id"
    );
    let mut query = sqlx::query_as(&sql);
    for a in args {
        query = query.bind(*a);
    }
    let rows: Vec<(i64, i64, i64)> = query.fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, vehicle, distance_m) in rows {
        let v: VehicleRecord = sqlx::query_as(&format!("{VEHICLE_SELECT} WHERE v.id = $1"))
            .bind(vehicle)
            .fetch_one(&mut *conn)
            .await?;
        let stops: Vec<StopRecord> = sqlx::query_as(
            "SELECT rs.route_id, rs.position, rs.shipment_id, o.number, o.address_json, rs.lat, rs.lng, rs.window_from, rs.window_to, \
             rs.eta, COALESCE(s.weight_grams, 0) AS weight, rs.status, rs.note FROM route_stops rs \
             JOIN shipments s ON s.id = rs.shipment_id JOIN orders o ON o.id = s.order_id WHERE rs.route_id = $1 ORDER BY rs.position",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let stops: Vec<StopView> = stops
            .into_iter()
            .filter_map(|s| {
                let (recipient, address) = super::shipments::recipient(&s.address_json);
                let (phone, line) = match &address {
                    Some(shared::checkout::Address::China { phone, detail, .. }) => (
                        phone.clone(),
                        format!(
                            "{} {detail}",
                            address
                                .as_ref()
                                .and_then(crate::divisions::region)
                                .unwrap_or_default()
                        ),
                    ),
                    Some(shared::checkout::Address::International { phone, lines, .. }) => {
                        (phone.clone(), lines.clone())
                    }
                    None => (String::new(), String::new()),
                };
                let _ = s.route_id;
                Some(StopView {
                    position: s.position,
                    shipment: s.shipment_id,
                    order: OrderNumber::parse(&s.number)?,
                    recipient,
                    phone,
                    address: line,
                    point: LatLng {
                        lat: s.lat,
                        lng: s.lng,
                    },
                    window: (s.window_from, s.window_to),
                    eta: s.eta,
                    weight_grams: s.weight,
                    status: StopStatus::parse(&s.status).unwrap_or(StopStatus::Pending),
                    note: s.note,
                })
            })
            .collect();
        out.push(RouteView {
            id,
            day: day.to_string(),
            warehouse: WarehouseId(v.warehouse_id),
            depot,
            load_grams: stops.iter().map(|s| s.weight_grams).sum(),
            parcels: i64::try_from(stops.len()).unwrap_or(0),
            vehicle: vehicle_of(v),
            distance_m,
            stops,
        });
    }
    Ok(out)
}
