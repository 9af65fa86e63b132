//! The order page's address form: a new delivery address before the order ships.

use super::text::O;
use crate::kit::toast::use_toasts;
use leptos::prelude::*;
use shared::checkout::Address;
use ui::i18n::{t, use_locale, Translate};

/// A new delivery address for a Chinese order that has not shipped.
#[component]
pub fn AddressForm(
    number: String,
    address: Address,
    open: RwSignal<bool>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let (recipient, phone, division, detail) = match &address {
        Address::China {
            recipient,
            phone,
            division_code,
            detail,
        } => (
            recipient.clone(),
            phone.clone(),
            division_code.clone(),
            detail.clone(),
        ),
        Address::International {
            recipient, phone, ..
        } => (
            recipient.clone(),
            phone.clone(),
            String::new(),
            String::new(),
        ),
    };
    let recipient = RwSignal::new(recipient);
    let phone = RwSignal::new(phone);
    let division = RwSignal::new(division);
    let detail = RwSignal::new(detail);
    let errors = crate::kit::form::FormErrors::new();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let address = Address::China {
            recipient: recipient.get_untracked(),
            phone: phone.get_untracked(),
            division_code: division.get_untracked(),
            detail: detail.get_untracked(),
        };
        let n = number.clone();
        errors.clear();
        leptos::task::spawn_local(async move {
            match crate::api::change_address(&n, &address).await {
                Ok(()) => {
                    toasts.say(O::AddressChanged.text(locale.get_untracked()));
                    open.set(false);
                    refresh.update(|x| *x += 1);
                }
                Err(e) => {
                    toasts.warn(crate::text::error(locale.get_untracked(), &e));
                    errors.set(e);
                }
            }
        });
    };
    let input = |id: &'static str, value: RwSignal<String>| {
        view! {
            <input id=id name=id class="input" prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) data-testid=format!("address-{id}")/>
        }
    };
    view! {
        <form class="form" on:submit=save data-testid="address-form">
            <crate::kit::form::Field label=Signal::derive(t(O::Recipient)) name="address.recipient" errors>{input("recipient", recipient)}</crate::kit::form::Field>
            <crate::kit::form::Field label=Signal::derive(t(O::Phone)) name="address.phone" errors>{input("phone", phone)}</crate::kit::form::Field>
            <crate::kit::form::Field label=Signal::derive(t(O::District)) name="address.division_code" errors hint=Signal::derive(t(O::DistrictHint))>{input("division", division)}</crate::kit::form::Field>
            <crate::kit::form::Field label=Signal::derive(t(O::Street)) name="address.detail" errors>{input("detail", detail)}</crate::kit::form::Field>
            <div class="row">
                <button class="btn btn--small" type="submit" data-testid="address-save">{t(crate::text::T::Save)}</button>
                <button class="btn btn--ghost btn--small" type="button" on:click=move |_| open.set(false)>{t(crate::text::T::Cancel)}</button>
            </div>
        </form>
    }
}
