//! Staff management (permission `manage_staff`, owners): invite, change roles, deactivate
//! and reactivate, resend an invitation, send a password reset.

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::db::staff::{self as repo, StaffFilter, StaffSortColumn};
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::staff as flows;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::ids::UserId;
use shared::list::{parse_search, PageRequest, Paged};
use shared::staff::{InviteStaff, Permission, SetRoles, StaffListQuery, StaffMember, StaffSort};
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, invite))
        .routes(routes!(show))
        .routes(routes!(set_roles))
        .routes(routes!(deactivate))
        .routes(routes!(reactivate))
        .routes(routes!(resend_invitation))
        .routes(routes!(send_password_reset))
}

/// Staff members, by name unless sorted otherwise.
#[utoipa::path(get, path = "/staff", tag = ADMIN, operation_id = "adminListStaff",
    params(StaffListQuery),
    security(("session" = [])),
    responses((status = 200, description = "A page of staff members", body = Paged<StaffMember>)))]
async fn list(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<StaffListQuery>,
) -> AppResult<Json<Paged<StaffMember>>> {
    staff.require(Permission::ManageStaff)?;
    let page = PageRequest::parse(q.page, q.page_size)?;
    let filter = StaffFilter {
        q: parse_search(q.q.as_deref())?,
        role: q.role,
        status: q.status,
        sort: match q.sort.unwrap_or_default() {
            StaffSort::Name => StaffSortColumn::Name,
            StaffSort::Email => StaffSortColumn::Email,
            StaffSort::CreatedAt => StaffSortColumn::CreatedAt,
            StaffSort::LastSignIn => StaffSortColumn::LastSignIn,
        },
        dir: q.dir.unwrap_or(shared::list::SortDir::Asc),
    };
    let mut conn = state.db.pool.acquire().await?;
    let (items, total) = repo::list(&mut conn, &filter, page).await?;
    Ok(Json(page.of(items, total)))
}

/// Invite someone by e-mail with their roles: they get a link (valid three days) to choose
/// a password.
#[utoipa::path(post, path = "/staff", tag = ADMIN, operation_id = "adminInviteStaff",
    request_body = InviteStaff,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Invited", body = StaffMember),
        (status = 422, description = "A rule is broken (problem invalid_email, name_missing, no_roles, email_taken)", body = ApiError)))]
async fn invite(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(req): ApiJson<InviteStaff>,
) -> AppResult<(StatusCode, Json<StaffMember>)> {
    staff.require(Permission::ManageStaff)?;
    let member = flows::invite(&state.db, &state.config, &staff.actor, &req).await?;
    Ok((StatusCode::CREATED, Json(member)))
}

fn staff_id(id: i64) -> UserId {
    UserId(id)
}

/// One staff member.
#[utoipa::path(get, path = "/staff/{id}", tag = ADMIN, operation_id = "adminGetStaff",
    params(("id" = i64, Path, description = "The staff member's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The staff member", body = StaffMember),
        (status = 404, description = "No staff member has this id", body = ApiError)))]
async fn show(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<StaffMember>> {
    staff.require(Permission::ManageStaff)?;
    let mut conn = state.db.pool.acquire().await?;
    repo::get(&mut conn, staff_id(id))
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("staff member"))
}

/// Give a staff member exactly these roles (the last active owner stays an owner).
#[utoipa::path(put, path = "/staff/{id}/roles", tag = ADMIN, operation_id = "adminSetStaffRoles",
    params(("id" = i64, Path, description = "The staff member's id")),
    request_body = SetRoles,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The staff member with the new roles", body = StaffMember),
        (status = 404, description = "No staff member has this id", body = ApiError),
        (status = 422, description = "problem no_roles or last_owner", body = ApiError)))]
async fn set_roles(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<SetRoles>,
) -> AppResult<Json<StaffMember>> {
    staff.require(Permission::ManageStaff)?;
    Ok(Json(
        flows::set_roles(&state.db, &staff.actor, staff_id(id), req.roles).await?,
    ))
}

/// Deactivate: they cannot sign in, and their open sessions end at once.
#[utoipa::path(post, path = "/staff/{id}/deactivate", tag = ADMIN, operation_id = "adminDeactivateStaff",
    params(("id" = i64, Path, description = "The staff member's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Deactivated (or already so)", body = StaffMember),
        (status = 404, description = "No staff member has this id", body = ApiError),
        (status = 422, description = "problem last_owner or cannot_deactivate_self", body = ApiError)))]
async fn deactivate(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<StaffMember>> {
    staff.require(Permission::ManageStaff)?;
    Ok(Json(
        flows::set_active(&state.db, &staff.actor, staff_id(id), false).await?,
    ))
}

/// Reactivate a deactivated staff member.
#[utoipa::path(post, path = "/staff/{id}/reactivate", tag = ADMIN, operation_id = "adminReactivateStaff",
    params(("id" = i64, Path, description = "The staff member's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Active again (or already so)", body = StaffMember),
        (status = 404, description = "No staff member has this id", body = ApiError)))]
async fn reactivate(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<StaffMember>> {
    staff.require(Permission::ManageStaff)?;
    Ok(Json(
        flows::set_active(&state.db, &staff.actor, staff_id(id), true).await?,
    ))
}

/// Send an invited staff member a new invitation link (earlier links stop working).
#[utoipa::path(post, path = "/staff/{id}/invitation", tag = ADMIN, operation_id = "adminResendInvitation",
    params(("id" = i64, Path, description = "The staff member's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Sent"),
        (status = 404, description = "No staff member has this id", body = ApiError),
        (status = 422, description = "problem wrong_status: they are not invited", body = ApiError)))]
async fn resend_invitation(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ManageStaff)?;
    flows::resend_invitation(&state.db, &state.config, &staff.actor, staff_id(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mail an active staff member a link to choose a new password.
#[utoipa::path(post, path = "/staff/{id}/password-reset", tag = ADMIN, operation_id = "adminSendStaffPasswordReset",
    params(("id" = i64, Path, description = "The staff member's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Sent"),
        (status = 404, description = "No staff member has this id", body = ApiError),
        (status = 422, description = "problem wrong_status: they are not active", body = ApiError)))]
async fn send_password_reset(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ManageStaff)?;
    flows::send_password_reset(&state.db, &state.config, &staff.actor, staff_id(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}
