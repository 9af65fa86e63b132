//! Planning a day's own-fleet routes for a warehouse, and recording what happened at each
//! door. The plan reads the parcels on their way with the own fleet and on no route yet,
//! places each at its district's centroid with the delivery window of its zone, lets the
//! solver assign them to the warehouse's vans, and writes the routes with their stops — next
//! to the distance the naive order (parcels as shipped, one van filled after another) would
//! have driven.

use super::solver::{self, Budget, Stop, Van};
use crate::db::audit::{self, ActorRef};
use crate::db::{fleet as repo, now_millis, Db};
use crate::error::{AppError, AppResult};
use crate::workflows::shipping;
use shared::audit::{AuditAction, Changes};
use shared::checkout::Address;
use shared::fleet::{naive_routes, tour_metres, DayPlan, LatLng, StopStatus, ZoneView};
use shared::fulfilment::ShipmentStatus;
use shared::orders::note::Note;
use sqlx::AnyConnection;

/// A van's planned stops `(shipment, eta)` and the tour's metres.
type Tour = (i64, Vec<(i64, i64)>, f64);

/// A day as `YYYY-MM-DD`, checked.
pub fn parse_day(text: &str) -> AppResult<String> {
    crate::time::shop_day_start(text)?;
    Ok(text.to_string())
}

/// Where a warehouse's vans start and end.
pub async fn depot(conn: &mut AnyConnection, warehouse: i64) -> AppResult<LatLng> {
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT division_code, province FROM warehouses WHERE id = $1")
            .bind(warehouse)
            .fetch_optional(conn)
            .await?;
    let (division, province) = found.ok_or_else(|| {
        AppError::validation("warehouse", "There is no such warehouse").at("warehouse")
    })?;
    super::point_of_division(if division.is_empty() {
        &province
    } else {
        &division
    })
    .ok_or_else(|| {
        AppError::conflict(
            "no_depot",
            "The warehouse's place is not known: give it its district",
        )
    })
}

/// The delivery window of a parcel shipped without a slot: its zone's first slot, else the
/// fleet's day.
fn window_of(zones: &[ZoneView], division: &str) -> (i64, i64) {
    shared::fleet::zone_for(zones, division)
        .and_then(|z| z.slots.first())
        .map_or((9 * 60, 20 * 60), |s| (s.starts, s.ends))
}

