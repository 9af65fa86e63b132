//! Procurement in the back office (采购): suppliers and their lists (`manage_suppliers`),
//! purchase suggestions, and purchase orders written (`manage_purchase_orders`), approved
//! by a second person (`approve_purchase_orders`) and sent. Reading needs
//! `view_procurement`; the approval threshold is the owner's (`manage_procurement_settings`).

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::error::AppResult;
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::procurement as flows;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::procurement::portal::NewSupplierAccount;
use shared::procurement::purchasing::{
    CancelPurchase, FromSuggestions, ProcurementSettings, PurchaseOrderDraft, PurchaseOrderQuery,
    PurchaseOrderSummary, PurchaseOrderView, SuggestionView,
};
use shared::procurement::suppliers::{OffersDraft, SupplierDraft, SupplierSummary, SupplierView};
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(suppliers, create_supplier))
        .routes(routes!(supplier, update_supplier))
        .routes(routes!(set_offers))
        .routes(routes!(invite_account))
        .routes(routes!(suggestions))
        .routes(routes!(settings, update_settings))
        .routes(routes!(orders, create_order))
        .routes(routes!(from_suggestions))
        .routes(routes!(order, update_order))
        .routes(routes!(approve_order))
        .routes(routes!(send_order))
        .routes(routes!(cancel_order))
}

/// Every supplier, active ones first.
#[utoipa::path(get, path = "/suppliers", tag = ADMIN, operation_id = "adminSuppliers",
    security(("session" = [])),
    responses((status = 200, description = "The suppliers", body = Vec<SupplierSummary>)))]
async fn suppliers(
    State(state): State<AppState>,
    staff: Staff,
) -> AppResult<Json<Vec<SupplierSummary>>> {
    staff.require(Permission::ViewProcurement)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(crate::db::procurement::suppliers(&mut conn).await?))
}

const SUPPLIER_PROBLEMS: &str = "problem code_invalid, code_taken, name_missing, too_long, email_invalid, payment_terms_invalid or lead_time_invalid; `field` names where";
const OFFER_PROBLEMS: &str = "problem too_many_offers, sku_unknown, sku_repeated, unit_cost_invalid, units_invalid or lead_time_invalid; `field` names where (`offers[2].sku`)";

/// A new supplier.
#[utoipa::path(post, path = "/suppliers", tag = ADMIN, operation_id = "adminCreateSupplier",
    request_body = SupplierDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created", body = SupplierView),
        (status = 422, description = SUPPLIER_PROBLEMS, body = ApiError)))]
async fn create_supplier(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(d): ApiJson<SupplierDraft>,
) -> AppResult<(StatusCode, Json<SupplierView>)> {
    staff.require(Permission::ManageSuppliers)?;
    let view = flows::create_supplier(&state.db, &staff.actor, &d).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// A supplier with their list.
#[utoipa::path(get, path = "/suppliers/{id}", tag = ADMIN, operation_id = "adminSupplier",
    params(("id" = i64, Path, description = "The supplier's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The supplier", body = SupplierView),
        (status = 404, description = "No supplier has this id", body = ApiError)))]
async fn supplier(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<SupplierView>> {
    staff.require(Permission::ViewProcurement)?;
    Ok(Json(flows::supplier(&state.db, id).await?))
}

/// A supplier's record (deactivate rather than delete: their orders name them).
#[utoipa::path(put, path = "/suppliers/{id}", tag = ADMIN, operation_id = "adminUpdateSupplier",
    params(("id" = i64, Path, description = "The supplier's id")),
    request_body = SupplierDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Saved", body = SupplierView),
        (status = 404, description = "No supplier has this id", body = ApiError),
        (status = 422, description = SUPPLIER_PROBLEMS, body = ApiError)))]
async fn update_supplier(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<SupplierDraft>,
) -> AppResult<Json<SupplierView>> {
    staff.require(Permission::ManageSuppliers)?;
    Ok(Json(
        flows::update_supplier(&state.db, &staff.actor, id, &d).await?,
    ))
}

/// The supplier's whole list: what they sell the shop, at what price, minimum and pack.
#[utoipa::path(put, path = "/suppliers/{id}/offers", tag = ADMIN, operation_id = "adminSetSupplierOffers",
    params(("id" = i64, Path, description = "The supplier's id")),
    request_body = OffersDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Saved", body = SupplierView),
        (status = 404, description = "No supplier has this id", body = ApiError),
        (status = 422, description = OFFER_PROBLEMS, body = ApiError)))]
