//! An API error, explained in the shopper's language.

use crate::i18n::{error_text, t, use_locale, Msg};
use leptos::prelude::*;
use shared::ApiError;

#[component]
pub fn ErrorView(error: ApiError) -> impl IntoView {
    crate::set_status(error.code.http_status());
    let locale = use_locale();
    let code = error.code;
    view! {
        <section class="notice" role="alert" data-testid="error">
            <h2>{t(Msg::ErrorTitle)}</h2>
            <p>{move || error_text(locale.get(), code)}</p>
            <a class="button button--ghost" href=move || locale.get().localize("/")>{t(Msg::BackHome)}</a>
        </section>
    }
}
