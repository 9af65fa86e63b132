//! The supplier portal's sessions: a cookie of its own (`sk_supplier`, `HttpOnly;
//! SameSite=Lax`, the database keeping only the token's hash) for accounts of the
//! suppliers' own staff. It is neither the customers' nor the staff's session, so a
//! supplier's browser can reach neither API, and a staff or customer session opens no
//! supplier page.

use crate::auth::session::cookie_value;
use crate::auth::tokens::{hash_token, new_token};
use crate::db::{supplier_portal as repo, Db};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use shared::procurement::portal::SupplierMe;

pub const COOKIE: &str = "sk_supplier";
/// Seven days.
pub const TTL_MS: i64 = 7 * 24 * 3_600_000;

/// Starts a session of `account`; returns the `Set-Cookie` value.
pub async fn start(db: &Db, account: i64, secure: bool) -> AppResult<String> {
    let token = new_token();
    let mut conn = db.pool.acquire().await?;
    repo::insert_session(&mut conn, &hash_token(&token), account, TTL_MS).await?;
    Ok(format!(
        "{COOKIE}={token}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}",
        TTL_MS / 1000,
        if secure { "; Secure" } else { "" }
    ))
}

/// Ends this request's supplier session, if any; returns the cookie that clears it.
pub async fn end(db: &Db, headers: &HeaderMap, secure: bool) -> AppResult<String> {
    if let Some(token) = cookie_value(headers, COOKIE) {
        let mut conn = db.pool.acquire().await?;
        repo::delete_session(&mut conn, &hash_token(&token)).await?;
    }
    Ok(format!(
        "{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    ))
}

/// The signed-in supplier account of a request; 401 when there is none.
pub struct SupplierUser(pub SupplierMe);

impl FromRequestParts<AppState> for SupplierUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = cookie_value(&parts.headers, COOKIE) else {
            return Err(AppError::Unauthorized);
        };
        let mut conn = state.db.pool.acquire().await?;
        repo::session_account(&mut conn, &hash_token(&token))
            .await?
            .map(SupplierUser)
            .ok_or(AppError::Unauthorized)
    }
}
