//! The list pattern: a list's filters, sort, search and page live in the URL (so back,
//! forward, reloads and shared links show the same list), the server pages and counts,
//! and rows can be selected for bulk actions.

use crate::text::T;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;
use std::time::Duration;
use ui::i18n::{t, use_locale, Translate};

type Navigate = Box<dyn Fn(&str, NavigateOptions)>;

/// The list's state in the URL.
#[derive(Clone, Copy)]
pub struct ListUrl {
    query: Memo<ParamsMap>,
    path: Memo<String>,
    navigate: StoredValue<Navigate, LocalStorage>,
}

pub fn use_list_url() -> ListUrl {
    let query = use_query_map();
    let location = use_location();
    let path = Memo::new(move |_| location.pathname.get());
    let navigate = use_navigate();
    ListUrl {
        query,
        path,
        navigate: StoredValue::new_local(Box::new(move |to: &str, o: NavigateOptions| {
            navigate(to, o)
        }) as Navigate),
    }
}

impl ListUrl {
    /// A parameter's value (tracked), `None` when absent or empty.
    pub fn get(&self, key: &str) -> Option<String> {
        self.query
            .with(|q| q.get(key))
            .filter(|v| !v.trim().is_empty())
    }

    /// A parameter read as one of an enum's snake_case codes (unknown codes are ignored).
    pub fn parse<V: DeserializeOwned>(&self, key: &str) -> Option<V> {
        self.get(key)
            .and_then(|v| serde_json::from_value(serde_json::Value::String(v)).ok())
    }

    pub fn number<N: std::str::FromStr>(&self, key: &str) -> Option<N> {
        self.get(key).and_then(|v| v.trim().parse().ok())
    }

    pub fn flag(&self, key: &str) -> Option<bool> {
        self.get(key).map(|v| v == "true" || v == "1")
    }

    /// The address of this list with `changes` applied (a change of anything but the page
    /// goes back to the first page).
    pub fn href(&self, changes: &[(&str, Option<String>)]) -> String {
        let mut q = self.query.get_untracked();
        if !changes.iter().any(|(k, _)| *k == "page") {
            q.remove("page");
        }
        for (key, value) in changes {
            match value.as_deref().map(str::trim) {
                Some(v) if !v.is_empty() => q.replace(key.to_string(), v.to_string()),
                _ => {
                    q.remove(key);
                }
            }
        }
        format!("{}{}", self.path.get_untracked(), q.to_query_string())
    }

    /// Moves to the list with `changes` applied; `replace` for changes while typing (no new
    /// history entry per keystroke).
    pub fn set(&self, changes: &[(&str, Option<String>)], replace: bool) {
        let to = self.href(changes);
        self.navigate.with_value(|nav| {
            nav(
                &to,
                NavigateOptions {
                    resolve: false,
                    replace,
                    scroll: false,
                    ..Default::default()
                },
            )
        });
    }
}

/// "Page 2 of 5 · 118 in all" with previous and next links.
#[component]
pub fn Pagination(url: ListUrl, total: i64, page: u32, page_size: u32) -> impl IntoView {
    let locale = use_locale();
    let size = i64::from(page_size.max(1));
    let pages = u32::try_from(((total + size - 1) / size).max(1)).unwrap_or(u32::MAX);
    let prev = (page > 1).then(|| url.href(&[("page", Some((page - 1).to_string()))]));
    let next = (page < pages).then(|| url.href(&[("page", Some((page + 1).to_string()))]));
    let summary = move || match locale.get() {
        shared::Locale::ZhCn => format!("第 {page} / {pages} 页 · 共 {total} 条"),
        shared::Locale::En => format!("Page {page} of {pages} · {total} in all"),
    };
    view! {
        <nav class="pager" aria-label="pages" data-testid="pager">
            <span class="pager__summary">{summary}</span>
            {match prev {
                Some(href) => view! { <a class="btn btn--ghost btn--small" href=href rel="prev">{t(T::Previous)}</a> }.into_any(),
                None => view! { <span class="btn btn--ghost btn--small btn--off" aria-disabled="true">{t(T::Previous)}</span> }.into_any(),
            }}
            {match next {
                Some(href) => view! { <a class="btn btn--ghost btn--small" href=href rel="next" data-testid="next-page">{t(T::Next)}</a> }.into_any(),
                None => view! { <span class="btn btn--ghost btn--small btn--off" aria-disabled="true">{t(T::Next)}</span> }.into_any(),
            }}
        </nav>
    }
}

/// A column header that sorts the list by `key`; a second click reverses the order.
#[component]
pub fn SortHeader(
    url: ListUrl,
    label: Signal<&'static str>,
    key: &'static str,
    /// The list's sort when the URL names none.
    default_sort: &'static str,
    /// The order of a first click and of the default sort.
    #[prop(default = "asc")]
    first_dir: &'static str,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let active = move || url.get("sort").as_deref().unwrap_or(default_sort) == key;
    let dir = move || url.get("dir").unwrap_or_else(|| first_dir.to_string());
    let href = move || {
        let next = if active() {
            if dir() == "asc" {
                "desc"
            } else {
                "asc"
            }
        } else {
            first_dir
        };
        url.href(&[
            ("sort", Some(key.to_string())),
            ("dir", Some(next.to_string())),
        ])
    };
    let aria = move || match (active(), dir().as_str()) {
        (false, _) => "none",
        (true, "asc") => "ascending",
        _ => "descending",
    };
    let arrow = move || match (active(), dir().as_str()) {
        (false, _) => "",
        (true, "asc") => " ▲",
        _ => " ▼",
    };
    view! {
        <th aria-sort=aria class=class>
            <a href=href class="sort" data-testid=format!("sort-{key}")>{label}{arrow}</a>
        </th>
    }
}

