//! Cross-cutting HTTP behaviour: security headers, request spans, query-size limits and
//! the choice of language on a first visit.

use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shared::catalog::ProductQuery;
use shared::Locale;
use std::time::Duration;
use tower_http::trace::TraceLayer;
use tracing::Span;

const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-frame-options", "DENY"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    ),
];

/// Adds the security headers to every response that does not set its own (pages set a
/// CSP with their script nonce; everything else gets the one without inline scripts).
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(v) = HeaderValue::from_str(&app::content_security_policy(None)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    for (name, value) in SECURITY_HEADERS {
        if !headers.contains_key(name) {
            headers.insert(
                header::HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
    }
    res
}

/// Wraps the router in a span per request with method, matched route and, when it ends,
/// status and latency.
pub fn with_request_spans(router: axum::Router) -> axum::Router {
    router.layer(
        TraceLayer::new_for_http()
            .make_span_with(|req: &Request<Body>| {
                let route = req
                    .extensions()
                    .get::<MatchedPath>()
                    .map(|m| m.as_str().to_string())
                    .unwrap_or_else(|| req.uri().path().to_string());
                tracing::info_span!("request", method = %req.method(), route = %route, status = tracing::field::Empty)
            })
            .on_request(())
            .on_response(|res: &Response, latency: Duration, span: &Span| {
                span.record("status", res.status().as_u16());
                tracing::info!(
                    status = res.status().as_u16(),
                    latency_ms = latency.as_secs_f64() * 1000.0,
                    "served"
                );
            }),
    )
}

/// Refuses over-long query strings before any handler sees them (a method no route has,
/// such as TRACE, is left to the router's 405).
pub async fn limit_query(req: Request, next: Next) -> Response {
    use axum::http::Method;
    let routed = [
        Method::GET,
        Method::HEAD,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
    ]
    .contains(req.method());
    let too_long = routed
        && req
            .uri()
            .query()
            .is_some_and(|q| q.len() > ProductQuery::MAX_QUERY_LEN);
    if !too_long {
        return next.run(req).await;
    }
    if req.uri().path().starts_with("/api/") {
        crate::error::AppError::UriTooLong {
            max: ProductQuery::MAX_QUERY_LEN,
        }
        .into_response()
    } else {
        (
            StatusCode::URI_TOO_LONG,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "414 URI Too Long: the address is too long. / 请求地址过长。",
        )
            .into_response()
    }
}

const LANG_COOKIE: &str = "lang";

/// Is this a shop page (not the API, a static file or a probe)?
pub(crate) fn is_page(path: &str) -> bool {
    !(path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || path.starts_with("/img/")
        || path.starts_with("/media/")
        || path.starts_with("/healthz")
        || path.starts_with("/readyz")
        || path.starts_with("/sandbox-pay/")
        || path.starts_with("/dev/")
        || path.contains('.'))
}

fn lang_cookie(req: &Request) -> Option<Locale> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("lang="))
        .and_then(Locale::from_code)
}

/// Language: Chinese at the root, English under `/en`. A first visit (no `lang` cookie) to a
/// Chinese page from a browser that prefers English is redirected to the English page; every
/// page then records its language in the cookie, so the choice sticks.
pub async fn negotiate_locale(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if req.method() != axum::http::Method::GET || !is_page(&path) {
        return next.run(req).await;
    }
    // the back office chooses its language itself
    if path == "/admin" || path.starts_with("/admin/") {
        return next.run(req).await;
    }
    let (locale, rest) = Locale::split_path(&path);
    if locale == Locale::ZhCn && lang_cookie(&req).is_none() {
        let preferred = req
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Locale::from_accept_language);
        if preferred == Some(Locale::En) {
            let mut target = Locale::En.localize(rest);
            if let Some(q) = req.uri().query() {
                target.push('?');
                target.push_str(q);
            }
            return (
                StatusCode::FOUND,
                [
                    (header::LOCATION, target),
                    (header::VARY, "Accept-Language, Cookie".into()),
                ],
            )
                .into_response();
        }
    }
    let mut res = next.run(req).await;
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.code()
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    res
}

/// Cache policy for static files: bundle files named after their content are kept for a
/// year; any other bundle file (the name list, a site built by hand) is revalidated; images
/// change rarely.
pub async fn cache_static(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    if res.status().is_success() && !res.headers().contains_key(header::CACHE_CONTROL) {
        let policy = if let Some(file) = path.strip_prefix("/pkg/") {
            Some(if crate::assets::is_fingerprinted(file) {
                "public, max-age=31536000, immutable"
            } else {
                "public, max-age=0, must-revalidate"
            })
        } else if path.starts_with("/media/") {
            // uploads are named after their content: they never change
            Some("public, max-age=31536000, immutable")
        } else if path.starts_with("/img/") || path == "/favicon.svg" {
            Some("public, max-age=86400")
        } else {
            None
        };
        if let Some(p) = policy {
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(p));
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_assets() {
        assert!(is_page("/"));
        assert!(is_page("/en/products/x"));
        assert!(!is_page("/api/v1/store/products"));
        assert!(!is_page("/pkg/storekeep.wasm"));
        assert!(!is_page("/robots.txt"));
    }
}
