//! The signed-in staff member: who they are and what they may open, and their own
//! two-factor sign-in (set up, turn on with a first code, turn off with a code).

use crate::api::ApiJson;
use crate::auth::staff::{SignedInStaff, Staff};
use crate::error::AppResult;
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::two_factor;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::staff::{StaffSession, TwoFactorCode, TwoFactorSetup};
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(start_two_factor))
        .routes(routes!(enable_two_factor))
        .routes(routes!(disable_two_factor))
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
