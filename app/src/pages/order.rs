//! An order as its buyer follows it: the confirmation after checkout, the page the payment
//! gateway returns to, and the order's page in the account — lines with their pictures,
//! totals, parcels with carrier and tracking number, and the timeline. Opened by the
//! signed-in owner or with the order's access token; the guest look-up (`/track`) shows the
//! same [`TrackedOrder`].

use crate::api::{self, go_to};
use crate::i18n::{self, api_error_text, t, use_locale, Msg, Portal};
use crate::pages::not_found::NotFound;
use crate::pages::repairs::{repairable, RepairForm, RepairsPanel};
use crate::pages::returns::{Offered, ReturnForm, ReturnsPanel};
use crate::seo::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::checkout::{Address, OrderLineView, OrderView, PaymentMethod};
use shared::orders::tracking::{OrderTracking, Parcel, TimelineEntry};
use shared::orders::OrderStatus;
use shared::{ApiError, Locale};
use ui::format::date_time;

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
    let order = Resource::new(key, |(number, token)| api::tracking(&number, &token));
    let body = move || {
        Suspend::new(async move {
            match order.await {
                Ok(o) => view! { <OrderDetails tracked=o token=query.read_untracked().get("token").unwrap_or_default()/> }.into_any(),
                Err(_) => view! { <NotFound/> }.into_any(),
            }
        })
    };
    view! { <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Suspense> }
}

#[component]
fn OrderDetails(tracked: OrderTracking, token: String) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let order = &tracked.order;
    let number = order.number.to_string();
    let can_pay =
        order.payment_method == PaymentMethod::Card && order.status == OrderStatus::PendingPayment;
    // opened without the link's token: its signed-in owner, who may order it again
    let owner = token.is_empty();
    let actions = view! {
        <div class="order-actions no-print">
            {can_pay.then(|| view! { <PayButton number=number.clone() token=token.clone()/> })}
            <OrderActions number=number.clone() token=token.clone() can_cancel=tracked.can_cancel owner/>
            {(owner && matches!(order.status, OrderStatus::Delivered | OrderStatus::Completed)).then(|| view! {
                <a class="button button--ghost" href=locale.localize("/account/reviews") data-testid="review-link">{Portal::WriteReview.text(locale)}</a>
            })}
            {owner.then(|| view! {
                <a class="button button--ghost" href=locale.localize(&format!("/account/questions/new?order={number}")) data-testid="ask-about-order">{Portal::AskQuestion.text(locale)}</a>
            })}
        </div>
    };
    let offered: Vec<Offered> = order
        .lines
        .iter()
        .zip(&tracked.returnable)
        .enumerate()
        .filter(|(_, (_, left))| **left > 0)
        .map(|(i, (l, left))| {
            let line = u32::try_from(i).unwrap_or(u32::MAX);
            let swaps = tracked.exchange_options.get(i).cloned().unwrap_or_default();
            (line, l.name.get(locale).to_string(), *left, swaps)
        })
        .collect();
    let return_form = tracked
        .return_until
        .filter(|_| !offered.is_empty())
        .map(|until| view! { <ReturnForm number=number.clone() token=token.clone() lines=offered until/> });
    // repairs under warranty: for the signed-in owner
    let repair_lines = repairable(locale, order, &tracked.repair_until);
    let repair_form = (owner && !repair_lines.is_empty())
        .then(|| view! { <RepairForm number=number.clone() lines=repair_lines/> });
    view! {
        <PageMeta title=format!("{} {number}", Msg::Order.text(locale)) description=Msg::OrderThanks.text(locale) path=format!("/orders/{number}")/>
        <div class="order-page" data-testid="order">
            {(!owner).then(|| view! { <p class="muted no-print">{Msg::OrderThanks.text(locale)}</p> })}
            {owner.then(|| view! {
                <p class="small no-print"><a class="link" href=locale.localize("/account/orders")>"← "{Msg::MyOrders.text(locale)}</a></p>
            })}
            <OrderHead order=order.clone()/>
            {actions}
            {return_form}
            {repair_form}
            <TrackedOrder tracked=tracked.clone()/>
        </div>
    }
}

