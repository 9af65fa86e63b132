//! Reports (permission `view_reports`): the dashboard's figures for a period and the one
//! before it.

use crate::api::ApiQuery;
use crate::auth::staff::Staff;
use crate::db::{now_millis, reports};
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use shared::reports::{Dashboard, DashboardQuery, Period};
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(dashboard))
}

/// Sales, orders, customers, cancellations, sales per day, orders by status, the top 10
/// products, low stock and the orders waiting for staff — for the period and the one
/// just before it, in the shop's time zone (UTC+8).
#[utoipa::path(get, path = "/reports/dashboard", tag = ADMIN, operation_id = "adminDashboard",
    params(DashboardQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "The dashboard", body = Dashboard),
        (status = 422, description = "A custom period without both days (problem day_invalid), ending before it begins (period_inverted) or longer than 366 days (period_too_long); `field` names the day", body = ApiError)))]
async fn dashboard(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<DashboardQuery>,
) -> AppResult<Json<Dashboard>> {
    staff.require(Permission::ViewReports)?;
    let period = Period::resolve(&q, now_millis())
        .map_err(|(problem, field)| AppError::rule(problem).at(field))?;
    Ok(Json(reports::dashboard(&state.db, period).await?))
}
