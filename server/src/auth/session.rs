//! Server-side sessions: a random 128-bit token in an `HttpOnly; SameSite=Lax` cookie (and
//! `Secure` when the shop is served over TLS); the database keeps only its hash.

use crate::auth::tokens::{hash_token, new_token};
use crate::db::{accounts, Db};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use shared::customers::Me;
use shared::ids::UserId;

pub const COOKIE: &str = "sk_session";
/// Thirty days.
pub const TTL_MS: i64 = 30 * 24 * 60 * 60 * 1000;
/// Staff sessions end after twelve hours without use.
pub const STAFF_IDLE_MS: i64 = 12 * 60 * 60 * 1000;
/// Sent by requests the browser makes on its own (session checks), which do not keep a
/// staff session alive.
pub const BACKGROUND_HEADER: &str = "x-background-request";

/// The value of cookie `name` in the request.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Starts a session; returns the `Set-Cookie` value.
pub async fn start(db: &Db, user: UserId, secure: bool) -> AppResult<String> {
    let token = new_token();
    accounts::insert_session(db, &hash_token(&token), user, TTL_MS).await?;
    Ok(format!(
        "{COOKIE}={token}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}",
        TTL_MS / 1000,
        if secure { "; Secure" } else { "" }
    ))
}

/// Ends the session of this request, if any; returns the cookie that clears it.
pub async fn end(db: &Db, headers: &HeaderMap, secure: bool) -> AppResult<String> {
    if let Some(token) = cookie_value(headers, COOKIE) {
        accounts::delete_session(db, &hash_token(&token)).await?;
    }
    Ok(format!(
        "{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    ))
}

/// The signed-in user of a request; 401 when there is none.
pub struct CurrentUser(pub Me);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = cookie_value(&parts.headers, COOKIE) else {
            return Err(AppError::Unauthorized);
        };
        // background polling (the back office checking that its session lives) does not
        // count as use, or an open tab would never go idle
        let touch = !parts.headers.contains_key(BACKGROUND_HEADER);
        accounts::session_user(&state.db, &hash_token(&token), STAFF_IDLE_MS, touch)
            .await?
            .map(CurrentUser)
            .ok_or(AppError::Unauthorized)
    }
}

/// The signed-in user, if any (guests may do this too).
pub struct OptionalUser(pub Option<Me>);

impl FromRequestParts<AppState> for OptionalUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match CurrentUser::from_request_parts(parts, state).await {
            Ok(CurrentUser(me)) => Ok(OptionalUser(Some(me))),
            Err(AppError::Unauthorized) => Ok(OptionalUser(None)),
            Err(e) => Err(e),
        }
    }
}
