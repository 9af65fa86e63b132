//! 采购 (procurement): the suppliers with what each sells the shop at what terms
//! (`suppliers`), what to buy, from whom and by when (`suggestions`), the purchase orders
//! from draft through approval and sending to receipt (`orders`), the printed purchase
//! order (`print`), and the goods received against orders with their inspection and
//! put-away (`receipts`). Seeing needs `view_procurement`; each change its own
//! permission, and the buttons of those the staff member lacks are not shown (the server
//! checks anyway). The rules of `shared::procurement` are checked here before sending, as
//! the server checks them, and refusals show next to their fields.

pub mod orders;
pub mod print;
pub mod receipts;
pub mod suggestions;
pub mod suppliers;
pub(crate) mod text;

use crate::kit::form::FormErrors;
use crate::kit::Crumb;
use leptos::prelude::*;
use shared::fulfilment::WarehouseView;
use shared::money::Currency;
use shared::procurement::orders::PurchaseOrderStatus;
use shared::procurement::portal::AsnView;
use shared::staff::Page;
use shared::Locale;
use text::Pc;
use ui::i18n::{t, use_locale};

/// The breadcrumbs of a procurement page: its page, then `here`.
pub fn crumbs(l: Locale, page: Page, here: Option<String>) -> Vec<Crumb> {
    Crumb::trail(l, page, here)
}

/// Shows a rule a draft broke (checked here before sending) as the server would; the
/// supplier portal's forms show theirs so too.
pub(crate) fn refuse<P: serde::Serialize>(errors: FormErrors, (problem, field): (P, String)) {
    let code = crate::api::code(&problem).unwrap_or_default();
    errors.set(crate::api::local_error(&code, &field));
}

/// A text in both languages, said in the reader's.
pub(crate) fn localized(
    text: shared::catalog::Localized,
) -> impl Fn() -> String + Send + Sync + 'static {
    let locale = use_locale();
    move || text.get(locale.get()).to_string()
}

/// `45.00` for an input of a price in major units (yuan).
fn price_input(minor: i64, currency: Currency) -> String {
    shared::catalog::csv::format_price(minor, currency)
}

/// Minor units of a price typed in major units (`45`, `45.5`, `45.50`), if it is one.
fn parse_price(text: &str, currency: Currency) -> Option<i64> {
    shared::catalog::csv::parse_price(text, currency)
}

/// A whole number typed (blank is none).
pub(crate) fn whole(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok()
}

/// How a page words a purchase order's status: the back office's words
/// ([`text::status`]) or the supplier's (`supplier_portal::text::status`).
pub(crate) type StatusWords = fn(Locale, PurchaseOrderStatus) -> &'static str;

/// A purchase order's status as a tag (`data-testid` given by the caller), in the back
/// office's words unless the caller gives others.
#[component]
pub(crate) fn StatusTag(
    status: PurchaseOrderStatus,
    #[prop(optional)] testid: &'static str,
    /// The status's words; the back office's ([`text::status`]) when none are given.
    #[prop(optional)]
    words: Option<StatusWords>,
) -> impl IntoView {
    let locale = use_locale();
    let words = words.unwrap_or(text::status);
    view! {
        <span class=format!("tag tag--po tag--{}", status.as_str()) data-testid=testid
            data-status=status.as_str()>
            {move || words(locale.get(), status)}
        </span>
    }
}

/// How a page writes a day: `ui::format::date` in the back office, the shop's day in the
/// supplier portal.
pub(crate) type DayWords = fn(Locale, i64) -> String;

/// The supplier's advance shipping notices (发货通知) against a purchase order, as the back
/// office and the supplier portal both show them: number, status, carrier, tracking
/// number, when announced, when it arrives and what is in it.
#[component]
pub(crate) fn Shipments(
    shipments: Vec<AsnView>,
    /// The testids' prefix: `po` in the back office, `sp` in the supplier portal
    /// (`po-asn`, `po-asn-number`, …, `po-no-shipments`).
    prefix: &'static str,
    /// What shows when none was announced.
    empty: Signal<&'static str>,
    /// How the day a shipment arrives is written.
    day: DayWords,
) -> impl IntoView {
    let locale = use_locale();
    if shipments.is_empty() {
        return view! { <p class="muted" data-testid=format!("{prefix}-no-shipments")>{empty}</p> }
            .into_any();
    }
    let rows = shipments
        .into_iter()
        .map(|s| {
            let (status, shipped, arrives) = (s.status, s.shipped_at, s.arrives_at);
            let contents = s
                .lines
                .iter()
                .map(|l| format!("{} × {}", l.sku, l.quantity))
                .collect::<Vec<_>>()
                .join(", ");
            let dash = |v: String| if v.is_empty() { "—".to_string() } else { v };
            view! {
                <tr data-testid=format!("{prefix}-asn") data-id=s.id data-status=status.as_str()>
                    <td class="mono strong" data-testid=format!("{prefix}-asn-number")>{s.number.clone()}</td>
                    <td>
                        <span class=format!("tag tag--asn tag--asn-{}", status.as_str()) data-testid=format!("{prefix}-asn-status")>
                            {move || text::asn_status(locale.get(), status)}
                        </span>
                    </td>
                    <td data-testid=format!("{prefix}-asn-carrier")>{dash(s.carrier.clone())}</td>
                    <td class="mono" data-testid=format!("{prefix}-asn-tracking")>{dash(s.tracking.clone())}</td>
                    <td class="nowrap">{move || ui::format::date_time(locale.get(), shipped)}</td>
                    <td class="nowrap" data-testid=format!("{prefix}-asn-arrives")>{move || day(locale.get(), arrives)}</td>
                    <td class="small" data-testid=format!("{prefix}-asn-lines")>{contents}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table">
            <thead><tr>
                <th>{t(Pc::AsnNumber)}</th><th>{t(Pc::Status)}</th><th>{t(Pc::Carrier)}</th><th>{t(Pc::Tracking)}</th>
                <th>{t(Pc::ShippedAt)}</th><th>{t(Pc::ArrivesAt)}</th><th>{t(Pc::Contents)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
    .into_any()
}

/// A warehouse select: every warehouse by code and name, `chosen` selected.
#[component]
fn WarehouseSelect(
    warehouses: StoredValue<Vec<WarehouseView>>,
    chosen: RwSignal<String>,
    /// The select's `id` and `name` (its label's `for`).
    field: &'static str,
    testid: &'static str,
    #[prop(optional)] dirty: Option<RwSignal<bool>>,
) -> impl IntoView {
    let locale = use_locale();
    let options = warehouses.with_value(|ws| {
        ws.iter()
            .map(|w| {
                let (value, code, name) = (w.id.0.to_string(), w.code.clone(), w.name.clone());
                let is = value.clone();
                view! {
                    <option value=value selected=move || chosen.get_untracked() == is>
                        {move || format!("{code} {}", name.get(locale.get()))}
                    </option>
                }
            })
            .collect_view()
    });
    view! {
        <select class="input" id=field name=field data-testid=testid
            on:change=move |ev| {
                chosen.set(event_target_value(&ev));
                if let Some(d) = dirty { d.set(true); }
            }>
            {options}
        </select>
    }
}

/// The first warehouse's id as a select holds it (empty when there is none).
fn first_warehouse(warehouses: &[WarehouseView]) -> String {
    warehouses
        .first()
        .map(|w| w.id.0.to_string())
        .unwrap_or_default()
}
