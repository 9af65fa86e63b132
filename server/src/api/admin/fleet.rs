//! Own-fleet delivery in the back office (配送路线): the vans and zones (kept with
//! `manage_fleet`), a day's planned routes per warehouse (plan them again until drivers set
//! out), and the driver's own routes with what happened at each door. Seeing needs
//! `view_fulfilment`, planning `plan_routes`, recording a stop `deliver_parcels`.

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::db::fleet as repo;
use crate::error::AppResult;
use crate::fleet::{plan, setup};
use crate::openapi::ADMIN;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::fleet::{
    DayPlan, FleetView, PlanRoutes, RouteView, StopOutcome, VehicleDraft, VehicleView, ZoneDraft,
    ZoneView,
};
use shared::ids::WarehouseId;
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(fleet))
        .routes(routes!(create_zone))
        .routes(routes!(update_zone, delete_zone))
        .routes(routes!(create_vehicle))
        .routes(routes!(update_vehicle))
        .routes(routes!(day_plan))
        .routes(routes!(plan_routes))
        .routes(routes!(my_routes))
        .routes(routes!(record_stop))
}

/// The vans (inactive ones too: only active ones are planned), the delivery zones with
/// their slots, and the staff who may drive.
#[utoipa::path(get, path = "/fleet", tag = ADMIN, operation_id = "adminFleet",
    security(("session" = [])),
    responses((status = 200, description = "Every van, every zone and who may drive", body = FleetView)))]
async fn fleet(State(state): State<AppState>, staff: Staff) -> AppResult<Json<FleetView>> {
    staff.require(Permission::ViewFulfilment)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(FleetView {
        vehicles: repo::all_vehicles(&mut conn).await?,
        zones: repo::zones(&mut conn, None).await?,
        drivers: repo::drivers(&mut conn, None).await?,
    }))
}

/// A new delivery zone of a warehouse with its time slots.
#[utoipa::path(post, path = "/fleet/zones", tag = ADMIN, operation_id = "adminCreateZone",
    request_body = ZoneDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created", body = ZoneView),
        (status = 422, description = "problem text_missing, too_long, no_divisions, too_many_divisions, division_invalid, division_repeated, no_slots, too_many_slots, slot_invalid, slots_overlap, slot_unknown (an id twice), or warehouse (no such warehouse); `field` names where", body = ApiError)))]
async fn create_zone(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(d): ApiJson<ZoneDraft>,
) -> AppResult<(StatusCode, Json<ZoneView>)> {
    staff.require(Permission::ManageFleet)?;
    let zone = setup::create_zone(&state.db, &staff.actor, &d).await?;
    Ok((StatusCode::CREATED, Json(zone)))
}

/// A zone's warehouse, names, divisions and slots: a slot sent with its id is changed in
/// place (parcels promised it keep it), one without is new, one left out is removed.
#[utoipa::path(put, path = "/fleet/zones/{id}", tag = ADMIN, operation_id = "adminUpdateZone",
    params(("id" = i64, Path, description = "The zone's id")),
    request_body = ZoneDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Saved", body = ZoneView),
        (status = 404, description = "No zone has this id", body = ApiError),
        (status = 422, description = "problem text_missing, too_long, no_divisions, too_many_divisions, division_invalid, division_repeated, no_slots, too_many_slots, slot_invalid, slots_overlap, slot_unknown (not one of the zone's slots), or warehouse (no such warehouse); `field` names where", body = ApiError)))]
async fn update_zone(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<ZoneDraft>,
) -> AppResult<Json<ZoneView>> {
    staff.require(Permission::ManageFleet)?;
    Ok(Json(
        setup::update_zone(&state.db, &staff.actor, id, &d).await?,
    ))
}

/// Removes a zone and its slots (days planned already keep their windows).
#[utoipa::path(delete, path = "/fleet/zones/{id}", tag = ADMIN, operation_id = "adminDeleteZone",
    params(("id" = i64, Path, description = "The zone's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No zone has this id", body = ApiError)))]
async fn delete_zone(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ManageFleet)?;
    setup::delete_zone(&state.db, &staff.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A new van of a warehouse, with its capacity and (optionally) its driver.
#[utoipa::path(post, path = "/fleet/vehicles", tag = ADMIN, operation_id = "adminCreateVehicle",
    request_body = VehicleDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created", body = VehicleView),
        (status = 422, description = "problem plate_invalid, plate_taken, max_weight_invalid, max_parcels_invalid, driver_unknown, or warehouse (no such warehouse); `field` names where", body = ApiError)))]
async fn create_vehicle(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(d): ApiJson<VehicleDraft>,
) -> AppResult<(StatusCode, Json<VehicleView>)> {
    staff.require(Permission::ManageFleet)?;
    let van = setup::create_vehicle(&state.db, &staff.actor, &d).await?;
    Ok((StatusCode::CREATED, Json(van)))
}

