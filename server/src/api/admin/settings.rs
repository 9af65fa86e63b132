//! The shop's settings: security (permission `manage_security`, owners) and the carriers
//! staff ship with (`manage_shipping`).

use crate::api::ApiJson;
use crate::auth::staff::Staff;
use crate::error::AppResult;
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::settings;
use axum::extract::State;
use axum::Json;
use shared::fulfilment::{Carrier, CarrierSettings};
use shared::staff::{Permission, SecuritySettings};
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show, update))
        .routes(routes!(carriers, update_carriers))
}

/// The carriers staff may ship with (anyone who ships may read them).
#[utoipa::path(get, path = "/settings/carriers", tag = ADMIN, operation_id = "adminGetCarriers",
    security(("session" = [])),
    responses((status = 200, description = "The enabled carriers", body = CarrierSettings)))]
async fn carriers(State(state): State<AppState>, staff: Staff) -> AppResult<Json<CarrierSettings>> {
    staff.require(Permission::ViewFulfilment)?;
    let mut conn = state.db.pool.acquire().await?;
    let text = crate::db::settings::get_text(&mut conn, crate::db::settings::CARRIERS).await?;
    Ok(Json(
        text.as_deref()
            .map_or_else(CarrierSettings::all, CarrierSettings::parse),
    ))
}

/// Chooses the carriers staff may ship with (at least one).
#[utoipa::path(put, path = "/settings/carriers", tag = ADMIN, operation_id = "adminUpdateCarriers",
    request_body = CarrierSettings,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The carriers now", body = CarrierSettings),
        (status = 422, description = "None chosen (problem no_carrier), or more entries than carriers", body = ApiError)))]
async fn update_carriers(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(req): ApiJson<CarrierSettings>,
) -> AppResult<Json<CarrierSettings>> {
    staff.require(Permission::ManageShipping)?;
    if req.enabled.len() > Carrier::ALL.len() {
        return Err(crate::error::AppError::validation(
            "too_many_carriers",
            "At most one entry per carrier",
        )
        .at("enabled"));
    }
    if req.enabled.is_empty() {
        return Err(crate::error::AppError::validation(
            "no_carrier",
            "Choose at least one carrier",
        )
        .at("enabled"));
    }
    let wanted = CarrierSettings::parse(&req.to_text());
    let mut tx = state.db.begin_write().await?;
    let before = crate::db::settings::get_text(&mut tx, crate::db::settings::CARRIERS).await?;
    let before = before
        .as_deref()
        .map_or_else(CarrierSettings::all, CarrierSettings::parse);
    if before != wanted {
        crate::db::settings::set_text(&mut tx, crate::db::settings::CARRIERS, &wanted.to_text())
            .await?;
        crate::db::audit::record(
            &mut tx,
            &staff.actor,
            shared::audit::AuditAction::SettingsCarriers,
            crate::db::settings::CARRIERS,
            shared::audit::Changes::new().field(
                "enabled",
                Some(before.to_text()),
                Some(wanted.to_text()),
            ),
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(wanted))
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
