#![recursion_limit = "256"]
//! Storekeep's user interface: Leptos pages rendered on the server; their interactive parts
//! are islands, hydrated in the browser (see `browser`). Chinese lives at the site root,
//! English under `/en`.

pub mod api;
#[cfg(feature = "hydrate")]
pub mod browser;
pub mod cart;
pub mod components;
pub mod hydration;
pub mod i18n;
pub mod pages;
pub mod seo;
pub mod session;
pub mod wishlist;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};
use pages::account::{AccountPage, ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage};
use pages::addresses::AddressBookPage;
use pages::brand::BrandStorePage;
use pages::cart::CartPage;
use pages::checkout::CheckoutPage;
use pages::my_orders::MyOrdersPage;
use pages::order::OrderPage;
use pages::profile::{ConfirmEmailPage, ProfilePage};
use pages::questions::{AskQuestionPage, MyQuestionsPage, QuestionPage};
use pages::reviews::MyReviewsPage;
use pages::search::SearchPage;
use pages::track::TrackPage;
use pages::wishlist::MyWishlistPage;
use pages::{category::CategoryPage, home::HomePage, not_found::NotFound, product::ProductPage};

/// Facts about the site the pages need: the public address (for canonical links), the
/// style sheet's current, content-hashed path and the stem of the shopper's-own-pages bundle
/// (`storekeep-buy.<hash>`; the catalogue bundle's is Leptos's output name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteInfo {
    pub base_url: String,
    pub stylesheet: String,
    pub buy_bundle: String,
}

/// The HTML document around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let stylesheet = use_context::<SiteInfo>()
        .map_or_else(|| "/pkg/storekeep.css".to_string(), |s| s.stylesheet);
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#c2410c"/>
                <link rel="stylesheet" href=stylesheet/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <hydration::Hydration options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The Content-Security-Policy. Pages carry a fresh nonce on every inline script Leptos
/// writes (hydration bootstrap, serialized data), so no inline script runs without it;
/// `wasm-unsafe-eval` lets the bundle instantiate. Responses without a nonce (API, files)
/// get the policy with no inline scripts at all.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(n) => format!("'self' 'nonce-{n}' 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_string(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Sends this page's CSP, naming the nonce of its inline scripts.
fn send_csp_with_nonce() {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(options)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(Some(&nonce))) {
            options.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    send_csp_with_nonce();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/categories/:slug") view=CategoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/products/:slug") view=ProductPage ssr=SsrMode::Async/>
                    <Route path=path!("/brands/:slug") view=BrandStorePage ssr=SsrMode::Async/>
                    <Route path=path!("/en") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/brands/:slug") view=BrandStorePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/categories/:slug") view=CategoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/products/:slug") view=ProductPage ssr=SsrMode::Async/>
                    <Route path=path!("/orders/:number") view=OrderPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/orders/:number") view=OrderPage ssr=SsrMode::Async/>
                    <Route path=path!("/cart") view=CartPage/>
                    <Route path=path!("/en/cart") view=CartPage/>
                    <Route path=path!("/checkout") view=CheckoutPage/>
                    <Route path=path!("/en/checkout") view=CheckoutPage/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/login") view=LoginPage/>
                    <Route path=path!("/account/register") view=RegisterPage/>
                    <Route path=path!("/account/forgot-password") view=ForgotPasswordPage/>
                    <Route path=path!("/account/reset-password") view=ResetPasswordPage/>
                    <Route path=path!("/account/orders") view=MyOrdersPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/reviews") view=MyReviewsPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/account/reviews") view=MyReviewsPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/questions") view=MyQuestionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/account/questions") view=MyQuestionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/questions/new") view=AskQuestionPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/account/questions/new") view=AskQuestionPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/questions/:id") view=QuestionPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/account/questions/:id") view=QuestionPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/addresses") view=AddressBookPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/account/addresses") view=AddressBookPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/wishlist") view=MyWishlistPage/>
                    <Route path=path!("/en/account/wishlist") view=MyWishlistPage/>
                    <Route path=path!("/account/profile") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/en/account/profile") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/account/confirm-email") view=ConfirmEmailPage/>
                    <Route path=path!("/en/account/confirm-email") view=ConfirmEmailPage/>
                    <Route path=path!("/track") view=TrackPage/>
                    <Route path=path!("/en/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/account/orders") view=MyOrdersPage ssr=SsrMode::Async/>
                    <Route path=path!("/en/track") view=TrackPage/>
                    <Route path=path!("/en/account/login") view=LoginPage/>
                    <Route path=path!("/en/account/register") view=RegisterPage/>
                    <Route path=path!("/en/account/forgot-password") view=ForgotPasswordPage/>
                    <Route path=path!("/en/account/reset-password") view=ResetPasswordPage/>
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
