//! The supplier's purchase orders: the list (number, status, total, sent, expected, the
//! warehouse), and one order — where it goes, its lines (ordered, price, amount, any
//! quantity proposed, promised and expected days, units announced and received), then
//! what its status allows: confirm it line by line with promised days (or propose other
//! quantities), or move expected days and announce a shipment; the shipments announced
//! and the order's history. The portal's rules (`shared::procurement::portal`) are
//! checked here before sending, as the server checks them; refusals show next to their
//! fields, in the reader's language.

use super::text::{self, Sp};
use super::{day_input, maybe_date, parse_day_input, shop_date, today, use_title};
use crate::kit::form::{row_views, Field, FormErrors, LineField, SentRows, StepForm};
use crate::kit::loaded;
use crate::orders::detail::Timeline;
use crate::procurement::{localized, refuse, whole, Shipments, StatusTag};
use leptos::prelude::*;
use shared::catalog::Localized;
use shared::ids::VariantId;
use shared::procurement::orders::PurchaseOrderStatus;
use shared::procurement::portal::{
    check_confirmation, check_date, check_shipment, AnnounceShipment, ConfirmLine, ConfirmOrder,
    LineDate, MoveDates, PortalFault, PortalProblem, ShipmentLine, SupplierLineView,
    SupplierOrderSummary, SupplierOrderView,
};
use shared::procurement::purchasing::number;
use ui::i18n::{t, use_locale, Translate};

const DAY_MS: i64 = 86_400_000;

/// The fields a refusal of one line names (`lines[2].quantity` → `quantity`).
const LINE_PARTS: &[&str] = &["quantity", "promised_at", "expected_at", "variant"];

fn order_href(id: i64) -> String {
    format!("/supplier/orders/{id}")
}

// the list ------------------------------------------------------------------------------

#[component]
pub fn SupplierOrdersPage() -> impl IntoView {
    use_title(|l| Sp::Orders.text(l).to_string());
    let refresh = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        refresh.track();
        crate::api::portal::orders()
    });
    view! {
        <header class="page-head">
            <h1>{t(Sp::Orders)}</h1>
            <p class="muted">{t(Sp::OrdersIntro)}</p>
        </header>
        {loaded(list, Some(Callback::new(move |()| refresh.update(|n| *n += 1))),
            move |orders: Vec<SupplierOrderSummary>| view! { <OrderTable orders/> })}
    }
}

