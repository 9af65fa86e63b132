//! 供应商门户 (the supplier portal, `/supplier`): where a supplier's own staff read the
//! purchase orders the shop sent their company, confirm one line by line (or propose other
//! quantities), move expected dates and announce shipments. It is mounted by the back
//! office's bundle (the server answers every `/supplier/...` address with the same shell)
//! but is an app of its own: its own session (a separate cookie), its own sign-in and
//! invitation pages, and a plain frame — the supplier's company, the account, the language
//! switch and signing out; no staff navigation.

pub mod orders;
pub mod session;
pub mod sign_in;
pub(crate) mod text;

use crate::kit::toast::ToastHost;
use crate::kit::Loading;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use session::{use_portal_session, PortalAuth};
use shared::procurement::portal::SupplierMe;
use shared::time::{civil_date, SHOP_UTC_OFFSET_HOURS};
use shared::Locale;
use text::Sp;
use ui::i18n::{t, use_locale, Translate};

/// Whether the page's address is the portal's (`/supplier`, `/supplier/...`).
pub fn is_portal_address() -> bool {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|p| p == "/supplier" || p.starts_with("/supplier/"))
}

#[component]
pub fn SupplierApp() -> impl IntoView {
    crate::locale::provide();
    session::provide();
    crate::kit::toast::provide();
    view! {
        <Router base="/supplier">
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=sign_in::SupplierSignInPage/>
                <Route path=path!("/accept-invitation") view=sign_in::SupplierAcceptInvitationPage/>
                <ParentRoute path=path!("") view=Frame>
                    <Route path=path!("") view=orders::SupplierOrdersPage/>
                    <Route path=path!("/orders/:id") view=orders::SupplierOrderPage/>
                </ParentRoute>
            </Routes>
            <ToastHost/>
        </Router>
    }
}

/// Sets the window title, `title` in the reader's language, then the portal's name.
pub(crate) fn use_title(title: impl Fn(Locale) -> String + 'static) {
    let locale = use_locale();
    Effect::new(move |_| {
        let l = locale.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{} · {}", title(l), Sp::Portal.text(l)));
        }
    });
}

/// The frame of the portal's pages: signed-out visitors go to the sign-in page and come
/// back afterwards.
#[component]
fn Frame() -> impl IntoView {
    let session = use_portal_session();
    let location = use_location();
    let go = crate::kit::use_go();
    Effect::new(move |_| {
        if let PortalAuth::SignedOut { ended } = session.0.get() {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let mut to = format!(
                "/supplier/login?next={}",
                shared::url::encode_component(&here)
            );
            if ended {
                to.push_str("&ended=1");
            }
            go(&to, true);
        }
    });
    move || match session.0.get() {
        PortalAuth::SignedIn(me) => view! { <Signed me/> }.into_any(),
        PortalAuth::Checking | PortalAuth::SignedOut { .. } => {
            view! { <div class="boot"><Loading/></div> }.into_any()
        }
    }
}

#[component]
fn Signed(me: SupplierMe) -> impl IntoView {
    view! {
        <div class="portal" data-testid="supplier-portal">
            <a class="skip" href="#main">{t(Sp::Orders)}</a>
            <TopBar me/>
            <main class="main portal__main" id="main">
                <Outlet/>
            </main>
        </div>
    }
}

/// The portal's name, the supplier's company, the account, the language and signing out.
#[component]
fn TopBar(me: SupplierMe) -> impl IntoView {
    let locale = use_locale();
    let switch = crate::locale::use_switch();
    let session = use_portal_session();
    let sign_out = move |_| {
        leptos::task::spawn_local(async move {
            let _ = crate::api::portal::logout().await;
            session.signed_out();
        });
    };
    let other = move || match locale.get() {
        Locale::ZhCn => Locale::En,
        Locale::En => Locale::ZhCn,
    };
    view! {
        <header class="topbar portal__top">
            <a class="topbar__brand" href="/supplier">{t(Sp::Portal)}</a>
            <span class="portal__company" data-testid="sp-company" title=move || Sp::Company.text(locale.get())>
                {me.supplier_name.clone()}
            </span>
            <div class="topbar__right">
                <button type="button" class="btn btn--ghost btn--small" data-testid="admin-lang"
                    on:click=move |_| switch(other())>{t(crate::text::T::SwitchLanguage)}</button>
                <span class="topbar__me" data-testid="sp-account" title=me.email.clone()>
                    {me.display_name.clone()}
                </span>
                <button type="button" class="btn btn--small" data-testid="sign-out" on:click=sign_out>
                    {t(crate::text::T::SignOut)}
                </button>
            </div>
        </header>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    use_title(|l| Sp::NotFound.text(l).to_string());
    view! {
        <div class="center-card" data-testid="sp-not-found">
            <h1>{t(Sp::NotFound)}</h1>
            <p>{t(Sp::NotFoundText)}</p>
            <a class="btn" href="/supplier">{t(Sp::BackToStart)}</a>
        </div>
    }
}

// days -------------------------------------------------------------------------------------

/// The first moment of the shop's day now (dates are the shop's days, China Standard Time).
pub(crate) fn today() -> i64 {
    #[allow(clippy::cast_possible_truncation)]
    let now = web_sys::js_sys::Date::now() as i64;
    shared::reports::day_start(shared::reports::shop_day(now))
}

/// `YYYY-MM-DD` of the shop's day of `millis`, for `<input type=date>`.
pub(crate) fn day_input(millis: i64) -> String {
    shared::reports::format_day(shared::reports::shop_day(millis))
}

/// The first moment (the shop's midnight) of a `YYYY-MM-DD` typed, if it is a day.
pub(crate) fn parse_day_input(text: &str) -> Option<i64> {
    shared::reports::parse_day(text).map(shared::reports::day_start)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "2026年12月1日" / "1 Dec 2026": the shop's day of `millis` (a promised or expected day
/// is the shop's, wherever the reader is).
pub(crate) fn shop_date(locale: Locale, millis: i64) -> String {
    let (y, m, d) = civil_date(millis, SHOP_UTC_OFFSET_HOURS);
    match locale {
        Locale::ZhCn => format!("{y}年{m}月{d}日"),
        Locale::En => {
            let month = MONTHS[usize::try_from(m.saturating_sub(1)).unwrap_or(0) % 12];
            format!("{d} {month} {y}")
        }
    }
}

/// A day, or a dash for none.
pub(crate) fn maybe_date(locale: Locale, millis: Option<i64>) -> String {
    millis.map_or_else(|| "—".to_string(), |m| shop_date(locale, m))
}
