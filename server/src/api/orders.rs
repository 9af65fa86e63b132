//! Checkout: `POST /api/v1/store/orders` (idempotent) and the delivery methods.

use crate::api::auth::ClientIp;
use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::rate_limit::{self, COUPON_MISSES};
use crate::auth::session::OptionalUser;
use crate::db::{orders as repo, shipping};
use crate::error::{AppError, AppResult};
use crate::openapi::CHECKOUT;
use crate::state::AppState;
use crate::workflows::place_order::place_order;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::checkout::{OrderPlaced, OrderView, PlaceOrder};
use shared::shipping::ShippingMethod;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(show))
        .routes(routes!(shipping_methods))
}

/// `Idempotency-Key`: 8–100 visible ASCII characters, chosen by the client per checkout.
pub(crate) fn idempotency_key(headers: &HeaderMap) -> AppResult<String> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or("");
    if (8..=100).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(key.to_string())
    } else {
        Err(AppError::InvalidInput {
            field: Some("Idempotency-Key".into()),
            message: "An Idempotency-Key header of 8 to 100 visible characters is required".into(),
        })
    }
}

/// Place an order.
///
/// The server re-prices every line, reserves stock atomically, applies the coupon and
/// shipping. A repeated Idempotency-Key returns the first answer; the same key with another
/// body is a 422. Guests may order too: the answer's `access_token` lets the buyer pay for
/// and view the order.
#[utoipa::path(post, path = "/orders", tag = CHECKOUT, operation_id = "placeOrder",
    params(("Idempotency-Key" = String, Header,
        description = "Chosen by the client per checkout: 8 to 100 visible ASCII characters",
        min_length = 8, max_length = 100, pattern = r"^[!-~]+$")),
    request_body = PlaceOrder,
    security(("csrf" = [])),
    responses(
        (status = 201, description = "Placed (or the first answer to this Idempotency-Key): number, status, totals, payment deadline and the access token", body = OrderPlaced),
        (status = 409, description = "Not enough stock left (problem out_of_stock)", body = ApiError),
        (status = 422, description = "A rule is broken: problem invalid_email, recipient_missing, invalid_mobile, invalid_phone, invalid_division, detail_missing, country_missing, lines, quantity, variant_unavailable, currency, coupon_unknown, coupon_used_up, coupon_not_started, coupon_expired, coupon_below_minimum_spend, coupon_already_used, coupon_not_yours, coupon_below_threshold, shipping_method_unknown, shipping_unavailable or idempotency_key_reused", body = ApiError),
        (status = 429, description = "Too many unknown coupon codes from this address (20 in 15 minutes); see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn create(
    State(state): State<AppState>,
    OptionalUser(user): OptionalUser,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<PlaceOrder>,
) -> AppResult<Response> {
    let key = idempotency_key(&headers)?;
    let guessing = [format!("coupon-ip:{ip}")];
    if req
        .coupon_code
        .as_deref()
        .is_some_and(|c| !c.trim().is_empty())
    {
        rate_limit::check(&state.db, &guessing, COUPON_MISSES).await?;
    }
    let answer = match place_order(
        &state.db,
        &state.catalog,
        &state.config,
        user.as_ref(),
        &key,
        &req,
    )
    .await
    {
        Err(e @ AppError::Validation { .. }) if e.problem() == Some("coupon_unknown") => {
            rate_limit::record(&state.db, &guessing, COUPON_MISSES).await?;
            return Err(e);
        }
        other => other?,
    };
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::CREATED);
    Ok((
        status,
        [(header::CONTENT_TYPE, "application/json")],
        answer.body,
    )
        .into_response())
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ShowQuery {
    /// The order's access token (from placing it); not needed by its signed-in owner.
    #[serde(default)]
    pub(crate) token: String,
}

/// An order for its buyer.
///
/// The order for its buyer: the signed-in owner, or whoever holds its access token
/// (`?token=`). Anyone else gets 404, whether the number exists or not.
#[utoipa::path(get, path = "/orders/{number}", tag = CHECKOUT, operation_id = "getOrder",
    params(
        ("number" = String, Path, description = "The order number", max_length = 20),
        ShowQuery),
    responses(
        (status = 200, description = "The order", body = OrderView),
        (status = 404, description = "No order of yours has this number (or the token is wrong)", body = ApiError)))]
async fn show(
    State(state): State<AppState>,
    OptionalUser(user): OptionalUser,
    ApiPath(number): ApiPath<String>,
    ApiQuery(q): ApiQuery<ShowQuery>,
) -> AppResult<Json<shared::checkout::OrderView>> {
    let number = shared::orders::OrderNumber::parse(&number).ok_or(AppError::NotFound("order"))?;
    let mut conn = state.db.pool.acquire().await?;
    let token_hash = crate::auth::tokens::hash_token(q.token.trim());
    repo::order_view(
        &mut conn,
        number.as_str(),
        user.map(|u| u.id.0),
        &token_hash,
    )
    .await?
    .map(|mut view| {
        view.region = crate::divisions::region(&view.address);
        Json(view)
    })
    .ok_or(AppError::NotFound("order"))
}

/// Delivery methods with their zone rates (first kg, each further kg, free-over threshold).
#[utoipa::path(get, path = "/shipping-methods", tag = CHECKOUT, operation_id = "listShippingMethods",
    responses((status = 200, description = "The active delivery methods", body = Vec<ShippingMethod>)))]
async fn shipping_methods(
    State(state): State<AppState>,
) -> AppResult<Json<Vec<shared::shipping::ShippingMethod>>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(shipping::active_methods(&mut conn).await?))
}
