//! Consultations in the back office (咨询, `answer_consultations`): the queue by status,
//! assignee and service-level breach with the time left, one consultation's thread, the
//! answer, assignment, resolve and close; the badge's count of unread questions; the CSAT
//! report per staff member and week; and the service levels (read by the service desk, set
//! by owners, `manage_staff`).

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::db::consultations as repo;
use crate::db::now_millis;
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::consultations as flows;
use axum::extract::State;
use axum::Json;
use shared::audit::{AuditAction, Changes};
use shared::list::{PageRequest, Paged};
use shared::service::consultations::{
    csat_by_week, Author, ConsultationQuery, ConsultationRow, ConsultationStatus, ConsultationView,
    CsatRow, NewMessage, ServiceLevels,
};
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(queue))
        .routes(routes!(unread))
        .routes(routes!(csat))
        .routes(routes!(service_levels, set_service_levels))
        .routes(routes!(show))
        .routes(routes!(reply))
        .routes(routes!(assign))
        .routes(routes!(resolve))
        .routes(routes!(close))
}

/// The queue: open ones first, oldest first, twenty to a page, each with its service
/// levels and the time left on the running one.
#[utoipa::path(get, path = "/consultations", tag = ADMIN, operation_id = "adminConsultations",
    params(ConsultationQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of consultations", body = Paged<ConsultationRow>),
        (status = 422, description = "problem page", body = ApiError)))]
async fn queue(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<ConsultationQuery>,
) -> AppResult<Json<Paged<ConsultationRow>>> {
    staff.require(Permission::AnswerConsultations)?;
    let page = PageRequest::parse(q.page, Some(20)).map_err(|p| AppError::rule(p).at(p.field()))?;
    let mut conn = state.db.pool.acquire().await?;
    let levels = repo::service_levels(&mut conn).await?;
    let (items, total) =
        repo::queue(&mut conn, &q, staff.me.id.0, &levels, now_millis(), page).await?;
    Ok(Json(page.of(items, total)))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
struct Unread {
    /// Open questions the customer wrote in since staff last opened them, yours or
    /// nobody's.
    count: i64,
}

/// The back office's badge: questions waiting for you (or anyone).
#[utoipa::path(get, path = "/consultations/unread", tag = ADMIN, operation_id = "adminUnreadConsultations",
    security(("session" = [])),
    responses((status = 200, description = "How many", body = Unread)))]
async fn unread(State(state): State<AppState>, staff: Staff) -> AppResult<Json<Unread>> {
    staff.require(Permission::AnswerConsultations)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(Unread {
        count: repo::unread_for(&mut conn, staff.me.id.0).await?,
    }))
}

/// Customer satisfaction (CSAT) per staff member and ISO week, the last twelve weeks,
/// newest first.
#[utoipa::path(get, path = "/consultations/csat", tag = ADMIN, operation_id = "adminCsat",
    security(("session" = [])),
    responses((status = 200, description = "Ratings per staff member and week", body = Vec<CsatRow>)))]
async fn csat(State(state): State<AppState>, staff: Staff) -> AppResult<Json<Vec<CsatRow>>> {
    staff.require(Permission::AnswerConsultations)?;
    let mut conn = state.db.pool.acquire().await?;
    let since = now_millis() - 12 * 7 * 24 * 3_600_000;
    let rated = repo::ratings_since(&mut conn, since).await?;
    Ok(Json(csat_by_week(
        &rated,
        shared::time::SHOP_UTC_OFFSET_HOURS,
    )))
}

/// The service levels: minutes to the first answer and to the resolution.
#[utoipa::path(get, path = "/consultations/service-levels", tag = ADMIN, operation_id = "adminServiceLevels",
    security(("session" = [])),
    responses((status = 200, description = "The service levels", body = ServiceLevels)))]
async fn service_levels(
    State(state): State<AppState>,
    staff: Staff,
) -> AppResult<Json<ServiceLevels>> {
    staff.require(Permission::AnswerConsultations)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(repo::service_levels(&mut conn).await?))
}

/// Sets the service levels (owners): they apply to every consultation's clocks from now on.
#[utoipa::path(put, path = "/consultations/service-levels", tag = ADMIN, operation_id = "adminSetServiceLevels",
    request_body = ServiceLevels,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The service levels now", body = ServiceLevels),
        (status = 422, description = "problem first_response_time or resolution_time (1 minute ≤ first answer ≤ resolution ≤ 30 days)", body = ApiError)))]
