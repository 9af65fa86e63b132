//! Checkout in four steps — address, delivery, payment, review — beside a summary that the
//! server prices at every step (`/cart/quote`, the same rules as placing the order).
//! "Place order" sends one Idempotency-Key per attempt, so a double click places one order.

pub(crate) mod address;
mod review;

use crate::api;
use crate::cart::use_cart;
use crate::i18n::{self, api_error_text, t, use_locale, Msg};
use crate::seo::PageMeta;
use crate::session::use_session;
use address::{address_line, AddressForm, AddressStep};
use leptos::prelude::*;
use review::{ReviewStep, Summary};
use shared::cart::{Quote, QuoteRequest};
use shared::checkout::{Address, OrderLineRequest, PaymentMethod, PlaceOrder};
use shared::customers::Email;
use shared::{ApiError, Locale};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Address,
    Delivery,
    Payment,
    Review,
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let l = use_locale().get_untracked();
    view! {
        <PageMeta title=Msg::CheckoutTitle.text(l) description=Msg::CheckoutTitle.text(l) path="/checkout" noindex=true/>
        <h1 class="page-title">{t(Msg::CheckoutTitle)}</h1>
        <Checkout/>
    }
}

/// The four steps and the summary: an island (the cart and the visitor are the browser's).
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
fn Checkout() -> impl IntoView {
    let locale = use_locale();
    let cart = use_cart();
    let me = use_session();

    let step = RwSignal::new(Step::Address);
    let email = RwSignal::new(String::new());
    let form = AddressForm::new();
    let save_address = RwSignal::new(true);
    // what the later steps and the quote build on, set when a step is confirmed
    let address = RwSignal::new(None::<Address>);
    let contact = RwSignal::new(None::<String>);
    let shipping = RwSignal::new(None::<String>);
    let payment = RwSignal::new(None::<PaymentMethod>);
    let coupon = RwSignal::new(None::<String>);
    let attempt = RwSignal::new(None::<String>);
    let step_error = RwSignal::new(None::<String>);

    // a signed-in customer's e-mail is known
    Effect::new(move |_| {
        if let Some(Ok(me)) = me.get() {
            if email.get_untracked().is_empty() {
                email.set(me.email.clone());
            }
        }
    });
    let customer = move || matches!(me.get(), Some(Ok(_)));

    let quote = LocalResource::new(move || {
        let req = QuoteRequest {
            items: cart.items.get(),
            destination: address.get().map(|a| a.destination()),
            shipping_method: shipping.get(),
            coupon_code: coupon.get(),
            email: contact.get(),
        };
        let loaded = cart.is_loaded();
        async move {
            if !loaded || req.items.is_empty() {
                return None;
            }
            Some(api::quote(&req).await)
        }
    });
    let current = move || quote.get().flatten().and_then(Result::ok);

    // going back to a step makes the next "Place order" a new attempt
    let open = move |s: Step| {
        step_error.set(None);
        attempt.set(None);
        step.set(s);
    };
    let confirm_address = move |_| {
        let loc = locale.get_untracked();
        if Email::parse(&email.get_untracked()).is_err() {
            step_error.set(Some(
                api_error_text(
                    loc,
                    &ApiError::new(shared::ErrorCode::Validation, "").with_problem("invalid_email"),
                )
                .to_string(),
            ));
            return;
        }
        match form.address().validate() {
            Ok(a) => {
                contact.set(Some(email.get_untracked().trim().to_string()));
                address.set(Some(a));
                open(Step::Delivery);
            }
            Err(p) => step_error.set(Some(i18n::address_problem(loc, p).to_string())),
        }
    };
    let confirm_delivery = move |_| {
        let served = current().is_some_and(|q| {
            q.shipping_options
                .iter()
                .any(|o| Some(&o.code) == shipping.get_untracked().as_ref() && o.price.is_some())
        });
        if served {
            open(Step::Payment);
        } else {
            step_error.set(Some(
                Msg::ChooseDelivery.text(locale.get_untracked()).into(),
            ));
        }
    };
    let confirm_payment = move |_| {
        if payment.get_untracked().is_some() {
            open(Step::Review);
        } else {
            step_error.set(Some(Msg::ChoosePayment.text(locale.get_untracked()).into()));
        }
    };

    let body = move || {
        let loc = locale.get();
        if let Some(waiting) = crate::pages::cart::not_ready(cart, loc) {
            return waiting;
        }
        view! {
            <div class="checkout">
                <div class="checkout__steps">
                    <StepCard no=1 title=Msg::StepAddress here=Step::Address step open
                        summary=Signal::derive(move || address.get().map(|a| address_line(&a)))>
                        <AddressStep form email save_address customer=Signal::derive(customer)/>
                        <StepFooter step_error on_continue=confirm_address/>
                    </StepCard>
                    <StepCard no=2 title=Msg::StepDelivery here=Step::Delivery step open
                        summary=Signal::derive(move || shipping_summary(current(), shipping.get(), locale.get()))>
                        <DeliveryStep quote=Signal::derive(current) shipping/>
                        <StepFooter step_error on_continue=confirm_delivery/>
                    </StepCard>
                    <StepCard no=3 title=Msg::StepPayment here=Step::Payment step open
                        summary=Signal::derive(move || payment.get().map(|p| i18n::payment_method(locale.get(), p).to_string()))>
                        <PaymentStep payment/>
                        <StepFooter step_error on_continue=confirm_payment/>
                    </StepCard>
                    <StepCard no=4 title=Msg::StepReview here=Step::Review step open summary=Signal::derive(|| None)>
                        <ReviewStep quote=Signal::derive(current) coupon cart
                            order=Signal::derive(move || Some(PlaceOrder {
                                lines: cart.items.get().iter().map(|i| OrderLineRequest { variant_id: i.variant_id, quantity: i.quantity }).collect(),
                                email: contact.get()?,
                                address: address.get()?,
                                shipping_method: shipping.get()?,
                                payment_method: payment.get()?,
                                coupon_code: None,
                                save_address: customer() && save_address.get(),
                            }))
                            attempt/>
                    </StepCard>
                </div>
                <Summary quote=Signal::derive(current) shipping_chosen=Signal::derive(move || shipping.get().is_some() && address.get().is_some())/>
            </div>
        }
        .into_any()
    };
    body
}

