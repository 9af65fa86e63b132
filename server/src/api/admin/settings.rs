//! The shop's security settings (permission `manage_security`, owners).

use crate::api::ApiJson;
use crate::auth::staff::Staff;
use crate::error::AppResult;
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::settings;
use axum::extract::State;
use axum::Json;
use shared::staff::{Permission, SecuritySettings};
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
    Ok(Json(settings::read(&state.db).await?))
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
    Ok(Json(settings::update(&state.db, &staff.actor, req).await?))
}
