//! My account: who I am, my roles, and my two-factor sign-in (set up with a QR code and a
//! first code; off again with a current code).

mod text;

use crate::kit::form::{Field, FormError, FormErrors};
use crate::kit::toast::use_toasts;
use crate::kit::{use_page, Crumb};
use crate::session::use_session;
use leptos::prelude::*;
use shared::staff::TwoFactorSetup;
use text::M;
use ui::i18n::{t, use_locale, Translate};

#[component]
pub fn MyAccountPage() -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    use_page(|l| vec![Crumb::here(M::Title.text(l))]);
    let Some(me) = session.me() else {
        return ().into_any();
    };
    let roles = me
        .roles
        .iter()
        .map(|r| view! { <span class="chip">{move || crate::text::role(locale.get(), r)}</span> })
        .collect_view();
    view! {
        <header class="page-head">
            <h1>{t(M::Title)}</h1>
        </header>
        <div class="cards">
            <section class="panel">
                <h2 data-testid="my-name">{me.display_name.clone()}</h2>
                <p class="muted">{me.email.clone()}</p>
                <p class="row">{roles}</p>
            </section>
            <TwoFactor on=me.two_factor/>
        </div>
    }
    .into_any()
}

#[component]
fn TwoFactor(on: bool) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let session = use_session();
    let setup = RwSignal::new(None::<TwoFactorSetup>);
    let turning_off = RwSignal::new(false);
    let code = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let errors = FormErrors::new();
    let start = move |_| {
        errors.clear();
        pending.set(true);
        leptos::task::spawn_local(async move {
            match crate::api::start_two_factor().await {
                Ok(s) => setup.set(Some(s)),
                Err(e) => errors.set(e),
            }
            pending.set(false);
        });
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        pending.set(true);
        let c = code.get_untracked();
        let enabling = setup.get_untracked().is_some();
        leptos::task::spawn_local(async move {
            let result = if enabling {
                crate::api::enable_two_factor(&c)
                    .await
                    .map(|()| M::TurnedOn)
            } else {
                crate::api::disable_two_factor(&c)
                    .await
                    .map(|()| M::TurnedOff)
            };
            match result {
                Ok(done) => {
                    toasts.say(done.text(locale.get_untracked()));
                    setup.set(None);
                    turning_off.set(false);
                    code.set(String::new());
                    session.refresh();
                }
                Err(e) => errors.set(e),
            }
            pending.set(false);
        });
    };
    let code_form = move |button: M| {
        view! {
            <form class="form" on:submit=confirm novalidate data-testid="two-factor-form">
                <Field label=Signal::derive(t(M::Code)) name="code" errors hint=Signal::derive(t(M::CodeHint))>
                    <input class="input input--code" id="code" name="code" inputmode="numeric" autocomplete="one-time-code"
                        maxlength="6" data-testid="two-factor-code"
                        prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
                </Field>
                <FormError errors fields=&["code"]/>
                <p class="row">
                    <button class="btn" type="submit" data-testid="two-factor-confirm" disabled=move || pending.get()>{t(button)}</button>
                    <button class="btn btn--ghost" type="button" on:click=move |_| { setup.set(None); turning_off.set(false); errors.clear(); }>{t(M::Cancel)}</button>
                </p>
            </form>
        }
    };
    view! {
        <section class="panel" data-testid="two-factor">
            <h2>{t(M::TwoFactor)}</h2>
            <p class="muted">{t(M::TwoFactorIntro)}</p>
            <p data-testid="two-factor-state"><strong>{move || if on { M::IsOn.text(locale.get()) } else { M::IsOff.text(locale.get()) }}</strong></p>
            {move || match (on, setup.get(), turning_off.get()) {
                (false, None, _) => view! {
                    <p><button type="button" class="btn" data-testid="two-factor-start" disabled=move || pending.get() on:click=start>{t(M::TurnOn)}</button></p>
                    <FormError errors fields=&[]/>
                }.into_any(),
                (false, Some(s), _) => view! {
                    <p>{t(M::ScanThis)}</p>
                    <div class="qr" inner_html=s.qr_svg.clone()></div>
                    <p>{t(M::OrEnterSecret)}<br/><code class="secret" data-testid="two-factor-secret">{s.secret.clone()}</code></p>
                    {code_form(M::Confirm)}
                }.into_any(),
                (true, _, false) => view! {
                    <p><button type="button" class="btn btn--ghost" data-testid="two-factor-stop" on:click=move |_| turning_off.set(true)>{t(M::TurnOff)}</button></p>
                }.into_any(),
                (true, _, true) => view! {
                    <p>{t(M::OffNeedsCode)}</p>
                    {code_form(M::TurnOff)}
                }.into_any(),
            }}
        </section>
    }
}