/// One step: its number and title, a summary with "Change" once done, the form while open.
#[component]
fn StepCard(
    no: u8,
    title: Msg,
    here: Step,
    step: RwSignal<Step>,
    open: impl Fn(Step) + Copy + Send + Sync + 'static,
    summary: Signal<Option<String>>,
    children: ChildrenFn,
) -> impl IntoView {
    let locale = use_locale();
    let children = StoredValue::new(children);
    let done = move || step.get() > here;
    view! {
        <section class="step" class:step--open=move || step.get() == here class:step--done=done
            data-testid=format!("step-{no}")>
            <header class="step__head">
                <span class="step__no">{no}</span>
                <h2 class="step__title">{move || title.text(locale.get())}</h2>
                {move || done().then(|| view! {
                    <span class="step__summary">{summary.get()}</span>
                    <button type="button" class="link-button" on:click=move |_| open(here)>{Msg::Change.text(locale.get())}</button>
                })}
            </header>
            {move || (step.get() == here).then(|| view! { <div class="step__body">{children.with_value(|c| c())}</div> })}
        </section>
    }
}

#[component]
fn StepFooter(
    step_error: RwSignal<Option<String>>,
    on_continue: impl Fn(leptos::ev::MouseEvent) + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <p class="form-error" role="alert" data-testid="step-error">{move || step_error.get()}</p>
        <button type="button" class="button" on:click=on_continue data-testid="continue">{t(Msg::Continue)}</button>
    }
}

#[component]
fn DeliveryStep(quote: Signal<Option<Quote>>, shipping: RwSignal<Option<String>>) -> impl IntoView {
    let locale = use_locale();
    // the first method that delivers there is chosen for the shopper
    Effect::new(move |_| {
        if let Some(q) = quote.get() {
            let chosen_ok = q
                .shipping_options
                .iter()
                .any(|o| Some(&o.code) == shipping.get_untracked().as_ref() && o.price.is_some());
            if !chosen_ok {
                shipping.set(
                    q.shipping_options
                        .iter()
                        .find(|o| o.price.is_some())
                        .map(|o| o.code.clone()),
                );
            }
        }
    });
    let options = move || {
        let loc = locale.get();
        quote.get().map(|q| {
            q.shipping_options
                .into_iter()
                .map(|o| {
                    let code = o.code.clone();
                    let pick = o.code.clone();
                    let served = o.price.is_some();
                    let price = match o.price {
                        Some(p) if p.is_zero() => Msg::Free.text(loc).to_string(),
                        Some(p) => p.to_string(),
                        None => Msg::DeliveryUnavailable.text(loc).to_string(),
                    };
                    view! {
                        <label class="choice" class:choice--off=!served>
                            <input type="radio" name="shipping" disabled=!served data-testid=format!("shipping-{code}")
                                prop:checked=move || shipping.get().as_deref() == Some(code.as_str())
                                on:change=move |_| shipping.set(Some(pick.clone()))/>
                            <span class="choice__name">{o.name.get(loc).to_string()}</span>
                            <span class="choice__price">{price}</span>
                        </label>
                    }
                })
                .collect_view()
        })
    };
    view! { <div class="choices">{options}</div> }
}

#[component]
fn PaymentStep(payment: RwSignal<Option<PaymentMethod>>) -> impl IntoView {
    let locale = use_locale();
    let options = PaymentMethod::ALL
        .into_iter()
        .map(|m| {
            let hint = match m {
                PaymentMethod::CashOnDelivery => Msg::PayOnDeliveryHint,
                PaymentMethod::BankTransfer => Msg::BankTransferHint,
                PaymentMethod::Card => Msg::CardHint,
            };
            view! {
                <label class="choice">
                    <input type="radio" name="payment" data-testid=format!("payment-{}", m.as_str())
                        prop:checked=move || payment.get() == Some(m) on:change=move |_| payment.set(Some(m))/>
                    <span class="choice__name">{move || i18n::payment_method(locale.get(), m)}</span>
                    <span class="choice__hint muted small">{t(hint)}</span>
                </label>
            }
        })
        .collect_view();
    view! { <div class="choices">{options}</div> }
}

fn shipping_summary(
    quote: Option<Quote>,
    chosen: Option<String>,
    locale: Locale,
) -> Option<String> {
    let q = quote?;
    let code = chosen?;
    let o = q.shipping_options.into_iter().find(|o| o.code == code)?;
    let price = match o.price {
        Some(p) if p.is_zero() => Msg::Free.text(locale).to_string(),
        Some(p) => p.to_string(),
        None => String::new(),
    };
    Some(format!("{} · {price}", o.name.get(locale)))
}
