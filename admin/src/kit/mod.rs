//! The patterns every module's pages are built from: the list (filters, sort, search and
//! pages kept in the URL, bulk selection), the form (errors next to their fields, a warning
//! before leaving unsaved changes, a toast after saving), breadcrumbs and page titles.

pub mod chart;
pub mod form;
pub mod list;
pub mod steps;
pub mod toast;
pub mod upload;

use crate::text::T;
use leptos::prelude::*;
use shared::Locale;
use ui::i18n::{t, use_locale, Translate};

/// A step of the breadcrumbs: its label and, unless it is the current page, its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

impl Crumb {
    pub fn link(label: impl Into<String>, href: impl Into<String>) -> Crumb {
        Crumb {
            label: label.into(),
            href: Some(href.into()),
        }
    }

    pub fn here(label: impl Into<String>) -> Crumb {
        Crumb {
            label: label.into(),
            href: None,
        }
    }

    /// A module's page, then `here` on it (a record of its list): "退货 / 退货单 #12".
    pub fn trail(l: Locale, page: shared::staff::Page, here: Option<String>) -> Vec<Crumb> {
        let name = crate::text::page(l, page);
        match here {
            None => vec![Crumb::here(name)],
            Some(h) => vec![
                Crumb::link(name, format!("/admin{}", page.path())),
                Crumb::here(h),
            ],
        }
    }
}

/// The breadcrumbs of the page shown, set by the page.
#[derive(Clone, Copy)]
pub struct Crumbs(pub RwSignal<Vec<Crumb>>);

/// Sets the page's breadcrumbs (after "Home") and the window title from a function of the
/// locale, so both follow the language switch.
pub fn use_page(crumbs: impl Fn(Locale) -> Vec<Crumb> + Send + Sync + 'static) {
    let locale = use_locale();
    let Some(Crumbs(signal)) = use_context::<Crumbs>() else {
        return;
    };
    Effect::new(move |_| {
        let l = locale.get();
        let list = crumbs(l);
        let title = list
            .last()
            .map(|c| format!("{} · {}", c.label, T::BackOffice.text(l)))
            .unwrap_or_else(|| T::BackOffice.text(l).to_string());
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&title);
        }
        signal.set(list);
    });
}

/// The breadcrumbs bar of the frame.
#[component]
pub fn Breadcrumbs() -> impl IntoView {
    let crumbs = use_context::<Crumbs>().map(|c| c.0);
    let items = move || {
        let list = crumbs.map(|c| c.get()).unwrap_or_default();
        let mut out = vec![view! { <li><a href="/admin">{t(T::Home)}</a></li> }.into_any()];
        for c in list {
            out.push(match c.href {
                Some(href) => view! { <li><a href=href>{c.label}</a></li> }.into_any(),
                None => view! { <li aria-current="page">{c.label}</li> }.into_any(),
            });
        }
        out
    };
    view! {
        <nav class="crumbs" aria-label="breadcrumbs" data-testid="breadcrumbs">
            <ol>{items}</ol>
        </nav>
    }
}

/// Moves inside the back office to `path` (a full `/admin/...` address); `replace` leaves no
/// history entry behind (redirects).
pub fn use_go() -> impl Fn(&str, bool) + Clone + 'static {
    let navigate = leptos_router::hooks::use_navigate();
    move |path: &str, replace: bool| {
        navigate(
            path,
            leptos_router::NavigateOptions {
                resolve: false,
                replace,
                ..Default::default()
            },
        )
    }
}

/// The number in the address's `:name` segment (0 when it is not one: the server answers
/// 404 for it, and the page says so).
pub fn use_id_param(name: &'static str) -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        params
            .read()
            .get(name)
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    }
}

/// A page's data: loading, then `show` it — or the failure, with a retry when given.
pub fn loaded<T, V>(
    resource: LocalResource<Result<T, shared::ApiError>>,
    retry: Option<Callback<()>>,
    show: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => show(value).into_any(),
                        Err(error) => match retry {
                            Some(retry) => view! { <Failed error retry/> }.into_any(),
                            None => view! { <Failed error/> }.into_any(),
                        },
                    }
                })
            }}
        </Transition>
    }
}

/// What a list or a page shows while loading or after a failure.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="state state--loading" role="status">{t(T::Loading)}</p> }
}

#[component]
pub fn Failed(
    error: shared::ApiError,
    #[prop(optional)] retry: Option<Callback<()>>,
) -> impl IntoView {
    let locale = use_locale();
    let message = move || crate::text::error(locale.get(), &error);
    view! {
        <div class="state state--error" role="alert" data-testid="load-error">
            <p>{message}</p>
            {retry.map(|r| view! {
                <button type="button" class="btn" on:click=move |_| r.run(())>{t(T::TryAgain)}</button>
            })}
        </div>
    }
}