/// The order's number, status, payment method and date.
#[component]
pub(crate) fn OrderHead(order: OrderView) -> impl IntoView {
    let locale = use_locale().get_untracked();
    view! {
        <header class="order-head">
            <h1>{Msg::Order.text(locale)}" "<span data-testid="order-number">{order.number.to_string()}</span></h1>
            <p>
                <span class="badge-inline" data-testid="order-status">{i18n::order_status(locale, order.status)}</span>
                " · "{i18n::payment_method(locale, order.payment_method)}
                " · "<span class="muted">{Msg::PlacedAt.text(locale)}" "{date_time(locale, order.created_at)}</span>
            </p>
        </header>
    }
}

/// What an order's buyer (or a guest who looked it up) is shown of it: its lines and
/// totals, where it goes, its parcels and its timeline.
#[component]
pub(crate) fn TrackedOrder(tracked: OrderTracking) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let o = tracked.order;
    let lines = o
        .lines
        .iter()
        .map(|l| view! { <OrderLine line=l.clone()/> })
        .collect_view();
    let totals = &o.totals;
    let refunded = (!tracked.refunded.is_zero()).then(|| {
        view! {
            <dt>{Msg::PaidLabel.text(locale)}</dt><dd>{tracked.paid.to_string()}</dd>
            <dt>{Msg::RefundedLabel.text(locale)}</dt><dd data-testid="order-refunded">"-"{tracked.refunded.to_string()}</dd>
        }
    });
    let several = tracked.parcels.len() > 1;
    let parcels = if tracked.parcels.is_empty() {
        view! { <p class="muted small" data-testid="not-shipped">{Msg::NotShippedYet.text(locale)}</p> }.into_any()
    } else {
        tracked
            .parcels
            .iter()
            .map(|p| view! { <ParcelCard parcel=p.clone() several/> })
            .collect_view()
            .into_any()
    };
    let timeline = tracked
        .timeline
        .iter()
        .rev()
        .map(|e| timeline_entry(locale, e))
        .collect_view();
    view! {
        <div class="order-grid">
            <section class="panel">
                <h2>{Msg::OrderLinesTitle.text(locale)}</h2>
                <ul class="order-items">{lines}</ul>
                <dl class="totals">
                    <dt>{Msg::ItemsTotal.text(locale)}</dt><dd>{totals.items.to_string()}</dd>
                    {(!totals.discount.is_zero()).then(|| view! {
                        <dt>{Msg::Discount.text(locale)}</dt><dd>"-"{totals.discount.to_string()}</dd>
                    })}
                    <dt>{Msg::Delivery.text(locale)}</dt><dd>{totals.shipping.to_string()}</dd>
                    <dt class="total">{Msg::Total.text(locale)}</dt><dd class="total" data-testid="order-total">{totals.total.to_string()}</dd>
                    {(!totals.tax_included.is_zero()).then(|| view! {
                        <dt class="muted small">{Msg::TaxIncluded.text(locale)}</dt><dd class="muted small">{totals.tax_included.to_string()}</dd>
                    })}
                    {refunded}
                </dl>
                <p class="muted small">{Msg::ShipTo.text(locale)}": "{address_text(&o)}</p>
            </section>
            <section class="panel">
                <h2>{Msg::Parcels.text(locale)}</h2>
                <div class="parcels" data-testid="parcels">{parcels}</div>
                <h2>{Msg::Timeline.text(locale)}</h2>
                <ol class="timeline" data-testid="timeline">{timeline}</ol>
                {(!tracked.returns.is_empty()).then(|| view! { <ReturnsPanel returns=tracked.returns.clone()/> })}
                {(!tracked.repairs.is_empty()).then(|| view! { <RepairsPanel repairs=tracked.repairs.clone()/> })}
            </section>
        </div>
    }
}

#[component]
fn OrderLine(line: OrderLineView) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let name = line.name.get(locale).to_string();
    let options: Vec<String> = line
        .color
        .as_ref()
        .map(|c| c.get(locale).to_string())
        .into_iter()
        .chain(line.size.clone())
        .collect();
    let image = line
        .image
        .clone()
        .unwrap_or_else(|| "/img/placeholder.svg".into());
    let title = match &line.slug {
        Some(slug) => view! { <a class="order-item__name" href=locale.localize(&format!("/products/{slug}"))>{name}</a> }.into_any(),
        None => view! { <span class="order-item__name">{name}</span> }.into_any(),
    };
    view! {
        <li class="order-item" data-testid="order-line">
            <img class="order-item__image" src=image alt="" width="64" height="64" loading="lazy"/>
            <div class="order-item__body">
                {title}
                {(!options.is_empty()).then(|| view! { <span class="muted small" data-testid="line-options">{options.join(" · ")}</span> })}
                <span class="muted small">{Msg::Sku.text(locale)}" "{line.sku.clone()}" · "{line.unit_price.to_string()}" × "{line.quantity}</span>
            </div>
            <span class="order-item__total">{line.line_total.to_string()}</span>
        </li>
    }
}

