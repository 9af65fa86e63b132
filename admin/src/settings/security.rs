//! 安全设置: whether owners must sign in with a second factor.

use super::text::X;
use crate::kit::form::{warn_before_leaving, Field, FormError, FormErrors};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_page};
use crate::session::use_session;
use leptos::prelude::*;
use shared::staff::{Page, SecuritySettings};
use ui::i18n::{t, use_locale, Translate};

#[component]
pub fn SecurityPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| super::crumbs(l, Page::Security, None));
    let settings = LocalResource::new(crate::api::security);
    view! {
        <header class="page-head page-head--row">
            <div>
                <h1>{move || crate::text::page(locale.get(), Page::Security)}</h1>
                <p class="muted">{t(X::SecurityIntro)}</p>
            </div>
            <a class="btn btn--ghost" href="/admin/settings/audit?entity_type=setting" data-testid="settings-history">{t(X::History)}</a>
        </header>
        {loaded(settings, None, |current| view! { <SecurityForm current/> })}
    }
}

#[component]
fn SecurityForm(current: SecuritySettings) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let session = use_session();
    let required = RwSignal::new(current.owners_need_two_factor);
    let dirty = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let errors = FormErrors::new();
    warn_before_leaving(dirty);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        pending.set(true);
        errors.clear();
        let s = SecuritySettings {
            owners_need_two_factor: required.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match crate::api::set_security(s).await {
                Ok(_) => {
                    dirty.set(false);
                    toasts.say(crate::text::T::Saved.text(locale.get_untracked()));
                    session.refresh();
                }
                Err(e) => errors.set(e),
            }
            pending.set(false);
        });
    };
    view! {
        <section class="panel">
            <form class="form" on:submit=save novalidate data-testid="security-form">
                <Field label=Signal::derive(t(X::OwnersNeedTwoFactor)) name="owners_need_two_factor" errors
                    hint=Signal::derive(t(X::OwnersNeedTwoFactorHint))>
                    <label class="switch">
                        <input type="checkbox" id="owners_need_two_factor" data-testid="owners-need-2fa"
                            prop:checked=move || required.get()
                            on:change=move |_| { required.update(|r| *r = !*r); dirty.set(true); }/>
                        <span>{move || if required.get() { X::On.text(locale.get()) } else { X::Off.text(locale.get()) }}</span>
                    </label>
                </Field>
                <FormError errors fields=&["owners_need_two_factor"]/>
                <button class="btn" type="submit" data-testid="save-security" disabled=move || pending.get() || !dirty.get()>
                    {t(crate::text::T::Save)}
                </button>
            </form>
        </section>
    }
}
