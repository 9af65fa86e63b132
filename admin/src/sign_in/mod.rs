//! Signing in (with a second factor for those who turned it on), a forgotten password, a
//! new password from a reset link, and accepting an invitation. These pages are outside
//! the frame: nobody is signed in yet.

mod text;

use crate::kit::form::{Field, FormError, FormErrors};
use crate::session::{use_session, Auth};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use text::S;
use ui::i18n::{t, use_locale, Translate};

/// Only addresses inside the back office are followed after signing in.
fn safe_next(next: Option<String>) -> String {
    match next {
        Some(n) if n.starts_with("/admin") && shared::url::is_local_path(&n) => n,
        _ => "/admin".into(),
    }
}

#[component]
fn Card(title: S, children: Children) -> impl IntoView {
    let locale = use_locale();
    Effect::new(move |_| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!(
                "{} · {}",
                title.text(locale.get()),
                crate::text::T::BackOffice.text(locale.get())
            ));
        }
    });
    let switch = crate::locale::use_switch();
    let other = move || match locale.get() {
        shared::Locale::ZhCn => shared::Locale::En,
        shared::Locale::En => shared::Locale::ZhCn,
    };
    view! {
        <div class="auth">
            <div class="auth__card">
                <p class="auth__brand">{t(crate::text::T::BackOffice)}
                    <button type="button" class="btn btn--ghost btn--small auth__lang" data-testid="admin-lang"
                        on:click=move |_| switch(other())>{t(crate::text::T::SwitchLanguage)}</button>
                </p>
                <h1>{t(title)}</h1>
                {children()}
            </div>
        </div>
    }
}

