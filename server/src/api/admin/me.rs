//! The signed-in staff member: who they are and what they may open, and their own
//! two-factor sign-in (set up, turn on with a first code, turn off with a code).

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::{SignedInStaff, Staff};
use crate::error::AppResult;
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::two_factor;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::staff::{StaffSession, TwoFactorCode, TwoFactorSetup};
use shared::views::{NewSavedView, SavedView, ViewPage};
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(start_two_factor))
        .routes(routes!(enable_two_factor))
        .routes(routes!(disable_two_factor))
        .routes(routes!(views, save_view))
        .routes(routes!(delete_view))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ViewsQuery {
    #[param(inline)]
    page: ViewPage,
}

/// My saved views of a list, by name.
#[utoipa::path(get, path = "/me/views", tag = ADMIN, operation_id = "adminMyViews",
    params(ViewsQuery),
    security(("session" = [])),
    responses((status = 200, description = "The views", body = Vec<SavedView>)))]
async fn views(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<ViewsQuery>,
) -> AppResult<Json<Vec<SavedView>>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(
        crate::db::views::list(&mut conn, staff.me.id.0, q.page).await?,
    ))
}

/// Keeps the list's filters under a name (a view of the same name is replaced).
#[utoipa::path(post, path = "/me/views", tag = ADMIN, operation_id = "adminSaveView",
    request_body = NewSavedView,
    security(("session" = [], "csrf" = [])),
    responses((status = 201, description = "Kept: my views of that list", body = Vec<SavedView>),
        (status = 422, description = "No name, or a name or query too long", body = ApiError)))]
async fn save_view(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(req): ApiJson<NewSavedView>,
) -> AppResult<(StatusCode, Json<Vec<SavedView>>)> {
    let name = req.name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return Err(crate::error::AppError::validation(
            "name",
            "A view's name has 1 to 40 characters",
        )
        .at("name"));
    }
    let query = shared::views::tidy_query(&req.query).ok_or_else(|| {
        crate::error::AppError::validation("query", "That is not a list's query").at("query")
    })?;
    let mut tx = state.db.begin_write().await?;
    crate::db::views::save(&mut tx, staff.me.id.0, req.page, name, &query).await?;
    let all = crate::db::views::list(&mut tx, staff.me.id.0, req.page).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(all)))
}

/// Forgets one of my views.
#[utoipa::path(delete, path = "/me/views/{id}", tag = ADMIN, operation_id = "adminDeleteView",
    params(("id" = i64, Path, description = "The view's id")),
    security(("session" = [], "csrf" = [])),
    responses((status = 204, description = "Forgotten"),
        (status = 404, description = "I have no view with this id", body = ApiError)))]
async fn delete_view(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    let mut tx = state.db.begin_write().await?;
    if !crate::db::views::delete(&mut tx, staff.me.id.0, id).await? {
        return Err(crate::error::AppError::NotFound("view"));
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who is signed in to the back office, their roles, permissions and the modules they may
/// open. Answers also while an owner must still turn on a required second factor.
#[utoipa::path(get, path = "/me", tag = ADMIN, operation_id = "adminMe",
    security(("session" = [])),
    responses((status = 200, description = "The staff member's session", body = StaffSession)))]
async fn me(staff: SignedInStaff) -> Json<StaffSession> {
    Json(StaffSession::new(
        staff.me.id,
        staff.me.email,
        staff.me.display_name,
        staff.roles,
        staff.two_factor,
        staff.owners_need_two_factor,
    ))
}

/// Step one of turning on two-factor sign-in: a new secret to scan into an authenticator
/// app. Nothing changes until a code from it is confirmed.
#[utoipa::path(post, path = "/me/two-factor/setup", tag = ADMIN, operation_id = "adminStartTwoFactor",
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The secret, its link and QR code", body = TwoFactorSetup),
        (status = 409, description = "Two-factor sign-in is on already (problem two_factor_on)", body = ApiError)))]
async fn start_two_factor(
    State(state): State<AppState>,
    staff: SignedInStaff,
) -> AppResult<Json<TwoFactorSetup>> {
    let setup =
        two_factor::start(&state.db, staff.me.id, &staff.me.email, staff.two_factor).await?;
    Ok(Json(setup))
}

/// Step two: a code from the app proves it holds the secret; two-factor sign-in is on.
#[utoipa::path(post, path = "/me/two-factor/enable", tag = ADMIN, operation_id = "adminEnableTwoFactor",
    request_body = TwoFactorCode,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Two-factor sign-in is on"),
        (status = 409, description = "Already on (two_factor_on), or set-up was not started (two_factor_not_started)", body = ApiError),
        (status = 422, description = "problem two_factor_code_wrong or two_factor_code_reused", body = ApiError),
        (status = 429, description = "Too many codes; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn enable_two_factor(
    State(state): State<AppState>,
    staff: SignedInStaff,
    ApiJson(req): ApiJson<TwoFactorCode>,
) -> AppResult<StatusCode> {
    two_factor::enable(&state.db, &staff.actor, staff.two_factor, &req.code).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Turn two-factor sign-in off (with a current code). Owners cannot while the shop
/// requires it of them.
#[utoipa::path(post, path = "/me/two-factor/disable", tag = ADMIN, operation_id = "adminDisableTwoFactor",
    request_body = TwoFactorCode,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Two-factor sign-in is off"),
        (status = 409, description = "It is off already (problem two_factor_off)", body = ApiError),
        (status = 422, description = "problem two_factor_code_wrong, two_factor_code_reused or owners_need_two_factor", body = ApiError),
        (status = 429, description = "Too many codes; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn disable_two_factor(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(req): ApiJson<TwoFactorCode>,
) -> AppResult<StatusCode> {
    two_factor::disable(&state.db, &staff.actor, &staff.roles, &req.code).await?;
    Ok(StatusCode::NO_CONTENT)
}
