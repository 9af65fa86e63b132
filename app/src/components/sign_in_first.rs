//! What a page of the account shows to someone signed out: its title and the way to sign
//! in and come back.

use crate::i18n::{t, use_locale, Msg};
use leptos::prelude::*;

/// A page of the account opened signed out: its title and the way to sign in and back.
#[component]
pub fn SignInFirst<M: ui::i18n::Translate>(title: M, #[prop(into)] path: String) -> impl IntoView {
    let l = use_locale().get_untracked();
    let login = format!(
        "{}?next={}",
        l.localize("/account/login"),
        shared::url::encode_component(&l.localize(&path))
    );
    view! {
        <section class="auth-card">
            <h1>{t(title)}</h1>
            <a class="button" href=login data-testid="log-in-first">{t(Msg::LogIn)}</a>
        </section>
    }
}
