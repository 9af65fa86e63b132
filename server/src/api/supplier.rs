//! The supplier portal's API (`/api/v1/supplier/*`): signing in with a supplier account
//! (its own cookie), and the purchase orders of the account's supplier only — another
//! supplier's are not found. Confirming, moving dates and announcing shipments are the
//! supplier's steps of a purchase order.

use crate::api::auth::ClientIp;
use crate::api::{ApiJson, ApiPath};
use crate::auth::rate_limit::{self, LOGIN_FAILURES};
use crate::auth::supplier::{self as session, SupplierUser};
use crate::db::supplier_portal as repo;
use crate::error::{AppError, AppResult};
use crate::openapi::SUPPLIER;
use crate::state::AppState;
use crate::workflows::supplier_portal as flows;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::customers::Email;
use shared::procurement::portal::{
    AcceptSupplierInvitation, AnnounceShipment, ConfirmOrder, MoveDates, PortalProblem,
    SupplierLogin, SupplierMe, SupplierOrderSummary, SupplierOrderView,
};
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(accept))
        .routes(routes!(me))
        .routes(routes!(orders))
        .routes(routes!(order))
        .routes(routes!(confirm))
        .routes(routes!(move_dates))
        .routes(routes!(announce))
}

fn signed_in(status: StatusCode, cookie: &str, me: Option<SupplierMe>) -> Response {
    let mut res = match me {
        Some(me) => (status, Json(me)).into_response(),
        None => status.into_response(),
    };
    if let Ok(v) = cookie.parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// Sign in to the supplier portal (a new `sk_supplier` cookie).
#[utoipa::path(post, path = "/auth/login", tag = SUPPLIER, operation_id = "supplierLogin",
    request_body = SupplierLogin,
    security(("csrf" = [])),
    responses(
        (status = 200, description = "Signed in", body = SupplierMe),
        (status = 422, description = "problem invalid_credentials", body = ApiError),
        (status = 429, description = "Too many failed attempts for this account or address; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<SupplierLogin>,
) -> AppResult<Response> {
    let invalid = || AppError::rule(PortalProblem::InvalidCredentials);
    let email = Email::parse(&req.email).map_err(|_| invalid())?;
    let keys = [
        format!("supplier-login-ip:{ip}"),
        format!("supplier-login-email:{}", email.as_str()),
    ];
    rate_limit::check(&state.db, &keys, LOGIN_FAILURES).await?;
    let found = {
        let mut conn = state.db.pool.acquire().await?;
        repo::credentials(&mut conn, email.as_str()).await?
    };
    let stored = found.as_ref().map(|(hash, _)| hash.clone());
    // always verify (against a decoy when there is no account): same time either way
    let ok = state.hasher.verify(req.password, stored).await;
    let Some((_, me)) = found.filter(|_| ok) else {
        rate_limit::record(&state.db, &keys, LOGIN_FAILURES).await?;
        return Err(invalid());
    };
    crate::db::accounts::clear_attempts(&state.db, &keys[1]).await?;
    // a fresh token at every sign-in: a planted one is worth nothing
    session::end(&state.db, &headers, false).await?;
    let cookie = session::start(&state.db, me.account, state.secure_cookies()).await?;
    Ok(signed_in(StatusCode::OK, &cookie, Some(me)))
}

/// Sign out of the supplier portal.
#[utoipa::path(post, path = "/auth/logout", tag = SUPPLIER, operation_id = "supplierLogout",
    security(("csrf" = [])),
    responses((status = 204, description = "Signed out")))]
async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let cookie = session::end(&state.db, &headers, state.secure_cookies()).await?;
    Ok(signed_in(StatusCode::NO_CONTENT, &cookie, None))
}

/// Choose a password with the invitation's token, once, and sign in.
#[utoipa::path(post, path = "/auth/accept", tag = SUPPLIER, operation_id = "supplierAcceptInvitation",
    request_body = AcceptSupplierInvitation,
    security(("csrf" = [])),
    responses(
        (status = 200, description = "Password chosen, signed in", body = SupplierMe),
        (status = 422, description = "problem invitation_invalid, password_too_short or password_too_common", body = ApiError)))]
async fn accept(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<AcceptSupplierInvitation>,
) -> AppResult<Response> {
    crate::api::auth::check_new_password(&req.password).map_err(|e| e.at("password"))?;
    let hash = state.hasher.hash(req.password).await?;
    let me = flows::accept(&state.db, &req.token, &hash).await?;
    let cookie = session::start(&state.db, me.account, state.secure_cookies()).await?;
    Ok(signed_in(StatusCode::OK, &cookie, Some(me)))
}

