//! The audit log (permission `view_audit_log`): searched by staff member, entity, action and
//! a range of days in the shop's time zone. Nothing here changes an entry: there is no
//! route that could, and the database refuses it.

use crate::api::ApiQuery;
use crate::auth::staff::Staff;
use crate::db::audit::{self as repo, AuditFilter};
use crate::error::AppResult;
use crate::openapi::ADMIN;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use shared::audit::{AuditEntry, AuditQuery};
use shared::ids::UserId;
use shared::list::{parse_search, PageRequest, Paged};
use shared::staff::Permission;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search))
}

/// Entries, newest first.
#[utoipa::path(get, path = "/audit", tag = ADMIN, operation_id = "adminSearchAudit",
    params(AuditQuery),
    security(("session" = [])),
    responses((status = 200, description = "A page of audit entries", body = Paged<AuditEntry>)))]
async fn search(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> AppResult<Json<Paged<AuditEntry>>> {
    staff.require(Permission::ViewAuditLog)?;
    let page = PageRequest::parse(q.page, q.page_size)?;
    let from_ms = q
        .from
        .as_deref()
        .map(crate::time::shop_day_start)
        .transpose()?;
    let to_ms = q.to.as_deref().map(crate::time::shop_day_end).transpose()?;
    let filter = AuditFilter {
        actor: q.actor.map(UserId),
        entity_type: q.entity_type,
        entity_id: parse_search(q.entity_id.as_deref())?,
        action: q.action,
        from_ms,
        to_ms,
    };
    let mut conn = state.db.pool.acquire().await?;
    let (items, total) = repo::search(&mut conn, &filter, page).await?;
    Ok(Json(page.of(items, total)))
}