async fn set_offers(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<OffersDraft>,
) -> AppResult<Json<SupplierView>> {
    staff.require(Permission::ManageSuppliers)?;
    Ok(Json(
        flows::set_offers(&state.db, &staff.actor, id, &d).await?,
    ))
}

/// Invites someone of the supplier's own staff to the supplier portal (an e-mail with a
/// link to choose a password, valid for a week).
#[utoipa::path(post, path = "/suppliers/{id}/accounts", tag = ADMIN, operation_id = "adminInviteSupplierAccount",
    params(("id" = i64, Path, description = "The supplier's id")),
    request_body = NewSupplierAccount,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Invited", body = SupplierView),
        (status = 404, description = "No supplier has this id", body = ApiError),
        (status = 422, description = "problem invalid_email, name_missing or email_taken; `field` names where", body = ApiError)))]
async fn invite_account(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<NewSupplierAccount>,
) -> AppResult<(StatusCode, Json<SupplierView>)> {
    staff.require(Permission::ManageSuppliers)?;
    let view =
        crate::workflows::supplier_portal::invite(&state.db, &state.config, &staff.actor, id, &d)
            .await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// What to buy now (采购建议), the most urgent first: items at or below their reorder point
/// once reservations, purchase orders and transfers on the road are counted.
#[utoipa::path(get, path = "/procurement/suggestions", tag = ADMIN, operation_id = "adminPurchaseSuggestions",
    security(("session" = [])),
    responses((status = 200, description = "The suggestions", body = Vec<SuggestionView>)))]
async fn suggestions(
    State(state): State<AppState>,
    staff: Staff,
) -> AppResult<Json<Vec<SuggestionView>>> {
    staff.require(Permission::ViewProcurement)?;
    Ok(Json(flows::suggestions(&state.db).await?))
}

/// The amount above which purchase orders need finance's approval.
#[utoipa::path(get, path = "/procurement/settings", tag = ADMIN, operation_id = "adminProcurementSettings",
    security(("session" = [])),
    responses((status = 200, description = "The settings", body = ProcurementSettings)))]
async fn settings(
    State(state): State<AppState>,
    staff: Staff,
) -> AppResult<Json<ProcurementSettings>> {
    staff.require(Permission::ViewProcurement)?;
    Ok(Json(flows::settings(&state.db).await?))
}

#[utoipa::path(put, path = "/procurement/settings", tag = ADMIN, operation_id = "adminUpdateProcurementSettings",
    request_body = ProcurementSettings,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Saved", body = ProcurementSettings),
        (status = 422, description = "problem threshold_invalid", body = ApiError)))]
async fn update_settings(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(d): ApiJson<ProcurementSettings>,
) -> AppResult<Json<ProcurementSettings>> {
    staff.require(Permission::ManageProcurementSettings)?;
    Ok(Json(
        flows::update_settings(&state.db, &staff.actor, d).await?,
    ))
}

/// Purchase orders, newest first (the latest 500).
#[utoipa::path(get, path = "/purchase-orders", tag = ADMIN, operation_id = "adminPurchaseOrders",
    params(PurchaseOrderQuery),
    security(("session" = [])),
    responses((status = 200, description = "The purchase orders", body = Vec<PurchaseOrderSummary>)))]
async fn orders(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<PurchaseOrderQuery>,
) -> AppResult<Json<Vec<PurchaseOrderSummary>>> {
    staff.require(Permission::ViewProcurement)?;
    Ok(Json(flows::list(&state.db, q.status).await?))
}

const DRAFT_PROBLEMS: &str = "problem no_lines, too_many_lines, quantity_invalid, item_repeated, not_offered (not on the supplier's list), supplier_unknown, supplier_fixed, warehouse or note_too_long; `field` names where";

/// A draft purchase order, priced from the supplier's list.
#[utoipa::path(post, path = "/purchase-orders", tag = ADMIN, operation_id = "adminCreatePurchaseOrder",
    request_body = PurchaseOrderDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created", body = PurchaseOrderView),
        (status = 422, description = DRAFT_PROBLEMS, body = ApiError)))]
