//! Repairs under warranty for the customer (保修维修): ask for a repair of a line of one of
//! your delivered orders while its warranty runs. The repairs and their steps show in the
//! order's tracking (`GET /orders/{number}/tracking`). Another's order answers 404, exactly
//! as an order that does not exist.

use crate::api::{ApiJson, ApiPath};
use crate::auth::session::CurrentUser;
use crate::db::{repairs as repo, tracking};
use crate::error::{AppError, AppResult};
use crate::openapi::ACCOUNT;
use crate::state::AppState;
use crate::workflows::repairs as flows;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::after_sales::repairs::NewRepair;
use shared::orders::tracking::OrderTracking;
use shared::orders::OrderNumber;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(request_repair))
}

/// Ask for a repair of a line of your delivered order, within its product's warranty (one
/// year after delivery unless the product says otherwise): what is wrong, and photos
/// uploaded for the order first (`POST /orders/{number}/photos?purpose=repair`). One repair
/// of a line is under way at a time. Answers the order with the repair in its timeline.
#[utoipa::path(post, path = "/orders/{number}/repairs", tag = ACCOUNT, operation_id = "requestRepair",
    params(("number" = String, Path, description = "The order number", max_length = 20)),
    request_body = NewRepair,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Asked: the order with its repairs and timeline", body = OrderTracking),
        (status = 404, description = "No order of yours has this number", body = ApiError),
        (status = 409, description = "problem not_delivered, warranty_over or already_open (a repair of this line is under way)", body = ApiError),
        (status = 422, description = "problem line (the order has no such line), description (1 to 2,000 characters) or photos (more than six, one twice, or one not uploaded for this order)", body = ApiError)))]
async fn request_repair(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiPath(number): ApiPath<String>,
    ApiJson(req): ApiJson<NewRepair>,
) -> AppResult<(StatusCode, Json<OrderTracking>)> {
    let number = OrderNumber::parse(&number).ok_or(AppError::NotFound("order"))?;
    let order = {
        let mut conn = state.db.pool.acquire().await?;
        repo::order_of(&mut conn, me.id.0, number.as_str())
            .await?
            .ok_or(AppError::NotFound("order"))?
    };
    flows::request(&state.db, me.id.0, order, &req).await?;
    let mut conn = state.db.pool.acquire().await?;
    let view = tracking::view(&mut conn, number.as_str())
        .await?
        .ok_or(AppError::NotFound("order"))?;
    let days = state.config.return_window_days;
    Ok((
        StatusCode::CREATED,
        Json(tracking::load(&mut conn, order, view, days).await?),
    ))
}
