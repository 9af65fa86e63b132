//! Returns in the back office (退货): the queue and one return with its lines, share and
//! history (`view_returns`), and its steps — approve or reject (`handle_returns`), receive and inspect
//! (`receive_returns`), refund (`refund_orders`), exchange and close (`handle_returns`).

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::db::returns as repo;
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::returns as flows;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::after_sales::returns::{
    InspectReturn, ReceiveReturn, RefundReturn, ReturnDecision, ReturnStatus, ReturnView,
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
        .routes(routes!(approve))
        .routes(routes!(reject))
        .routes(routes!(receive))
        .routes(routes!(inspect))
        .routes(routes!(refund))
        .routes(routes!(exchange))
        .routes(routes!(close))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// Only returns in this status.
    #[param(inline)]
    status: Option<ReturnStatus>,
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
    #[param(minimum = 1, maximum = 100)]
    page_size: Option<u32>,
}

/// The returns, newest first.
#[utoipa::path(get, path = "/returns", tag = ADMIN, operation_id = "adminReturns",
    params(ListQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of returns", body = Paged<ReturnView>),
        (status = 422, description = "problem page or page_size", body = ApiError)))]
async fn list(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> AppResult<Json<Paged<ReturnView>>> {
    staff.require(Permission::ViewReturns)?;
    let page =
        PageRequest::parse(q.page, q.page_size).map_err(|p| AppError::rule(p).at(p.field()))?;
    let mut conn = state.db.pool.acquire().await?;
    let (ids, total) = repo::list(&mut conn, q.status, page).await?;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        items.push(view(&mut conn, id).await?);
    }
    Ok(Json(page.of(items, total)))
}

async fn view(conn: &mut sqlx::AnyConnection, id: i64) -> AppResult<ReturnView> {
    let share = repo::share_of(conn, id)
        .await?
        .ok_or(AppError::NotFound("return"))?;
    repo::view(conn, id, share)
        .await?
        .ok_or(AppError::NotFound("return"))
}

/// One return: its lines, what it gives back by the rule, and its history.
#[utoipa::path(get, path = "/returns/{id}", tag = ADMIN, operation_id = "adminReturn",
    params(("id" = i64, Path, description = "The return's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The return", body = ReturnView),
        (status = 404, description = "No such return", body = ApiError)))]
async fn show(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ReturnView>> {
    staff.require(Permission::ViewReturns)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(view(&mut conn, id).await?))
}

async fn answer(state: &AppState, id: i64) -> AppResult<Json<ReturnView>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(view(&mut conn, id).await?))
}

const STEP_REFUSED: &str = "problem illegal_transition (not from its status) or raced";

/// Approve a requested return, with the instructions the customer follows to send it back.
#[utoipa::path(post, path = "/returns/{id}/approve", tag = ADMIN, operation_id = "adminApproveReturn",
    params(("id" = i64, Path, description = "The return's id")),
    request_body = ReturnDecision,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Approved", body = ReturnView),
        (status = 404, description = "No such return", body = ApiError),
        (status = 409, description = STEP_REFUSED, body = ApiError),
        (status = 422, description = "problem note (1 to 500 characters)", body = ApiError)))]
async fn approve(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ReturnDecision>,
) -> AppResult<Json<ReturnView>> {
    staff.require(Permission::HandleReturns)?;
    flows::decide(&state.db, &staff.actor, id, true, &req.note).await?;
    answer(&state, id).await
}

/// Reject a requested return, with the reason the customer reads.
#[utoipa::path(post, path = "/returns/{id}/reject", tag = ADMIN, operation_id = "adminRejectReturn",
    params(("id" = i64, Path, description = "The return's id")),
    request_body = ReturnDecision,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Rejected", body = ReturnView),
        (status = 404, description = "No such return", body = ApiError),
        (status = 409, description = STEP_REFUSED, body = ApiError),
        (status = 422, description = "problem note (1 to 500 characters)", body = ApiError)))]
async fn reject(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ReturnDecision>,
) -> AppResult<Json<ReturnView>> {
    staff.require(Permission::HandleReturns)?;
    flows::decide(&state.db, &staff.actor, id, false, &req.note).await?;
    answer(&state, id).await
}

