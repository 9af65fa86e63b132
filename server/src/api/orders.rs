//! Checkout: `POST /api/v1/store/orders` (idempotent) and the delivery methods.

use crate::api::auth::ClientIp;
use crate::api::ApiJson;
use crate::auth::rate_limit::{self, COUPON_MISSES};
use crate::auth::session::OptionalUser;
use crate::db::{orders as repo, shipping};
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use crate::workflows::place_order::place_order;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::checkout::PlaceOrder;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orders", post(create))
        .route("/orders/{number}", get(show))
        .route("/shipping-methods", get(shipping_methods))
}

/// `Idempotency-Key`: 8–100 visible ASCII characters, chosen by the client per checkout.
fn idempotency_key(headers: &HeaderMap) -> AppResult<String> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or("");
    if (8..=100).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(key.to_string())
    } else {
        Err(AppError::BadRequest(
            "An Idempotency-Key header of 8 to 100 visible characters is required".into(),
        ))
    }
}

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
    let answer = match place_order(&state.db, &state.config, user.as_ref(), &key, &req).await {
        Err(AppError::Validation { problem, message }) if problem == "coupon_unknown" => {
            rate_limit::record(&state.db, &guessing, COUPON_MISSES).await?;
            return Err(AppError::Validation { problem, message });
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

#[derive(serde::Deserialize)]
struct ShowQuery {
    #[serde(default)]
    token: String,
}

/// The order for its buyer: the signed-in owner, or whoever holds its access token
/// (`?token=`). Anyone else gets 404, whether the number exists or not.
async fn show(
    State(state): State<AppState>,
    OptionalUser(user): OptionalUser,
    axum::extract::Path(number): axum::extract::Path<String>,
    axum::extract::Query(q): axum::extract::Query<ShowQuery>,
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

async fn shipping_methods(
    State(state): State<AppState>,
) -> AppResult<Json<Vec<shared::shipping::ShippingMethod>>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(shipping::active_methods(&mut conn).await?))
}