#[component]
fn ParcelCard(parcel: Parcel, several: bool) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let carrier = parcel.carrier.map(|c| {
        let (zh, en) = c.names();
        locale.pick(zh, en)
    });
    view! {
        <div class="parcel" data-testid="parcel">
            <p class="parcel__head">
                <strong>{if several { i18n::parcel_name(locale, parcel.number) } else { Msg::YourParcel.text(locale).to_string() }}</strong>
                <span class="badge-inline">{i18n::shipment_status(locale, parcel.status)}</span>
            </p>
            {match (carrier, parcel.tracking_number.clone()) {
                (Some(c), Some(n)) => view! {
                    <p class="small">{Msg::CarrierLabel.text(locale)}": "<span data-testid="parcel-carrier">{c}</span></p>
                    <p class="small">{Msg::TrackingNumberLabel.text(locale)}": "<code data-testid="parcel-tracking">{n}</code></p>
                }.into_any(),
                _ => view! { <p class="muted small">{Msg::NotShippedYet.text(locale)}</p> }.into_any(),
            }}
        </div>
    }
}

fn timeline_entry(locale: Locale, e: &TimelineEntry) -> impl IntoView {
    let text = ui::history::milestone_text(locale, &e.milestone);
    let parcel = e
        .parcel
        .map(|n| format!("{} · ", i18n::parcel_name(locale, n)));
    view! {
        <li class="timeline__step">
            <span class="timeline__text">{parcel}{text}</span>
            <time class="muted small">{date_time(locale, e.at)}</time>
        </li>
    }
}

fn address_text(order: &OrderView) -> String {
    match &order.address {
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

/// Cancel (asked once more before it is done), order again, print the receipt.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
fn OrderActions(number: String, token: String, can_cancel: bool, owner: bool) -> impl IntoView {
    let locale = use_locale();
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let confirming = RwSignal::new(false);
    let (number, token) = (StoredValue::new(number), StoredValue::new(token));
    let reload = move || {
        crate::pages::returns::reload(
            locale.get_untracked(),
            &number.get_value(),
            &token.get_value(),
        )
    };
    let cancel = move |_| {
        pending.set(true);
        error.set(None);
        let request = api::cancel_order(&number.get_value(), &token.get_value());
        let back = reload();
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(_) => go_to(&back),
                Err(e) => {
                    error.set(Some(e));
                    pending.set(false);
                    confirming.set(false);
                }
            }
        });
    };
    let again = move |_| {
        pending.set(true);
        error.set(None);
        let request = api::reorder(&number.get_value());
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(_) => go_to(&locale.get_untracked().localize("/cart")),
                Err(e) => {
                    error.set(Some(e));
                    pending.set(false);
                }
            }
        });
    };
    let print = move |_| {
        #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="order-actions__row">
            {can_cancel.then(|| view! {
                <Show when=move || confirming.get() fallback=move || view! {
                    <button class="button button--ghost" type="button" on:click=move |_| confirming.set(true) data-testid="cancel-order">{t(Msg::CancelOrder)}</button>
                }>
                    <div class="confirm" role="alertdialog" data-testid="cancel-confirm">
                        <p>{t(Msg::CancelOrderConfirm)}</p>
                        <button class="button" type="button" on:click=cancel disabled=move || pending.get() data-testid="cancel-yes">{t(Msg::CancelOrder)}</button>
                        <button class="button button--ghost" type="button" on:click=move |_| confirming.set(false)>{t(Msg::KeepOrder)}</button>
                    </div>
                </Show>
            })}
            {owner.then(|| view! {
                <button class="button button--ghost" type="button" on:click=again disabled=move || pending.get() data-testid="order-again">{t(Msg::OrderAgain)}</button>
            })}
            <button class="button button--ghost" type="button" on:click=print>{t(Msg::PrintReceipt)}</button>
        </div>
        <p class="form-error" role="alert" data-testid="order-action-error">{move || error.get().map(|e| api_error_text(locale.get(), &e))}</p>
    }
}
