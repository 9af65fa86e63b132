//! Receiving against a purchase order (收货), on the order's page: per line the units that
//! arrived, or those of one of the supplier's shipping notices, and a note; and the
//! order's receipts.

use super::{every_line, fault, receipt_href, ReceiptStatusTag};
use crate::kit::form::{row_views, Field, FormErrors, LineField, SentRows, StepForm};
use crate::kit::{loaded, use_go};
use crate::procurement::text::{self, Gr, Pc};
use crate::procurement::{localized, whole};
use leptos::prelude::*;
use shared::catalog::Localized;
use shared::ids::VariantId;
use shared::procurement::portal::{AsnStatus, AsnView};
use shared::procurement::purchasing::{PurchaseLineView, PurchaseOrderView};
use shared::procurement::receiving::{
    ReceiptSummary, ReceiptView, ReceiveGoods, ReceiveLine, ReceivingProblem,
};
use shared::ApiError;
use ui::i18n::{t, use_locale, Translate};

/// The most units a line receives at once.
const MAX_QUANTITY: i64 = 1_000_000;
/// The longest note of a receipt.
const NOTE_MAX: usize = 500;

/// A line of the order as the receive form holds it.
#[derive(Clone)]
struct ReceiveRow {
    variant: VariantId,
    sku: String,
    name: Localized,
    ordered: i64,
    received: i64,
    /// Still expected: what the form offers to start with.
    open: i64,
    quantity: RwSignal<String>,
}

impl ReceiveRow {
    fn of(line: &PurchaseLineView) -> Self {
        let open = (line.quantity - line.received).max(0);
        ReceiveRow {
            variant: line.variant,
            sku: line.sku.clone(),
            name: line.name.clone(),
            ordered: line.quantity,
            received: line.received,
            open,
            quantity: RwSignal::new(open.to_string()),
        }
    }

    /// The row's units as the request's line `i`, or the rule they break (blank is 0).
    fn line(&self, i: usize) -> Result<ReceiveLine, ApiError> {
        let typed = self.quantity.get_untracked();
        let quantity = if typed.trim().is_empty() {
            Some(0)
        } else {
            whole(&typed)
        };
        match quantity.filter(|q| (0..=MAX_QUANTITY).contains(q)) {
            Some(quantity) => Ok(ReceiveLine {
                variant: self.variant,
                quantity,
            }),
            None => Err(fault(
                ReceivingProblem::QuantityInvalid,
                format!("lines[{i}].quantity"),
            )),
        }
    }
}

/// The request of the receive form: every line of the order (0 for what did not come),
/// the notice chosen and the note; or the first rule it breaks.
fn receive_request(
    rows: &[ReceiveRow],
    asn: Option<i64>,
    note: &str,
) -> Result<ReceiveGoods, ApiError> {
    if note.chars().count() > NOTE_MAX {
        return Err(fault(ReceivingProblem::NoteTooLong, "note".into()));
    }
    let lines = every_line(rows, ReceiveRow::line)?;
    if lines.iter().all(|l| l.quantity == 0) {
        return Err(fault(ReceivingProblem::QuantityInvalid, "lines".into()));
    }
    Ok(ReceiveGoods {
        asn,
        lines,
        note: note.trim().to_string(),
    })
}

/// The fields of a line a refusal of the receive form names.
const RECEIVE_PARTS: &[&str] = &["quantity", "variant"];
/// The receive form's other fields (the notice's select shows only when there are notices
/// to choose, and only a chosen one is refused).
const RECEIVE_FIELDS: &[&str] = &["note", "asn"];

