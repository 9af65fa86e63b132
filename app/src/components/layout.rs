//! The frame of every shop page: header with categories and language switch, footer.

use crate::api::{self, ApiResult};
use crate::cart::{use_cart, Cart};
use crate::components::search_box::SearchBox;
use crate::i18n::{t, use_locale, Msg, Portal};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::catalog::{child_categories, Category};
use shared::Locale;

/// All categories, loaded once per page by the layout and shared with the pages.
#[derive(Clone, Copy)]
pub struct Categories(pub Resource<ApiResult<Vec<Category>>>);

pub fn use_categories() -> Resource<ApiResult<Vec<Category>>> {
    match use_context::<Categories>() {
        Some(c) => c.0,
        None => Resource::new(|| (), |_| api::categories()),
    }
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let location = use_location();
    let locale = Memo::new(move |_| Locale::split_path(&location.pathname.get()).0);
    provide_context(locale);
    provide_context(Categories(Resource::new(|| (), |_| api::categories())));
    provide_context(crate::session::Session::unknown());
    provide_context(Cart::empty());
    view! {
        <a class="skip-link" href="#main">{t(Msg::Products)}</a>
        <Header/>
        <main id="main" class="container">{children()}</main>
        <Footer/>
    }
}

#[component]
fn Header() -> impl IntoView {
    let locale = use_locale();
    let location = use_location();
    let categories = use_categories();
    // The same page in the other language; a full load so every string and tag follows.
    let other_href = move || {
        let pathname = location.pathname.get();
        let (current, rest) = Locale::split_path(&pathname);
        let other = match current {
            Locale::ZhCn => Locale::En,
            Locale::En => Locale::ZhCn,
        };
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        if search.is_empty() {
            other.localize(rest)
        } else {
            format!("{}?{search}", other.localize(rest))
        }
    };
    let other_lang = move || match locale.get() {
        Locale::ZhCn => "en",
        Locale::En => "zh-CN",
    };
    let nav = move || {
        Suspend::new(async move {
            let all = categories.await.unwrap_or_default();
            let loc = locale.get_untracked();
            child_categories(&all, None)
                .into_iter()
                .map(|c| {
                    let href = loc.localize(&format!("/categories/{}", c.slug));
                    view! { <li><a href=href>{c.name.get(loc).to_string()}</a></li> }
                })
                .collect_view()
        })
    };
    let me = Resource::new(|| (), |_| api::me());
    // "My account" when signed in, "Log in" otherwise (the server knows from the cookie)
    let account_link = move || {
        Suspend::new(async move {
            let signed_in = me.await.is_ok();
            let loc = locale.get_untracked();
            let (href, label) = if signed_in {
                ("/account", Msg::MyAccount)
            } else {
                ("/account/login", Msg::LogIn)
            };
            view! { <a class="account-link" href=loc.localize(href) data-testid="account-link">{label.text(loc)}</a> }
        })
    };
    view! {
        <header class="site-header">
            <div class="container site-header__bar">
                <a class="brand" href=move || locale.get().localize("/") aria-label=t(Msg::Home)>
                    <img src="/img/logo.svg" alt="" width="32" height="32"/>
                    <span class="brand__name">{t(Msg::ShopName)}</span>
                </a>
                <nav class="site-nav" aria-label=t(Msg::MenuCategories)>
                    <ul>
                        <Suspense fallback=|| ()>{nav}</Suspense>
                    </ul>
                </nav>
                <SearchBox/>
                <Suspense fallback=|| ()>{account_link}</Suspense>
                <a class="wish-link" href=move || locale.get().localize("/account/wishlist") aria-label=t(Portal::Wishlist)
                    title=t(Portal::Wishlist) data-testid="wishlist-link">"♡"</a>
                <MiniCart/>
                <a class="lang-switch" href=other_href rel="external" hreflang=other_lang lang=other_lang data-testid="lang-switch">
                    {t(Msg::SwitchLanguage)}
                </a>
                // after the whole bar: a paint while the parser waits here shows it complete
                <script nonce=leptos::nonce::use_nonce() inner_html=CART_BADGE_SCRIPT></script>
            </div>
        </header>
    }
}

