//! Reviews in the back office (评价): the list to moderate, hiding one with the reason or
//! showing it again, and the shop's public answer (`moderate_reviews`).

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::db::reviews as repo;
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::reviews as flows;
use axum::extract::State;
use axum::Json;
use shared::list::{PageRequest, Paged};
use shared::reviews::{ReviewQuery, ReviewText, StaffReview};
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(hide))
        .routes(routes!(show))
        .routes(routes!(reply))
}

/// The reviews, newest first, twenty to a page.
#[utoipa::path(get, path = "/reviews", tag = ADMIN, operation_id = "adminReviews",
    params(ReviewQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of reviews", body = Paged<StaffReview>),
        (status = 422, description = "problem page or rating", body = ApiError)))]
async fn list(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<ReviewQuery>,
) -> AppResult<Json<Paged<StaffReview>>> {
    staff.require(Permission::ModerateReviews)?;
    if q.rating.is_some_and(|r| !(1..=5).contains(&r)) {
        return Err(AppError::validation("rating", "Stars are 1 to 5").at("rating"));
    }
    let page = PageRequest::parse(q.page, Some(20)).map_err(|p| AppError::rule(p).at(p.field()))?;
    let mut conn = state.db.pool.acquire().await?;
    let (items, total) = repo::staff_list(&mut conn, &q, page).await?;
    let sees = sees_customers(&staff);
    let items = items.into_iter().map(|r| r.for_viewer(sees)).collect();
    Ok(Json(page.of(items, total)))
}

fn sees_customers(staff: &Staff) -> bool {
    staff.roles.allow(Permission::ViewOrders)
}

async fn answer(state: &AppState, staff: &Staff, id: i64) -> AppResult<Json<StaffReview>> {
    let mut conn = state.db.pool.acquire().await?;
    repo::staff_one(&mut conn, id)
        .await?
        .map(|r| Json(r.for_viewer(sees_customers(staff))))
        .ok_or(AppError::NotFound("review"))
}

/// Hide a review from the product page (and its average), with the reason its writer is
/// told.
#[utoipa::path(post, path = "/reviews/{id}/hide", tag = ADMIN, operation_id = "adminHideReview",
    params(("id" = i64, Path, description = "The review's id")),
    request_body = ReviewText,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Hidden", body = StaffReview),
        (status = 404, description = "No such review", body = ApiError),
        (status = 422, description = "problem reply (the reason: 1 to 1,000 characters)", body = ApiError)))]
async fn hide(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ReviewText>,
) -> AppResult<Json<StaffReview>> {
    staff.require(Permission::ModerateReviews)?;
    flows::set_hidden(&state.db, &staff.actor, id, Some(&req.text)).await?;
    answer(&state, &staff, id).await
}

/// Show a hidden review again.
#[utoipa::path(post, path = "/reviews/{id}/show", tag = ADMIN, operation_id = "adminShowReview",
    params(("id" = i64, Path, description = "The review's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Shown", body = StaffReview),
        (status = 404, description = "No such review", body = ApiError)))]
async fn show(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<StaffReview>> {
    staff.require(Permission::ModerateReviews)?;
    flows::set_hidden(&state.db, &staff.actor, id, None).await?;
    answer(&state, &staff, id).await
}

/// Answer a review in public, under it on the product page (an empty text takes the
/// answer back).
#[utoipa::path(post, path = "/reviews/{id}/reply", tag = ADMIN, operation_id = "adminReplyReview",
    params(("id" = i64, Path, description = "The review's id")),
    request_body = ReviewText,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Answered", body = StaffReview),
        (status = 404, description = "No such review", body = ApiError),
        (status = 422, description = "problem reply (at most 1,000 characters)", body = ApiError)))]
async fn reply(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ReviewText>,
) -> AppResult<Json<StaffReview>> {
    staff.require(Permission::ModerateReviews)?;
    flows::reply(&state.db, &staff.actor, id, &req.text).await?;
    answer(&state, &staff, id).await
}
