//! The signed-in staff member: who they are and what they may open, and their own
//! two-factor sign-in (set up, turn on with a first code, turn off with a code).

use crate::api::ApiJson;
use crate::auth::rate_limit::{self, TWO_FACTOR_FAILURES};
use crate::auth::staff::{SignedInStaff, Staff};
use crate::auth::totp;
use crate::db::audit::{self, ActorRef};
use crate::db::staff as repo;
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::audit::{AuditAction, Changes};
use shared::ids::UserId;
use shared::staff::{StaffRole, StaffSession, TwoFactorCode, TwoFactorSetup};
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
    if staff.two_factor {
        return Err(already_on());
    }
    let secret = totp::new_secret();
    let setup = totp::setup(&secret, &staff.me.email)?;
    let mut conn = state.db.pool.acquire().await?;
    repo::set_pending_secret(&mut conn, staff.me.id, &secret).await?;
    Ok(Json(setup))
}

fn already_on() -> AppError {
    AppError::Conflict {
        problem: "two_factor_on".into(),
        message: "two-factor sign-in is on already".into(),
    }
}

/// Checks a code against `secret` inside the caller's transaction. A wrong one ends the
/// transaction and is counted (after, so the count is not written while the transaction
/// holds SQLite's write lock).
async fn check_code(
    state: &AppState,
    mut tx: sqlx::Transaction<'static, sqlx::Any>,
    user: UserId,
    secret: &str,
    code: &str,
) -> AppResult<sqlx::Transaction<'static, sqlx::Any>> {
    match totp::check_and_claim(&mut tx, user, secret, code).await? {
        Ok(()) => Ok(tx),
        Err(problem) => {
            tx.rollback().await?;
            rate_limit::record(&state.db, &totp::failure_keys(user), TWO_FACTOR_FAILURES).await?;
            Err(problem.into())
        }
    }
}

/// Step two: a code from the app proves it holds the secret; two-factor sign-in is on.
#[utoipa::path(post, path = "/me/two-factor/enable", tag = ADMIN, operation_id = "adminEnableTwoFactor",
    request_body = TwoFactorCode,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Two-factor sign-in is on"),
        (status = 409, description = "Already on (two_factor_on), or set-up was not started (two_factor_not_started)", body = ApiError),
        (status = 422, description = "problem two_factor_code_wrong or two_factor_code_reused", body = ApiError),
        (status = 429, description = "Too many wrong codes; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn enable_two_factor(
    State(state): State<AppState>,
    staff: SignedInStaff,
    ApiJson(req): ApiJson<TwoFactorCode>,
) -> AppResult<StatusCode> {
    if staff.two_factor {
        return Err(already_on());
    }
    rate_limit::check(
        &state.db,
        &totp::failure_keys(staff.me.id),
        TWO_FACTOR_FAILURES,
    )
    .await?;
    let mut tx = state.db.begin_write().await?;
    let Some(pending) = repo::two_factor(&mut tx, staff.me.id).await?.pending else {
        return Err(AppError::Conflict {
            problem: "two_factor_not_started".into(),
            message: "start the set-up first".into(),
        });
    };
    let mut tx = check_code(&state, tx, staff.me.id, &pending, &req.code).await?;
    repo::enable_two_factor(&mut tx, staff.me.id).await?;
    record(
        &mut tx,
        &staff.actor,
        AuditAction::StaffEnableTwoFactor,
        true,
    )
    .await?;
    tx.commit().await?;
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
        (status = 429, description = "Too many wrong codes; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn disable_two_factor(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(req): ApiJson<TwoFactorCode>,
) -> AppResult<StatusCode> {
    rate_limit::check(
        &state.db,
        &totp::failure_keys(staff.me.id),
        TWO_FACTOR_FAILURES,
    )
    .await?;
    let mut tx = state.db.begin_write().await?;
    let Some(secret) = repo::two_factor(&mut tx, staff.me.id).await?.secret else {
        return Err(AppError::Conflict {
            problem: "two_factor_off".into(),
            message: "two-factor sign-in is off already".into(),
        });
    };
    let required =
        crate::db::settings::get_flag(&mut tx, crate::db::settings::OWNERS_NEED_TWO_FACTOR).await?;
    if required && staff.roles.contains(StaffRole::Owner) {
        return Err(AppError::validation(
            "owners_need_two_factor",
            "the shop requires owners to use two-factor sign-in",
        ));
    }
    let mut tx = check_code(&state, tx, staff.me.id, &secret, &req.code).await?;
    repo::disable_two_factor(&mut tx, staff.me.id).await?;
    record(
        &mut tx,
        &staff.actor,
        AuditAction::StaffDisableTwoFactor,
        false,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn record(
    conn: &mut sqlx::AnyConnection,
    actor: &ActorRef,
    action: AuditAction,
    on: bool,
) -> Result<(), sqlx::Error> {
    let changes = Changes::new().field("two_factor", Some((!on).to_string()), Some(on.to_string()));
    audit::record(conn, actor, action, &actor.id.to_string(), changes, "").await
}
