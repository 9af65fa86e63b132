//! The back office's HTML shell: every `/admin/...` address answers the same small page
//! that loads the back office's own bundle (`/pkg/admin.<hash>.js` and `.wasm`), which then routes
//! in the browser — so deep links and reloads work. The shop front's pages never reference
//! this bundle. The supplier portal's addresses (`/supplier/...`) answer the same page under
//! its own title: the bundle mounts the portal there, which talks only to the supplier API.

use crate::assets::Assets;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;

pub fn router<S: Clone + Send + Sync + 'static>(assets: &Assets) -> Router<S> {
    let page = |title: &str| -> Arc<str> {
        SHELL
            .replace("/pkg/admin.css", &assets.admin_css)
            .replace("/pkg/admin.js", &assets.admin_js)
            .replace("/pkg/admin.wasm", &assets.admin_wasm)
            .replace("/pkg/admin-boot.js", &assets.admin_boot)
            .replace(TITLE, title)
            .into()
    };
    let (staff, supplier) = (page(TITLE), page(SUPPLIER_TITLE));
    let back_office = move || {
        let page = staff.clone();
        async move { shell(page) }
    };
    // the supplier portal is routed by the same bundle (it mounts the portal's app under
    // `/supplier`); it reads only the supplier API, with the supplier's own cookie
    let portal = move || {
        let page = supplier.clone();
        async move { shell(page) }
    };
    Router::new()
        .route("/admin", get(back_office.clone()))
        .route("/admin/", get(back_office.clone()))
        .route("/admin/{*rest}", get(back_office))
        .route("/supplier", get(portal.clone()))
        .route("/supplier/", get(portal.clone()))
        .route("/supplier/{*rest}", get(portal))
        // the staff page once lived in the shop front's English half
        .route("/en/admin", get(to_admin))
        .route("/en/admin/{*rest}", get(to_admin))
}

const TITLE: &str = "良仓后台 · Storekeep back office";
const SUPPLIER_TITLE: &str = "良仓供应商门户 · Storekeep supplier portal";

const SHELL: &str = r##"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="theme-color" content="#1e293b">
<title>良仓后台 · Storekeep back office</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/pkg/admin.css">
<link rel="modulepreload" href="/pkg/admin.js">
<link rel="preload" href="/pkg/admin.wasm" as="fetch" type="application/wasm" crossorigin>
<script type="module" src="/pkg/admin-boot.js"></script>
</head>
<body>
<noscript><p style="padding:2rem">良仓后台需要启用 JavaScript。 / The Storekeep back office needs JavaScript.</p></noscript>
</body>
</html>
"##;

fn shell(page: Arc<str>) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            (
                header::HeaderName::from_static("x-robots-tag"),
                "noindex, nofollow",
            ),
        ],
        page.to_string(),
    )
        .into_response()
}

async fn to_admin(uri: axum::http::Uri) -> Redirect {
    let path = uri.path().strip_prefix("/en").unwrap_or("/admin");
    let target = match uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    };
    Redirect::permanent(&target)
}
