//! The order page's payments and refunds: what the order took and gave back, each refund,
//! and the form to refund in part or in full (one Idempotency-Key per refund asked for).

use super::text::O;
use crate::kit::toast::use_toasts;
use crate::session::use_session;
use leptos::prelude::*;
use shared::orders::refund::RefundStatus;
use shared::orders::OrderDetail;
use shared::staff::Permission;
use ui::i18n::{t, use_locale, Translate};

/// What the order took and gave back, its refunds, and the form to refund (in part or in
/// full) for those allowed to.
#[component]
pub fn Refunds(number: String, order: OrderDetail, refresh: RwSignal<u32>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let session = use_session();
    let (paid, refunded) = (order.paid, order.refunded);
    let left = paid.minor - refunded.minor;
    let can_refund = session.can(Permission::RefundOrders) && left > 0;
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let currency = paid.currency;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = locale.get_untracked();
        let Ok(money) = shared::money::Money::parse_major(&amount.get_untracked(), currency) else {
            toasts.warn(O::AmountInvalid.text(l));
            return;
        };
        let (n, why) = (number.clone(), reason.get_untracked());
        // one key per refund asked for: a double click or a retry refunds once
        let key = format!(
            "refund-{}-{}",
            web_sys::js_sys::Date::now() as u64,
            (web_sys::js_sys::Math::random() * 1e12) as u64
        );
        busy.set(true);
        leptos::task::spawn_local(async move {
            match crate::api::refund(&n, money.minor, &why, &key).await {
                Ok(_) => {
                    toasts.say(format!(
                        "{} {}",
                        O::Refunded.text(l),
                        ui::format::money(money)
                    ));
                    amount.set(String::new());
                    reason.set(String::new());
                    refresh.update(|x| *x += 1);
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
            busy.set(false);
        });
    };
    let rows = order
        .refunds
        .iter()
        .map(|r| {
            let (st, at) = (r.status, r.at);
            view! {
                <li data-testid="refund-row">
                    <strong>{ui::format::money(r.amount)}</strong> " "
                    <span class=format!("tag tag--{}", if st == RefundStatus::Succeeded { "completed" } else if st == RefundStatus::Failed { "cancelled" } else { "pending_payment" })>
                        {move || refund_status(locale.get(), st)}</span>
                    <br/>{r.reason.clone()}
                    <br/><span class="muted small">{r.by.clone()} " · " {move || ui::format::date_time(locale.get(), at)}</span>
                </li>
            }
        })
        .collect_view();
    let has_rows = !order.refunds.is_empty();
    view! {
        <section class="panel" data-testid="refunds">
            <h2>{t(O::PaymentsAndRefunds)}</h2>
            <dl class="facts">
                <dt>{t(O::Paid)}</dt><dd class="num" data-testid="paid">{ui::format::money(paid)}</dd>
                <dt>{t(O::Refunded)}</dt><dd class="num" data-testid="refunded">{ui::format::money(refunded)}</dd>
            </dl>
            {has_rows.then(|| view! { <ul class="plain-list refunds">{rows}</ul> })}
            {can_refund.then(|| view! {
                <form class="form form--inline refund-form" on:submit=submit data-testid="refund-form">
                    <div class="field">
                        <label class="field__label" for="refund-amount">{t(O::Amount)} " (≤ " {ui::format::money(shared::money::Money::new(left, currency))} ")"</label>
                        <input id="refund-amount" class="input input--small" inputmode="decimal" required
                            prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev)) data-testid="refund-amount"/>
                    </div>
                    <div class="field">
                        <label class="field__label" for="refund-reason">{t(O::Reason)}</label>
                        <input id="refund-reason" class="input" maxlength="500" required
                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) data-testid="refund-reason"/>
                    </div>
                    <button class="btn" type="submit" disabled=move || busy.get() data-testid="refund">{t(O::Refund)}</button>
                </form>
            })}
        </section>
    }
}

fn refund_status(locale: shared::Locale, s: RefundStatus) -> &'static str {
    let (zh, en) = match s {
        RefundStatus::Pending => ("退款中", "Pending"),
        RefundStatus::Succeeded => ("已退款", "Refunded"),
        RefundStatus::Failed => ("退款失败", "Failed"),
    };
    locale.pick(zh, en)
}
