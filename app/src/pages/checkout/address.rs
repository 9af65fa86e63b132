//! Checkout's first step: the contact e-mail, a saved address or a new one, in China with
//! the province → city → district pickers (loaded level by level from the shop) or abroad.

use crate::api;
use crate::i18n::{t, use_locale, Msg};
use leptos::prelude::*;
use shared::checkout::{Address, SavedAddress};
use shared::divisions::Division;

#[derive(Clone, Copy)]
pub(crate) struct AddressForm {
    abroad: RwSignal<bool>,
    recipient: RwSignal<String>,
    phone: RwSignal<String>,
    province: RwSignal<String>,
    city: RwSignal<String>,
    district: RwSignal<String>,
    detail: RwSignal<String>,
    country: RwSignal<String>,
    lines: RwSignal<String>,
}

impl AddressForm {
    pub(crate) fn new() -> Self {
        let s = || RwSignal::new(String::new());
        AddressForm {
            abroad: RwSignal::new(false),
            recipient: s(),
            phone: s(),
            province: s(),
            city: s(),
            district: s(),
            detail: s(),
            country: s(),
            lines: s(),
        }
    }

    pub(crate) fn address(&self) -> Address {
        if self.abroad.get_untracked() {
            Address::International {
                recipient: self.recipient.get_untracked(),
                phone: self.phone.get_untracked(),
                country: self.country.get_untracked(),
                lines: self.lines.get_untracked(),
            }
        } else {
            Address::China {
                recipient: self.recipient.get_untracked(),
                phone: self.phone.get_untracked(),
                division_code: self.district.get_untracked(),
                detail: self.detail.get_untracked(),
            }
        }
    }

    pub(crate) fn fill(&self, address: &Address) {
        match address {
            Address::China {
                recipient,
                phone,
                division_code,
                detail,
            } => {
                self.abroad.set(false);
                self.recipient.set(recipient.clone());
                self.phone.set(phone.clone());
                self.province
                    .set(division_code.get(..2).unwrap_or("").into());
                self.city.set(division_code.get(..4).unwrap_or("").into());
                self.district.set(division_code.clone());
                self.detail.set(detail.clone());
            }
            Address::International {
                recipient,
                phone,
                country,
                lines,
            } => {
                self.abroad.set(true);
                self.recipient.set(recipient.clone());
                self.phone.set(phone.clone());
                self.country.set(country.clone());
                self.lines.set(lines.clone());
            }
        }
    }
}