async fn create_order(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(d): ApiJson<PurchaseOrderDraft>,
) -> AppResult<(StatusCode, Json<PurchaseOrderView>)> {
    staff.require(Permission::ManagePurchaseOrders)?;
    let view = flows::create(&state.db, &staff.actor, &d).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Drafts from the chosen suggestions: one per supplier.
#[utoipa::path(post, path = "/purchase-orders/from-suggestions", tag = ADMIN, operation_id = "adminPurchaseOrdersFromSuggestions",
    request_body = FromSuggestions,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "The drafts written", body = Vec<PurchaseOrderSummary>),
        (status = 422, description = DRAFT_PROBLEMS, body = ApiError)))]
async fn from_suggestions(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(d): ApiJson<FromSuggestions>,
) -> AppResult<(StatusCode, Json<Vec<PurchaseOrderSummary>>)> {
    staff.require(Permission::ManagePurchaseOrders)?;
    let drafts = flows::from_suggestions(&state.db, &staff.actor, &d).await?;
    Ok((StatusCode::CREATED, Json(drafts)))
}

/// A purchase order with its lines and history.
#[utoipa::path(get, path = "/purchase-orders/{id}", tag = ADMIN, operation_id = "adminPurchaseOrder",
    params(("id" = i64, Path, description = "The purchase order's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The purchase order", body = PurchaseOrderView),
        (status = 404, description = "No purchase order has this id", body = ApiError)))]
async fn order(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<PurchaseOrderView>> {
    staff.require(Permission::ViewProcurement)?;
    Ok(Json(flows::view(&state.db, id).await?))
}

/// A draft's lines, warehouse and note; an approval given is withdrawn.
#[utoipa::path(put, path = "/purchase-orders/{id}", tag = ADMIN, operation_id = "adminUpdatePurchaseOrder",
    params(("id" = i64, Path, description = "The purchase order's id")),
    request_body = PurchaseOrderDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Saved", body = PurchaseOrderView),
        (status = 404, description = "No purchase order has this id", body = ApiError),
        (status = 409, description = "problem not_draft", body = ApiError),
        (status = 422, description = DRAFT_PROBLEMS, body = ApiError)))]
async fn update_order(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<PurchaseOrderDraft>,
) -> AppResult<Json<PurchaseOrderView>> {
    staff.require(Permission::ManagePurchaseOrders)?;
    Ok(Json(flows::update(&state.db, &staff.actor, id, &d).await?))
}

/// Finance approves a draft above the threshold (not its writer).
#[utoipa::path(post, path = "/purchase-orders/{id}/approve", tag = ADMIN, operation_id = "adminApprovePurchaseOrder",
    params(("id" = i64, Path, description = "The purchase order's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Approved", body = PurchaseOrderView),
        (status = 404, description = "No purchase order has this id", body = ApiError),
        (status = 409, description = "problem not_draft, no_approval_needed or approved_by_writer", body = ApiError)))]
async fn approve_order(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<PurchaseOrderView>> {
    staff.require(Permission::ApprovePurchaseOrders)?;
    Ok(Json(flows::approve(&state.db, &staff.actor, id).await?))
}

/// Sends a draft to the supplier.
#[utoipa::path(post, path = "/purchase-orders/{id}/send", tag = ADMIN, operation_id = "adminSendPurchaseOrder",
    params(("id" = i64, Path, description = "The purchase order's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Sent", body = PurchaseOrderView),
        (status = 404, description = "No purchase order has this id", body = ApiError),
        (status = 409, description = "problem not_draft, no_lines, not_approved, approved_by_writer or status_changed", body = ApiError)))]
async fn send_order(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<PurchaseOrderView>> {
    staff.require(Permission::ManagePurchaseOrders)?;
    Ok(Json(flows::send(&state.db, &staff.actor, id).await?))
}

/// Withdraws a purchase order before anything arrived, saying why.
#[utoipa::path(post, path = "/purchase-orders/{id}/cancel", tag = ADMIN, operation_id = "adminCancelPurchaseOrder",
    params(("id" = i64, Path, description = "The purchase order's id")),
    request_body = CancelPurchase,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Cancelled", body = PurchaseOrderView),
        (status = 404, description = "No purchase order has this id", body = ApiError),
        (status = 409, description = "problem not_cancellable or status_changed", body = ApiError),
        (status = 422, description = "problem reason_invalid", body = ApiError)))]
async fn cancel_order(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<CancelPurchase>,
) -> AppResult<Json<PurchaseOrderView>> {
    staff.require(Permission::ManagePurchaseOrders)?;
    Ok(Json(flows::cancel(&state.db, &staff.actor, id, &d).await?))
}
