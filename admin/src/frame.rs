//! The frame every page lives in: the navigation grouped by operations module (only the
//! modules that exist and that the person's roles may open), the top bar (shop name,
//! language, the staff member, sign-out) and the breadcrumbs. It also keeps signed-out
//! visitors out: they are sent to the sign-in page and come back afterwards.

use crate::consultations::UnreadBadge;
use crate::kit::{Breadcrumbs, Crumbs, Loading};
use crate::session::{use_session, Auth};
use crate::text::{self, T};
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;
use shared::staff::{Page, Permission, StaffSession};
use shared::Locale;
use ui::i18n::{t, use_locale};

#[component]
pub fn Frame() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let go = crate::kit::use_go();
    // signed out: to the sign-in page, and back here afterwards
    Effect::new(move |_| {
        if let Auth::SignedOut { ended } = session.0.get() {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let mut to = format!("/admin/login?next={}", shared::url::encode_component(&here));
            if ended {
                to.push_str("&ended=1");
            }
            go(&to, true);
        }
    });
    provide_context(Crumbs(RwSignal::new(Vec::new())));
    move || match session.0.get() {
        Auth::SignedIn(me) => view! { <Signed me/> }.into_any(),
        Auth::NotStaff => view! { <NotStaff/> }.into_any(),
        Auth::Checking | Auth::SignedOut { .. } => {
            view! { <div class="boot"><Loading/></div> }.into_any()
        }
    }
}

#[component]
fn Signed(me: StaffSession) -> impl IntoView {
    let location = use_location();
    let go = crate::kit::use_go();
    let must_enable = me.must_enable_two_factor;
    // an owner who must turn on two-factor sign-in can open nothing else first
    Effect::new(move |_| {
        if must_enable && location.pathname.get() != "/admin/me" {
            go("/admin/me", true);
        }
    });
    crate::consultations::provide_unread_badge(me.can(Permission::AnswerConsultations));
    let menu_open = RwSignal::new(false);
    // a page change closes the menu on narrow screens
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    view! {
        <div class="frame" class:frame--menu=move || menu_open.get()>
            <a class="skip" href="#main">{t(T::Home)}</a>
            <TopBar me=me.clone() menu_open/>
            <Nav me=me.clone()/>
            <main class="main" id="main">
                <Breadcrumbs/>
                {must_enable.then(|| view! {
                    <p class="banner banner--warn" role="alert" data-testid="must-enable-2fa">{t(T::MustEnableTwoFactor)}</p>
                })}
                <Outlet/>
            </main>
        </div>
    }
}

#[component]
fn TopBar(me: StaffSession, menu_open: RwSignal<bool>) -> impl IntoView {
    let locale = use_locale();
    let switch = crate::locale::use_switch();
    let session = use_session();
    let sign_out = move |_| {
        leptos::task::spawn_local(async move {
            let _ = crate::api::logout().await;
            session.signed_out();
        });
    };
    let other = move || match locale.get() {
        Locale::ZhCn => Locale::En,
        Locale::En => Locale::ZhCn,
    };
    view! {
        <header class="topbar">
            <button type="button" class="topbar__menu btn btn--ghost" aria-controls="nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)>
                {t(T::Menu)}
            </button>
            <a class="topbar__brand" href="/admin">{t(T::BackOffice)}</a>
            <div class="topbar__right">
                <a class="topbar__link" href="/" target="_blank" rel="noopener">{t(T::ViewShop)}</a>
                <button type="button" class="btn btn--ghost btn--small" data-testid="admin-lang"
                    on:click=move |_| switch(other())>{t(T::SwitchLanguage)}</button>
                <a class="topbar__me" href="/admin/me" data-testid="me-link" title=move || t(T::MyAccount)()>
                    {me.display_name.clone()}
                </a>
                <button type="button" class="btn btn--small" data-testid="sign-out" on:click=sign_out>
                    {t(T::SignOut)}
                </button>
            </div>
        </header>
    }
}

#[component]
fn Nav(me: StaffSession) -> impl IntoView {
    let locale = use_locale();
    let location = use_location();
    let groups = me
        .modules
        .into_iter()
        .map(|m| {
            let pages = m
                .pages
                .into_iter()
                .map(|p| {
                    let href = format!("/admin{}", p.path());
                    let target = href.clone();
                    let current = Memo::new(move |_| {
                        let path = location.pathname.get();
                        path == target || path.starts_with(&format!("{target}/"))
                    });
                    view! {
                        <li>
                            <a href=href class="nav__link" class:nav__link--on=current
                                aria-current=move || current.get().then_some("page")
                                data-testid=format!("nav-{}", p.path().trim_start_matches('/').replace('/', "-"))>
                                {move || text::page(locale.get(), p)}
                                {(p == Page::Consultations).then(|| view! { <UnreadBadge/> })}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            let module = m.module;
            view! {
                <li class="nav__group" data-testid="nav-module">
                    <span class="nav__module">{move || text::module(locale.get(), module)}</span>
                    <ul>{pages}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="nav" id="nav" aria-label=move || t(T::Navigation)()>
            <ul>
                <li class="nav__group">
                    <a href="/admin" class="nav__link" class:nav__link--on=move || location.pathname.get() == "/admin">
                        {t(T::Home)}
                    </a>
                </li>
                {groups}
            </ul>
        </nav>
    }
}

#[component]
fn NotStaff() -> impl IntoView {
    let session = use_session();
    let sign_out = move |_| {
        leptos::task::spawn_local(async move {
            let _ = crate::api::logout().await;
            session.signed_out();
        });
    };
    view! {
        <div class="center-card" data-testid="not-staff">
            <h1>{t(T::BackOffice)}</h1>
            <p>{t(T::StaffOnly)}</p>
            <p class="row">
                <button type="button" class="btn" on:click=sign_out>{t(T::SignOut)}</button>
                <a class="btn btn--ghost" href="/">{t(T::ViewShop)}</a>
            </p>
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <div class="center-card" data-testid="admin-not-found">
            <h1>{t(T::NotFound)}</h1>
            <p>{t(T::NotFoundText)}</p>
            <a class="btn" href="/admin">{t(T::BackToStart)}</a>
        </div>
    }
}