/// The signed-in supplier account and its company.
#[utoipa::path(get, path = "/me", tag = SUPPLIER, operation_id = "supplierMe",
    security(("supplier_session" = [])),
    responses((status = 200, description = "The account", body = SupplierMe)))]
async fn me(SupplierUser(me): SupplierUser) -> Json<SupplierMe> {
    Json(me)
}

/// The supplier's purchase orders once sent to them, newest first.
#[utoipa::path(get, path = "/purchase-orders", tag = SUPPLIER, operation_id = "supplierPurchaseOrders",
    security(("supplier_session" = [])),
    responses((status = 200, description = "Their purchase orders", body = Vec<SupplierOrderSummary>)))]
async fn orders(
    State(state): State<AppState>,
    SupplierUser(me): SupplierUser,
) -> AppResult<Json<Vec<SupplierOrderSummary>>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(repo::orders(&mut conn, me.supplier).await?))
}

/// One of their purchase orders with its lines, shipments and steps.
#[utoipa::path(get, path = "/purchase-orders/{id}", tag = SUPPLIER, operation_id = "supplierPurchaseOrder",
    params(("id" = i64, Path, description = "The purchase order's id")),
    security(("supplier_session" = [])),
    responses(
        (status = 200, description = "The purchase order", body = SupplierOrderView),
        (status = 404, description = "No purchase order of theirs has this id", body = ApiError)))]
async fn order(
    State(state): State<AppState>,
    SupplierUser(me): SupplierUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<SupplierOrderView>> {
    Ok(Json(flows::order(&state.db, &me, id).await?))
}

/// Confirm a sent purchase order (every line as ordered, with the promised date), or
/// propose other quantities (it goes back to the buyer).
#[utoipa::path(post, path = "/purchase-orders/{id}/confirm", tag = SUPPLIER, operation_id = "supplierConfirmPurchaseOrder",
    params(("id" = i64, Path, description = "The purchase order's id")),
    request_body = ConfirmOrder,
    security(("supplier_session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Confirmed, or proposed", body = SupplierOrderView),
        (status = 404, description = "No purchase order of theirs has this id", body = ApiError),
        (status = 409, description = "problem not_awaiting_confirmation or status_changed", body = ApiError),
        (status = 422, description = "problem lines_mismatch, item_repeated, quantity_invalid, date_invalid or too_long; `field` names where", body = ApiError)))]
async fn confirm(
    State(state): State<AppState>,
    SupplierUser(me): SupplierUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ConfirmOrder>,
) -> AppResult<Json<SupplierOrderView>> {
    Ok(Json(flows::confirm(&state.db, &me, id, &req).await?))
}

/// Move the expected date of lines of a confirmed order (the first promise is kept).
#[utoipa::path(post, path = "/purchase-orders/{id}/dates", tag = SUPPLIER, operation_id = "supplierMoveDates",
    params(("id" = i64, Path, description = "The purchase order's id")),
    request_body = MoveDates,
    security(("supplier_session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Moved", body = SupplierOrderView),
        (status = 404, description = "No purchase order of theirs has this id", body = ApiError),
        (status = 409, description = "problem not_open", body = ApiError),
        (status = 422, description = "problem lines_mismatch, item_repeated or date_invalid; `field` names where", body = ApiError)))]
async fn move_dates(
    State(state): State<AppState>,
    SupplierUser(me): SupplierUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<MoveDates>,
) -> AppResult<Json<SupplierOrderView>> {
    Ok(Json(flows::move_dates(&state.db, &me, id, &req).await?))
}

/// Announce a shipment (advance shipping notice) with the units of each line.
#[utoipa::path(post, path = "/purchase-orders/{id}/shipments", tag = SUPPLIER, operation_id = "supplierAnnounceShipment",
    params(("id" = i64, Path, description = "The purchase order's id")),
    request_body = AnnounceShipment,
    security(("supplier_session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Announced", body = SupplierOrderView),
        (status = 404, description = "No purchase order of theirs has this id", body = ApiError),
        (status = 409, description = "problem not_open or too_many_shipments", body = ApiError),
        (status = 422, description = "problem lines_mismatch, item_repeated, quantity_invalid, too_many, date_invalid or too_long; `field` names where", body = ApiError)))]
async fn announce(
    State(state): State<AppState>,
    SupplierUser(me): SupplierUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<AnnounceShipment>,
) -> AppResult<Json<SupplierOrderView>> {
    Ok(Json(flows::announce(&state.db, &me, id, &req).await?))
}
