//! 收货单 (goods receipts): what arrived against purchase orders, from the receiving area
//! through inspection to the bins. On a purchase order's page: the panel that receives
//! goods against it (per line the units that arrived, or those of one of the supplier's
//! shipping notices) and the order's receipts. Then the receipts by status, and one
//! receipt: its lines as they arrived, what each line's plan inspects, and the step its
//! status allows — inspect every line (defective units found, a result per characteristic,
//! a concession, where rejected units go, the decision previewed by the same rule the
//! server applies), or put what passed into bins. Seeing needs `view_procurement`; the
//! steps `receive_goods`, and their forms are not shown to those who lack it. Refusals
//! show next to their fields, in the reader's language.

mod receive;
mod steps;

pub(super) use receive::{OrderReceipts, ReceivePanel};

use super::localized;
use super::orders::order_href;
use super::text::{self, Gr, Pc};
use crate::kit::list::{options, use_list_url, Empty, FilterSelect};
use crate::kit::{loaded, use_id_param, use_page};
use crate::session::use_session;
use leptos::prelude::*;
use shared::procurement::portal::asn_number;
use shared::procurement::receiving::{
    inspected_units, receipt_number, CharacteristicResult, ReceiptLineView, ReceiptStatus,
    ReceiptSummary, ReceiptView, ReceivingProblem,
};
use shared::procurement::sampling::{InspectionPlan, Verdict};
use shared::staff::{Page, Permission};
use shared::ApiError;
use steps::{InspectForm, PutAwayForm};
use ui::i18n::{t, use_locale};

pub(super) fn receipt_href(id: i64) -> String {
    format!("/admin/procurement/receipts/{id}")
}

/// A rule broken at `field`, found here before sending, as the server would refuse it.
fn fault(problem: ReceivingProblem, field: String) -> ApiError {
    let code = crate::api::code(&problem).unwrap_or_default();
    crate::api::local_error(&code, &field)
}

/// The request's lines of a form that sends every row, in order: `line` answers a row's
/// line, given its index (the same in the request), or the rule it breaks; the first rule
/// broken.
fn every_line<R, L>(
    rows: &[R],
    line: impl Fn(&R, usize) -> Result<L, ApiError>,
) -> Result<Vec<L>, ApiError> {
    rows.iter()
        .enumerate()
        .map(|(i, row)| line(row, i))
        .collect()
}

/// A receipt's status as a tag (`data-testid` given by the caller).
#[component]
fn ReceiptStatusTag(
    status: ReceiptStatus,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <span class=format!("tag tag--gr tag--gr-{}", status.as_str()) data-testid=testid
            data-status=status.as_str()>
            {move || text::receipt_status(locale.get(), status)}
        </span>
    }
}

// the list ------------------------------------------------------------------------------

/// The receipts, newest first, by status (`?status=`) and, from elsewhere, of one purchase
/// order (`?purchase_order=`).
#[component]
pub fn ReceiptsPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| super::crumbs(l, Page::Receipts, None));
    let url = use_list_url();
    let refresh = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        refresh.track();
        crate::api::receipts(url.parse("status"), url.number("purchase_order"))
    });
    let statuses = options(
        ReceiptStatus::ALL,
        ReceiptStatus::as_str,
        text::receipt_status,
    );
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::Receipts)}</h1>
            <p class="muted">{t(Gr::ReceiptsIntro)}</p>
        </header>
        <div class="toolbar">
            <FilterSelect url key="status" label=Signal::derive(t(Pc::Status)) options=statuses/>
        </div>
        {loaded(list, Some(Callback::new(move |()| refresh.update(|n| *n += 1))),
            |receipts: Vec<ReceiptSummary>| view! { <ReceiptTable receipts/> })}
    }
}

