//! "Home › Clothing › T-shirts".

use crate::i18n::{use_locale, Msg};
use leptos::prelude::*;
use shared::catalog::CategoryRef;

#[component]
pub fn Breadcrumbs(trail: Vec<CategoryRef>) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let items = trail
        .into_iter()
        .map(|c| {
            let href = locale.localize(&format!("/categories/{}", c.slug));
            view! { <li><a href=href>{c.name.get(locale).to_string()}</a></li> }
        })
        .collect_view();
    view! {
        <nav class="breadcrumbs" aria-label=Msg::Breadcrumbs.text(locale)>
            <ol>
                <li><a href=locale.localize("/")>{Msg::Home.text(locale)}</a></li>
                {items}
            </ol>
        </nav>
    }
}
