//! 承运商: the carriers staff may ship with (at least one); the ship form offers only these.

use crate::fulfilment::text::{carrier, F};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_page};
use leptos::prelude::*;
use shared::fulfilment::{Carrier, CarrierSettings};
use shared::staff::Page;
use ui::i18n::{t, use_locale, Translate};

#[component]
pub fn CarriersPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| super::crumbs(l, Page::Carriers, None));
    let settings = LocalResource::new(crate::api::carriers);
    view! {
        <header class="page-head"><h1>{move || crate::text::page(locale.get(), Page::Carriers)}</h1></header>
        {loaded(settings, None, move |s: CarrierSettings| view! { <CarriersForm settings=s/> })}
    }
}

#[component]
fn CarriersForm(settings: CarrierSettings) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let chosen = RwSignal::new(settings.enabled);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let enabled = chosen.get_untracked();
        leptos::task::spawn_local(async move {
            let l = locale.get_untracked();
            match crate::api::set_carriers(enabled).await {
                Ok(s) => {
                    chosen.set(s.enabled);
                    toasts.say(crate::text::T::Saved.text(l));
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
        });
    };
    let boxes = Carrier::ALL
        .iter()
        .map(|&c| {
            view! {
                <label class="role">
                    <input type="checkbox" prop:checked=move || chosen.get().contains(&c) data-testid=format!("carrier-{}", c.as_str())
                        on:change=move |_| chosen.update(|v| if v.contains(&c) { v.retain(|x| *x != c) } else { v.push(c) })/>
                    {move || carrier(locale.get(), c)}
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="panel form" on:submit=save data-testid="carriers-form">
            <p class="field__hint">{t(F::CarriersHint)}</p>
            <div class="roles">{boxes}</div>
            <button class="btn" type="submit" data-testid="save-carriers">{t(crate::text::T::Save)}</button>
        </form>
    }
}
