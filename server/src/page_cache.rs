//! Shop-front pages for visitors who are not signed in, from memory.
//!
//! The catalogue pages (home, categories, products, brands, search, in both languages) are
//! the same for every visitor without a session: their content comes from the catalogue, and
//! the cart and the account link are filled in by the browser. So the rendered page is kept in
//! the catalogue cache (`catalog_cache`), under the catalogue's version like every other
//! catalogue answer, and dropped with it. Only the script nonce differs per response: the
//! kept page's nonce is replaced by a fresh one, in the page and in its Content-Security-Policy.

use crate::auth::tokens::new_token;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Largest page kept (a product page is about 40 KB).
const MAX_PAGE: usize = 1 << 20;

/// Set (by `ssr`) on a page rendered while some of its data failed to load: such a page is
/// sent, never kept, and the header itself never leaves the server.
pub static INCOMPLETE: HeaderName = HeaderName::from_static("x-storekeep-incomplete");

/// A rendered page: its headers (without cookies), its HTML and the nonce in both.
pub struct KeptPage {
    headers: HeaderMap,
    html: String,
    nonce: Option<String>,
}

/// Why a response was not kept: it is sent as it is.
enum NotKept {
    Database(sqlx::Error),
    Pass(Response),
}

impl From<sqlx::Error> for NotKept {
    fn from(e: sqlx::Error) -> NotKept {
        NotKept::Database(e)
    }
}

/// Middleware on the page routes: answers a catalogue page from memory when it can.
pub async fn serve(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !is_kept_page(&req) {
        return next.run(req).await;
    }
    let key = format!("page:{}", req.uri());
    let kept = state
        .catalog
        .get_or_load(
            &key,
            |p: &KeptPage| p.html.len() + 512,
            || async move { render(next.run(req).await).await },
        )
        .await;
    match kept {
        Ok(page) => respond(&page),
        Err(NotKept::Pass(res)) => res,
        Err(NotKept::Database(e)) => {
            tracing::error!(error = %e, "reading the catalogue version for a page failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "503: the shop cannot reach its database. / 商店暂时无法访问数据库。",
            )
                .into_response()
        }
    }
}

/// GET of a catalogue page by a visitor without a session.
fn is_kept_page(req: &Request) -> bool {
    if req.method() != Method::GET {
        return false;
    }
    let signed_in = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| {
            c.split(';')
                .any(|p| p.trim_start().starts_with("sk_session="))
        });
    if signed_in {
        return false;
    }
    let path = req.uri().path();
    let path = path.strip_prefix("/en").unwrap_or(path);
    let listing = path == "/search" || path.starts_with("/categories/");
    let page = path.is_empty()
        || path == "/"
        || listing
        || ["/products/", "/brands/"]
            .iter()
            .any(|p| path.starts_with(p));
    // a query string is kept only as the listing itself would write it: made-up parameters
    // (`/?x=1`, `/?x=2`, …) are answered, not kept, so they cannot push real pages out
    page && req.uri().query().is_none_or(|q| listing && is_canonical(q))
}

/// Whether a listing's query string is exactly the one its filters write back.
fn is_canonical(query: &str) -> bool {
    use shared::catalog::query::PriceUnits;
    shared::catalog::ProductQuery::parse(query, PriceUnits::Major)
        .is_ok_and(|q| q.to_query_string(PriceUnits::Major) == query)
}

/// Keeps a rendered page when it is a whole HTML page that says 200.
async fn render(mut res: Response) -> Result<KeptPage, NotKept> {
    if res.headers_mut().remove(&INCOMPLETE).is_some() {
        return Err(NotKept::Pass(res));
    }
    let html_page = res.status() == StatusCode::OK
        && res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"))
        && !res.headers().contains_key(header::SET_COOKIE);
    if !html_page {
        return Err(NotKept::Pass(res));
    }
    let (parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_PAGE).await {
        Ok(b) => b,
        Err(_) => {
            return Err(NotKept::Pass(
                (StatusCode::INTERNAL_SERVER_ERROR, "page too large").into_response(),
            ))
        }
    };
    let Ok(html) = String::from_utf8(bytes.to_vec()) else {
        return Err(NotKept::Pass(Response::from_parts(
            parts,
            Body::from(bytes),
        )));
    };
    let nonce = parts
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(nonce_of);
    Ok(KeptPage {
        headers: parts.headers,
        html,
        nonce,
    })
}

/// The kept page with a fresh nonce.
fn respond(page: &KeptPage) -> Response {
    let (html, csp) = match &page.nonce {
        Some(old) => {
            let fresh = new_token();
            (
                page.html.replace(old.as_str(), &fresh),
                HeaderValue::from_str(&app::content_security_policy(Some(&fresh))).ok(),
            )
        }
        None => (page.html.clone(), None),
    };
    let mut res = Response::new(Body::from(Bytes::from(html)));
    *res.headers_mut() = page.headers.clone();
    res.headers_mut().remove(header::CONTENT_LENGTH);
    if let Some(csp) = csp {
        res.headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    res
}

/// The nonce a Content-Security-Policy names (`'nonce-…'`).
fn nonce_of(csp: &str) -> Option<String> {
    let start = csp.find("'nonce-")? + "'nonce-".len();
    let end = csp[start..].find('\'')? + start;
    let nonce = &csp[start..end];
    (nonce.len() >= 16).then(|| nonce.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(path: &str, cookie: Option<&str>) -> Request {
        let mut b = axum::http::Request::builder().uri(path);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        b.body(Body::empty()).unwrap()
    }

    #[test]
    fn catalogue_pages_of_visitors_without_a_session() {
        for path in [
            "/",
            "/en",
            "/products/tee",
            "/en/categories/t?page=2",
            "/search?q=x",
        ] {
            assert!(is_kept_page(&get(path, None)), "{path}");
            assert!(
                is_kept_page(&get(path, Some("lang=en; sk_csrf=x"))),
                "{path}"
            );
        }
        assert!(!is_kept_page(&get(
            "/products/tee",
            Some("sk_csrf=x; sk_session=abc")
        )));
        for path in [
            "/cart",
            "/checkout",
            "/account",
            "/orders/1",
            "/pkg/a.wasm",
            "/admin",
        ] {
            assert!(!is_kept_page(&get(path, None)), "{path}");
        }
    }

    #[test]
    fn the_nonce_of_a_policy() {
        let csp = app::content_security_policy(Some("abcdefghijklmnopqrstuv"));
        assert_eq!(nonce_of(&csp).as_deref(), Some("abcdefghijklmnopqrstuv"));
        assert_eq!(nonce_of(&app::content_security_policy(None)), None);
    }
}
