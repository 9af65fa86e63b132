//! Receiving in the back office (收货, 来料检验, 上架): receipts against purchase orders,
//! their inspection and put-away (`receive_goods`), reading them (`view_procurement`), and
//! each product's inspection plan (`manage_inspection_plans`).

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::error::AppResult;
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::receiving as flows;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use shared::procurement::receiving::{
    InspectReceipt, InspectionPlanDraft, PutAway, ReceiptStatus, ReceiptSummary, ReceiptView,
    ReceiveGoods,
};
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(receive))
        .routes(routes!(receipts))
        .routes(routes!(receipt))
        .routes(routes!(inspect))
        .routes(routes!(put_away))
        .routes(routes!(plan, set_plan))
}

/// The list's filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ReceiptQuery {
    /// Only receipts in this status.
    #[param(inline)]
    status: Option<ReceiptStatus>,
    /// Only receipts of this purchase order.
    purchase_order: Option<i64>,
}

/// Receives what arrived against a purchase order (or one of its shipping notices) into the
/// receiving area: not yet sellable.
#[utoipa::path(post, path = "/purchase-orders/{id}/receipts", tag = ADMIN, operation_id = "adminReceiveGoods",
    params(("id" = i64, Path, description = "The purchase order's id")),
    request_body = ReceiveGoods,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Received", body = ReceiptView),
        (status = 404, description = "No purchase order has this id", body = ApiError),
        (status = 409, description = "problem not_receivable or status_changed", body = ApiError),
        (status = 422, description = "problem line_unknown, quantity_invalid, asn_invalid or note_too_long; `field` names where", body = ApiError)))]
async fn receive(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<ReceiveGoods>,
) -> AppResult<(StatusCode, Json<ReceiptView>)> {
    staff.require(Permission::ReceiveGoods)?;
    let view = flows::receive(&state.db, &staff.actor, id, &d).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Goods receipts, newest first (the latest 500).
#[utoipa::path(get, path = "/receipts", tag = ADMIN, operation_id = "adminReceipts",
    params(ReceiptQuery),
    security(("session" = [])),
    responses((status = 200, description = "The receipts", body = Vec<ReceiptSummary>)))]
async fn receipts(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<ReceiptQuery>,
) -> AppResult<Json<Vec<ReceiptSummary>>> {
    staff.require(Permission::ViewProcurement)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(
        crate::db::receiving::list(&mut conn, q.status, q.purchase_order).await?,
    ))
}

/// A goods receipt with its lines, their plans and decisions.
#[utoipa::path(get, path = "/receipts/{id}", tag = ADMIN, operation_id = "adminReceipt",
    params(("id" = i64, Path, description = "The receipt's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The receipt", body = ReceiptView),
        (status = 404, description = "No receipt has this id", body = ApiError)))]
async fn receipt(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ReceiptView>> {
    staff.require(Permission::ViewProcurement)?;
    Ok(Json(flows::receipt(&state.db, id).await?))
}

/// Inspects every line of a receipt: defective units found, results per characteristic,
/// where rejected units go.
#[utoipa::path(post, path = "/receipts/{id}/inspect", tag = ADMIN, operation_id = "adminInspectReceipt",
    params(("id" = i64, Path, description = "The receipt's id")),
    request_body = InspectReceipt,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Inspected", body = ReceiptView),
        (status = 404, description = "No receipt has this id", body = ApiError),
        (status = 409, description = "problem wrong_step", body = ApiError),
        (status = 422, description = "problem lines_mismatch, defective_invalid, characteristic_invalid or aql_invalid; `field` names where", body = ApiError)))]
async fn inspect(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<InspectReceipt>,
) -> AppResult<Json<ReceiptView>> {
    staff.require(Permission::ReceiveGoods)?;
    Ok(Json(flows::inspect(&state.db, &staff.actor, id, &d).await?))
}

/// Puts every accepted line into its bin: then it is stock, at the averaged cost.
#[utoipa::path(post, path = "/receipts/{id}/put-away", tag = ADMIN, operation_id = "adminPutAwayReceipt",
    params(("id" = i64, Path, description = "The receipt's id")),
    request_body = PutAway,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Put away", body = ReceiptView),
        (status = 404, description = "No receipt has this id", body = ApiError),
        (status = 409, description = "problem wrong_step or stock_changed", body = ApiError),
        (status = 422, description = "problem lines_mismatch, bin_unknown, not_its_bin or bin_taken; `field` names where", body = ApiError)))]
async fn put_away(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<PutAway>,
) -> AppResult<Json<ReceiptView>> {
    staff.require(Permission::ReceiveGoods)?;
    Ok(Json(
        flows::put_away(&state.db, &staff.actor, id, &d).await?,
    ))
}

/// How a product's deliveries are inspected (a sample at AQL 2.5 unless set).
#[utoipa::path(get, path = "/products/{id}/inspection-plan", tag = ADMIN, operation_id = "adminInspectionPlan",
    params(("id" = i64, Path, description = "The product's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The plan", body = InspectionPlanDraft),
        (status = 404, description = "No product has this id", body = ApiError)))]
async fn plan(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<InspectionPlanDraft>> {
    staff.require(Permission::ViewProcurement)?;
    Ok(Json(flows::plan(&state.db, id).await?))
}

/// Sets a product's inspection plan: every unit, or a sample at an AQL of the tables, and
/// the characteristics inspectors look at.
#[utoipa::path(put, path = "/products/{id}/inspection-plan", tag = ADMIN, operation_id = "adminSetInspectionPlan",
    params(("id" = i64, Path, description = "The product's id")),
    request_body = InspectionPlanDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Saved", body = InspectionPlanDraft),
        (status = 404, description = "No product has this id", body = ApiError),
        (status = 422, description = "problem aql_invalid or characteristic_invalid", body = ApiError)))]
async fn set_plan(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<InspectionPlanDraft>,
) -> AppResult<Json<InspectionPlanDraft>> {
    staff.require(Permission::ManageInspectionPlans)?;
    Ok(Json(
        flows::set_plan(&state.db, &staff.actor, id, &d).await?,
    ))
}