async fn set_service_levels(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(req): ApiJson<ServiceLevels>,
) -> AppResult<Json<ServiceLevels>> {
    staff.require(Permission::ManageStaff)?;
    req.check().map_err(flows::problem)?;
    let mut tx = state.db.begin_write().await?;
    let before = repo::service_levels(&mut tx).await?;
    if before != req {
        repo::set_service_levels(&mut tx, &req).await?;
        let minutes =
            |l: &ServiceLevels| format!("{} / {}", l.first_response_minutes, l.resolution_minutes);
        crate::db::audit::record(
            &mut tx,
            &staff.actor,
            AuditAction::SettingsServiceLevels,
            repo::SERVICE_LEVELS,
            Changes::new().field("minutes", Some(minutes(&before)), Some(minutes(&req))),
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(req))
}

async fn answer(state: &AppState, id: i64) -> AppResult<Json<ConsultationView>> {
    let mut conn = state.db.pool.acquire().await?;
    let levels = repo::service_levels(&mut conn).await?;
    repo::view(&mut conn, id, &levels, now_millis(), true)
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("consultation"))
}

/// One consultation with its thread and service levels; staff have then read it.
#[utoipa::path(get, path = "/consultations/{id}", tag = ADMIN, operation_id = "adminConsultation",
    params(("id" = i64, Path, description = "The consultation's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The consultation", body = ConsultationView),
        (status = 404, description = "No such consultation", body = ApiError)))]
async fn show(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ConsultationView>> {
    staff.require(Permission::AnswerConsultations)?;
    {
        let mut conn = state.db.pool.acquire().await?;
        repo::mark_read(&mut conn, id, Author::Staff).await?;
    }
    answer(&state, id).await
}

/// Answer the customer (the first answer stops the first-response clock; an unassigned
/// question becomes yours); they are told by message.
#[utoipa::path(post, path = "/consultations/{id}/messages", tag = ADMIN, operation_id = "adminAnswerConsultation",
    params(("id" = i64, Path, description = "The consultation's id")),
    request_body = NewMessage,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Answered", body = ConsultationView),
        (status = 404, description = "No such consultation", body = ApiError),
        (status = 409, description = "problem closed", body = ApiError),
        (status = 422, description = "problem body (1 to 4,000 characters)", body = ApiError)))]
async fn reply(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<NewMessage>,
) -> AppResult<Json<ConsultationView>> {
    staff.require(Permission::AnswerConsultations)?;
    flows::staff_writes(&state.db, &state.config.public_url, &staff.actor, id, &req).await?;
    answer(&state, id).await
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
struct Assign {
    /// The staff member's id; none: nobody.
    #[schema(minimum = 1)]
    staff: Option<i64>,
}

/// Give the consultation to a staff member, or back to nobody.
#[utoipa::path(post, path = "/consultations/{id}/assign", tag = ADMIN, operation_id = "adminAssignConsultation",
    params(("id" = i64, Path, description = "The consultation's id")),
    request_body = Assign,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Assigned", body = ConsultationView),
        (status = 404, description = "No such consultation", body = ApiError),
        (status = 422, description = "problem assignee (not an active staff member)", body = ApiError)))]
async fn assign(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<Assign>,
) -> AppResult<Json<ConsultationView>> {
    staff.require(Permission::AnswerConsultations)?;
    flows::assign(&state.db, &staff.actor, id, req.staff).await?;
    answer(&state, id).await
}

/// Resolved: the resolution clock stops and the customer is asked to rate the service.
#[utoipa::path(post, path = "/consultations/{id}/resolve", tag = ADMIN, operation_id = "adminResolveConsultation",
    params(("id" = i64, Path, description = "The consultation's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Resolved", body = ConsultationView),
        (status = 404, description = "No such consultation", body = ApiError),
        (status = 409, description = "problem illegal_transition (resolved or closed already)", body = ApiError)))]
async fn resolve(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ConsultationView>> {
    staff.require(Permission::AnswerConsultations)?;
    flows::finish(
        &state.db,
        &state.config.public_url,
        &staff.actor,
        id,
        ConsultationStatus::Resolved,
    )
    .await?;
    answer(&state, id).await
}

/// Closed: no more messages (withdrawn, spam, or done after its rating).
#[utoipa::path(post, path = "/consultations/{id}/close", tag = ADMIN, operation_id = "adminCloseConsultation",
    params(("id" = i64, Path, description = "The consultation's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Closed", body = ConsultationView),
        (status = 404, description = "No such consultation", body = ApiError),
        (status = 409, description = "problem illegal_transition (closed already)", body = ApiError)))]
async fn close(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ConsultationView>> {
    staff.require(Permission::AnswerConsultations)?;
    flows::finish(
        &state.db,
        &state.config.public_url,
        &staff.actor,
        id,
        ConsultationStatus::Closed,
    )
    .await?;
    answer(&state, id).await
}
