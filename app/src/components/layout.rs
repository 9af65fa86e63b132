//! The frame of every shop page: header with categories and language switch, footer.

use crate::api::{self, ApiResult};
use crate::components::search_box::SearchBox;
use crate::i18n::{t, use_locale, Msg};
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
    // "My account" when signed in, "Log in" otherwise
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
                <a class="lang-switch" href=other_href rel="external" hreflang=other_lang lang=other_lang data-testid="lang-switch">
                    {t(Msg::SwitchLanguage)}
                </a>
            </div>
        </header>
    }
}

#[component]
fn Footer() -> impl IntoView {
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
                </ul>
                <p class="muted site-footer__rights">"© 2026 "{t(Msg::FooterRights)}</p>
            </div>
        </footer>
    }
}