/// Runs right after the header bar is parsed: until the bundle has loaded and the cart with
/// it, the badge shows what the previous page counted (the server cannot know a guest's
/// cart, which lives in the browser, and every page is the same for everyone). Only the
/// text node's data changes: the hydration markers beside it must stay.
const CART_BADGE_SCRIPT: &str = "try{const n=+localStorage.getItem('sk_cart_units');\
const b=document.querySelector('[data-testid=cart-count]');\
if(b&&b.firstChild&&n>0){b.firstChild.data=String(n);b.classList.remove('cart-badge--empty')}}catch(e){}";

/// The cart link with its item count and, right after something was added, a panel saying
/// what, with the way to the cart and to checkout. An island: the count is the browser's.
/// The badge's text and colour are set here, once the cart is loaded, rather than rendered
/// reactively: the page may already show the previous page's count (`CART_BADGE_SCRIPT`).
#[island]
fn MiniCart() -> impl IntoView {
    let cart = use_cart();
    let locale = use_locale();
    let count = move || cart.unit_count();
    let badge = NodeRef::<leptos::html::Span>::new();
    Effect::new(move |_| {
        if !cart.is_loaded() {
            return;
        }
        let n = count();
        #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
        if let Some(el) = badge.get() {
            if let Some(text) = el.first_child() {
                text.set_node_value(Some(&n.to_string()));
            }
            let _ = el
                .class_list()
                .toggle_with_force("cart-badge--empty", n == 0);
        }
        crate::cart::remember_units(n);
        #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
        let _ = badge;
    });
    let panel = move || {
        cart.just_added.get().map(|label| {
            let l = locale.get_untracked();
            view! {
                <div class="mini-cart__panel" role="status" data-testid="mini-cart">
                    <button type="button" class="mini-cart__close" aria-label=Msg::Close.text(l)
                        on:click=move |_| cart.just_added.set(None)>"×"</button>
                    <p class="mini-cart__title">"✓ "{Msg::AddedToCart.text(l)}</p>
                    <p class="muted small">{label}</p>
                    <p class="small">{move || crate::i18n::unit_count(locale.get(), count())}</p>
                    <div class="mini-cart__actions">
                        <a class="button button--ghost" href=l.localize("/cart")>{Msg::ViewCart.text(l)}</a>
                        <a class="button" href=l.localize("/checkout") data-testid="mini-cart-checkout">{Msg::Checkout.text(l)}</a>
                    </div>
                </div>
            }
        })
    };
    view! {
        <div class="mini-cart">
            <a class="cart-link" href=move || locale.get().localize("/cart") data-testid="cart-link">
                <svg class="cart-link__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                    <path d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21 8H6.2" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>
                    <circle cx="10" cy="20" r="1.4" fill="currentColor"/>
                    <circle cx="17" cy="20" r="1.4" fill="currentColor"/>
                </svg>
                <span class="cart-link__label">{t(Msg::Cart)}</span>
                <span class="cart-badge cart-badge--empty" node_ref=badge data-testid="cart-count">"0"</span>
            </a>
            {panel}
        </div>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let locale = use_locale();
    view! {
        <footer class="site-footer">
            <div class="container site-footer__grid">
                <div>
                    <p class="brand__name">{t(Msg::ShopName)}</p>
                    <p class="muted">{t(Msg::Tagline)}</p>
                </div>
                <ul class="site-footer__links">
                    <li>{t(Msg::FooterService)}" · 400-820-0000"</li>
                    <li>{t(Msg::FooterShipping)}</li>
                    <li>{t(Msg::FooterReturns)}</li>
                    <li><a href=move || locale.get().localize("/track") data-testid="track-link">{t(Msg::TrackOrder)}</a></li>
                </ul>
                <p class="muted site-footer__rights">"© 2026 "{t(Msg::FooterRights)}</p>
            </div>
        </footer>
    }
}