pub async fn plan_day(db: &Db, actor: &ActorRef, warehouse: i64, day: &str) -> AppResult<DayPlan> {
    let day = parse_day(day)?;
    let mut conn = db.pool.acquire().await?;
    let depot = depot(&mut conn, warehouse).await?;
    if started_stops(&mut conn, warehouse, &day).await? > 0 {
        return Err(AppError::conflict(
            "routes_started",
            "Drivers are out on this day's routes: it cannot be planned again",
        ));
    }
    let zones = repo::zones(&mut conn, Some(warehouse)).await?;
    let vans: Vec<Van> = repo::vehicles(&mut conn, Some(warehouse))
        .await?
        .into_iter()
        .map(|v| Van {
            id: v.id,
            max_weight_grams: v.max_weight_grams,
            max_parcels: v.max_parcels,
        })
        .collect();
    // a plan not yet started is planned again with what waits now
    let mut parcels = repo::parcels_to_plan(&mut conn, warehouse).await?;
    parcels.extend(repo::parcels_of_plan(&mut conn, warehouse, &day).await?);
    drop(conn);
    let stops: Vec<Stop> = parcels
        .iter()
        .filter_map(|p| {
            let address: Address = serde_json::from_str(&p.address_json).ok()?;
            let point = super::point_of(&address)?;
            let division = match &address {
                Address::China { division_code, .. } => division_code.clone(),
                Address::International { .. } => String::new(),
            };
            let window = match (p.starts, p.ends) {
                (Some(from), Some(to)) => (from, to),
                _ => window_of(&zones, &division),
            };
            Some(Stop {
                id: p.id,
                point,
                weight_grams: p.weight_grams,
                window,
            })
        })
        .collect();
    let budget = Budget::for_stops(stops.len());
    let (for_solver, vans_for_solver) = (stops.clone(), vans.clone());
    let planned = tokio::task::spawn_blocking(move || {
        solver::plan(depot, &for_solver, &vans_for_solver, budget)
    })
    .await
    .map_err(anyhow::Error::from)?
    .map_err(|e| anyhow::anyhow!("route planning failed: {e}"))?;
    let point = |id: i64| stops.iter().find(|s| s.id == id).map(|s| s.point);
    let naive_m: f64 = {
        let weights: Vec<i64> = stops.iter().map(|s| s.weight_grams).collect();
        let capacities: Vec<(i64, i64)> = vans
            .iter()
            .map(|v| (v.max_weight_grams, v.max_parcels))
            .collect();
        let (routes, _) = naive_routes(&weights, &capacities);
        routes
            .iter()
            .map(|r| {
                tour_metres(
                    depot,
                    &r.iter().map(|&i| stops[i].point).collect::<Vec<_>>(),
                )
            })
            .sum()
    };
    let tours: Vec<Tour> = planned
        .routes
        .iter()
        .map(|(van, visits)| {
            let pts: Vec<LatLng> = visits.iter().filter_map(|(s, _)| point(*s)).collect();
            (*van, visits.clone(), tour_metres(depot, &pts))
        })
        .collect();
    let total: f64 = tours.iter().map(|t| t.2).sum();
    let mut unplanned: Vec<i64> = planned.unassigned.clone();
    unplanned.extend(
        parcels
            .iter()
            .map(|p| p.id)
            .filter(|id| !stops.iter().any(|s| s.id == *id)),
    );

    let mut tx = db.begin_write().await?;
    // a driver may have set out while the solver ran
    if started_stops(&mut tx, warehouse, &day).await? > 0 {
        return Err(AppError::conflict(
            "routes_started",
            "Drivers are out on this day's routes: it cannot be planned again",
        ));
    }
    sqlx::query("DELETE FROM route_plans WHERE warehouse_id = $1 AND day = $2")
        .bind(warehouse)
        .bind(&day)
        .execute(&mut *tx)
        .await?;
    let plan_id: i64 = sqlx::query_scalar(
        "INSERT INTO route_plans (warehouse_id, day, distance_m, naive_distance_m, unplanned, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(warehouse)
    .bind(&day)
    .bind(total.round() as i64)
    .bind(naive_m.round() as i64)
    .bind(unplanned.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
    .bind(actor.id.0)
    .bind(now_millis())
    .fetch_one(&mut *tx)
    .await?;
    for (van, visits, metres) in &tours {
        let route: i64 = sqlx::query_scalar(
            "INSERT INTO routes (plan_id, vehicle_id, distance_m) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(plan_id)
        .bind(van)
        .bind(metres.round() as i64)
        .fetch_one(&mut *tx)
        .await?;
        for (position, (shipment, eta)) in visits.iter().enumerate() {
            let Some(stop) = stops.iter().find(|s| s.id == *shipment) else {
                continue;
            };
            sqlx::query(
                "INSERT INTO route_stops (route_id, position, shipment_id, lat, lng, window_from, window_to, eta) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(route)
            .bind(i64::try_from(position).unwrap_or(0) + 1)
            .bind(shipment)
            .bind(stop.point.lat)
            .bind(stop.point.lng)
            .bind(stop.window.0)
            .bind(stop.window.1)
            .bind(eta)
            .execute(&mut *tx)
            .await?;
        }
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::RoutePlan,
        &format!("{warehouse}/{day}"),
        Changes::new()
            .field("routes", None::<&str>, Some(tours.len().to_string()))
            .field("stops", None::<&str>, Some(stops.len().to_string())),
        "",
    )
    .await?;
    let plan = repo::day_plan(&mut tx, warehouse, &day, depot).await?;
    tx.commit().await?;
    plan.ok_or_else(|| AppError::NotFound("route plan"))
}

/// How many stops of a day's plan have been recorded (delivered or failed).
async fn started_stops(
    conn: &mut AnyConnection,
    warehouse: i64,
    day: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM route_stops rs JOIN routes r ON r.id = rs.route_id JOIN route_plans p ON p.id = r.plan_id \
         WHERE p.warehouse_id = $1 AND p.day = $2 AND rs.status <> 'pending'",
    )
    .bind(warehouse)
    .bind(day)
    .fetch_one(conn)
    .await
}

/// A driver at a door: delivered (who signed) or failed (why). Only the van's driver may,
/// unless `any_van` (those who plan the routes).
pub async fn record_stop(
    db: &Db,
    actor: &ActorRef,
    route: i64,
    shipment: i64,
    delivered: bool,
    note: &str,
    any_van: bool,
) -> AppResult<()> {
    let note = crate::workflows::order_actions::text(note, "note", 200)?;
    let mut tx = db.begin_write().await?;
    let status: Option<String> = sqlx::query_scalar(
        "SELECT rs.status FROM route_stops rs JOIN routes r ON r.id = rs.route_id JOIN vehicles v ON v.id = r.vehicle_id \
         WHERE rs.route_id = $1 AND rs.shipment_id = $2 AND ($3 = 1 OR v.driver_id = $4)",
    )
    .bind(route)
    .bind(shipment)
    .bind(i64::from(any_van))
    .bind(actor.id.0)
    .fetch_optional(&mut *tx)
    .await?;
    match status.as_deref().and_then(StopStatus::parse) {
        None => return Err(AppError::NotFound("route stop")),
        Some(StopStatus::Pending) => {}
        Some(_) => {
            return Err(AppError::conflict(
                "stop_done",
                "This stop has been recorded already",
            ))
        }
    }
    let (at, who) = (now_millis(), format!("staff:{}", actor.id));
    let to = if delivered {
        StopStatus::Delivered
    } else {
        StopStatus::Failed
    };
    let changed = sqlx::query("UPDATE route_stops SET status = $1, note = $2 WHERE route_id = $3 AND shipment_id = $4 AND status = 'pending'")
        .bind(to.as_str())
        .bind(&note)
        .bind(route)
        .bind(shipment)
        .execute(&mut *tx)
        .await?;
    if changed.rows_affected() != 1 {
        return Err(AppError::conflict(
            "stop_done",
            "This stop has been recorded already",
        ));
    }
    if delivered {
        shipping::deliver_in(
            &mut tx,
            shipment,
            &who,
            &Note::Delivered {
                shipment,
                signed_by: note.clone(),
                own_fleet: true,
            }
            .stored(),
            at,
        )
        .await?;
    } else {
        crate::db::status::record(
            &mut tx,
            shipment,
            Some(ShipmentStatus::Shipped),
            ShipmentStatus::Shipped,
            &who,
            &Note::DeliveryFailed {
                shipment,
                reason: note.clone(),
            }
            .stored(),
            at,
        )
        .await?;
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::RouteStop,
        &format!("{route}/{shipment}"),
        Changes::new().field("status", Some("pending"), Some(to.as_str())),
        &note,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