fn value(ev: &leptos::ev::Event) -> String {
    event_target_value(ev)
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let session = use_session();
    let go = crate::kit::use_go();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let needs_code = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let errors = FormErrors::new();
    let ended = move || query.read().get("ended").is_some();
    // once signed in (now, or already), go on to where the person was heading
    let next = move || safe_next(query.read_untracked().get("next"));
    Effect::new(move |_| {
        if matches!(session.0.get(), Auth::SignedIn(_) | Auth::NotStaff) {
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
        let (e, p, c) = (
            email.get_untracked(),
            password.get_untracked(),
            code.get_untracked(),
        );
        leptos::task::spawn_local(async move {
            let c = (!c.trim().is_empty()).then_some(c);
            match crate::api::login(&e, &p, c.as_deref()).await {
                Ok(_) => session.refresh(),
                Err(err) => {
                    if matches!(
                        err.problem.as_deref(),
                        Some(
                            "two_factor_required"
                                | "two_factor_code_wrong"
                                | "two_factor_code_reused"
                        )
                    ) {
                        needs_code.set(true);
                    }
                    errors.set(err);
                }
            }
            pending.set(false);
        });
    };
    view! {
        <Card title=S::SignInTitle>
            {move || ended().then(|| view! { <p class="banner banner--warn" data-testid="signed-out-notice">{t(S::Ended)}</p> })}
            <p class="muted">{t(S::SignInIntro)}</p>
            <form class="form" on:submit=submit novalidate>
                <Field label=Signal::derive(t(S::Email)) name="email" errors>
                    <input class="input" id="email" name="email" type="email" autocomplete="username" required
                        prop:value=move || email.get() on:input=move |ev| email.set(value(&ev))/>
                </Field>
                <Field label=Signal::derive(t(S::Password)) name="password" errors>
                    <input class="input" id="password" name="password" type="password" autocomplete="current-password" required
                        prop:value=move || password.get() on:input=move |ev| password.set(value(&ev))/>
                </Field>
                <Show when=move || needs_code.get()>
                    <Field label=Signal::derive(t(S::Code)) name="totp_code" errors hint=Signal::derive(t(S::CodeHint))>
                        <input class="input input--code" id="totp_code" name="totp_code" inputmode="numeric"
                            autocomplete="one-time-code" maxlength="6" data-testid="totp-code"
                            prop:value=move || code.get() on:input=move |ev| code.set(value(&ev))/>
                    </Field>
                </Show>
                <FormError errors fields=&["email", "password", "totp_code"]/>
                <button class="btn btn--wide" type="submit" data-testid="submit" disabled=move || pending.get()>
                    {move || if pending.get() { t(S::Working)() } else { t(S::SignIn)() }}
                </button>
            </form>
            <p class="auth__links"><a href="/admin/forgot-password">{t(S::Forgot)}</a></p>
        </Card>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let errors = FormErrors::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        pending.set(true);
        errors.clear();
        let e = email.get_untracked();
        leptos::task::spawn_local(async move {
            match crate::api::request_password_reset(&e).await {
                Ok(()) => sent.set(true),
                Err(err) => errors.set(err),
            }
            pending.set(false);
        });
    };
    view! {
        <Card title=S::ForgotTitle>
            <Show when=move || !sent.get() fallback=|| view! { <p class="banner" data-testid="link-sent">{t(S::LinkSent)}</p> }>
                <p class="muted">{t(S::ForgotIntro)}</p>
                <form class="form" on:submit=submit novalidate>
                    <Field label=Signal::derive(t(S::Email)) name="email" errors>
                        <input class="input" id="email" name="email" type="email" required
                            prop:value=move || email.get() on:input=move |ev| email.set(value(&ev))/>
                    </Field>
                    <FormError errors fields=&["email"]/>
                    <button class="btn btn--wide" type="submit" data-testid="submit" disabled=move || pending.get()>{t(S::SendLink)}</button>
                </form>
            </Show>
            <p class="auth__links"><a href="/admin/login">{t(S::BackToSignIn)}</a></p>
        </Card>
    }
}

/// Two password fields that must agree; the form sends the first.
#[component]
fn NewPasswordFields(
    password: RwSignal<String>,
    repeat: RwSignal<String>,
    errors: FormErrors,
) -> impl IntoView {
    view! {
        <Field label=Signal::derive(t(S::NewPassword)) name="password" errors hint=Signal::derive(t(S::PasswordHint))>
            <input class="input" id="password" name="password" type="password" autocomplete="new-password" required
                prop:value=move || password.get() on:input=move |ev| password.set(value(&ev))/>
        </Field>
        <Field label=Signal::derive(t(S::RepeatPassword)) name="repeat" errors>
            <input class="input" id="repeat" name="repeat" type="password" autocomplete="new-password" required
                prop:value=move || repeat.get() on:input=move |ev| repeat.set(value(&ev))/>
        </Field>
    }
}

fn passwords_agree(password: &str, repeat: &str, errors: FormErrors) -> bool {
    if password == repeat {
        true
    } else {
        errors.set(crate::api::local_error("passwords_differ", "repeat"));
        false
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let errors = FormErrors::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let (p, r, tok) = (password.get_untracked(), repeat.get_untracked(), token());
        if !passwords_agree(&p, &r, errors) {
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match crate::api::confirm_password_reset(&tok, &p).await {
                Ok(()) => done.set(true),
                Err(err) => errors.set(err),
            }
            pending.set(false);
        });
    };
    view! {
        <Card title=S::ResetTitle>
            <Show when=move || !token().is_empty() fallback=|| view! { <p class="banner banner--warn">{t(S::MissingToken)}</p> }>
                <Show when=move || !done.get() fallback=|| view! { <p class="banner" data-testid="password-changed">{t(S::PasswordChanged)}</p> }>
                    <form class="form" on:submit=submit novalidate>
                        <NewPasswordFields password repeat errors/>
                        <FormError errors fields=&["password", "repeat"]/>
                        <button class="btn btn--wide" type="submit" data-testid="submit" disabled=move || pending.get()>{t(S::SetPassword)}</button>
                    </form>
                </Show>
            </Show>
            <p class="auth__links"><a href="/admin/login">{t(S::BackToSignIn)}</a></p>
        </Card>
    }
}

#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let query = use_query_map();
    let session = use_session();
    let go = crate::kit::use_go();
    let token = move || query.read().get("token").unwrap_or_default();
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let errors = FormErrors::new();
    let accepted = RwSignal::new(false);
    Effect::new(move |_| {
        if accepted.get() && matches!(session.0.get(), Auth::SignedIn(_)) {
            go("/admin", true);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let (p, r, tok) = (password.get_untracked(), repeat.get_untracked(), token());
        if !passwords_agree(&p, &r, errors) {
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match crate::api::accept_invitation(&tok, &p).await {
                Ok(_) => {
                    accepted.set(true);
                    session.refresh();
                }
                Err(err) => errors.set(err),
            }
            pending.set(false);
        });
    };
    view! {
        <Card title=S::InviteTitle>
            <Show when=move || !token().is_empty() fallback=|| view! { <p class="banner banner--warn">{t(S::MissingToken)}</p> }>
                <p class="muted">{t(S::InviteIntro)}</p>
                <form class="form" on:submit=submit novalidate>
                    <NewPasswordFields password repeat errors/>
                    <FormError errors fields=&["password", "repeat"]/>
                    <button class="btn btn--wide" type="submit" data-testid="submit" disabled=move || pending.get()>{t(S::SetPassword)}</button>
                </form>
            </Show>
        </Card>
    }
}