#[component]
fn OrderTable(orders: Vec<SupplierOrderSummary>) -> impl IntoView {
    let locale = use_locale();
    if orders.is_empty() {
        return view! { <p class="state state--empty" data-testid="sp-orders-empty">{t(Sp::NoOrders)}</p> }
            .into_any();
    }
    let rows = orders
        .into_iter()
        .map(|o| {
            let (sent, expected) = (o.sent_at, o.expected_at);
            view! {
                <tr data-testid="sp-order-row" data-id=o.id data-status=o.status.as_str()>
                    <td><a class="strong mono" href=order_href(o.id) data-testid="sp-order-link">{o.number.clone()}</a></td>
                    <td class="nowrap"><StatusTag status=o.status testid="sp-order-status" words=text::status/></td>
                    <td class="num" data-testid="sp-order-total">{ui::format::money(o.total)}</td>
                    <td class="nowrap" data-testid="sp-order-sent">
                        {move || sent.map_or_else(|| "—".to_string(), |s| ui::format::date(locale.get(), s))}
                    </td>
                    <td class="nowrap" data-testid="sp-order-expected">{move || maybe_date(locale.get(), expected)}</td>
                    <td data-testid="sp-order-warehouse">{localized(o.warehouse_name.clone())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table" data-testid="sp-orders">
            <thead><tr>
                <th>{t(Sp::Number)}</th><th>{t(Sp::Status)}</th><th class="num">{t(Sp::Total)}</th>
                <th>{t(Sp::SentAt)}</th><th>{t(Sp::Expected)}</th><th>{t(Sp::DeliverTo)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
    .into_any()
}

// one order ------------------------------------------------------------------------------

#[component]
pub fn SupplierOrderPage() -> impl IntoView {
    let id = crate::kit::use_id_param("id");
    let refresh = RwSignal::new(0_u32);
    let order = LocalResource::new(move || {
        refresh.track();
        crate::api::portal::order(id())
    });
    use_title(move |_| number(id()));
    view! {
        <p class="sp-back"><a href="/supplier" data-testid="sp-back">{t(Sp::AllOrders)}</a></p>
        {loaded(order, Some(Callback::new(move |()| refresh.update(|n| *n += 1))),
            move |o: SupplierOrderView| view! { <Order order=o/> })}
    }
}

/// The order as last answered: a step done answers the order anew, and the page shows it.
#[component]
fn Order(order: SupplierOrderView) -> impl IntoView {
    let current = RwSignal::new(order);
    move || {
        let order = current.get();
        view! { <OrderBody order current/> }
    }
}

#[component]
fn OrderBody(order: SupplierOrderView, current: RwSignal<SupplierOrderView>) -> impl IntoView {
    let locale = use_locale();
    let status = order.status;
    let proposal = order.lines.iter().any(|l| l.proposed_quantity.is_some());
    let notice = match status {
        PurchaseOrderStatus::Draft if proposal => {
            Some((Sp::ProposalPending, "sp-proposal-pending"))
        }
        PurchaseOrderStatus::Draft => Some((Sp::WithTheBuyer, "sp-with-buyer")),
        PurchaseOrderStatus::Received => Some((Sp::AllReceived, "sp-all-received")),
        PurchaseOrderStatus::Closed => Some((Sp::OrderClosed, "sp-closed")),
        PurchaseOrderStatus::Cancelled => Some((Sp::OrderCancelled, "sp-cancelled")),
        _ => None,
    }
    .map(|(said, testid)| view! { <p class="banner" data-testid=testid>{t(said)}</p> });
    let steps = match status {
        PurchaseOrderStatus::Sent => {
            view! { <ConfirmForm order=order.clone() current/> }.into_any()
        }
        PurchaseOrderStatus::Confirmed | PurchaseOrderStatus::PartiallyReceived => view! {
            <div class="sp-forms">
                <DatesForm order=order.clone() current/>
                <ShipForm order=order.clone() current/>
            </div>
        }
        .into_any(),
        _ => ().into_any(),
    };
    let sent_at = order.sent_at;
    let note = order.note.clone();
    view! {
        <header class="page-head">
            <h1 data-testid="sp-number">{order.number.clone()}</h1>
            <p><StatusTag status testid="sp-status" words=text::status/></p>
        </header>
        {notice}
        <div class="order-grid">
            <section class="panel" data-testid="sp-facts">
                <h2>{t(Sp::Order)}</h2>
                <dl class="facts">
                    <dt>{t(Sp::DeliverTo)}</dt><dd data-testid="sp-warehouse">{localized(order.warehouse_name.clone())}</dd>
                    <dt>{t(Sp::WarehouseAddress)}</dt><dd class="sp-address" data-testid="sp-warehouse-address">{order.warehouse_address.clone()}</dd>
                    <dt>{t(Sp::Total)}</dt><dd class="num strong" data-testid="sp-total">{ui::format::money(order.total)}</dd>
                    <dt>{t(Sp::Currency)}</dt><dd class="mono">{order.currency.code()}</dd>
                    <dt>{t(Sp::SentAt)}</dt>
                    <dd data-testid="sp-sent-at">{move || sent_at.map_or_else(|| "—".to_string(), |s| ui::format::date_time(locale.get(), s))}</dd>
                    {(!note.is_empty()).then(|| view! { <dt>{t(Sp::BuyerNote)}</dt><dd data-testid="sp-note">{note}</dd> })}
                </dl>
            </section>
            <section class="panel order-grid__wide" data-testid="sp-lines">
                <Lines lines=order.lines.clone()/>
            </section>
        </div>
        {steps}
        <div class="order-grid">
            <section class="panel order-grid__wide" data-testid="sp-shipments">
                <h2>{t(Sp::Shipments)}</h2>
                <Shipments shipments=order.shipments.clone() prefix="sp"
                    empty=Signal::derive(t(Sp::NoShipments)) day=shop_date/>
            </section>
            <section class="panel order-grid__wide" data-testid="sp-history">
                <h2>{t(Sp::History)}</h2>
                <Timeline events=order.events.clone() names=text::status_code/>
            </section>
        </div>
    }
}

/// The lines as they stand.
#[component]
fn Lines(lines: Vec<SupplierLineView>) -> impl IntoView {
    let locale = use_locale();
    let rows = lines
        .into_iter()
        .map(|l| {
            let (promised, expected) = (l.promised_at, l.expected_at);
            let proposed = l.proposed_quantity.map_or_else(
                || view! { <span class="muted">"—"</span> }.into_any(),
                |n| view! { <span class="tag tag--proposed" data-testid="sp-proposed">{n}</span> }.into_any(),
            );
            view! {
                <tr data-testid="sp-line" data-variant=l.variant.0>
                    <td class="mono">{l.sku}</td>
                    <td>{localized(l.name)}</td>
                    <td class="num" data-testid="sp-line-quantity">{l.quantity}</td>
                    <td class="num">{ui::format::money(l.unit_cost)}</td>
                    <td class="num">{ui::format::money(l.amount)}</td>
                    <td class="num">{proposed}</td>
                    <td class="nowrap" data-testid="sp-line-promised">{move || maybe_date(locale.get(), promised)}</td>
                    <td class="nowrap" data-testid="sp-line-expected">{move || maybe_date(locale.get(), expected)}</td>
                    <td class="num" data-testid="sp-line-announced">{l.announced}</td>
                    <td class="num" data-testid="sp-line-received">{l.received}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>{t(Sp::Lines)}</h2>
        <div class="table-wrap"><table class="table">
            <thead><tr>
                <th>{t(Sp::Sku)}</th><th>{t(Sp::Item)}</th><th class="num">{t(Sp::Ordered)}</th>
                <th class="num">{t(Sp::UnitPrice)}</th><th class="num">{t(Sp::Amount)}</th>
                <th class="num">{t(Sp::Proposed)}</th><th>{t(Sp::Promised)}</th><th>{t(Sp::Expected)}</th>
                <th class="num">{t(Sp::Announced)}</th><th class="num">{t(Sp::Received)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
}

// the steps' forms ------------------------------------------------------------------------

/// The form of one of an order's steps (confirm, move dates, announce a shipment): the
/// order answered replaces the page's `current` (made while its component runs: it reads
/// the context).
fn step_form(current: RwSignal<SupplierOrderView>) -> StepForm<SupplierOrderView> {
    StepForm::new(text::error, move |answered: SupplierOrderView| {
        current.set(answered)
    })
}

/// The first and the last day a form's date input allows (`YYYY-MM-DD`): from `today`
/// to two years ahead.
fn input_days(today: i64) -> (String, String) {
    (day_input(today), day_input(today + 730 * DAY_MS))
}

/// The item of an order's line, as each step's form shows it first in the line's row.
#[derive(Clone)]
struct LineItem {
    variant: VariantId,
    sku: String,
    name: Localized,
}

impl LineItem {
    /// The item of `line`.
    fn of(line: &SupplierLineView) -> Self {
        LineItem {
            variant: line.variant,
            sku: line.sku.clone(),
            name: line.name.clone(),
        }
    }
}

/// The first cells of a form's row: the line's SKU and item.
fn item_cells(item: &LineItem) -> impl IntoView {
    view! {
        <td class="mono">{item.sku.clone()}</td>
        <td>{localized(item.name.clone())}</td>
    }
}

/// A cell of a form's row: an input of the line's (the children) and below it the
/// refusal `message` (see [`FormErrors::for_line`]).
#[component]
fn LineCell(
    message: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    children: Children,
) -> impl IntoView {
    view! {
        <td>
            <LineField message testid="sp-line-error">{children()}</LineField>
        </td>
    }
}

/// The request's lines of a form that may leave rows out: `line` answers a row's line —
/// given the index `j` it gets in the request — or the rule it breaks, or `None` to
/// leave the row out. The rows sent are kept in `sent`, in the request's order. `None`
/// when a row breaks a rule or no row is sent (refused as `nothing`), the refusal shown.
fn picked_lines<R: Send + Sync + 'static, L>(
    rows: StoredValue<Vec<R>>,
    sent: StoredValue<Vec<usize>>,
    errors: FormErrors,
    nothing: &str,
    mut line: impl FnMut(&R, usize) -> Option<Result<L, PortalFault>>,
) -> Option<Vec<L>> {
    let mut lines = Vec::new();
    let mut rows_sent = Vec::new();
    let typed = rows.with_value(|r| {
        for (i, row) in r.iter().enumerate() {
            let Some(picked) = line(row, lines.len()) else {
                continue;
            };
            rows_sent.push(i);
            lines.push(picked?);
        }
        Ok(())
    });
    sent.set_value(rows_sent);
    if let Err(fault) = typed {
        refuse(errors, fault);
        return None;
    }
    if lines.is_empty() {
        errors.set(crate::api::local_error(nothing, "lines"));
        return None;
    }
    Some(lines)
}

// confirming -----------------------------------------------------------------------------

/// A line as the confirmation form holds it.
#[derive(Clone)]
struct ConfirmRow {
    item: LineItem,
    ordered: i64,
    quantity: RwSignal<String>,
    date: RwSignal<String>,
}

/// Per line the units the supplier will deliver (the ordered ones to start with) and the
/// day they promise them (a week from today to start with), and a note. All as ordered
/// confirms; any other quantity proposes.
#[component]
fn ConfirmForm(order: SupplierOrderView, current: RwSignal<SupplierOrderView>) -> impl IntoView {
    let step = step_form(current);
    let (locale, errors, pending) = (step.locale, step.errors, step.pending);
    let id = order.id;
    let start = today();
    let week = day_input(start + 7 * DAY_MS);
    let (first, last) = input_days(start);
    let rows = StoredValue::new(
        order
            .lines
            .iter()
            .map(|l| ConfirmRow {
                item: LineItem::of(l),
                ordered: l.quantity,
                quantity: RwSignal::new(l.quantity.to_string()),
                date: RwSignal::new(week.clone()),
            })
            .collect::<Vec<_>>(),
    );
    let note = RwSignal::new(String::new());
    // every line is sent, in the order's order
    let sent = SentRows::All(order.lines.len());
    let differs = Memo::new(move |_| {
        rows.with_value(|r| {
            r.iter()
                .any(|row| whole(&row.quantity.get()) != Some(row.ordered))
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !step.begin(&ev) {
            return;
        }
        let mut lines = Vec::new();
        let mut ordered = Vec::new();
        let typed = rows.with_value(|r| {
            for (i, row) in r.iter().enumerate() {
                ordered.push((row.item.variant, row.ordered));
                let Some(quantity) = whole(&row.quantity.get_untracked()) else {
                    return Err((
                        PortalProblem::QuantityInvalid,
                        format!("lines[{i}].quantity"),
                    ));
                };
                let Some(promised_at) = parse_day_input(&row.date.get_untracked()) else {
                    return Err((
                        PortalProblem::DateInvalid,
                        format!("lines[{i}].promised_at"),
                    ));
                };
                lines.push(ConfirmLine {
                    variant: row.item.variant,
                    quantity,
                    promised_at,
                });
            }
            Ok(())
        });
        if let Err(fault) = typed {
            refuse(errors, fault);
            return;
        }
        let req = ConfirmOrder {
            lines,
            note: note.get_untracked().trim().to_string(),
        };
        let as_ordered = match check_confirmation(&ordered, &req, today()) {
            Ok(as_ordered) => as_ordered,
            Err(fault) => {
                refuse(errors, fault);
                return;
            }
        };
        let said = if as_ordered {
            Sp::ConfirmedToast
        } else {
            Sp::ProposedToast
        };
        step.send(said, crate::api::portal::confirm(id, &req));
    };
    let body = row_views(rows, |i, row| {
        let (first, last) = (first.clone(), last.clone());
        let ordered = row.ordered;
        let (q, d) = (row.quantity, row.date);
        let qty_message = errors.for_line(sent, i, &["quantity", "variant"]);
        let date_message = errors.for_line(sent, i, &["promised_at"]);
        let changed = move || whole(&q.get()) != Some(ordered);
        view! {
            <tr data-testid="sp-confirm-line" data-variant=row.item.variant.0 class:sp-changed=changed>
                {item_cells(&row.item)}
                <td class="num">{ordered}</td>
                <LineCell message=qty_message>
                    <input class="input input--small num" type="number" min="0" max="1000000" inputmode="numeric"
                        id=format!("lines[{i}].quantity") aria-label=move || Sp::Quantity.text(locale.get())
                        prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))
                        data-testid="sp-confirm-qty"/>
                </LineCell>
                <LineCell message=date_message>
                    <input class="input input--small" type="date" min=first max=last
                        id=format!("lines[{i}].promised_at") aria-label=move || Sp::PromisedDate.text(locale.get())
                        prop:value=move || d.get() on:input=move |ev| d.set(event_target_value(&ev))
                        data-testid="sp-confirm-date"/>
                </LineCell>
            </tr>
        }
    });
    let general = errors.general_with_lines(sent, LINE_PARTS, &["note"]);
    view! {
        <form class="panel form sp-form" on:submit=submit novalidate data-testid="sp-confirm-form">
            <h2>{t(Sp::ConfirmTitle)}</h2>
            <p class="field__hint">{t(Sp::ConfirmHint)}</p>
            <div class="table-wrap"><table class="table">
                <thead><tr>
                    <th>{t(Sp::Sku)}</th><th>{t(Sp::Item)}</th><th class="num">{t(Sp::Ordered)}</th>
                    <th>{t(Sp::Quantity)}</th><th>{t(Sp::PromisedDate)}</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table></div>
            <Field label=Signal::derive(t(Sp::ConfirmNote)) name="note" errors hint=Signal::derive(t(Sp::ConfirmNoteHint))>
                <textarea class="input" id="note" name="note" rows="2" maxlength="500" data-testid="sp-confirm-note"
                    prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </Field>
            <p class="form-error" role="alert" data-testid="sp-confirm-error">{general}</p>
            <p>
                <button class="btn" class:btn--propose=move || differs.get() type="submit" data-testid="sp-confirm"
                    data-proposes=move || differs.get().to_string() disabled=move || pending.get()>
                    {move || if differs.get() { t(Sp::ProposeButton)() } else { t(Sp::ConfirmButton)() }}
                </button>
            </p>
        </form>
    }
}

// dates ------------------------------------------------------------------------------------

#[derive(Clone)]
struct DateRow {
    item: LineItem,
    /// The day shown to start with (the expected one, else the promised one).
    was: String,
    /// All arrived: nothing to move.
    done: bool,
    date: RwSignal<String>,
}

impl DateRow {
    /// The row's new expected day as the request's line `j`, or the rule it breaks;
    /// `None` when the day is unchanged or everything arrived.
    fn line(&self, j: usize, today: i64) -> Option<Result<LineDate, PortalFault>> {
        let typed = self.date.get_untracked();
        if typed.trim() == self.was || self.done {
            return None;
        }
        let field = format!("lines[{j}].expected_at");
        let Some(expected_at) = parse_day_input(&typed) else {
            return Some(Err((PortalProblem::DateInvalid, field)));
        };
        Some(match check_date(expected_at, today) {
            Ok(()) => Ok(LineDate {
                variant: self.item.variant,
                expected_at,
            }),
            Err(problem) => Err((problem, field)),
        })
    }
}

/// A new expected day per line; only the lines changed are sent.
#[component]
fn DatesForm(order: SupplierOrderView, current: RwSignal<SupplierOrderView>) -> impl IntoView {
    let step = step_form(current);
    let (locale, errors, pending) = (step.locale, step.errors, step.pending);
    let id = order.id;
    let (first, last) = input_days(today());
    let rows = StoredValue::new(
        order
            .lines
            .iter()
            .map(|l| {
                let was = l
                    .expected_at
                    .or(l.promised_at)
                    .map(day_input)
                    .unwrap_or_default();
                DateRow {
                    item: LineItem::of(l),
                    date: RwSignal::new(was.clone()),
                    was,
                    done: l.received >= l.quantity,
                }
            })
            .collect::<Vec<_>>(),
    );
    let rows_sent = StoredValue::new(Vec::<usize>::new());
    let sent = SentRows::Picked(rows_sent);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !step.begin(&ev) {
            return;
        }
        let today = today();
        let picked = picked_lines(rows, rows_sent, errors, "no_date_changed", |row, j| {
            row.line(j, today)
        });
        let Some(lines) = picked else {
            return;
        };
        step.send(
            Sp::DatesSaved,
            crate::api::portal::move_dates(id, &MoveDates { lines }),
        );
    };
    let body = row_views(rows, |i, row| {
        let (first, last) = (first.clone(), last.clone());
        let d = row.date;
        let message = errors.for_line(sent, i, &["expected_at", "variant"]);
        view! {
            <tr data-testid="sp-date-line" data-variant=row.item.variant.0>
                {item_cells(&row.item)}
                <LineCell message>
                    <input class="input input--small" type="date" min=first max=last disabled={row.done}
                        id=format!("dates[{i}]") aria-label=move || Sp::NewExpected.text(locale.get())
                        prop:value=move || d.get() on:input=move |ev| d.set(event_target_value(&ev))
                        data-testid="sp-date"/>
                </LineCell>
            </tr>
        }
    });
    let general = errors.general_with_lines(sent, LINE_PARTS, &[]);
    view! {
        <form class="panel form sp-form" on:submit=submit novalidate data-testid="sp-dates-form">
            <h2>{t(Sp::DatesTitle)}</h2>
            <p class="field__hint">{t(Sp::DatesHint)}</p>
            <div class="table-wrap"><table class="table">
                <thead><tr><th>{t(Sp::Sku)}</th><th>{t(Sp::Item)}</th><th>{t(Sp::NewExpected)}</th></tr></thead>
                <tbody>{body}</tbody>
            </table></div>
            <p class="form-error" role="alert" data-testid="sp-dates-error">{general}</p>
            <p>
                <button class="btn" type="submit" data-testid="sp-dates-save" disabled=move || pending.get()>
                    {t(Sp::DatesSave)}
                </button>
            </p>
        </form>
    }
}

// shipments ----------------------------------------------------------------------------------

#[derive(Clone)]
struct ShipRow {
    item: LineItem,
    /// Ordered and not yet announced.
    left: i64,
    quantity: RwSignal<String>,
}

impl ShipRow {
    /// The row's units in the shipment as the request's line `j`, or the rule they break;
    /// `None` when blank or 0 (the line is not in it).
    fn line(&self, j: usize) -> Option<Result<ShipmentLine, PortalFault>> {
        let typed = self.quantity.get_untracked();
        if typed.trim().is_empty() || whole(&typed) == Some(0) {
            return None;
        }
        Some(match whole(&typed) {
            Some(quantity) => Ok(ShipmentLine {
                variant: self.item.variant,
                quantity,
            }),
            None => Err((
                PortalProblem::QuantityInvalid,
                format!("lines[{j}].quantity"),
            )),
        })
    }
}

/// An advance shipping notice: the units of each line in it (what is left to announce to
/// start with; 0 or blank leaves a line out), the carrier, the tracking number and the day
/// it should reach the warehouse.
#[component]
fn ShipForm(order: SupplierOrderView, current: RwSignal<SupplierOrderView>) -> impl IntoView {
    let step = step_form(current);
    let (locale, errors, pending) = (step.locale, step.errors, step.pending);
    let id = order.id;
    let start = today();
    let (first, last) = input_days(start);
    let rows: Vec<ShipRow> = order
        .lines
        .iter()
        .map(|l| {
            let left = (l.quantity - l.announced).max(0);
            ShipRow {
                item: LineItem::of(l),
                left,
                quantity: RwSignal::new(left.to_string()),
            }
        })
        .collect();
    if rows.iter().all(|r| r.left == 0) {
        return view! {
            <section class="panel sp-form" data-testid="sp-ship-form">
                <h2>{t(Sp::ShipTitle)}</h2>
                <p class="muted" data-testid="sp-ship-done">{t(Sp::AllAnnounced)}</p>
            </section>
        }
        .into_any();
    }
    // it arrives, to start with, on the earliest day expected of what is left (not before today)
    let arrival = order
        .lines
        .iter()
        .filter(|l| l.quantity > l.announced)
        .filter_map(|l| l.expected_at.or(l.promised_at))
        .min()
        .map_or(start, |d| d.max(start));
    let carrier = RwSignal::new(String::new());
    let tracking = RwSignal::new(String::new());
    let arrives = RwSignal::new(day_input(arrival));
    let rows = StoredValue::new(rows);
    let rows_sent = StoredValue::new(Vec::<usize>::new());
    let sent = SentRows::Picked(rows_sent);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if !step.begin(&ev) {
            return;
        }
        let picked = picked_lines(rows, rows_sent, errors, "nothing_shipped", |row, j| {
            row.line(j)
        });
        let Some(lines) = picked else {
            return;
        };
        let Some(arrives_at) = parse_day_input(&arrives.get_untracked()) else {
            refuse(
                errors,
                (PortalProblem::DateInvalid, "arrives_at".to_string()),
            );
            return;
        };
        let req = AnnounceShipment {
            lines,
            carrier: carrier.get_untracked().trim().to_string(),
            tracking: tracking.get_untracked().trim().to_string(),
            arrives_at,
        };
        // what is left to announce per item
        let open = rows.with_value(|r| {
            r.iter()
                .map(|row| (row.item.variant, row.left))
                .collect::<Vec<_>>()
        });
        if let Err(fault) = check_shipment(&open, &req, today()) {
            refuse(errors, fault);
            return;
        }
        step.send(
            Sp::ShippedToast,
            crate::api::portal::announce_shipment(id, &req),
        );
    };
    let body = row_views(rows, |i, row| {
        let q = row.quantity;
        let message = errors.for_line(sent, i, &["quantity", "variant"]);
        view! {
            <tr data-testid="sp-ship-line" data-variant=row.item.variant.0>
                {item_cells(&row.item)}
                <td class="num" data-testid="sp-ship-left">{row.left}</td>
                <LineCell message>
                    <input class="input input--small num" type="number" min="0" max=row.left inputmode="numeric"
                        disabled={row.left == 0}
                        id=format!("ship[{i}].quantity") aria-label=move || Sp::ShipQty.text(locale.get())
                        prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))
                        data-testid="sp-ship-qty"/>
                </LineCell>
            </tr>
        }
    });
    let general =
        errors.general_with_lines(sent, LINE_PARTS, &["carrier", "tracking", "arrives_at"]);
    view! {
        <form class="panel form sp-form" on:submit=submit novalidate data-testid="sp-ship-form">
            <h2>{t(Sp::ShipTitle)}</h2>
            <p class="field__hint">{t(Sp::ShipHint)}</p>
            <div class="table-wrap"><table class="table">
                <thead><tr>
                    <th>{t(Sp::Sku)}</th><th>{t(Sp::Item)}</th><th class="num">{t(Sp::Left)}</th><th>{t(Sp::ShipQty)}</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table></div>
            <div class="form--grid sp-ship-fields">
                <Field label=Signal::derive(t(Sp::Carrier)) name="carrier" errors>
                    <input class="input" id="carrier" name="carrier" maxlength="60" autocomplete="off" data-testid="sp-ship-carrier"
                        prop:value=move || carrier.get() on:input=move |ev| carrier.set(event_target_value(&ev))/>
                </Field>
                <Field label=Signal::derive(t(Sp::Tracking)) name="tracking" errors>
                    <input class="input mono" id="tracking" name="tracking" maxlength="60" autocomplete="off" spellcheck="false"
                        data-testid="sp-ship-tracking"
                        prop:value=move || tracking.get() on:input=move |ev| tracking.set(event_target_value(&ev))/>
                </Field>
                <Field label=Signal::derive(t(Sp::ArrivesAt)) name="arrives_at" errors>
                    <input class="input" type="date" id="arrives_at" name="arrives_at" min=first max=last data-testid="sp-ship-arrives"
                        prop:value=move || arrives.get() on:input=move |ev| arrives.set(event_target_value(&ev))/>
                </Field>
            </div>
            <p class="form-error" role="alert" data-testid="sp-ship-error">{general}</p>
            <p>
                <button class="btn" type="submit" data-testid="sp-ship" disabled=move || pending.get()>
                    {t(Sp::ShipButton)}
                </button>
            </p>
        </form>
    }
    .into_any()
}
