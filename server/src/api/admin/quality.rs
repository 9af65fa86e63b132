//! The product quality report (退货与质量, permission `view_reports`): per product, the units
//! delivered in a period against the units asked back, returned, received and what
//! inspection decided, with return and defect rates and the top reason.

use crate::api::ApiQuery;
use crate::auth::staff::Staff;
use crate::db::{now_millis, quality};
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use shared::reports::{QualityQuery, QualityReport};
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(quality_report))
}

/// Per product with a unit delivered or asked back in the period (days in the shop's time
/// zone, UTC+8; by default the last 90 days): units delivered (orders delivered in the
/// period), units asked back, returned (neither rejected nor withdrawn) and received in
/// the returns asked for in the period, what inspection decided (restocked, scrapped, to
/// the supplier), the return rate (returned ÷ delivered) and the defect rate (returned as
/// defective, not as described or damaged in transit ÷ delivered) in basis points, and the
/// top reason; the highest return rate first, and the totals.
#[utoipa::path(get, path = "/reports/quality", tag = ADMIN, operation_id = "adminQualityReport",
    params(QualityQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "The quality report", body = QualityReport),
        (status = 422, description = "A day that is not YYYY-MM-DD (problem day_invalid), a period ending before it begins (period_inverted) or longer than 366 days (period_too_long); `field` names the day", body = ApiError)))]
async fn quality_report(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<QualityQuery>,
) -> AppResult<Json<QualityReport>> {
    staff.require(Permission::ViewReports)?;
    let period = q
        .resolve(now_millis())
        .map_err(|(problem, field)| AppError::rule(problem).at(field))?;
    Ok(Json(quality::report(&state.db, period).await?))
}
