//! Keeping the own fleet: delivery zones with their time slots and vans with their capacity
//! and driver. Each change checks the draft on its own (`shared::fleet`), then in one write
//! transaction checks it against the database (the warehouse exists, the plate is free, the
//! driver may drive, a van with routes stays with its warehouse), writes it and its audit
//! entry. Vans are deactivated, never deleted: their routes refer to them. The planner takes
//! only active vans.

use crate::db::audit::{self, ActorRef};
use crate::db::{fleet as repo, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::fleet::{
    check_vehicle, check_zone, clock, FleetFault, FleetProblem, VehicleDraft, VehicleView,
    ZoneDraft, ZoneView,
};
use sqlx::AnyConnection;

fn fault((p, field): FleetFault) -> AppError {
    AppError::rule(p).at(&field)
}

fn problem(p: FleetProblem, field: &str) -> AppError {
    AppError::rule(p).at(field)
}

async fn warehouse_must_exist(conn: &mut AnyConnection, warehouse: i64) -> AppResult<()> {
    if repo::warehouse_exists(conn, warehouse).await? {
        Ok(())
    } else {
        Err(AppError::validation("warehouse", "There is no such warehouse").at("warehouse"))
    }
}

/// `09:00–12:00, 13:00–18:00`: a zone's slots as the audit log keeps them.
fn slots_text(z: &ZoneView) -> String {
    z.slots
        .iter()
        .map(|s| format!("{}–{}", clock(s.starts), clock(s.ends)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `changes` with `field` as `f` gives it before and after (none: created, deleted).
fn compare<T>(
    changes: Changes,
    field: &str,
    before: Option<&T>,
    after: Option<&T>,
    f: impl Fn(&T) -> String,
) -> Changes {
    changes.field(field, before.map(&f), after.map(&f))
}

fn zone_changes(before: Option<&ZoneView>, after: Option<&ZoneView>) -> Changes {
    let c = compare(Changes::new(), "warehouse", before, after, |z| {
        z.warehouse.to_string()
    });
    let c = compare(c, "name.zh", before, after, |z| z.name.zh.clone());
    let c = compare(c, "name.en", before, after, |z| z.name.en.clone());
    let c = compare(c, "divisions", before, after, |z| z.divisions.join(","));
    compare(c, "slots", before, after, slots_text)
}

fn vehicle_changes(before: Option<&VehicleView>, after: &VehicleView) -> Changes {
    let after = Some(after);
    let c = compare(Changes::new(), "warehouse", before, after, |v| {
        v.warehouse.to_string()
    });
    let c = compare(c, "plate", before, after, |v| v.plate.clone());
    let c = compare(c, "max_weight_grams", before, after, |v| {
        v.max_weight_grams.to_string()
    });
    let c = compare(c, "max_parcels", before, after, |v| {
        v.max_parcels.to_string()
    });
    let c = compare(c, "driver", before, after, |v| {
        v.driver.clone().unwrap_or_default()
    });
    compare(c, "active", before, after, |v| v.active.to_string())
}

/// Creates a zone with its slots (all of them new: ids sent are ignored).
pub async fn create_zone(db: &Db, actor: &ActorRef, d: &ZoneDraft) -> AppResult<ZoneView> {
    let mut d = check_zone(d).map_err(fault)?;
    for s in &mut d.slots {
        s.id = None;
    }
    let mut tx = db.begin_write().await?;
    warehouse_must_exist(&mut tx, d.warehouse.0).await?;
    let id = repo::insert_zone(&mut tx, &d).await?;
    let zone = repo::zone(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("delivery zone"))?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::ZoneCreate,
        &id.to_string(),
        zone_changes(None, Some(&zone)),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(zone)
}

/// Saves a zone; its slots become the draft's: those named by id keep their id (and the
/// parcels promised them), the rest are new, the ones left out are removed.
pub async fn update_zone(
    db: &Db,
    actor: &ActorRef,
    id: i64,
    draft: &ZoneDraft,
) -> AppResult<ZoneView> {
    let d = check_zone(draft).map_err(fault)?;
    let mut tx = db.begin_write().await?;
    let before = repo::zone(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("delivery zone"))?;
    warehouse_must_exist(&mut tx, d.warehouse.0).await?;
    // named as sent (the checked draft has its slots in the order of the day)
    for (i, sent) in draft.slots.iter().enumerate() {
        if sent
            .id
            .is_some_and(|slot| !before.slots.iter().any(|s| s.id == slot))
        {
            return Err(problem(
                FleetProblem::SlotUnknown,
                &format!("slots[{i}].id"),
            ));
        }
    }
    if !repo::update_zone(&mut tx, id, &d).await? {
        return Err(AppError::NotFound("delivery zone"));
    }
    let after = repo::zone(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("delivery zone"))?;
    let changes = zone_changes(Some(&before), Some(&after));
    if !changes.is_empty() {
        audit::record(
            &mut tx,
            actor,
            AuditAction::ZoneUpdate,
            &id.to_string(),
            changes,
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(after)
}

/// Removes a zone and its slots: addresses in it are planned with the fleet's whole day
/// from then on (days planned already keep their windows).
pub async fn delete_zone(db: &Db, actor: &ActorRef, id: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let before = repo::zone(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("delivery zone"))?;
    if !repo::delete_zone(&mut tx, id).await? {
        return Err(AppError::NotFound("delivery zone"));
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::ZoneDelete,
        &id.to_string(),
        zone_changes(Some(&before), None),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The checks of a van against the database: the warehouse exists, no other van has the
/// plate, the driver (when it changes) may drive, and a van with routes keeps its warehouse.
async fn check_vehicle_against(
    conn: &mut AnyConnection,
    d: &VehicleDraft,
    before: Option<&VehicleView>,
) -> AppResult<()> {
    warehouse_must_exist(conn, d.warehouse.0).await?;
    if repo::plate_owner(conn, &d.plate, before.map(|v| v.id))
        .await?
        .is_some()
    {
        return Err(problem(FleetProblem::PlateTaken, "plate"));
    }
    if let Some(driver) = d.driver {
        let unchanged = before.is_some_and(|v| v.driver_id == Some(driver));
        if !unchanged && repo::drivers(conn, Some(driver.0)).await?.is_empty() {
            return Err(problem(FleetProblem::DriverUnknown, "driver"));
        }
    }
    if let Some(v) = before {
        if v.warehouse != d.warehouse && repo::has_routes(conn, v.id).await? {
            return Err(problem(FleetProblem::VehicleHasRoutes, "warehouse"));
        }
    }
    Ok(())
}

/// A plate taken between the check and the write (another request's van) is the same
/// refusal as one taken before.
fn plate_race(e: sqlx::Error) -> AppError {
    match e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            problem(FleetProblem::PlateTaken, "plate")
        }
        other => AppError::Database(other),
    }
}

pub async fn create_vehicle(db: &Db, actor: &ActorRef, d: &VehicleDraft) -> AppResult<VehicleView> {
    let d = check_vehicle(d).map_err(fault)?;
    let mut tx = db.begin_write().await?;
    check_vehicle_against(&mut tx, &d, None).await?;
    let id = repo::insert_vehicle(&mut tx, &d)
        .await
        .map_err(plate_race)?;
    let van = repo::vehicle(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("vehicle"))?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::VehicleCreate,
        &id.to_string(),
        vehicle_changes(None, &van),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(van)
}

/// Saves a van: its plate, capacity, driver, and whether it is planned (`active`).
pub async fn update_vehicle(
    db: &Db,
    actor: &ActorRef,
    id: i64,
    d: &VehicleDraft,
) -> AppResult<VehicleView> {
    let d = check_vehicle(d).map_err(fault)?;
    let mut tx = db.begin_write().await?;
    let before = repo::vehicle(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("vehicle"))?;
    check_vehicle_against(&mut tx, &d, Some(&before)).await?;
    if !repo::update_vehicle(&mut tx, id, &d)
        .await
        .map_err(plate_race)?
    {
        return Err(AppError::NotFound("vehicle"));
    }
    let after = repo::vehicle(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("vehicle"))?;
    let changes = vehicle_changes(Some(&before), &after);
    if !changes.is_empty() {
        audit::record(
            &mut tx,
            actor,
            AuditAction::VehicleUpdate,
            &id.to_string(),
            changes,
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(after)
}
