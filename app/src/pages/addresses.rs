//! `/account/addresses` (收货地址): the customer's address book — the addresses checkout
//! kept and those they add here with checkout's own pickers, the default first (checkout
//! fills it in); add, edit, make default, remove.

use crate::api;
use crate::components::sign_in_first::SignInFirst;
use crate::i18n::{api_error_text, t, use_locale, Msg, Portal};
use crate::pages::checkout::address::{saved_line, AddressFields, AddressForm};
use crate::seo::PageMeta;
use leptos::prelude::*;
use shared::checkout::{Address, SaveAddress, SavedAddress};
use shared::{ApiError, ErrorCode};
use std::future::Future;

#[component]
pub fn AddressBookPage() -> impl IntoView {
    let saved = Resource::new(|| (), |_| api::saved_addresses());
    let l = use_locale().get_untracked();
    let body = move || {
        Suspend::new(async move {
            match saved.await {
                Ok(initial) => view! { <AddressBook initial/> }.into_any(),
                Err(e) if e.code != ErrorCode::Unauthorized => {
                    view! { <p class="form-error" role="alert">{api_error_text(l, &e).to_string()}</p> }.into_any()
                }
                Err(_) => view! { <SignInFirst title=Portal::AddressBook path="/account/addresses"/> }.into_any(),
            }
        })
    };
    view! {
        <PageMeta title=Portal::AddressBook.text(l) description=Portal::AddressBookIntro.text(l) path="/account/addresses" noindex=true/>
        <section class="address-book">
            <p><a href=l.localize("/account")>{"← "}{Msg::MyAccount.text(l)}</a></p>
            <h1>{Portal::AddressBook.text(l)}</h1>
            <p class="muted">{Portal::AddressBookIntro.text(l)}</p>
            <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Suspense>
        </section>
    }
}

/// What the form is doing: closed, adding a new address, or editing saved one `id`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Editing {
    Closed,
    New,
    Saved(i64),
}

fn blank() -> Address {
    Address::China {
        recipient: String::new(),
        phone: String::new(),
        division_code: String::new(),
        detail: String::new(),
    }
}

#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn AddressBook(initial: Vec<SavedAddress>) -> impl IntoView {
    let locale = use_locale();
    let book = RwSignal::new(initial);
    let editing = RwSignal::new(Editing::Closed);
    let form = AddressForm::new();
    let make_default = RwSignal::new(false);
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    // a call that answers the book: shown once done, its refusal otherwise
    let run =
        move |call: std::pin::Pin<Box<dyn Future<Output = api::ApiResult<Vec<SavedAddress>>>>>| {
            pending.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                match call.await {
                    Ok(list) => {
                        book.set(list);
                        editing.set(Editing::Closed);
                    }
                    Err(e) => error.set(Some(e)),
                }
                pending.set(false);
            });
        };
    let open = move |what: Editing, address: &Address, default: bool| {
        form.fill(address);
        make_default.set(default);
        error.set(None);
        editing.set(what);
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let req = SaveAddress {
            address: form.address(),
            default: make_default.get_untracked(),
        };
        match editing.get_untracked() {
            Editing::Saved(id) => run(Box::pin(api::edit_address(id, &req))),
            _ => run(Box::pin(api::add_address(&req))),
        }
    };
    let forget = move |id: i64| {
        let call = api::forget_address(id);
        run(Box::pin(async move {
            call.await?;
            api::saved_addresses().await
        }));
    };
    let items = move || {
        book.get()
            .into_iter()
            .map(|s| {
                let id = s.id;
                let line = saved_line(&s);
                let address = s.address.clone();
                let is_default = s.is_default;
                view! {
                    <li class="panel address-row" data-testid="address-row">
                        <p class="address-row__line">
                            {is_default.then(|| view! { <span class="badge-inline" data-testid="address-default">{t(Portal::DefaultAddress)}</span>" " })}
                            {line}
                        </p>
                        <p class="address-row__actions">
                            <button type="button" class="button button--ghost" data-testid="address-edit"
                                on:click=move |_| open(Editing::Saved(id), &address, is_default)>{t(Portal::Edit)}</button>
                            {(!is_default).then(|| view! {
                                <button type="button" class="button button--ghost" data-testid="address-make-default"
                                    disabled=move || pending.get()
                                    on:click=move |_| run(Box::pin(api::default_address(id)))>{t(Portal::MakeDefault)}</button>
                            })}
                            <button type="button" class="button button--ghost" data-testid="address-forget"
                                disabled=move || pending.get() on:click=move |_| forget(id)>{t(Msg::Remove)}</button>
                        </p>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <ul class="address-list" data-testid="address-book">{items}</ul>
        {move || book.with(Vec::is_empty).then(|| view! { <p class="muted" data-testid="no-addresses">{t(Portal::NoAddresses)}</p> })}
        <Show when=move || editing.get() == Editing::Closed>
            <button type="button" class="button" data-testid="address-add"
                on:click=move |_| open(Editing::New, &blank(), false)>{t(Portal::AddAddress)}</button>
        </Show>
        <Show when=move || editing.get() != Editing::Closed>
            <form class="panel form address-form" on:submit=save data-testid="address-form">
                <h2>{move || if editing.get() == Editing::New { t(Portal::AddAddress)() } else { t(Portal::EditAddress)() }}</h2>
                <AddressFields form/>
                <label class="check"><input type="checkbox" bind:checked=make_default data-testid="address-default-check"/>{t(Portal::MakeDefault)}</label>
                <p class="address-form__actions">
                    <button class="button" type="submit" disabled=move || pending.get() data-testid="address-save">
                        {move || if pending.get() { t(Msg::Working)() } else { t(Portal::SaveAddressBook)() }}
                    </button>
                    <button class="button button--ghost" type="button" on:click=move |_| editing.set(Editing::Closed)>{t(Portal::Cancel)}</button>
                </p>
            </form>
        </Show>
        <p class="form-error" role="alert" data-testid="address-error">{move || error.get().map(|e| api_error_text(locale.get(), &e))}</p>
    }
}
