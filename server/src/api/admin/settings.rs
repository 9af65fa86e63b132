//! The shop's security settings (permission `manage_security`, owners).

use crate::api::ApiJson;
use crate::auth::staff::Staff;
use crate::db::audit;
use crate::db::{settings, staff as staff_repo};
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use shared::audit::{AuditAction, Changes};
use shared::staff::{Permission, SecuritySettings, StaffProblem};
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(show, update))
}

#[utoipa::path(get, path = "/settings/security", tag = ADMIN, operation_id = "adminGetSecuritySettings",
    security(("session" = [])),
    responses((status = 200, description = "The settings", body = SecuritySettings)))]
async fn show(State(state): State<AppState>, staff: Staff) -> AppResult<Json<SecuritySettings>> {
    staff.require(Permission::ManageSecurity)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(SecuritySettings {
        owners_need_two_factor: settings::get_flag(&mut conn, settings::OWNERS_NEED_TWO_FACTOR)
            .await?,
    }))
}

/// Change the settings. Requiring two-factor sign-in of owners needs it turned on for
/// yourself first, so nobody locks themselves out by surprise.
#[utoipa::path(put, path = "/settings/security", tag = ADMIN, operation_id = "adminUpdateSecuritySettings",
    request_body = SecuritySettings,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The settings now", body = SecuritySettings),
        (status = 422, description = "problem enable_your_own_two_factor_first", body = ApiError)))]
async fn update(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(req): ApiJson<SecuritySettings>,
) -> AppResult<Json<SecuritySettings>> {
    staff.require(Permission::ManageSecurity)?;
    let mut tx = state.db.begin_write().await?;
    let before = settings::get_flag(&mut tx, settings::OWNERS_NEED_TWO_FACTOR).await?;
    if req.owners_need_two_factor && !before {
        let mine = staff_repo::two_factor(&mut tx, staff.me.id).await?;
        if mine.secret.is_none() {
            return Err(AppError::from(StaffProblem::EnableYourOwnTwoFactorFirst)
                .at("owners_need_two_factor"));
        }
    }
    if before != req.owners_need_two_factor {
        settings::set_flag(
            &mut tx,
            settings::OWNERS_NEED_TWO_FACTOR,
            req.owners_need_two_factor,
        )
        .await?;
        let changes = Changes::new().field(
            "owners_need_two_factor",
            Some(before.to_string()),
            Some(req.owners_need_two_factor.to_string()),
        );
        audit::record(
            &mut tx,
            &staff.actor,
            AuditAction::SettingsSecurity,
            settings::OWNERS_NEED_TWO_FACTOR,
            changes,
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(req))
}
