//! An order as its buyer sees it: the confirmation after checkout and the page the payment
//! gateway returns to. Opened by the signed-in owner or with the order's access token.

use crate::api::{self, go_to};
use crate::i18n::{self, api_error_text, t, use_locale, Msg};
use crate::pages::not_found::NotFound;
use crate::seo::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::checkout::{Address, OrderView, PaymentMethod};
use shared::orders::OrderStatus;
use shared::ApiError;

#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        (
            params.read().get("number").unwrap_or_default(),
            query.read().get("token").unwrap_or_default(),
        )
    };
    let order = Resource::new(key, |(number, token)| api::order(&number, &token));
    let body = move || {
        Suspend::new(async move {
            match order.await {
                Ok(o) => view! { <OrderDetails order=o token=query.read_untracked().get("token").unwrap_or_default()/> }.into_any(),
                Err(_) => view! { <NotFound/> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Suspense> }
}

#[component]
fn OrderDetails(order: OrderView, token: String) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let number = order.number.to_string();
    let lines = order
        .lines
        .iter()
        .map(|l| {
            view! {
                <tr>
                    <td>{l.name.get(locale).to_string()}<br/><span class="muted small">{l.sku.clone()}</span></td>
                    <td class="num">{l.quantity}</td>
                    <td class="num">{l.line_total.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    let address = match &order.address {
        Address::China {
            recipient,
            phone,
            division_code,
            detail,
        } => format!(
            "{recipient} {phone} · {} {detail}",
            order
                .region
                .clone()
                .unwrap_or_else(|| division_code.clone())
        ),
        Address::International {
            recipient,
            phone,
            country,
            lines,
        } => format!("{recipient} {phone} · {lines}, {country}"),
    };
    let can_pay =
        order.payment_method == PaymentMethod::Card && order.status == OrderStatus::PendingPayment;
    let t_ = &order.totals;
    view! {
        <PageMeta title=format!("{} {number}", Msg::Order.text(locale)) description=Msg::OrderThanks.text(locale) path=format!("/orders/{number}")/>
        <section class="auth-card order-card" data-testid="order">
            <p class="muted">{Msg::OrderThanks.text(locale)}</p>
            <h1>{Msg::Order.text(locale)}" "<span data-testid="order-number">{number.clone()}</span></h1>
            <p><span class="badge-inline" data-testid="order-status">{i18n::order_status(locale, order.status)}</span>
               " · "{i18n::payment_method(locale, order.payment_method)}</p>
            <table class="order-lines">
                <thead><tr><th></th><th class="num">{Msg::Quantity.text(locale)}</th><th></th></tr></thead>
                <tbody>{lines}</tbody>
            </table>
            <dl class="totals">
                <dt>{Msg::ItemsTotal.text(locale)}</dt><dd>{t_.items.to_string()}</dd>
                {(!t_.discount.is_zero()).then(|| view! {
                    <dt>{Msg::Discount.text(locale)}</dt><dd>"-"{t_.discount.to_string()}</dd>
                })}
                <dt>{Msg::Delivery.text(locale)}</dt><dd>{t_.shipping.to_string()}</dd>
                <dt class="total">{Msg::Total.text(locale)}</dt><dd class="total" data-testid="order-total">{t_.total.to_string()}</dd>
                {(!t_.tax_included.is_zero()).then(|| view! {
                    <dt class="muted small">{Msg::TaxIncluded.text(locale)}</dt><dd class="muted small">{t_.tax_included.to_string()}</dd>
                })}
            </dl>
            <p class="muted small">{Msg::ShipTo.text(locale)}": "{address}</p>
            {can_pay.then(|| view! { <PayButton number=number.clone() token/> })}
        </section>
    }
}

/// "Pay now" for a card order still waiting for its payment: off to the payment page.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
fn PayButton(number: String, token: String) -> impl IntoView {
    let locale = use_locale();
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let pay = move |_| {
        pending.set(true);
        let request = api::start_payment(&number, &token);
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(v) => go_to(v["redirect_url"].as_str().unwrap_or("/")),
                Err(e) => {
                    error.set(Some(e));
                    pending.set(false);
                }
            }
        });
    };
    view! {
        <button class="button button--wide" type="button" on:click=pay disabled=move || pending.get() data-testid="pay">
            {t(Msg::PayNow)}
        </button>
        <p class="form-error" role="alert">{move || error.get().map(|e| api_error_text(locale.get(), &e))}</p>
    }
}
