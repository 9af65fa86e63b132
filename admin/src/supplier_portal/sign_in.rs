//! The portal's sign-in and the page of an invitation's link, where someone of the
//! supplier's staff chooses a password (twice) and is signed in. Both are outside the
//! frame: nobody is signed in yet.

use super::session::{use_portal_session, PortalAuth};
use super::text::{self, Sp};
use crate::kit::form::{Field, FormError, FormErrors};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use ui::i18n::{t, use_locale};

/// Only addresses inside the portal are followed after signing in.
fn safe_next(next: Option<String>) -> String {
    match next {
        Some(n)
            if (n == "/supplier" || n.starts_with("/supplier/") || n.starts_with("/supplier?"))
                && !n.starts_with("/supplier/login")
                && shared::url::is_local_path(&n) =>
        {
            n
        }
        _ => "/supplier".into(),
    }
}

#[component]
fn Card(title: Sp, children: Children) -> impl IntoView {
    let locale = use_locale();
    super::use_title(move |l| ui::i18n::Translate::text(title, l).to_string());
    let switch = crate::locale::use_switch();
    let other = move || match locale.get() {
        shared::Locale::ZhCn => shared::Locale::En,
        shared::Locale::En => shared::Locale::ZhCn,
    };
    view! {
        <div class="auth auth--supplier">
            <div class="auth__card">
                <p class="auth__brand">{t(Sp::Portal)}
                    <button type="button" class="btn btn--ghost btn--small auth__lang" data-testid="admin-lang"
                        on:click=move |_| switch(other())>{t(crate::text::T::SwitchLanguage)}</button>
                </p>
                <h1>{t(title)}</h1>
                {children()}
            </div>
        </div>
    }
}

#[component]
pub fn SupplierSignInPage() -> impl IntoView {
    let query = use_query_map();
    let session = use_portal_session();
    let go = crate::kit::use_go();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let errors = FormErrors::saying(text::error);
    let ended = move || query.read().get("ended").is_some();
    // once signed in (now, or already), go on to where the person was heading
    let next = move || safe_next(query.read_untracked().get("next"));
    Effect::new(move |_| {
        if matches!(session.0.get(), PortalAuth::SignedIn(_)) {
            go(&next(), true);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        errors.clear();
        let (e, p) = (email.get_untracked(), password.get_untracked());
        leptos::task::spawn_local(async move {
            match crate::api::portal::login(e.trim(), &p).await {
                Ok(me) => session.signed_in(me),
                Err(err) => errors.set(err),
            }
            pending.set(false);
        });
    };
    view! {
        <Card title=Sp::SignInTitle>
            {move || ended().then(|| view! { <p class="banner banner--warn" data-testid="signed-out-notice">{t(Sp::Ended)}</p> })}
            <p class="muted">{t(Sp::SignInIntro)}</p>
            <form class="form" on:submit=submit novalidate data-testid="sp-login-form">
                <Field label=Signal::derive(t(Sp::Email)) name="email" errors>
                    <input class="input" id="email" name="email" type="email" autocomplete="username" required
                        prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev))/>
                </Field>
                <Field label=Signal::derive(t(Sp::Password)) name="password" errors>
                    <input class="input" id="password" name="password" type="password" autocomplete="current-password" required
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                </Field>
                <FormError errors fields=&["email", "password"]/>
                <button class="btn btn--wide" type="submit" data-testid="submit" disabled=move || pending.get()>
                    {move || if pending.get() { t(Sp::Working)() } else { t(Sp::SignIn)() }}
                </button>
            </form>
            <p class="auth__links muted small">{t(Sp::ForgotHint)}</p>
        </Card>
    }
}

#[component]
pub fn SupplierAcceptInvitationPage() -> impl IntoView {
    let query = use_query_map();
    let session = use_portal_session();
    let go = crate::kit::use_go();
    let token = move || query.read().get("token").unwrap_or_default();
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let errors = FormErrors::saying(text::error);
    let accepted = RwSignal::new(false);
    Effect::new(move |_| {
        if accepted.get() && matches!(session.0.get(), PortalAuth::SignedIn(_)) {
            go("/supplier", true);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        errors.clear();
        let (p, r, tok) = (password.get_untracked(), again.get_untracked(), token());
        if p != r {
            errors.set(crate::api::local_error(
                "passwords_differ",
                "password_again",
            ));
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match crate::api::portal::accept_invitation(&tok, &p).await {
                Ok(me) => {
                    accepted.set(true);
                    session.signed_in(me);
                }
                Err(err) => errors.set(err),
            }
            pending.set(false);
        });
    };
    view! {
        <Card title=Sp::InviteTitle>
            <Show when=move || !token().is_empty() fallback=|| view! { <p class="banner banner--warn" data-testid="missing-token">{t(Sp::MissingToken)}</p> }>
                <p class="muted">{t(Sp::InviteIntro)}</p>
                <form class="form" on:submit=submit novalidate data-testid="sp-accept-form">
                    <Field label=Signal::derive(t(Sp::NewPassword)) name="password" errors hint=Signal::derive(t(Sp::PasswordHint))>
                        <input class="input" id="password" name="password" type="password" autocomplete="new-password" required
                            data-testid="password"
                            prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                    </Field>
                    <Field label=Signal::derive(t(Sp::PasswordAgain)) name="password_again" errors>
                        <input class="input" id="password_again" name="password_again" type="password" autocomplete="new-password" required
                            data-testid="password-again"
                            prop:value=move || again.get() on:input=move |ev| again.set(event_target_value(&ev))/>
                    </Field>
                    <FormError errors fields=&["password", "password_again"]/>
                    <button class="btn btn--wide" type="submit" data-testid="submit" disabled=move || pending.get()>
                        {move || if pending.get() { t(Sp::Working)() } else { t(Sp::SetPassword)() }}
                    </button>
                </form>
            </Show>
            <p class="auth__links"><a href="/supplier/login">{t(Sp::BackToSignIn)}</a></p>
        </Card>
    }
}
