//! CSRF protection for every state-changing API request: the double-submit pattern. Pages
//! set a random `sk_csrf` cookie (readable by the page's script, `SameSite=Lax`); a POST,
//! PUT, PATCH or DELETE must repeat it in the `X-CSRF-Token` header. Another site can make a
//! browser send our cookies but can neither read them nor set that header. A request whose
//! `Origin` names another host is refused as well.

use crate::auth::session::cookie_value;
use crate::auth::tokens::{constant_time_eq, new_token};
use crate::error::AppError;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub const COOKIE: &str = "sk_csrf";
pub const HEADER: &str = "x-csrf-token";

fn origin_matches_host(req: &Request) -> bool {
    let Some(origin) = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    else {
        return true; // same-origin requests from older browsers and non-browser clients
    };
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    origin.split_once("://").map(|(_, h)| h) == Some(host)
}

/// Refuses state-changing API requests without a matching CSRF header (403).
pub async fn require_token(req: Request, next: Next) -> Response {
    let changes_state = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    // webhooks come from payment gateways and carriers, not browsers: their signature
    // authenticates them
    let path = req.uri().path();
    let is_webhook = (path.starts_with("/api/v1/payments/")
        || path.starts_with("/api/v1/carriers/"))
        && path.ends_with("/webhook");
    if !changes_state || !req.uri().path().starts_with("/api/") || is_webhook {
        return next.run(req).await;
    }
    let cookie = cookie_value(req.headers(), COOKIE);
    let header = req.headers().get(HEADER).and_then(|v| v.to_str().ok());
    let ok = match (cookie.as_deref(), header) {
        (Some(c), Some(h)) => !c.is_empty() && constant_time_eq(c, h),
        _ => false,
    };
    if !ok || !origin_matches_host(&req) {
        return AppError::Forbidden(
            "The request lacks a valid CSRF token; reload the page and try again",
        )
        .into_response();
    }
    next.run(req).await
}

/// Gives every page visitor a CSRF cookie when they have none.
pub async fn issue_cookie(req: Request, next: Next) -> Response {
    let has = cookie_value(req.headers(), COOKIE).is_some_and(|c| !c.is_empty());
    let is_page = req.method() == Method::GET && crate::middleware::is_page(req.uri().path());
    let mut res = next.run(req).await;
    if !has && is_page {
        let cookie = format!("{COOKIE}={}; Path=/; SameSite=Lax", new_token());
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}
