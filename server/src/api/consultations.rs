//! The customer's questions to customer service (咨询): ask (before buying, about an order,
//! or anything), read the thread, write again, and rate the service once resolved. Another
//! customer's consultation answers 404, exactly as one that does not exist.

use crate::api::{ApiJson, ApiPath};
use crate::auth::session::CurrentUser;
use crate::db::consultations as repo;
use crate::db::now_millis;
use crate::error::{AppError, AppResult};
use crate::openapi::ACCOUNT;
use crate::state::AppState;
use crate::workflows::consultations as flows;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::service::consultations::{
    Author, ConsultationRating, ConsultationRow, ConsultationView, NewConsultation, NewMessage,
};
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(mine, ask))
        .routes(routes!(show))
        .routes(routes!(write))
        .routes(routes!(rate))
}

/// The customer's consultations, newest first (at most a hundred).
#[utoipa::path(get, path = "/account/consultations", tag = ACCOUNT, operation_id = "listMyConsultations",
    security(("session" = [])),
    responses((status = 200, description = "The customer's consultations", body = Vec<ConsultationRow>)))]
async fn mine(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> AppResult<Json<Vec<ConsultationRow>>> {
    let mut conn = state.db.pool.acquire().await?;
    let levels = repo::service_levels(&mut conn).await?;
    Ok(Json(
        repo::mine(&mut conn, me.id.0, &levels, now_millis()).await?,
    ))
}

/// Consultation `id` for its customer, who has then read it.
async fn answer(state: &AppState, id: i64, user: i64) -> AppResult<Json<ConsultationView>> {
    let mut conn = state.db.pool.acquire().await?;
    if repo::state(&mut conn, id, Some(user)).await?.is_none() {
        return Err(AppError::NotFound("consultation"));
    }
    repo::mark_read(&mut conn, id, Author::Customer).await?;
    let levels = repo::service_levels(&mut conn).await?;
    repo::view(&mut conn, id, &levels, now_millis(), false)
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("consultation"))
}

/// Ask customer service: before buying (`pre_sale`, with the product's slug), about one of
/// your orders (`order`, with its number) or anything else (`other`).
#[utoipa::path(post, path = "/account/consultations", tag = ACCOUNT, operation_id = "askQuestion",
    request_body = NewConsultation,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Asked: the consultation", body = ConsultationView),
        (status = 404, description = "No order of yours has this number", body = ApiError),
        (status = 422, description = "problem subject, body, product (none, or no such product), order, product_not_for_topic or order_not_for_topic", body = ApiError)))]
async fn ask(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiJson(req): ApiJson<NewConsultation>,
) -> AppResult<(StatusCode, Json<ConsultationView>)> {
    let id = flows::ask(&state.db, me.id.0, &req).await?;
    Ok((StatusCode::CREATED, answer(&state, id, me.id.0).await?))
}

/// One of the customer's consultations with its messages.
#[utoipa::path(get, path = "/account/consultations/{id}", tag = ACCOUNT, operation_id = "getMyConsultation",
    params(("id" = i64, Path, description = "The consultation's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The consultation", body = ConsultationView),
        (status = 404, description = "No consultation of yours has this id", body = ApiError)))]
async fn show(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ConsultationView>> {
    answer(&state, id, me.id.0).await
}

/// Write again in a consultation (a resolved one opens again).
#[utoipa::path(post, path = "/account/consultations/{id}/messages", tag = ACCOUNT, operation_id = "writeInConsultation",
    params(("id" = i64, Path, description = "The consultation's id")),
    request_body = NewMessage,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Written: the consultation", body = ConsultationView),
        (status = 404, description = "No consultation of yours has this id", body = ApiError),
        (status = 409, description = "problem closed", body = ApiError),
        (status = 422, description = "problem body (1 to 4,000 characters)", body = ApiError)))]
async fn write(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<NewMessage>,
) -> AppResult<Json<ConsultationView>> {
    flows::customer_writes(&state.db, me.id.0, id, &req).await?;
    answer(&state, id, me.id.0).await
}

/// Rate the service (1 to 5) once the consultation is resolved, once.
#[utoipa::path(post, path = "/account/consultations/{id}/rating", tag = ACCOUNT, operation_id = "rateConsultation",
    params(("id" = i64, Path, description = "The consultation's id")),
    request_body = ConsultationRating,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Rated: the consultation", body = ConsultationView),
        (status = 404, description = "No consultation of yours has this id", body = ApiError),
        (status = 409, description = "problem not_resolved or already_rated", body = ApiError),
        (status = 422, description = "problem rating (1 to 5) or comment_too_long", body = ApiError)))]
async fn rate(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ConsultationRating>,
) -> AppResult<Json<ConsultationView>> {
    flows::rate(&state.db, me.id.0, id, &req).await?;
    answer(&state, id, me.id.0).await
}
