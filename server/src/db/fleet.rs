//! The fleet repository: vans, delivery zones and slots, and the day's planned routes.

use shared::catalog::Localized;
use shared::fleet::{
    DayPlan, LatLng, RouteView, SlotView, StopStatus, StopView, VehicleView, ZoneView,
};
use shared::ids::WarehouseId;
use shared::orders::OrderNumber;
use sqlx::AnyConnection as Conn;

#[derive(sqlx::FromRow)]
struct VehicleRecord {
    id: i64,
    warehouse_id: i64,
    plate: String,
    max_weight_grams: i64,
    max_parcels: i64,
    driver: Option<String>,
}

fn vehicle_of(v: VehicleRecord) -> VehicleView {
    VehicleView {
        id: v.id,
        warehouse: WarehouseId(v.warehouse_id),
        plate: v.plate,
        max_weight_grams: v.max_weight_grams,
        max_parcels: v.max_parcels,
        driver: v.driver,
    }
}

const VEHICLE_SELECT: &str = "SELECT v.id, v.warehouse_id, v.plate, v.max_weight_grams, v.max_parcels, u.display_name AS driver \
     FROM vehicles v LEFT JOIN users u ON u.id = v.driver_id";

/// The active vans of a warehouse (every warehouse's when none is given).
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

pub async fn zones(conn: &mut Conn, warehouse: Option<i64>) -> Result<Vec<ZoneView>, sqlx::Error> {
    let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
        "SELECT id, warehouse_id, name_zh, name_en, divisions FROM delivery_zones \
         WHERE $1 IS NULL OR warehouse_id = $1 ORDER BY warehouse_id, id",
    )
    .bind(warehouse)
    .fetch_all(&mut *conn)
    .await?;
    let slots: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT id, zone_id, starts, ends FROM delivery_slots ORDER BY zone_id, starts",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, warehouse, zh, en, divisions)| ZoneView {
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
        })
        .collect())
}

/// The own-fleet parcels of a warehouse on their way and on no route yet (a failed stop can
/// go on a later route): `(shipment, address_json, weight)`, in the order they shipped.
pub async fn parcels_to_plan(
    conn: &mut Conn,
    warehouse: i64,
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, o.address_json, COALESCE(s.weight_grams, 1000) FROM shipments s JOIN orders o ON o.id = s.order_id \
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
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, o.address_json, COALESCE(s.weight_grams, 1000) FROM route_stops rs \
         JOIN routes r ON r.id = rs.route_id JOIN route_plans p ON p.id = r.plan_id \
         JOIN shipments s ON s.id = rs.shipment_id JOIN orders o ON o.id = s.order_id \
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
