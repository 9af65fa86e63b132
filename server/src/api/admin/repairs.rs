//! Repairs under warranty in the back office (维修): the queue and one repair with its
//! line, photos and history, and its steps — receive the item, start the repair, send it
//! back (with the return parcel), close; or reject a request the warranty does not cover
//! (with the reason). All of them `handle_repairs`.

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::db::repairs as repo;
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::repairs as flows;
use axum::extract::State;
use axum::Json;
use shared::after_sales::repairs::{
    RepairDecision, RepairQuery, RepairRow, RepairStatus, RepairStep, RepairView,
};
use shared::list::{PageRequest, Paged};
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(show))
        .routes(routes!(receive))
        .routes(routes!(start))
        .routes(routes!(send_back))
        .routes(routes!(close))
        .routes(routes!(reject))
}

/// The repairs, newest first.
#[utoipa::path(get, path = "/repairs", tag = ADMIN, operation_id = "adminRepairs",
    params(RepairQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of repairs", body = Paged<RepairRow>),
        (status = 422, description = "problem page", body = ApiError)))]
async fn list(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<RepairQuery>,
) -> AppResult<Json<Paged<RepairRow>>> {
    staff.require(Permission::HandleRepairs)?;
    let page = PageRequest::parse(q.page, None).map_err(|p| AppError::rule(p).at(p.field()))?;
    let mut conn = state.db.pool.acquire().await?;
    let (items, total) = repo::list(&mut conn, q.status, page).await?;
    Ok(Json(page.of(items, total)))
}

async fn answer(state: &AppState, id: i64) -> AppResult<Json<RepairView>> {
    let mut conn = state.db.pool.acquire().await?;
    repo::view(&mut conn, id)
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("repair"))
}

/// One repair: its order line, what the customer wrote and their photos, and its history.
#[utoipa::path(get, path = "/repairs/{id}", tag = ADMIN, operation_id = "adminRepair",
    params(("id" = i64, Path, description = "The repair's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The repair", body = RepairView),
        (status = 404, description = "No such repair", body = ApiError)))]
async fn show(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<RepairView>> {
    staff.require(Permission::HandleRepairs)?;
    answer(&state, id).await
}

const STEP_REFUSED: &str =
    "problem illegal_transition (not from its status) or status_changed (raced)";

/// The customer's item arrived: a requested repair is received, with a note the customer
/// reads (may be empty).
#[utoipa::path(post, path = "/repairs/{id}/receive", tag = ADMIN, operation_id = "adminReceiveRepair",
    params(("id" = i64, Path, description = "The repair's id")),
    request_body = RepairStep,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Received", body = RepairView),
        (status = 404, description = "No such repair", body = ApiError),
        (status = 409, description = STEP_REFUSED, body = ApiError),
        (status = 422, description = "problem note (at most 500 characters)", body = ApiError)))]
async fn receive(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<RepairStep>,
) -> AppResult<Json<RepairView>> {
    staff.require(Permission::HandleRepairs)?;
    flows::advance(
        &state.db,
        &staff.actor,
        id,
        RepairStatus::Received,
        &req.note,
    )
    .await?;
    answer(&state, id).await
}

/// The repair of a received item starts, with a note the customer reads (may be empty).
#[utoipa::path(post, path = "/repairs/{id}/start", tag = ADMIN, operation_id = "adminStartRepair",
    params(("id" = i64, Path, description = "The repair's id")),
    request_body = RepairStep,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Being repaired", body = RepairView),
        (status = 404, description = "No such repair", body = ApiError),
        (status = 409, description = STEP_REFUSED, body = ApiError),
        (status = 422, description = "problem note (at most 500 characters)", body = ApiError)))]
async fn start(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<RepairStep>,
) -> AppResult<Json<RepairView>> {
    staff.require(Permission::HandleRepairs)?;
    flows::advance(
        &state.db,
        &staff.actor,
        id,
        RepairStatus::Repairing,
        &req.note,
    )
    .await?;
    answer(&state, id).await
}

/// The repaired item goes back to the customer: the note names the return parcel (carrier
/// and tracking number).
#[utoipa::path(post, path = "/repairs/{id}/return", tag = ADMIN, operation_id = "adminReturnRepair",
    params(("id" = i64, Path, description = "The repair's id")),
    request_body = RepairDecision,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Sent back", body = RepairView),
        (status = 404, description = "No such repair", body = ApiError),
        (status = 409, description = STEP_REFUSED, body = ApiError),
        (status = 422, description = "problem note (1 to 500 characters)", body = ApiError)))]
async fn send_back(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<RepairDecision>,
) -> AppResult<Json<RepairView>> {
    staff.require(Permission::HandleRepairs)?;
    flows::advance(
        &state.db,
        &staff.actor,
        id,
        RepairStatus::Returned,
        &req.note,
    )
    .await?;
    answer(&state, id).await
}

/// Close a repair whose item is back with the customer, with a note the customer reads
/// (may be empty).
#[utoipa::path(post, path = "/repairs/{id}/close", tag = ADMIN, operation_id = "adminCloseRepair",
    params(("id" = i64, Path, description = "The repair's id")),
    request_body = RepairStep,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Closed", body = RepairView),
        (status = 404, description = "No such repair", body = ApiError),
        (status = 409, description = STEP_REFUSED, body = ApiError),
        (status = 422, description = "problem note (at most 500 characters)", body = ApiError)))]
async fn close(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<RepairStep>,
) -> AppResult<Json<RepairView>> {
    staff.require(Permission::HandleRepairs)?;
    flows::advance(&state.db, &staff.actor, id, RepairStatus::Closed, &req.note).await?;
    answer(&state, id).await
}

/// Reject a requested repair the warranty does not cover, with the reason the customer
/// reads.
#[utoipa::path(post, path = "/repairs/{id}/reject", tag = ADMIN, operation_id = "adminRejectRepair",
    params(("id" = i64, Path, description = "The repair's id")),
    request_body = RepairDecision,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Rejected", body = RepairView),
        (status = 404, description = "No such repair", body = ApiError),
        (status = 409, description = STEP_REFUSED, body = ApiError),
        (status = 422, description = "problem note (1 to 500 characters)", body = ApiError)))]
async fn reject(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<RepairDecision>,
) -> AppResult<Json<RepairView>> {
    staff.require(Permission::HandleRepairs)?;
    flows::advance(
        &state.db,
        &staff.actor,
        id,
        RepairStatus::Rejected,
        &req.note,
    )
    .await?;
    answer(&state, id).await
}
