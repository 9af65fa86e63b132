//! Checkout in four steps — address, delivery, payment, review — beside a summary that the
//! server prices at every step (`/cart/quote`, the same rules as placing the order).
//! "Place order" sends one Idempotency-Key per attempt, so a double click places one order.

use crate::api::{self, go_to};
use crate::cart::{use_cart, Cart};
use crate::components::layout::use_session;
use crate::i18n::{self, api_error_text, t, use_locale, Msg};
use crate::seo::PageMeta;
use leptos::prelude::*;
use shared::cart::{CouponOutcome, Quote, QuoteRequest};
use shared::checkout::{Address, OrderLineRequest, PaymentMethod, PlaceOrder, SavedAddress};
use shared::customers::Email;
use shared::divisions::Division;
use shared::{ApiError, Locale};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Address,
    Delivery,
    Payment,
    Review,
}

/// The address form's fields.
#[derive(Clone, Copy)]
struct AddressForm {
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
    fn new() -> Self {
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

    fn address(&self) -> Address {
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

    fn fill(&self, address: &Address) {
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

/// A fresh Idempotency-Key for one checkout attempt: 128 random bits from the browser.
fn new_attempt_key() -> String {
    #[allow(unused_mut)]
    let mut bytes = [0_u8; 16];
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("checkout-{hex}")
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let locale = use_locale();
    let l = locale.get_untracked();
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
        if !cart.is_loaded() {
            return view! { <p class="muted">{Msg::Loading.text(loc)}</p> }.into_any();
        }
        if cart.items.with(Vec::is_empty) {
            return view! {
                <div class="empty-state" data-testid="cart-empty">
                    <p>{Msg::CartEmpty.text(loc)}</p>
                    <a class="button" href=loc.localize("/")>{Msg::ContinueShopping.text(loc)}</a>
                </div>
            }
            .into_any();
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
    view! {
        <PageMeta title=Msg::CheckoutTitle.text(l) description=Msg::CheckoutTitle.text(l) path="/checkout" noindex=true/>
        <h1 class="page-title">{t(Msg::CheckoutTitle)}</h1>
        {body}
    }
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
fn AddressStep(
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
            {move || customer.get().then(|| view! {
                <label class="check"><input type="checkbox" bind:checked=save_address/>{t(Msg::SaveAddress)}</label>
            })}
        </div>
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

#[component]
fn ReviewStep(
    quote: Signal<Option<Quote>>,
    coupon: RwSignal<Option<String>>,
    cart: Cart,
    order: Signal<Option<PlaceOrder>>,
    attempt: RwSignal<Option<String>>,
) -> impl IntoView {
    let locale = use_locale();
    let code = RwSignal::new(coupon.get_untracked().unwrap_or_default());
    let (placing, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = code.get_untracked().trim().to_string();
        coupon.set((!text.is_empty()).then_some(text));
        attempt.set(None);
    };
    let outcome = move || {
        let loc = locale.get();
        quote.get().and_then(|q| q.coupon).map(|c| match c {
            CouponOutcome::Applied { code, discount } => view! {
                <p class="coupon coupon--ok" data-testid="coupon-outcome">{format!("{code}: -{discount}")}" "
                    <button type="button" class="link-button" on:click=move |_| { coupon.set(None); attempt.set(None); }>{Msg::RemoveCoupon.text(loc)}</button>
                </p>
            }.into_any(),
            CouponOutcome::Rejected { rejection, .. } => view! {
                <p class="coupon coupon--no" data-testid="coupon-outcome">{i18n::coupon_rejection(loc, &rejection)}</p>
            }.into_any(),
            CouponOutcome::Unknown { .. } => view! {
                <p class="coupon coupon--no" data-testid="coupon-outcome">{Msg::CouponUnknown.text(loc)}</p>
            }.into_any(),
        })
    };
    let applied = move || {
        quote.get().and_then(|q| match q.coupon {
            Some(CouponOutcome::Applied { code, .. }) => Some(code),
            _ => None,
        })
    };
    let ready = move || quote.get().is_some_and(|q| q.orderable) && order.get().is_some();
    let place = move |_| {
        if placing.get_untracked() {
            return;
        }
        let Some(mut req) = order.get_untracked() else {
            return;
        };
        // only a coupon the shop accepted travels; the server checks it again anyway
        req.coupon_code = applied();
        let key = match attempt.get_untracked() {
            Some(k) => k,
            None => {
                let k = new_attempt_key();
                attempt.set(Some(k.clone()));
                k
            }
        };
        placing.set(true);
        error.set(None);
        let loc = locale.get_untracked();
        leptos::task::spawn_local(async move {
            match api::place_order(key, &req).await {
                Ok(placed) => {
                    cart.ordered().await;
                    let order_page = loc.localize(&format!(
                        "/orders/{}?token={}",
                        placed.number, placed.access_token
                    ));
                    if placed.payment_method == PaymentMethod::Card {
                        match api::start_payment(placed.number.as_str(), &placed.access_token).await
                        {
                            Ok(v) => go_to(v["redirect_url"].as_str().unwrap_or(&order_page)),
                            Err(_) => go_to(&order_page),
                        }
                    } else {
                        go_to(&order_page);
                    }
                }
                Err(e) => {
                    error.set(Some(e));
                    placing.set(false);
                }
            }
        });
    };
    view! {
        <form class="coupon-form" on:submit=apply>
            <label class="sr-only" for="coupon">{t(Msg::CouponCode)}</label>
            <input id="coupon" type="text" autocomplete="off" maxlength="32" placeholder=move || Msg::CouponPlaceholder.text(locale.get())
                bind:value=code data-testid="coupon-code"/>
            <button type="submit" class="button button--ghost" data-testid="apply-coupon">{t(Msg::Apply)}</button>
        </form>
        {outcome}
        {move || (!quote.get().is_some_and(|q| q.orderable)).then(|| view! {
            <p class="form-error">{t(Msg::FixCartFirst)}" "<a class="link" href=move || locale.get().localize("/cart")>{t(Msg::ViewCart)}</a></p>
        })}
        <p class="form-error" role="alert" data-testid="order-error">{move || error.get().map(|e| api_error_text(locale.get(), &e))}</p>
        <button type="button" class="button button--wide button--big" on:click=place
            disabled=move || placing.get() || !ready() data-testid="place-order">
            {move || if placing.get() { t(Msg::Working)().to_string() } else {
                let total = quote.get().map(|q| q.totals.total.to_string()).unwrap_or_default();
                format!("{} {total}", t(Msg::PlaceOrder)())
            }}
        </button>
    }
}

/// The order summary beside the steps: lines and totals as the server priced them.
#[component]
fn Summary(quote: Signal<Option<Quote>>, shipping_chosen: Signal<bool>) -> impl IntoView {
    let locale = use_locale();
    let body = move || {
        let loc = locale.get();
        quote.get().map(|q| {
            let lines = q
                .lines
                .iter()
                .map(|l| {
                    let name = l.product.as_ref().map(|p| p.name.get(loc).to_string()).unwrap_or_default();
                    let options = l
                        .product
                        .as_ref()
                        .map(|p| p.color.as_ref().map(|c| c.get(loc).to_string()).into_iter().chain(p.size.clone()).collect::<Vec<_>>().join(" / "))
                        .unwrap_or_default();
                    view! {
                        <li class="summary-line">
                            <span>{name}<br/><span class="muted small">{options}" × "{l.quantity.get()}</span></span>
                            <span>{l.line_total.map(|m| m.to_string())}</span>
                        </li>
                    }
                })
                .collect_view();
            let t_ = q.totals;
            let shipping = if !shipping_chosen.get() {
                "—".to_string()
            } else if t_.shipping.is_zero() {
                Msg::Free.text(loc).to_string()
            } else {
                t_.shipping.to_string()
            };
            view! {
                <ul class="summary-lines">{lines}</ul>
                <dl class="totals">
                    <dt>{Msg::ItemsTotal.text(loc)}</dt><dd data-testid="sum-items">{t_.items.to_string()}</dd>
                    {(!t_.discount.is_zero()).then(|| view! {
                        <dt>{Msg::Discount.text(loc)}</dt><dd data-testid="sum-discount">"-"{t_.discount.to_string()}</dd>
                    })}
                    <dt>{Msg::Delivery.text(loc)}</dt><dd data-testid="sum-shipping">{shipping}</dd>
                    <dt class="total">{Msg::Total.text(loc)}</dt><dd class="total" data-testid="sum-total">{t_.total.to_string()}</dd>
                    {(!t_.tax_included.is_zero()).then(|| view! {
                        <dt class="muted small">{Msg::TaxIncluded.text(loc)}</dt><dd class="muted small" data-testid="sum-tax">{t_.tax_included.to_string()}</dd>
                    })}
                </dl>
            }
        })
    };
    view! {
        <aside class="checkout__summary summary-card" data-testid="summary">
            <h2>{t(Msg::OrderSummary)}</h2>
            {body}
        </aside>
    }
}

fn address_line(a: &Address) -> String {
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

fn saved_line(s: &SavedAddress) -> String {
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
