//! Checkout's last step (coupon, "Place order" with one Idempotency-Key per attempt, then
//! the card gateway or the confirmation) and the order summary beside the steps.

use crate::api::{self, go_to};
use crate::cart::Cart;
use crate::i18n::{self, api_error_text, t, use_locale, Msg};
use leptos::prelude::*;
use shared::cart::{CouponOutcome, Quote};
use shared::checkout::{PaymentMethod, PlaceOrder};
use shared::ApiError;

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
pub(super) fn ReviewStep(
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
pub(super) fn Summary(
    quote: Signal<Option<Quote>>,
    shipping_chosen: Signal<bool>,
) -> impl IntoView {
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
