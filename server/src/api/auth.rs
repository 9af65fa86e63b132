//! Accounts: `/api/v1/auth/*` — register, log in, log out, who am I, password reset.

use crate::api::ApiJson;
use crate::auth::rate_limit::{self, LOGIN_FAILURES, REGISTRATIONS};
use crate::auth::tokens::{hash_token, new_token};
use crate::auth::{common_passwords, session, session::CurrentUser};
use crate::db::{accounts, messages};
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use shared::customers::{
    check_password_length, parse_display_name, AccountProblem, Email, LoginRequest, Me,
    RegisterRequest,
};
use std::net::SocketAddr;

/// A reset link stays valid for an hour.
const RESET_TTL_MS: i64 = 60 * 60 * 1000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/register", post(register))
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/me", get(me))
        .route("/password-reset", post(request_reset))
        .route("/password-reset/confirm", post(confirm_reset))
}

/// The client's address, for rate limits ("unknown" for in-process calls).
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

fn secure(state: &AppState) -> bool {
    state.config.public_url.starts_with("https://")
}

fn with_cookie(status: StatusCode, cookie: String, body: Option<Me>) -> Response {
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
fn check_new_password(password: &str) -> Result<(), AccountProblem> {
    check_password_length(password)?;
    if common_passwords::is_common(password) {
        return Err(AccountProblem::PasswordTooCommon);
    }
    Ok(())
}

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
        return Err(AppError::Validation {
            problem: "email_taken".into(),
            message: "An account with this e-mail already exists; log in or reset the password"
                .into(),
        });
    };
    let cookie = session::start(&state.db, me.id, secure(&state)).await?;
    Ok(with_cookie(StatusCode::CREATED, cookie, Some(me)))
}

async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<Response> {
    let invalid = || AppError::Validation {
        problem: "invalid_credentials".into(),
        message: "The e-mail or the password is wrong".into(),
    };
    let email = Email::parse(&req.email).map_err(|_| invalid())?;
    let keys = [
        format!("login-ip:{ip}"),
        format!("login-email:{}", email.as_str()),
    ];
    rate_limit::check(&state.db, &keys, LOGIN_FAILURES).await?;
    let found = accounts::credentials(&state.db, &email).await?;
    let (me, stored) = match found {
        Some((me, hash)) => (Some(me), Some(hash)),
        None => (None, None),
    };
    // always verify (against a decoy when there is no account): same time either way
    let ok = state.hasher.verify(req.password, stored).await;
    let Some(me) = me.filter(|_| ok) else {
        rate_limit::record(&state.db, &keys, LOGIN_FAILURES).await?;
        return Err(invalid());
    };
    accounts::clear_attempts(&state.db, &keys[1]).await?;
    // a fresh token at every log-in (and the old session gone): a planted id is worth nothing
    session::end(&state.db, &headers, false).await?;
    let cookie = session::start(&state.db, me.id, secure(&state)).await?;
    Ok(with_cookie(StatusCode::OK, cookie, Some(me)))
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let cookie = session::end(&state.db, &headers, secure(&state)).await?;
    Ok(with_cookie(StatusCode::NO_CONTENT, cookie, None))
}

async fn me(CurrentUser(me): CurrentUser) -> Json<Me> {
    Json(me)
}

#[derive(Deserialize)]
struct ResetRequest {
    email: String,
}

/// Always 202, whether or not the address has an account: the answer reveals nothing.
async fn request_reset(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<ResetRequest>,
) -> AppResult<StatusCode> {
    let Ok(email) = Email::parse(&req.email) else {
        return Ok(StatusCode::ACCEPTED);
    };
    if let Some((me, _)) = accounts::credentials(&state.db, &email).await? {
        let token = new_token();
        accounts::insert_password_reset(&state.db, &hash_token(&token), me.id, RESET_TTL_MS)
            .await?;
        let link = format!(
            "{}/account/reset-password?token={token}",
            state.config.public_url
        );
        let body = format!(
            "{name}，您好：\n请在一小时内打开以下链接设置新密码：\n{link}\n如果这不是您本人的操作，请忽略本邮件。\n\n\
             Hello {name},\nopen this link within an hour to choose a new password:\n{link}\nIf you did not ask for this, ignore this message.",
            name = me.display_name
        );
        let mut conn = state.db.pool.acquire().await?;
        messages::enqueue(
            &mut conn,
            messages::MessageKind::PasswordReset,
            email.as_str(),
            "重设密码 / Reset your Storekeep password",
            &body,
        )
        .await?;
    }
    Ok(StatusCode::ACCEPTED)
}

#[derive(Deserialize)]
struct ConfirmReset {
    token: String,
    password: String,
}

async fn confirm_reset(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<ConfirmReset>,
) -> AppResult<StatusCode> {
    check_new_password(&req.password)?;
    let Some(user) = accounts::use_password_reset(&state.db, &hash_token(req.token.trim())).await?
    else {
        return Err(AppError::Validation {
            problem: "reset_link_invalid".into(),
            message: "This reset link is not valid any more; ask for a new one".into(),
        });
    };
    let hash = state.hasher.hash(req.password).await?;
    accounts::set_password(&state.db, user, &hash).await?;
    // everyone who was signed in with the old password is signed out
    accounts::delete_sessions_of(&state.db, user).await?;
    Ok(StatusCode::NO_CONTENT)
}
