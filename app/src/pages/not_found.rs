//! The 404 page, with a real 404 status.

use crate::i18n::{t, use_locale, Msg};
use crate::seo::PageMeta;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::set_status(404);
    let locale = use_locale();
    view! {
        <PageMeta title=Msg::NotFoundTitle.text(locale.get_untracked()) description=Msg::NotFoundText.text(locale.get_untracked()) path="/"/>
        <section class="notice notice--page" data-testid="not-found">
            <p class="notice__code">"404"</p>
            <h1>{t(Msg::NotFoundTitle)}</h1>
            <p>{t(Msg::NotFoundText)}</p>
            <a class="button" href=move || locale.get().localize("/")>{t(Msg::BackHome)}</a>
        </section>
    }
}
