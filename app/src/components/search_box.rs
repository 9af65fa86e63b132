//! The header's search box: a plain GET form to the search page (works before and without
//! the WASM bundle) that, once hydrated, suggests products as you type (debounced). An
//! island.

use crate::api;
use crate::i18n::{t, use_locale, Msg};
use leptos::prelude::*;
use shared::catalog::{ProductQuery, ProductSummary, SearchText};
use std::time::Duration;

const DEBOUNCE: Duration = Duration::from_millis(250);

#[island]
pub fn SearchBox() -> impl IntoView {
    let locale = use_locale();
    let suggestions = RwSignal::new(Vec::<ProductSummary>::new());
    // the latest keystroke's number: older answers arriving late are dropped
    let typed = StoredValue::new(0_u64);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let n = typed.get_value() + 1;
        typed.set_value(n);
        set_timeout(
            move || {
                if typed.get_value() != n {
                    return;
                }
                let Ok(Some(q)) = SearchText::parse(&text) else {
                    suggestions.set(Vec::new());
                    return;
                };
                let request = api::search(&ProductQuery {
                    q: Some(q),
                    page_size: 6,
                    ..ProductQuery::default()
                });
                leptos::task::spawn_local(async move {
                    if let Ok(result) = request.await {
                        if typed.get_value() == n {
                            suggestions.set(result.list.items);
                        }
                    }
                });
            },
            DEBOUNCE,
        );
    };
    let list = move || {
        let loc = locale.get();
        suggestions
            .get()
            .into_iter()
            .map(|p| {
                view! {
                    <li>
                        <a href=loc.localize(&format!("/products/{}", p.slug)) data-testid="suggestion">
                            <img src=p.image.clone() alt="" width="36" height="36"/>
                            <span>{p.name.get(loc).to_string()}</span>
                            <span class="price__now">{p.price.to_string()}</span>
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <form class="search-box" role="search" method="get" action=move || locale.get().localize("/search")>
            <input type="search" name="q" maxlength="100" autocomplete="off"
                placeholder=t(Msg::SearchPlaceholder) aria-label=t(Msg::Search)
                on:input=on_input data-testid="search-input"/>
            <Show when=move || !suggestions.with(Vec::is_empty)>
                <ul class="suggestions" data-testid="suggestions">{list}</ul>
            </Show>
        </form>
    }
}
