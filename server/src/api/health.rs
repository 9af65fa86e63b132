//! Liveness and readiness probes for load balancers and orchestrators.

use crate::error::{AppError, AppResult};
use crate::openapi::HEALTH;
use crate::state::AppState;
use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(readyz))
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = HEALTH, operation_id = "healthz",
    responses((status = 200, description = "Up", body = String, content_type = "text/plain")))]
async fn healthz() -> &'static str {
    "ok"
}

/// The process can serve: the database answers.
#[utoipa::path(get, path = "/readyz", tag = HEALTH, operation_id = "readyz",
    responses((status = 200, description = "Ready", body = String, content_type = "text/plain")))]
async fn readyz(State(state): State<AppState>) -> AppResult<&'static str> {
    match state.db.ping().await {
        Ok(()) => Ok("ready"),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            Err(AppError::Unavailable)
        }
    }
}
