//! Server-side rendering: the Leptos app rendered per request, with its data loaded by
//! calling the API router in-process (same handlers, same JSON, no network hop).

use crate::state::AppState;
use app::api::InProcessApi;
use axum::body::Body;
use axum::http::{HeaderMap, Request};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use tower::ServiceExt;

/// Largest API response the renderer will read (a full product page is a few KB).
const MAX_BODY: usize = 4 * 1024 * 1024;

/// The page routes and the fallback (static files, else the 404 page).
pub fn router(state: &AppState) -> Router<AppState> {
    let api = crate::api::router(state.clone());
    let site = app::SiteInfo {
        base_url: state.config.public_url.clone(),
        stylesheet: state.assets.shop_css.clone(),
        buy_bundle: state.assets.shop_buy.clone(),
    };
    let context = move || {
        let api = api.clone();
        // this request's response: a page whose data did not all load is marked, so that it
        // is never kept (`page_cache`)
        let response = leptos::prelude::use_context::<leptos_axum::ResponseOptions>();
        provide_context(InProcessApi::new(move |path, headers| {
            let (api, response) = (api.clone(), response.clone());
            Box::pin(async move {
                let answer = call(api, path, headers).await;
                if answer.0 >= 500 {
                    if let Some(r) = response {
                        r.insert_header(
                            crate::page_cache::INCOMPLETE.clone(),
                            axum::http::HeaderValue::from_static("1"),
                        );
                    }
                }
                answer
            })
        }));
        provide_context(site.clone());
    };
    let routes = route_list().to_vec();
    let options = state.leptos.clone();
    Router::new()
        .leptos_routes_with_context(state, routes, context.clone(), move || {
            app::shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context,
            app::shell,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::page_cache::serve,
        ))
}

/// The app's routes, generated once per process. Generating runs the app with resource
/// loading suppressed by a process-wide flag (leptos-rs/leptos#4773): a page rendered in
/// another thread meanwhile would wait forever. Once, before anything is served, is safe
/// even when tests build many applications in one process.
fn route_list() -> &'static [leptos_axum::AxumRouteListing] {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App))
}

async fn call(api: Router, path: String, headers: HeaderMap) -> (u16, String) {
    let mut req = Request::builder().uri(&path);
    if let Some(h) = req.headers_mut() {
        *h = headers;
    }
    let Ok(req) = req.body(Body::empty()) else {
        return (400, String::new());
    };
    let Ok(res) = api.oneshot(req).await;
    let status = res.status().as_u16();
    match axum::body::to_bytes(res.into_body(), MAX_BODY).await {
        Ok(bytes) => (status, String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) => {
            tracing::error!(error = %e, path, "reading an in-process API response failed");
            (500, String::new())
        }
    }
}
