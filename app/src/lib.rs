#![recursion_limit = "256"]
//! Storekeep's user interface: Leptos pages rendered on the server and hydrated in the
//! browser. Chinese lives at the site root, English under `/en`.

pub mod api;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod seo;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};
use pages::{category::CategoryPage, home::HomePage, not_found::NotFound, product::ProductPage};

/// Facts about the site the pages need (the public address, for canonical links).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteInfo {
    pub base_url: String,
}

/// The HTML document around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#c2410c"/>
                <link rel="stylesheet" href="/pkg/storekeep.css"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/categories/:slug") view=CategoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/products/:slug") view=ProductPage ssr=SsrMode::Async/>
                    <Route path=path!("/en") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/categories/:slug") view=CategoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/products/:slug") view=ProductPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// Sets the HTTP status of the page being rendered (404 for a missing product…).
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        options.set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}
