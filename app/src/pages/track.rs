//! Tracking an order without an account (`/track`): its number and the e-mail address or
//! phone number given at checkout. The answer shows the order as its buyer sees it, the
//! recipient masked; a wrong pair reads exactly as an unknown number.

use crate::api;
use crate::i18n::{api_error_text, t, use_locale, Msg};
use crate::pages::order::{OrderHead, TrackedOrder};
use crate::seo::PageMeta;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::orders::tracking::{OrderTracking, TrackRequest};
use shared::{ApiError, ErrorCode};

#[component]
pub fn TrackPage() -> impl IntoView {
    let l = use_locale().get_untracked();
    view! {
        <PageMeta title=Msg::TrackOrder.text(l) description=Msg::TrackIntro.text(l) path="/track"/>
        <div class="order-page">
            <TrackForm/>
        </div>
    }
}

#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
fn TrackForm() -> impl IntoView {
    let locale = use_locale();
    let (number, contact) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let found = RwSignal::new(None::<OrderTracking>);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        found.set(None);
        let request = api::track(&TrackRequest {
            number: number.get_untracked(),
            contact: contact.get_untracked(),
        });
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(t) => found.set(Some(t)),
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };
    let error_text = move || {
        error.get().map(|e| {
            if e.code == ErrorCode::NotFound {
                Msg::TrackNotFound.text(locale.get()).to_string()
            } else {
                api_error_text(locale.get(), &e).to_string()
            }
        })
    };
    view! {
        <section class="panel track-form">
        <h1>{t(Msg::TrackOrder)}</h1>
        <p class="muted">{t(Msg::TrackIntro)}</p>
        <form class="form form--inline" method="post" on:submit=submit>
            <label>{t(Msg::OrderNumberLabel)}
                <input type="text" name="number" required maxlength="40" autocomplete="off"
                    placeholder="SK2612010001" bind:value=number data-testid="track-number"/>
            </label>
            <label>{t(Msg::EmailOrPhone)}
                <input type="text" name="contact" required maxlength="254" autocomplete="email"
                    bind:value=contact data-testid="track-contact"/>
            </label>
            <button class="button" type="submit" disabled=move || pending.get() || !hydrated.get() data-testid="track-submit">
                {move || if pending.get() { t(Msg::Working)() } else { t(Msg::TrackButton)() }}
            </button>
        </form>
        <p class="form-error" role="alert" data-testid="form-error">{error_text}</p>
        </section>
        {move || found.get().map(|tracked| view! {
            <div class="tracked" data-testid="tracked">
                <OrderHead order=tracked.order.clone()/>
                <p class="muted small">{t(Msg::TrackedPrivacy)}</p>
                <TrackedOrder tracked/>
            </div>
        })}
    }
}
