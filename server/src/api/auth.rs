//! Accounts: `/api/v1/auth/*` — register, sign in (with a second factor for staff who turned
//! it on), sign out, who am I, password reset, and accepting a staff invitation.

use crate::api::ApiJson;
use crate::auth::rate_limit::{self, LOGIN_FAILURES, REGISTRATIONS};
use crate::auth::{common_passwords, session, session::CurrentUser};
use crate::db::{accounts, staff};
use crate::error::{AppError, AppResult};
use crate::openapi::AUTH;
use crate::state::AppState;
use crate::workflows::{password_reset, staff as staff_flows, two_factor};
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::customers::{
    check_password_length, parse_display_name, AccountKind, AccountProblem, Email, LoginRequest,
    Me, PasswordResetConfirm, PasswordResetRequest, RegisterRequest,
};
use shared::staff::AcceptInvitation;
use shared::ApiError;
use std::net::SocketAddr;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(request_reset))
        .routes(routes!(confirm_reset))
        .routes(routes!(accept_invitation))
}

/// The client's address, for rate limits and the audit log ("unknown" for in-process calls).
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string()),
        ))
    }
}

pub(crate) fn with_cookie(status: StatusCode, cookie: String, body: Option<Me>) -> Response {
    let mut res = match body {
        Some(me) => (status, Json(me)).into_response(),
        None => status.into_response(),
    };
    if let Ok(v) = cookie.parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// Length and commonness: what every new password must pass.
pub(crate) fn check_new_password(password: &str) -> Result<(), AppError> {
    check_password_length(password)?;
    if common_passwords::is_common(password) {
        return Err(AccountProblem::PasswordTooCommon.into());
    }
    Ok(())
}

/// Create a customer account and sign in (sets the session cookie).
#[utoipa::path(post, path = "/register", tag = AUTH, operation_id = "register",
    request_body = RegisterRequest,
    security(("csrf" = [])),
    responses(
        (status = 201, description = "Registered and signed in", body = Me),
        (status = 422, description = "A rule is broken (problem invalid_email, password_too_common, name_missing, email_taken)", body = ApiError),
        (status = 429, description = "Too many registrations from this address; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn register(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(req): ApiJson<RegisterRequest>,
) -> AppResult<Response> {
    let email = Email::parse(&req.email)?;
    let name = parse_display_name(&req.display_name)?;
    check_new_password(&req.password)?;
    let keys = [format!("register-ip:{ip}")];
    rate_limit::check(&state.db, &keys, REGISTRATIONS).await?;
    rate_limit::record(&state.db, &keys, REGISTRATIONS).await?;
    let hash = state.hasher.hash(req.password).await?;
    let Some(me) = accounts::create_customer(&state.db, &email, &hash, &name).await? else {
        return Err(AppError::validation(
            "email_taken",
            "An account with this e-mail already exists; log in or reset the password",
        )
        .at("email"));
    };
    let cookie = session::start(&state.db, me.id, state.secure_cookies()).await?;
    Ok(with_cookie(StatusCode::CREATED, cookie, Some(me)))
}

/// Sign in with e-mail and password, plus a code from the authenticator app for staff who
/// turned on two-factor sign-in (a new session cookie).
#[utoipa::path(post, path = "/login", tag = AUTH, operation_id = "login",
    request_body = LoginRequest,
    security(("csrf" = [])),
    responses(
        (status = 200, description = "Signed in", body = Me),
        (status = 422, description = "problem invalid_credentials, account_deactivated, two_factor_required (send totp_code), two_factor_code_wrong or two_factor_code_reused", body = ApiError),
        (status = 429, description = "Too many failed attempts for this account or address; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<Response> {
    let invalid =
        || AppError::validation("invalid_credentials", "The e-mail or the password is wrong");
    let email = Email::parse(&req.email).map_err(|_| invalid())?;
    let keys = [
        format!("login-ip:{ip}"),
        format!("login-email:{}", email.as_str()),
    ];
    rate_limit::check(&state.db, &keys, LOGIN_FAILURES).await?;
    let found = accounts::credentials(&state.db, &email).await?;
    let stored = found.as_ref().map(|c| c.password_hash.clone());
    // always verify (against a decoy when there is no account): same time either way
    let ok = state.hasher.verify(req.password, stored).await;
    let Some(account) = found.filter(|_| ok) else {
        rate_limit::record(&state.db, &keys, LOGIN_FAILURES).await?;
        return Err(invalid());
    };
    if !account.active {
        return Err(AppError::validation(
            "account_deactivated",
            "This account is deactivated; ask the shop's owner",
        ));
    }
    if account.totp_secret.is_some() {
        two_factor::sign_in(&state.db, account.me.id, req.totp_code.as_deref()).await?;
    }
    accounts::clear_attempts(&state.db, &keys[1]).await?;
    if account.me.kind == AccountKind::Staff {
        let mut conn = state.db.pool.acquire().await?;
        staff::record_sign_in(&mut conn, account.me.id).await?;
    }
    // a fresh token at every log-in (and the old session gone): a planted id is worth nothing
    session::end(&state.db, &headers, false).await?;
    let cookie = session::start(&state.db, account.me.id, state.secure_cookies()).await?;
    Ok(with_cookie(StatusCode::OK, cookie, Some(account.me)))
}

/// End the session.
#[utoipa::path(post, path = "/logout", tag = AUTH, operation_id = "logout",
    security(("csrf" = [])),
    responses((status = 204, description = "Signed out")))]
async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let cookie = session::end(&state.db, &headers, state.secure_cookies()).await?;
    Ok(with_cookie(StatusCode::NO_CONTENT, cookie, None))
}