#[component]
fn ReceiptTable(receipts: Vec<ReceiptSummary>) -> impl IntoView {
    let locale = use_locale();
    if receipts.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let rows = receipts
        .into_iter()
        .map(|r| {
            let at = r.received_at;
            view! {
                <tr data-testid="receipt-row" data-id=r.id data-status=r.status.as_str()>
                    <td><a class="strong mono" href=receipt_href(r.id) data-testid="receipt-link">{r.number.clone()}</a></td>
                    <td class="mono">{r.purchase_order_number.clone()}</td>
                    <td>{r.supplier.clone()}</td>
                    <td>{localized(r.warehouse_name.clone())}</td>
                    <td><ReceiptStatusTag status=r.status testid="receipt-row-status"/></td>
                    <td class="num">{r.units}</td>
                    <td class="nowrap">{move || ui::format::date_time(locale.get(), at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table" data-testid="receipt-table">
            <thead><tr>
                <th>{t(Gr::Receipt)}</th><th>{t(Pc::Order)}</th><th>{t(Pc::Supplier)}</th><th>{t(Pc::Warehouse)}</th>
                <th>{t(Pc::Status)}</th><th class="num">{t(Gr::Units)}</th><th>{t(Gr::ReceivedAt)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
    .into_any()
}

// one receipt ---------------------------------------------------------------------------

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let id = use_id_param("id");
    let refresh = RwSignal::new(0_u32);
    let receipt = LocalResource::new(move || {
        refresh.track();
        crate::api::receipt(id())
    });
    use_page(move |l| super::crumbs(l, Page::Receipts, Some(receipt_number(id()))));
    view! {
        {loaded(receipt, Some(Callback::new(move |()| refresh.update(|n| *n += 1))),
            move |receipt: ReceiptView| view! { <Receipt receipt refresh/> })}
    }
}

/// The receipt: where it came from, its lines, and the step its status allows.
#[component]
fn Receipt(receipt: ReceiptView, refresh: RwSignal<u32>) -> impl IntoView {
    let can = use_session().can(Permission::ReceiveGoods);
    let status = receipt.status;
    let stocked = receipt.lines.iter().any(|l| l.accepted.unwrap_or(0) > 0);
    let step = match status {
        ReceiptStatus::Received if can => {
            view! { <InspectForm receipt=receipt.clone() refresh/> }.into_any()
        }
        ReceiptStatus::Inspected if can => {
            view! { <PutAwayForm receipt=receipt.clone() refresh/> }.into_any()
        }
        _ => ().into_any(),
    };
    view! {
        <header class="page-head">
            <h1 data-testid="receipt-number">{receipt.number.clone()}</h1>
            <p>
                <ReceiptStatusTag status testid="receipt-status"/> " "
                <a class="mono" href=order_href(receipt.purchase_order) data-testid="receipt-po-link">
                    {receipt.purchase_order_number.clone()}
                </a>
                " · " {receipt.supplier.clone()} " → " {localized(receipt.warehouse_name.clone())}
            </p>
        </header>
        <StatusNotice status stocked/>
        <section class="panel" data-testid="receipt-lines">
            <h2>{t(Gr::Lines)}</h2>
            <ReceiptLines lines=receipt.lines.clone() status/>
        </section>
        {step}
        <section class="panel">
            <h2>{t(Gr::Receipt)}</h2>
            <ReceiptFacts receipt=receipt.clone()/>
        </section>
    }
}

/// Where the goods are now: in the receiving area, waiting for their bins, or in stock.
#[component]
fn StatusNotice(
    status: ReceiptStatus,
    /// Something passed inspection.
    stocked: bool,
) -> impl IntoView {
    let (class, said) = match status {
        ReceiptStatus::Received => ("banner", Gr::WaitsInspection),
        ReceiptStatus::Inspected => ("banner banner--warn", Gr::WaitsPutAway),
        ReceiptStatus::PutAway if stocked => ("banner banner--ok", Gr::InStock),
        ReceiptStatus::PutAway => ("banner", Gr::NothingStocked),
    };
    view! { <p class=class data-testid="receipt-notice" data-status=status.as_str()>{t(said)}</p> }
}

/// The receipt's own facts.
#[component]
fn ReceiptFacts(receipt: ReceiptView) -> impl IntoView {
    let locale = use_locale();
    let at = receipt.received_at;
    let asn = receipt.asn.map_or_else(|| "—".to_string(), asn_number);
    let note = receipt.note.clone();
    view! {
        <dl class="facts" data-testid="receipt-facts">
            <dt>{t(Gr::Receipt)}</dt><dd class="mono">{receipt.number.clone()}</dd>
            <dt>{t(Pc::Order)}</dt>
            <dd><a class="mono" href=order_href(receipt.purchase_order)>{receipt.purchase_order_number.clone()}</a></dd>
            <dt>{t(Pc::Supplier)}</dt><dd>{receipt.supplier.clone()}</dd>
            <dt>{t(Pc::Warehouse)}</dt><dd>{localized(receipt.warehouse_name.clone())}</dd>
            <dt>{t(Gr::ReceivedAt)}</dt><dd>{move || ui::format::date_time(locale.get(), at)}</dd>
            <dt>{t(Gr::ReceivedBy)}</dt><dd data-testid="receipt-received-by">{receipt.received_by.clone()}</dd>
            <dt>{t(Gr::Asn)}</dt><dd class="mono" data-testid="receipt-asn">{asn}</dd>
            {(!note.is_empty()).then(|| view! { <dt>{t(Pc::Note)}</dt><dd data-testid="receipt-note">{note}</dd> })}
        </dl>
    }
}

/// The lines as they stand: as they arrived and how each is inspected; once inspected, the
/// decisions; once put away, the bins.
#[component]
fn ReceiptLines(lines: Vec<ReceiptLineView>, status: ReceiptStatus) -> impl IntoView {
    let inspected = status != ReceiptStatus::Received;
    let stored = status == ReceiptStatus::PutAway;
    let rows = lines
        .into_iter()
        .map(|line| view! { <ReceiptLineRow line inspected stored/> })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table gr-lines">
            <thead><tr>
                <th>{t(Pc::Sku)}</th><th>{t(Pc::Item)}</th><th class="num">{t(Gr::Expected)}</th>
                <th class="num">{t(Gr::Arrived)}</th><th>{t(Gr::Plan)}</th>
                <th class="num">{t(Gr::SampleSize)}</th><th class="num">{t(Gr::AcRe)}</th>
                {inspected.then(|| view! {
                    <th class="num">{t(Gr::Defective)}</th><th>{t(Gr::Verdict)}</th>
                    <th class="num">{t(Gr::Accepted)}</th><th class="num">{t(Gr::Rejected)}</th>
                    <th>{t(Gr::Results)}</th>
                })}
                {stored.then(|| view! { <th>{t(Gr::Bin)}</th> })}
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
}

/// `1 / 2`: a sampled lot's acceptance and rejection numbers (a dash when every unit is
/// inspected: each is judged on its own).
fn ac_re(line: &ReceiptLineView) -> String {
    match (line.plan, line.sample) {
        (InspectionPlan::Sampled { .. }, Some(s)) => format!("{} / {}", s.accept, s.reject),
        _ => "—".to_string(),
    }
}

/// A number, or a dash for none.
fn dash(n: Option<i64>) -> String {
    n.map_or_else(|| "—".to_string(), |n| n.to_string())
}

/// A line of the receipt (see [`ReceiptLines`]).
#[component]
fn ReceiptLineRow(line: ReceiptLineView, inspected: bool, stored: bool) -> impl IntoView {
    let locale = use_locale();
    let plan = line.plan;
    let size = inspected_units(plan, line.quantity);
    let acre = ac_re(&line);
    let diff = line.quantity - line.expected;
    let (variant, sku, name) = (line.variant.0, line.sku.clone(), line.name.clone());
    let (expected, quantity) = (line.expected, line.quantity);
    let bin = line.put_away_bin.clone().unwrap_or_else(|| "—".into());
    let decision = inspected.then(|| view! { <Decision line/> });
    view! {
        <tr data-testid="receipt-line" data-variant=variant>
            <td class="mono" data-testid="receipt-line-sku">{sku}</td>
            <td>{localized(name)}</td>
            <td class="num" data-testid="receipt-line-expected">{expected}</td>
            <td class="num nowrap">
                <span data-testid="receipt-line-quantity">{quantity}</span>
                <Variance diff/>
            </td>
            <td class="nowrap" data-testid="receipt-line-plan">{move || text::plan(locale.get(), plan)}</td>
            <td class="num" data-testid="receipt-line-sample">{size}</td>
            <td class="num nowrap" data-testid="receipt-line-ac-re">{acre}</td>
            {decision}
            {stored.then(|| view! { <td class="mono" data-testid="receipt-line-bin">{bin}</td> })}
        </tr>
    }
}

/// The badge of a line that arrived over or short of what was expected (nothing when it
/// arrived as expected).
#[component]
fn Variance(diff: i64) -> impl IntoView {
    let locale = use_locale();
    (diff != 0).then(|| {
        let (class, testid) = if diff > 0 {
            ("tag tag--over", "receipt-over")
        } else {
            ("tag tag--short", "receipt-short")
        };
        view! {
            " " <span class=class data-testid=testid data-diff=diff>
                {move || text::variance(locale.get(), diff)}
            </span>
        }
    })
}

fn verdict_code(v: Verdict) -> &'static str {
    match v {
        Verdict::Accepted => "accepted",
        Verdict::Rejected => "rejected",
    }
}

/// What inspection decided for a line: defective units found, the verdict (and any
/// concession), the units accepted and rejected (and where these go), the results.
#[component]
fn Decision(line: ReceiptLineView) -> impl IntoView {
    let locale = use_locale();
    let (verdict, concession, to) = (line.verdict, line.concession, line.rejected_to);
    let rejected = line.rejected.unwrap_or(0);
    view! {
        <td class="num" data-testid="receipt-line-defective">{dash(line.defective)}</td>
        <td class="nowrap">
            {verdict.map(|v| view! {
                <span class=format!("tag tag--verdict-{}", verdict_code(v)) data-testid="receipt-line-verdict"
                    data-verdict=verdict_code(v)>
                    {move || text::verdict(locale.get(), v)}
                </span>
            })}
            {concession.then(|| view! {
                " " <span class="tag tag--concession" data-testid="receipt-line-concession">{t(Gr::Concession)}</span>
            })}
        </td>
        <td class="num" data-testid="receipt-line-accepted">{dash(line.accepted)}</td>
        <td class="num nowrap">
            <span data-testid="receipt-line-rejected">{dash(line.rejected)}</span>
            {to.filter(|_| rejected > 0).map(|r| view! {
                " " <span class="muted small" data-testid="receipt-line-rejected-to" data-to=r.as_str()>
                    {move || text::reject_to(locale.get(), r)}
                </span>
            })}
        </td>
        <td class="small"><Results results=line.results/></td>
    }
}

/// Each characteristic's result: passed or failed, with its note.
#[component]
fn Results(results: Vec<CharacteristicResult>) -> impl IntoView {
    if results.is_empty() {
        return view! { <span class="muted">"—"</span> }.into_any();
    }
    results
        .into_iter()
        .map(|r| {
            let mark = if r.passed { "✓" } else { "✗" };
            let note = (!r.note.is_empty()).then(|| format!(" ({})", r.note));
            view! {
                <span class="gr-result" class:gr-result--failed={!r.passed} data-testid="receipt-line-result"
                    data-passed=r.passed.to_string()>
                    {r.characteristic} " " {mark} {note}
                </span>
            }
        })
        .collect_view()
        .into_any()
}

#[cfg(test)]
mod tests {
    use crate::procurement::text::aql;
    use shared::procurement::sampling::Aql;

    #[test]
    fn an_aql_reads_as_the_tables_print_it() {
        let printed: Vec<String> = Aql::SERIES.iter().map(|a| aql(Aql(*a))).collect();
        assert_eq!(
            printed,
            ["0.10", "0.15", "0.25", "0.40", "0.65", "1.0", "1.5", "2.5", "4.0", "6.5"]
        );
    }
}