#[component]
pub(super) fn AddressStep(
    form: AddressForm,
    email: RwSignal<String>,
    save_address: RwSignal<bool>,
    customer: Signal<bool>,
) -> impl IntoView {
    let locale = use_locale();
    let saved = LocalResource::new(move || {
        let signed_in = customer.get();
        async move {
            if signed_in {
                api::saved_addresses().await.unwrap_or_default()
            } else {
                Vec::new()
            }
        }
    });
    let chosen = RwSignal::new(None::<i64>);
    // the most recent saved address is filled in once
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        match saved.get() {
            Some(list) => {
                if let Some(first) = list.first() {
                    if form.recipient.get_untracked().is_empty() {
                        chosen.set(Some(first.id));
                        form.fill(&first.address);
                    }
                }
                true
            }
            None => false,
        }
    });
    let saved_list = move || {
        let list: Vec<SavedAddress> = saved.get().unwrap_or_default();
        (!list.is_empty()).then(|| {
            let loc = locale.get();
            let items = list
                .into_iter()
                .map(|s| {
                    let id = s.id;
                    let text = saved_line(&s);
                    let address = s.address.clone();
                    view! {
                        <label class="choice">
                            <input type="radio" name="saved" prop:checked=move || chosen.get() == Some(id)
                                on:change=move |_| { chosen.set(Some(id)); form.fill(&address); }/>
                            <span>{text}</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="choices" data-testid="saved-addresses">
                    <legend>{Msg::SavedAddresses.text(loc)}</legend>
                    {items}
                    <label class="choice">
                        <input type="radio" name="saved" prop:checked=move || chosen.get().is_none()
                            on:change=move |_| { chosen.set(None); form.fill(&Address::China { recipient: String::new(), phone: String::new(), division_code: String::new(), detail: String::new() }); }/>
                        <span>{Msg::NewAddress.text(loc)}</span>
                    </label>
                </fieldset>
            }
        })
    };
    view! {
        <div class="form">
            <label>{t(Msg::ContactEmail)}
                <input type="email" autocomplete="email" required bind:value=email data-testid="email"/></label>
            {saved_list}
            {move || (!customer.get()).then(|| {
                let loc = locale.get();
                view! {
                    <p class="muted small">{Msg::HaveAccount.text(loc)}" "
                        <a class="link" href=format!("{}?next={}", loc.localize("/account/login"), loc.localize("/checkout"))>{Msg::LogIn.text(loc)}</a>
                    </p>
                }
            })}
            <AddressFields form/>
            {move || customer.get().then(|| view! {
                <label class="check"><input type="checkbox" bind:checked=save_address/>{t(Msg::SaveAddress)}</label>
            })}
        </div>
    }
}

/// Where the parcel goes: in China (recipient, mobile, the province → city → district
/// pickers, street) or abroad. Checkout's address step and the address book share it.
#[component]
pub(crate) fn AddressFields(form: AddressForm) -> impl IntoView {
    view! {
        <div class="segmented" role="radiogroup">
            <label class="segmented__option" class:segmented__option--on=move || !form.abroad.get()>
                <input type="radio" name="where" prop:checked=move || !form.abroad.get() on:change=move |_| form.abroad.set(false)/>
                {t(Msg::AddressInChina)}
            </label>
            <label class="segmented__option" class:segmented__option--on=move || form.abroad.get()>
                <input type="radio" name="where" prop:checked=move || form.abroad.get() on:change=move |_| form.abroad.set(true) data-testid="abroad"/>
                {t(Msg::AddressAbroad)}
            </label>
        </div>
        <div class="form__row">
            <label>{t(Msg::Recipient)}
                <input type="text" autocomplete="name" maxlength="100" bind:value=form.recipient data-testid="recipient"/></label>
            <label>{move || if form.abroad.get() { t(Msg::Phone)() } else { t(Msg::Mobile)() }}
                <input type="tel" autocomplete="tel" maxlength="20" bind:value=form.phone data-testid="phone"/></label>
        </div>
        {move || if form.abroad.get() {
            view! {
                <label>{t(Msg::Country)}
                    <input type="text" autocomplete="country-name" maxlength="60" bind:value=form.country data-testid="country"/></label>
                <label>{t(Msg::AddressLines)}
                    <textarea rows="3" autocomplete="street-address" maxlength="400" bind:value=form.lines data-testid="lines"></textarea></label>
            }.into_any()
        } else {
            view! {
                <div class="form__row form__row--3">
                    <DivisionSelect label=Msg::Province parent=Signal::derive(|| Some(String::new())) value=form.province
                        resets=vec![form.city, form.district] testid="province"/>
                    <DivisionSelect label=Msg::City parent=Signal::derive(move || Some(form.province.get()).filter(|p| !p.is_empty()))
                        value=form.city resets=vec![form.district] testid="city"/>
                    <DivisionSelect label=Msg::District parent=Signal::derive(move || Some(form.city.get()).filter(|c| !c.is_empty()))
                        value=form.district resets=Vec::new() testid="district"/>
                </div>
                <label>{t(Msg::StreetAddress)}
                    <input type="text" autocomplete="street-address" maxlength="200" bind:value=form.detail data-testid="detail"/></label>
                <p class="muted small">{t(Msg::DivisionNamesNote)}</p>
            }.into_any()
        }}
    }
}

/// One level of the province → city → district pickers. `parent`: `Some("")` for the
/// provinces, `Some(code)` for the children of `code`, `None` while the level above is open.
#[component]
fn DivisionSelect(
    label: Msg,
    parent: Signal<Option<String>>,
    value: RwSignal<String>,
    resets: Vec<RwSignal<String>>,
    testid: &'static str,
) -> impl IntoView {
    let options = LocalResource::new(move || {
        let parent = parent.get();
        async move {
            match parent.as_deref() {
                None => Vec::new(),
                Some("") => api::divisions(None).await.unwrap_or_default(),
                Some(code) => api::divisions(Some(code)).await.unwrap_or_default(),
            }
        }
    });
    let list = move || {
        let list: Vec<Division> = options.get().unwrap_or_default();
        list.into_iter()
            .map(|d| {
                let code = d.code.clone();
                view! { <option value=d.code selected=move || value.get() == code>{d.name}</option> }
            })
            .collect_view()
    };
    view! {
        <label>{t(label)}
            <select data-testid=testid disabled=move || parent.get().is_none()
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    for r in &resets { r.set(String::new()); }
                }>
                <option value="" selected=move || value.get().is_empty()>{t(Msg::ChooseOne)}</option>
                {list}
            </select>
        </label>
    }
}

pub(super) fn address_line(a: &Address) -> String {
    match a {
        Address::China {
            recipient,
            phone,
            detail,
            ..
        } => format!("{recipient} {phone} · {detail}"),
        Address::International {
            recipient,
            country,
            lines,
            ..
        } => format!("{recipient} · {lines}, {country}"),
    }
}

pub(crate) fn saved_line(s: &SavedAddress) -> String {
    match &s.address {
        Address::China {
            recipient,
            phone,
            detail,
            ..
        } => format!(
            "{recipient} {phone} · {} {detail}",
            s.region.clone().unwrap_or_default()
        ),
        other => address_line(other),
    }
}