/// A van's plate, capacity, driver and warehouse, and whether it is planned (`active`:
/// vans are deactivated, never deleted).
#[utoipa::path(put, path = "/fleet/vehicles/{id}", tag = ADMIN, operation_id = "adminUpdateVehicle",
    params(("id" = i64, Path, description = "The van's id")),
    request_body = VehicleDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Saved", body = VehicleView),
        (status = 404, description = "No van has this id", body = ApiError),
        (status = 422, description = "problem plate_invalid, plate_taken, max_weight_invalid, max_parcels_invalid, driver_unknown, vehicle_has_routes (it keeps its warehouse), or warehouse (no such warehouse); `field` names where", body = ApiError)))]
async fn update_vehicle(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<VehicleDraft>,
) -> AppResult<Json<VehicleView>> {
    staff.require(Permission::ManageFleet)?;
    Ok(Json(
        setup::update_vehicle(&state.db, &staff.actor, id, &d).await?,
    ))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct DayQuery {
    #[param(value_type = i64, minimum = 1)]
    warehouse: WarehouseId,
    /// `YYYY-MM-DD`, the shop's time zone.
    #[param(format = Date)]
    day: String,
}

/// A warehouse's planned routes of a day (404 before it is planned).
#[utoipa::path(get, path = "/routes", tag = ADMIN, operation_id = "adminDayRoutes",
    params(DayQuery),
    security(("session" = [])),
    responses((status = 200, description = "The plan", body = DayPlan),
        (status = 404, description = "Not planned yet, or no such warehouse", body = ApiError),
        (status = 409, description = "The warehouse's place is unknown (no_depot)", body = ApiError)))]
async fn day_plan(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<DayQuery>,
) -> AppResult<Json<DayPlan>> {
    staff.require(Permission::ViewFulfilment)?;
    let day = plan::parse_day(&q.day)?;
    let mut conn = state.db.pool.acquire().await?;
    // an unknown warehouse has no plan
    let depot = plan::depot(&mut conn, q.warehouse.0)
        .await
        .map_err(|e| match e {
            crate::error::AppError::Validation { .. } => {
                crate::error::AppError::NotFound("warehouse")
            }
            other => other,
        })?;
    let found = repo::day_plan(&mut conn, q.warehouse.0, &day, depot).await?;
    found
        .map(Json)
        .ok_or(crate::error::AppError::NotFound("route plan"))
}

/// Plans (or plans again, until drivers set out) the day's routes of a warehouse's vans for
/// the own-fleet parcels on their way.
#[utoipa::path(post, path = "/routes/plan", tag = ADMIN, operation_id = "adminPlanRoutes",
    request_body = PlanRoutes,
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "The plan", body = DayPlan),
        (status = 409, description = "Drivers are out on it already (routes_started), or the warehouse's place is unknown (no_depot)", body = ApiError),
        (status = 422, description = "No such warehouse", body = ApiError)))]
async fn plan_routes(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(req): ApiJson<PlanRoutes>,
) -> AppResult<Json<DayPlan>> {
    staff.require(Permission::PlanRoutes)?;
    Ok(Json(
        plan::plan_day(&state.db, &staff.actor, req.warehouse.0, &req.day).await?,
    ))
}

/// The routes of today whose van I drive.
#[utoipa::path(get, path = "/me/routes", tag = ADMIN, operation_id = "adminMyRoutes",
    security(("session" = [])),
    responses((status = 200, description = "My routes of today, stops in order", body = Vec<RouteView>)))]
async fn my_routes(State(state): State<AppState>, staff: Staff) -> AppResult<Json<Vec<RouteView>>> {
    staff.require(Permission::DeliverParcels)?;
    let today = shared::reports::format_day(shared::reports::shop_day(crate::db::now_millis()));
    let mut conn = state.db.pool.acquire().await?;
    let mut out = Vec::new();
    for (plan_id, warehouse) in repo::plans_driven_by(&mut conn, &today, staff.me.id.0).await? {
        let depot = plan::depot(&mut conn, warehouse).await?;
        let filter = "r.plan_id = $1 AND v.driver_id = $2";
        out.extend(
            repo::routes_where(&mut conn, filter, &[plan_id, staff.me.id.0], depot, &today).await?,
        );
    }
    Ok(Json(out))
}

/// What happened at a door: delivered (who signed for it) or failed (why).
#[utoipa::path(post, path = "/routes/{route}/stops/{shipment}", tag = ADMIN, operation_id = "adminRecordStop",
    params(("route" = i64, Path, description = "The route"), ("shipment" = i64, Path, description = "The stop's shipment")),
    request_body = StopOutcome,
    security(("session" = [], "csrf" = [])),
    responses((status = 204, description = "Recorded"),
        (status = 404, description = "No such stop on that route", body = ApiError),
        (status = 409, description = "Recorded already (stop_done)", body = ApiError),
        (status = 422, description = "No name or reason", body = ApiError)))]
async fn record_stop(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath((route, shipment)): ApiPath<(i64, i64)>,
    ApiJson(req): ApiJson<StopOutcome>,
) -> AppResult<StatusCode> {
    staff.require(Permission::DeliverParcels)?;
    let any_van = staff.roles.allow(Permission::PlanRoutes);
    plan::record_stop(
        &state.db,
        &staff.actor,
        route,
        shipment,
        req.delivered,
        &req.note,
        any_van,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
