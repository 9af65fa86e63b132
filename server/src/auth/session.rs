//! Server-side sessions: a random 128-bit token in an `HttpOnly; SameSite=Lax` cookie (and
//! `Secure` when the shop is served over TLS); the database keeps only its hash.

use crate::auth::tokens::{hash_token, new_token};
use crate::db::{accounts, Db};
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use shared::customers::Me;
use shared::ids::UserId;

pub const COOKIE: &str = "sk_session";
/// Thirty days.
pub const TTL_MS: i64 = 30 * 24 * 60 * 60 * 1000;

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
        accounts::session_user(&state.db, &hash_token(&token))
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

/// A signed-in staff member with their role: 401 when nobody is signed in, 403 for customers.
pub struct Staff {
    pub me: Me,
    pub role: shared::staff::StaffRole,
}

impl Staff {
    /// 403 unless the role grants `permission`.
    pub fn require(&self, permission: shared::staff::Permission) -> Result<(), AppError> {
        if self.role.allows(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden("Your role does not allow this"))
        }
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let CurrentUser(me) = CurrentUser::from_request_parts(parts, state).await?;
        let role = accounts::staff_role(&state.db, me.id)
            .await?
            .as_deref()
            .and_then(shared::staff::StaffRole::parse)
            .ok_or(AppError::Forbidden("This is for shop staff only"))?;
        Ok(Staff { me, role })
    }
}