/// 收货: per line of the order the units that arrived (what is still expected to start
/// with), the supplier's shipping notice they came under (choosing one fills in its
/// quantities), and a note; receiving opens the new receipt.
#[component]
pub(crate) fn ReceivePanel(po: PurchaseOrderView) -> impl IntoView {
    let go = StoredValue::new_local(use_go());
    // receiving opens the new receipt
    let step = StepForm::new(text::receiving_error, move |receipt: ReceiptView| {
        go.with_value(|go| go(&receipt_href(receipt.id), false))
    });
    let (errors, pending) = (step.errors, step.pending);
    let id = po.id;
    let rows = StoredValue::new(po.lines.iter().map(ReceiveRow::of).collect::<Vec<_>>());
    let sent = SentRows::All(po.lines.len());
    let notices: Vec<AsnView> = po
        .shipments
        .into_iter()
        .filter(|s| s.status == AsnStatus::Announced)
        .collect();
    let has_notices = !notices.is_empty();
    let notices = StoredValue::new(notices);
    let asn = RwSignal::new(None::<i64>);
    let note = RwSignal::new(String::new());
    // a notice chosen fills in its quantities (0 for a line not in it); none, the open ones
    let choose = move |value: String| {
        let chosen = whole(&value);
        asn.set(chosen);
        notices.with_value(|ns| {
            let notice = chosen.and_then(|c| ns.iter().find(|n| n.id == c));
            rows.with_value(|r| {
                for row in r {
                    let q = match notice {
                        Some(n) => n
                            .lines
                            .iter()
                            .filter(|l| l.variant == row.variant)
                            .map(|l| l.quantity)
                            .sum(),
                        None => row.open,
                    };
                    row.quantity.set(q.to_string());
                }
            });
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        step.submit(&ev, Gr::ReceivedToast, || {
            let req = rows
                .with_value(|r| receive_request(r, asn.get_untracked(), &note.get_untracked()))?;
            Ok(crate::api::receive_goods(id, &req))
        });
    };
    let body = row_views(rows, |i, row| view! { <ReceiveLineRow row i errors sent/> });
    let general = errors.general_with_lines(sent, RECEIVE_PARTS, RECEIVE_FIELDS);
    view! {
        <form class="panel form gr-form" on:submit=submit novalidate data-testid="po-receive">
            <h2>{t(Gr::ReceiveTitle)}</h2>
            <p class="field__hint">{t(Gr::ReceiveHint)}</p>
            {has_notices.then(|| view! {
                <Field label=Signal::derive(t(Gr::Asn)) name="asn" errors hint=Signal::derive(t(Gr::AsnHint))>
                    <select class="input" id="asn" name="asn" data-testid="po-receive-asn"
                        on:change=move |ev| choose(event_target_value(&ev))>
                        <option value="">{t(Gr::NoAsn)}</option>
                        <NoticeOptions notices=notices.get_value()/>
                    </select>
                </Field>
            })}
            <div class="table-wrap"><table class="table">
                <thead><tr>
                    <th>{t(Pc::Sku)}</th><th>{t(Pc::Item)}</th><th class="num">{t(Gr::Ordered)}</th>
                    <th class="num">{t(Pc::Received)}</th><th class="num">{t(Gr::StillExpected)}</th>
                    <th>{t(Gr::Arrived)}</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table></div>
            <Field label=Signal::derive(t(Gr::ReceiveNote)) name="note" errors hint=Signal::derive(t(Gr::ReceiveNoteHint))>
                <textarea class="input" id="note" name="note" rows="2" maxlength="500" data-testid="po-receive-note"
                    prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </Field>
            <p class="form-error" role="alert" data-testid="form-error">{general}</p>
            <p><button class="btn" type="submit" data-testid="po-receive-submit" disabled=move || pending.get()>
                {t(Gr::ReceiveSubmit)}
            </button></p>
        </form>
    }
}

/// The supplier's notices on their way, as options: number, the day it arrives and what
/// is in it.
#[component]
fn NoticeOptions(notices: Vec<AsnView>) -> impl IntoView {
    let locale = use_locale();
    notices
        .into_iter()
        .map(|n| {
            let (number, arrives) = (n.number.clone(), n.arrives_at);
            let contents = n
                .lines
                .iter()
                .map(|l| format!("{} × {}", l.sku, l.quantity))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <option value=n.id.to_string() data-testid="po-receive-asn-option">
                    {move || format!("{number} · {} · {contents}", ui::format::date(locale.get(), arrives))}
                </option>
            }
        })
        .collect_view()
}

/// A line of the receive form: the item, ordered, received so far, still expected, and the
/// units that arrived now (marked when more than expected).
#[component]
fn ReceiveLineRow(row: ReceiveRow, i: usize, errors: FormErrors, sent: SentRows) -> impl IntoView {
    let locale = use_locale();
    let (q, open) = (row.quantity, row.open);
    let message = errors.for_line(sent, i, RECEIVE_PARTS);
    let over = move || whole(&q.get()).map_or(0, |n| n - open).max(0);
    view! {
        <tr data-testid="po-receive-line" data-variant=row.variant.0>
            <td class="mono">{row.sku.clone()}</td>
            <td>{localized(row.name.clone())}</td>
            <td class="num">{row.ordered}</td>
            <td class="num">{row.received}</td>
            <td class="num" data-testid="po-receive-open">{open}</td>
            <td>
                <LineField message>
                    <div class="row">
                        <input class="input input--small num" type="number" min="0" max="1000000" inputmode="numeric"
                            id=format!("lines[{i}].quantity") aria-label=move || Gr::Arrived.text(locale.get())
                            prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))
                            data-testid="po-receive-qty"/>
                        <Show when=move || { over() > 0 }>
                            <span class="tag tag--over" data-testid="po-receive-over">
                                {move || text::variance(locale.get(), over())}
                            </span>
                        </Show>
                    </div>
                </LineField>
            </td>
        </tr>
    }
}

/// The receipts of purchase order `order`, each linked.
#[component]
pub(crate) fn OrderReceipts(order: i64) -> impl IntoView {
    let list = LocalResource::new(move || crate::api::receipts(None, Some(order)));
    view! {
        <section class="panel order-grid__wide" data-testid="po-receipts">
            <h2>{t(Gr::OrderReceipts)}</h2>
            {loaded(list, None, |receipts: Vec<ReceiptSummary>| view! { <OrderReceiptList receipts/> })}
        </section>
    }
}

#[component]
fn OrderReceiptList(receipts: Vec<ReceiptSummary>) -> impl IntoView {
    let locale = use_locale();
    if receipts.is_empty() {
        return view! { <p class="muted" data-testid="po-no-receipts">{t(Gr::NoReceipts)}</p> }
            .into_any();
    }
    let rows = receipts
        .into_iter()
        .map(|r| {
            let at = r.received_at;
            view! {
                <tr data-testid="po-receipt" data-id=r.id data-status=r.status.as_str()>
                    <td><a class="strong mono" href=receipt_href(r.id) data-testid="po-receipt-link">{r.number.clone()}</a></td>
                    <td><ReceiptStatusTag status=r.status testid="po-receipt-status"/></td>
                    <td class="num">{r.units}</td>
                    <td class="nowrap">{move || ui::format::date_time(locale.get(), at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table">
            <thead><tr>
                <th>{t(Gr::Receipt)}</th><th>{t(Pc::Status)}</th><th class="num">{t(Gr::Units)}</th>
                <th>{t(Gr::ReceivedAt)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
    .into_any()
}
