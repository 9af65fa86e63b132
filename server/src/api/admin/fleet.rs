//! Own-fleet delivery in the back office (配送路线): the vans and zones, a day's planned
//! routes per warehouse (plan them again until drivers set out), and the driver's own routes
//! with what happened at each door. Seeing needs `view_fulfilment`, planning `plan_routes`,
//! recording a stop `deliver_parcels`.

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::db::fleet as repo;
use crate::error::AppResult;
use crate::fleet::plan;
use crate::openapi::ADMIN;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::fleet::{DayPlan, PlanRoutes, RouteView, StopOutcome, VehicleView, ZoneView};
use shared::ids::WarehouseId;
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(fleet))
        .routes(routes!(day_plan))
        .routes(routes!(plan_routes))
        .routes(routes!(my_routes))
        .routes(routes!(record_stop))
}

/// The vans and delivery zones (with their slots).
#[derive(serde::Serialize, utoipa::ToSchema)]
struct Fleet {
    vehicles: Vec<VehicleView>,
    zones: Vec<ZoneView>,
}

#[utoipa::path(get, path = "/fleet", tag = ADMIN, operation_id = "adminFleet",
    security(("session" = [])),
    responses((status = 200, description = "Every active van and every zone", body = Fleet)))]
async fn fleet(State(state): State<AppState>, staff: Staff) -> AppResult<Json<Fleet>> {
    staff.require(Permission::ViewFulfilment)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(Fleet {
        vehicles: repo::vehicles(&mut conn, None).await?,
        zones: repo::zones(&mut conn, None).await?,
    }))
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