/// The goods of an approved return arrived at a warehouse of their seller.
#[utoipa::path(post, path = "/returns/{id}/receive", tag = ADMIN, operation_id = "adminReceiveReturn",
    params(("id" = i64, Path, description = "The return's id")),
    request_body = ReceiveReturn,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Received", body = ReturnView),
        (status = 404, description = "No such return", body = ApiError),
        (status = 409, description = STEP_REFUSED, body = ApiError),
        (status = 422, description = "problem warehouse (not one of the seller's)", body = ApiError)))]
async fn receive(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ReceiveReturn>,
) -> AppResult<Json<ReturnView>> {
    staff.require(Permission::ReceiveReturns)?;
    flows::receive(&state.db, &staff.actor, id, req.warehouse.0).await?;
    answer(&state, id).await
}

/// Inspect a received return: each unit of each line restocked (back on the warehouse's
/// books through the stock ledger), scrapped, or kept for the supplier.
#[utoipa::path(post, path = "/returns/{id}/inspect", tag = ADMIN, operation_id = "adminInspectReturn",
    params(("id" = i64, Path, description = "The return's id")),
    request_body = InspectReturn,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Inspected", body = ReturnView),
        (status = 404, description = "No such return", body = ApiError),
        (status = 409, description = STEP_REFUSED, body = ApiError),
        (status = 422, description = "problem lines (each line of the return once) or quantity (its units judged once each)", body = ApiError)))]
async fn inspect(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<InspectReturn>,
) -> AppResult<Json<ReturnView>> {
    staff.require(Permission::ReceiveReturns)?;
    flows::inspect(&state.db, &staff.actor, id, &req).await?;
    answer(&state, id).await
}

/// Refund an inspected return through the order's payment: up to its share (none: all of
/// it), never beyond what the order took and has not given back.
#[utoipa::path(post, path = "/returns/{id}/refund", tag = ADMIN, operation_id = "adminRefundReturn",
    params(("id" = i64, Path, description = "The return's id")),
    request_body = RefundReturn,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Refunded (a card refund is settled by its gateway)", body = ReturnView),
        (status = 404, description = "No such return", body = ApiError),
        (status = 409, description = "problem not_inspected, not_paid, illegal_transition or raced", body = ApiError),
        (status = 422, description = "problem amount (1 up to the return's share) or more_than_paid", body = ApiError)))]
async fn refund(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<RefundReturn>,
) -> AppResult<Json<ReturnView>> {
    staff.require(Permission::RefundOrders)?;
    flows::refund(&state, &staff.actor, id, req.amount).await?;
    answer(&state, id).await
}

/// Send the exchange of an inspected return (换货): a replacement order for the size or
/// colour the customer asked for, its units reserved now, nothing to pay.
#[utoipa::path(post, path = "/returns/{id}/exchange", tag = ADMIN, operation_id = "adminExchangeReturn",
    params(("id" = i64, Path, description = "The return's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Exchanged: the return, with its replacement order's number", body = ReturnView),
        (status = 404, description = "No such return", body = ApiError),
        (status = 409, description = "problem not_inspected, not_an_exchange, exchange_unavailable (no longer for sale), out_of_stock, illegal_transition or raced", body = ApiError)))]
async fn exchange(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ReturnView>> {
    staff.require(Permission::HandleReturns)?;
    flows::exchange(&state.db, &staff.actor, id).await?;
    answer(&state, id).await
}

/// Close a return without a refund, with the reason the customer reads.
#[utoipa::path(post, path = "/returns/{id}/close", tag = ADMIN, operation_id = "adminCloseReturn",
    params(("id" = i64, Path, description = "The return's id")),
    request_body = ReturnDecision,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Closed"),
        (status = 404, description = "No such return", body = ApiError),
        (status = 409, description = STEP_REFUSED, body = ApiError),
        (status = 422, description = "problem note (1 to 500 characters)", body = ApiError)))]
async fn close(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ReturnDecision>,
) -> AppResult<StatusCode> {
    staff.require(Permission::HandleReturns)?;
    flows::close(&state.db, &staff.actor, id, &req.note).await?;
    Ok(StatusCode::NO_CONTENT)
}