/// The list's search box: the URL follows what is typed (after a short pause).
#[component]
pub fn SearchBox(url: ListUrl, placeholder: Signal<&'static str>) -> impl IntoView {
    let value = RwSignal::new(url.get("q").unwrap_or_default());
    // back/forward change the URL: the box follows
    Effect::new(move |_| {
        let q = url.get("q").unwrap_or_default();
        if q != value.get_untracked() {
            value.set(q);
        }
    });
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        value.set(text.clone());
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || url.set(&[("q", Some(text.clone()))], true),
            Duration::from_millis(300),
        )
        .ok();
        pending.set_value(handle);
    };
    view! {
        <input type="search" class="input search" name="q" placeholder=placeholder
            aria-label=placeholder prop:value=move || value.get() on:input=on_input
            data-testid="list-search"/>
    }
}

/// The `(value, label)` options of a filter over every value of an enum, labelled in the
/// current language.
pub fn options<V: Copy + Send + Sync + 'static>(
    all: &'static [V],
    code: fn(V) -> &'static str,
    label: fn(shared::Locale, V) -> &'static str,
) -> Signal<Vec<(String, String)>> {
    let locale = use_locale();
    Signal::derive(move || {
        let l = locale.get();
        all.iter()
            .map(|v| (code(*v).to_string(), label(l, *v).to_string()))
            .collect()
    })
}

/// A filter chosen from a few values; "all" removes it.
#[component]
pub fn FilterSelect(
    url: ListUrl,
    key: &'static str,
    label: Signal<&'static str>,
    /// `(value, label)` pairs.
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let current = move || url.get(key).unwrap_or_default();
    let on_change = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        url.set(&[(key, (!v.is_empty()).then_some(v))], false);
    };
    view! {
        <label class="filter">
            <span class="filter__label">{label}</span>
            <select class="input" name=key on:change=on_change prop:value=current data-testid=format!("filter-{key}")>
                <option value="">{t(T::All)}</option>
                {move || options.get().into_iter().map(|(v, l)| {
                    let selected = v == current();
                    view! { <option value=v.clone() selected=selected>{l}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// The rows picked for a bulk action (by their keys).
#[derive(Clone, Copy)]
pub struct Selection(pub RwSignal<BTreeSet<String>>);

impl Selection {
    pub fn new() -> Selection {
        Selection(RwSignal::new(BTreeSet::new()))
    }

    pub fn has(self, key: &str) -> bool {
        self.0.with(|s| s.contains(key))
    }

    pub fn toggle(self, key: &str) {
        self.0.update(|s| {
            if !s.remove(key) {
                s.insert(key.to_string());
            }
        });
    }

    pub fn keys(self) -> Vec<String> {
        self.0.get_untracked().into_iter().collect()
    }

    pub fn clear(self) {
        self.0.set(BTreeSet::new());
    }

    pub fn len(self) -> usize {
        self.0.with(BTreeSet::len)
    }

    pub fn is_empty(self) -> bool {
        self.0.with(BTreeSet::is_empty)
    }
}

/// The header checkbox: selects or clears every row of the page.
#[component]
pub fn SelectAll(selection: Selection, keys: Vec<String>) -> impl IntoView {
    let locale = use_locale();
    let all_keys = keys.clone();
    let checked = move || !keys.is_empty() && keys.iter().all(|k| selection.has(k));
    let on_change = move |_| {
        let every = all_keys.iter().all(|k| selection.has(k));
        selection.0.update(|s| {
            for k in &all_keys {
                if every {
                    s.remove(k);
                } else {
                    s.insert(k.clone());
                }
            }
        });
    };
    view! {
        <th class="check">
            <input type="checkbox" prop:checked=checked on:change=on_change
                aria-label=move || T::SelectAll.text(locale.get()) data-testid="select-all"/>
        </th>
    }
}

#[component]
pub fn RowCheck(selection: Selection, key: String) -> impl IntoView {
    let locale = use_locale();
    let k = key.clone();
    view! {
        <td class="check">
            <input type="checkbox" prop:checked=move || selection.has(&k)
                on:change=move |_| selection.toggle(&key)
                aria-label=move || T::SelectRow.text(locale.get()) data-testid="row-check"/>
        </td>
    }
}

/// The bar of bulk actions, shown while rows are selected.
#[component]
pub fn BulkBar(selection: Selection, children: ChildrenFn) -> impl IntoView {
    let locale = use_locale();
    let count = move || match locale.get() {
        shared::Locale::ZhCn => format!("已选 {} 项", selection.len()),
        shared::Locale::En => format!("{} selected", selection.len()),
    };
    view! {
        <Show when=move || !selection.is_empty()>
            <div class="bulk" role="region" aria-label="bulk actions" data-testid="bulk-bar">
                <span class="bulk__count">{count}</span>
                {children()}
                <button type="button" class="btn btn--ghost btn--small" on:click=move |_| selection.clear()>
                    {t(T::ClearSelection)}
                </button>
            </div>
        </Show>
    }
}

/// The empty state of a list.
#[component]
pub fn Empty() -> impl IntoView {
    view! { <p class="state state--empty" data-testid="list-empty">{t(T::NothingHere)}</p> }
}