/// The signed-in user.
#[utoipa::path(get, path = "/me", tag = AUTH, operation_id = "me",
    security(("session" = [])),
    responses((status = 200, description = "The signed-in user", body = Me)))]
async fn me(CurrentUser(me): CurrentUser) -> Json<Me> {
    Json(me)
}

/// E-mail a reset link (202 for every well-formed address: the answer does not reveal
/// whether it has an account). Staff get a link into the back office.
#[utoipa::path(post, path = "/password-reset", tag = AUTH, operation_id = "requestPasswordReset",
    request_body = PasswordResetRequest,
    security(("csrf" = [])),
    responses(
        (status = 202, description = "Accepted"),
        (status = 422, description = "Not an e-mail address (problem invalid_email)", body = ApiError)))]
async fn request_reset(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<PasswordResetRequest>,
) -> AppResult<StatusCode> {
    let email = Email::parse(&req.email)?;
    password_reset::request(&state.db, &state.config, &email).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Set a new password with a reset link's token; every session and other link of the
/// account ends.
#[utoipa::path(post, path = "/password-reset/confirm", tag = AUTH, operation_id = "confirmPasswordReset",
    request_body = PasswordResetConfirm,
    security(("csrf" = [])),
    responses(
        (status = 204, description = "Password changed"),
        (status = 422, description = "problem password_too_short, password_too_common or reset_link_invalid", body = ApiError)))]
async fn confirm_reset(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(req): ApiJson<PasswordResetConfirm>,
) -> AppResult<StatusCode> {
    check_new_password(&req.password)?;
    let hash = state.hasher.hash(req.password).await?;
    password_reset::confirm(&state.db, &req.token, &hash, &ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An invited staff member chooses a password with the invitation's token and is signed in.
#[utoipa::path(post, path = "/invitations/accept", tag = AUTH, operation_id = "acceptStaffInvitation",
    request_body = AcceptInvitation,
    security(("csrf" = [])),
    responses(
        (status = 200, description = "Password set; signed in", body = Me),
        (status = 422, description = "problem password_too_short, password_too_common or invitation_invalid", body = ApiError)))]
async fn accept_invitation(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(req): ApiJson<AcceptInvitation>,
) -> AppResult<Response> {
    check_new_password(&req.password)?;
    let hash = state.hasher.hash(req.password).await?;
    let user = staff_flows::accept_invitation(&state.db, &req.token, &hash, &ip).await?;
    let me = {
        let mut conn = state.db.pool.acquire().await?;
        staff::record_sign_in(&mut conn, user).await?;
        let member = staff::get(&mut conn, user)
            .await?
            .ok_or(AppError::NotFound("staff member"))?;
        Me {
            id: member.id,
            email: member.email,
            display_name: member.display_name,
            kind: AccountKind::Staff,
        }
    };
    let cookie = session::start(&state.db, user, state.secure_cookies()).await?;
    Ok(with_cookie(StatusCode::OK, cookie, Some(me)))
}
