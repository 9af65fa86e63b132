//! 采购订单: the purchase orders by status (with what is late and what waits for finance),
//! the approval threshold for those who set it, a form for a new draft (a supplier, the
//! warehouse the goods go to, quantities of what the supplier sells), and one purchase
//! order: its supplier, lines and history, its draft's quantities changeable inline, and
//! the steps its status and the staff member's permissions allow — approve, send to the
//! supplier, cancel with a reason — and its printed copy. An order that is confirmed (or
//! partly received) takes delivery here (`receipts::ReceivePanel`), and lists its receipts.

use super::receipts::{OrderReceipts, ReceivePanel};
use super::text::{self, Pc};
use super::{
    first_warehouse, parse_price, price_input, refuse, whole, Shipments, StatusTag, WarehouseSelect,
};
use crate::kit::form::{warn_before_leaving, Field, FormError, FormErrors};
use crate::kit::list::{options, use_list_url, Empty, FilterSelect};
use crate::kit::steps::StepRunner;
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_go, use_id_param, use_page};
use crate::orders::detail::Timeline;
use crate::session::use_session;
use leptos::prelude::*;
use shared::fulfilment::WarehouseView;
use shared::ids::{VariantId, WarehouseId};
use shared::money::{Currency, Money};
use shared::procurement::orders::PurchaseOrderStatus;
use shared::procurement::purchasing::{
    check_draft, number, ProcurementSettings, PurchaseLineDraft, PurchaseLineView,
    PurchaseOrderDraft, PurchaseOrderSummary, PurchaseOrderView, PurchaseParty,
};
use shared::procurement::suppliers::{OfferView, SupplierSummary, SupplierView};
use shared::staff::{Page, Permission};
use ui::i18n::{t, use_locale, Translate};

pub(super) fn order_href(id: i64) -> String {
    format!("/admin/procurement/orders/{id}")
}

fn supplier_href(id: i64) -> String {
    format!("/admin/procurement/suppliers/{id}")
}

/// A day, or a dash for none.
fn day(locale: shared::Locale, at: Option<i64>) -> String {
    at.map_or_else(|| "—".to_string(), |a| ui::format::date(locale, a))
}

/// `unit × quantity typed`, formatted; a dash while the quantity is not a number.
fn amount(unit: Money, typed: &str) -> String {
    whole(typed)
        .and_then(|q| unit.checked_mul(q).ok())
        .map_or_else(|| "—".to_string(), ui::format::money)
}

// the list ------------------------------------------------------------------------------

/// The lines as typed (item, SKU, quantity): the SKUs of those sent are kept in `sent`
/// (a refusal of `lines[i]` names its SKU); the first quantity that is no whole number is
/// refused at its field, and nothing is sent.
fn typed_lines(
    rows: Vec<(VariantId, String, String)>,
    errors: FormErrors,
    sent: StoredValue<Vec<String>>,
) -> Option<Vec<PurchaseLineDraft>> {
    sent.set_value(rows.iter().map(|(_, sku, _)| sku.clone()).collect());
    let mut lines = Vec::with_capacity(rows.len());
    for (i, (variant, _, q)) in rows.into_iter().enumerate() {
        let Some(quantity) = whole(&q) else {
            errors.set(crate::api::local_error(
                "quantity_invalid",
                &format!("lines[{i}].quantity"),
            ));
            return None;
        };
        lines.push(PurchaseLineDraft { variant, quantity });
    }
    Some(lines)
}

#[component]
pub fn PurchaseOrdersPage() -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    use_page(|l| super::crumbs(l, Page::PurchaseOrders, None));
    let url = use_list_url();
    let refresh = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        refresh.track();
        crate::api::purchase_orders(url.parse("status"))
    });
    let statuses = options(
        PurchaseOrderStatus::ALL,
        PurchaseOrderStatus::as_str,
        text::status,
    );
    let can_write = Memo::new(move |_| session.can(Permission::ManagePurchaseOrders));
    let can_set = Memo::new(move |_| session.can(Permission::ManageProcurementSettings));
    view! {
        <header class="page-head page-head--row">
            <h1>{move || crate::text::page(locale.get(), Page::PurchaseOrders)}</h1>
            <div class="row">
                <a class="btn btn--ghost" href="/admin/procurement/receipts" data-testid="receipts-link">
                    {move || crate::text::page(locale.get(), Page::Receipts)}
                </a>
                <Show when=move || can_write.get()>
                    <a class="btn" href="/admin/procurement/orders/new" data-testid="po-new">{t(Pc::NewOrder)}</a>
                </Show>
            </div>
        </header>
        <div class="toolbar">
            <FilterSelect url key="status" label=Signal::derive(t(Pc::Status)) options=statuses/>
        </div>
        {loaded(list, Some(Callback::new(move |()| refresh.update(|n| *n += 1))),
            move |orders: Vec<PurchaseOrderSummary>| view! { <OrderTable orders/> })}
        <Show when=move || can_set.get()>
            <Threshold/>
        </Show>
    }
}

#[component]
fn OrderTable(orders: Vec<PurchaseOrderSummary>) -> impl IntoView {
    let locale = use_locale();
    if orders.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let rows = orders
        .into_iter()
        .map(|o| {
            let (created, expected) = (o.created_at, o.expected_at);
            view! {
                <tr data-testid="po-row" data-id=o.id data-status=o.status.as_str()>
                    <td><a class="strong mono" href=order_href(o.id) data-testid="po-link">{o.number.clone()}</a></td>
                    <td><a href=supplier_href(o.supplier)>{o.supplier_name.clone()}</a></td>
                    <td>{super::localized(o.warehouse_name.clone())}</td>
                    <td class="nowrap">
                        <StatusTag status=o.status testid="po-row-status"/>
                        {o.awaiting_approval.then(|| view! {
                            " " <span class="tag tag--awaiting" data-testid="po-awaiting-approval">{t(Pc::AwaitingApproval)}</span>
                        })}
                    </td>
                    <td class="num">{o.lines}</td>
                    <td class="num" data-testid="po-row-total">{ui::format::money(o.total)}</td>
                    <td class="nowrap">{move || ui::format::date(locale.get(), created)}</td>
                    <td class="nowrap">
                        {move || day(locale.get(), expected)}
                        {o.late.then(|| view! { " " <span class="tag tag--late" data-testid="po-late">{t(Pc::Late)}</span> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table" data-testid="po-table">
            <thead><tr>
                <th>{t(Pc::Number)}</th><th>{t(Pc::Supplier)}</th><th>{t(Pc::Warehouse)}</th><th>{t(Pc::Status)}</th>
                <th class="num">{t(Pc::LineCount)}</th><th class="num">{t(Pc::Total)}</th>
                <th>{t(Pc::Created)}</th><th>{t(Pc::Expected)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
    .into_any()
}

/// The amount above which purchase orders wait for finance's approval.
#[component]
fn Threshold() -> impl IntoView {
    let settings = LocalResource::new(crate::api::procurement_settings);
    loaded(
        settings,
        None,
        |current: ProcurementSettings| view! { <ThresholdForm current/> },
    )
}

#[component]
fn ThresholdForm(current: ProcurementSettings) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let errors = FormErrors::saying(text::error);
    let pending = RwSignal::new(false);
    // the shop's own currency
    let typed = RwSignal::new(price_input(current.approval_threshold, Currency::CNY));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        errors.clear();
        let Some(approval_threshold) = parse_price(&typed.get_untracked(), Currency::CNY) else {
            errors.set(crate::api::local_error(
                "threshold_invalid",
                "approval_threshold",
            ));
            return;
        };
        pending.set(true);
        leptos::task::spawn_local(async move {
            let done =
                crate::api::set_procurement_settings(ProcurementSettings { approval_threshold })
                    .await;
            pending.set(false);
            match done {
                Ok(saved) => {
                    typed.set(price_input(saved.approval_threshold, Currency::CNY));
                    toasts.say(Pc::ThresholdSaved.text(locale.get_untracked()));
                }
                Err(e) => errors.set(e),
            }
        });
    };
    view! {
        <section class="panel" data-testid="po-threshold">
            <h2>{t(Pc::ApprovalThreshold)}</h2>
            <form class="form form--inline" on:submit=submit novalidate>
                <Field label=Signal::derive(t(Pc::ThresholdLabel)) name="approval_threshold" errors
                    hint=Signal::derive(t(Pc::ThresholdHint))>
                    <input class="input" id="approval_threshold" name="approval_threshold" inputmode="decimal" autocomplete="off"
                        prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))
                        data-testid="threshold-input"/>
                </Field>
                <button class="btn" type="submit" data-testid="threshold-save" disabled=move || pending.get()>
                    {t(crate::text::T::Save)}
                </button>
            </form>
            <FormError errors fields=&["approval_threshold"]/>
        </section>
    }
}

/// `2` of `lines[2].quantity`.
fn line_index(field: &str) -> Option<usize> {
    field
        .strip_prefix("lines[")?
        .split_once(']')?
        .0
        .parse()
        .ok()
}

/// A refusal of a draft; one of a line (`lines[i].…`) names the line's SKU (`skus`: those
/// of the lines as sent).
#[component]
fn LinesError(errors: FormErrors, skus: StoredValue<Vec<String>>) -> impl IntoView {
    let locale = use_locale();
    let message = move || {
        errors.0.with(|e| {
            e.as_ref().map(|e| {
                let said = errors.words(locale.get(), e);
                let sku = e
                    .field
                    .as_deref()
                    .and_then(line_index)
                    .and_then(|i| skus.with_value(|s| s.get(i).cloned()));
                match sku {
                    Some(sku) => format!("{sku}: {said}"),
                    None => said,
                }
            })
        })
    };
    view! { <p class="form-error" role="alert" data-testid="form-error">{message}</p> }
}

/// The note of a draft (the supplier reads it on the printed order).
#[component]
fn NoteInput(note: RwSignal<String>, dirty: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field__label" for="note">{t(Pc::Note)}</label>
            <textarea class="input" id="note" name="note" rows="2" maxlength="500"
                prop:value=move || note.get() data-testid="po-note"
                on:input=move |ev| { note.set(event_target_value(&ev)); dirty.set(true); }></textarea>
            <p class="field__hint">{t(Pc::NoteHint)}</p>
        </div>
    }
}

// a new draft ------------------------------------------------------------------------------

#[component]
pub fn NewPurchaseOrderPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| {
        super::crumbs(
            l,
            Page::PurchaseOrders,
            Some(Pc::NewOrder.text(l).to_string()),
        )
    });
    // `?supplier=3` (from a supplier's page) chooses the supplier
    let preselect = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("supplier")
        .and_then(|s| whole(&s));
    let data = LocalResource::new(|| async {
        let warehouses = crate::api::warehouses().await?;
        let suppliers = crate::api::suppliers().await?;
        Ok((warehouses, suppliers))
    });
    view! {
        <header class="page-head">
            <h1>{move || Pc::NewOrder.text(locale.get())}</h1>
            <p class="muted">{t(Pc::NewOrderIntro)}</p>
        </header>
        {loaded(data, None, move |(warehouses, suppliers): (Vec<WarehouseView>, Vec<SupplierSummary>)| {
            view! { <NewOrder warehouses suppliers preselect/> }
        })}
    }
}

/// The supplier and the warehouse; the supplier's list is loaded when they are chosen.
#[component]
fn NewOrder(
    warehouses: Vec<WarehouseView>,
    suppliers: Vec<SupplierSummary>,
    preselect: Option<i64>,
) -> impl IntoView {
    let locale = use_locale();
    let active: Vec<SupplierSummary> = suppliers.into_iter().filter(|s| s.active).collect();
    let Some(fallback) = active.first().map(|s| s.id) else {
        return view! {
            <p class="state state--empty" data-testid="po-no-suppliers">
                {t(Pc::NoActiveSuppliers)} " "
                <a href="/admin/procurement/suppliers">{move || crate::text::page(locale.get(), Page::Suppliers)}</a>
            </p>
        }
        .into_any();
    };
    let first = preselect
        .filter(|id| active.iter().any(|s| s.id == *id))
        .unwrap_or(fallback);
    let supplier = RwSignal::new(first.to_string());
    let warehouse = RwSignal::new(first_warehouse(&warehouses));
    let warehouses = StoredValue::new(warehouses);
    let dirty = RwSignal::new(false);
    warn_before_leaving(dirty);
    let list =
        LocalResource::new(move || crate::api::supplier(whole(&supplier.get()).unwrap_or(0)));
    let choices = active
        .into_iter()
        .map(|s| {
            let value = s.id.to_string();
            let is = value.clone();
            view! {
                <option value=value selected=move || supplier.get_untracked() == is>
                    {format!("{} {}", s.code, s.name)}
                </option>
            }
        })
        .collect_view();
    view! {
        <section class="panel">
            <div class="form form--grid">
                <div class="field">
                    <label class="field__label" for="supplier">{t(Pc::Supplier)}</label>
                    <select class="input" id="supplier" name="supplier" data-testid="po-supplier"
                        on:change=move |ev| { supplier.set(event_target_value(&ev)); dirty.set(false); }>
                        {choices}
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for="warehouse">{t(Pc::DeliverTo)}</label>
                    <WarehouseSelect warehouses chosen=warehouse field="warehouse" testid="po-warehouse" dirty/>
                </div>
            </div>
        </section>
        {loaded(list, None, move |s: SupplierView| view! { <NewLines supplier=s warehouse dirty/> })}
    }
    .into_any()
}

/// What the supplier sells, each with a quantity to order (blank: not on this order), the
/// note, and the button that writes the draft and opens it.
#[component]
fn NewLines(
    supplier: SupplierView,
    warehouse: RwSignal<String>,
    dirty: RwSignal<bool>,
) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let go = StoredValue::new_local(use_go());
    let id = supplier.id;
    if supplier.offers.is_empty() {
        return view! {
            <p class="state state--empty" data-testid="po-no-offers">
                {t(Pc::SupplierSellsNothing)} " "
                <a href=supplier_href(id)>{t(Pc::EditList)}</a>
            </p>
        }
        .into_any();
    }
    let usual = supplier.supplier.lead_time_days;
    let errors = FormErrors::saying(text::error);
    let pending = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let sent = StoredValue::new(Vec::<String>::new());
    let rows: Vec<(OfferView, RwSignal<String>)> = supplier
        .offers
        .into_iter()
        .map(|o| (o, RwSignal::new(String::new())))
        .collect();
    let typed = StoredValue::new(
        rows.iter()
            .map(|(o, q)| (o.variant, o.sku.clone(), o.unit_cost, *q))
            .collect::<Vec<_>>(),
    );
    let currency = rows
        .first()
        .map_or(Currency::CNY, |(o, _)| o.unit_cost.currency);
    let total = move || {
        typed.with_value(|rows| {
            let amounts = rows.iter().filter_map(|(_, _, unit, q)| {
                whole(&q.get()).and_then(|n| unit.checked_mul(n).ok())
            });
            Money::sum(currency, amounts)
                .map(ui::format::money)
                .unwrap_or_default()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        errors.clear();
        let typed_rows = typed.with_value(|rows| {
            rows.iter()
                .map(|(variant, sku, _, q)| (*variant, sku.clone(), q.get_untracked()))
                .filter(|(_, _, q)| !q.trim().is_empty())
                .collect()
        });
        let Some(lines) = typed_lines(typed_rows, errors, sent) else {
            return;
        };
        let Ok(w) = warehouse.get_untracked().parse::<i64>() else {
            errors.set(crate::api::local_error("warehouse", "warehouse"));
            return;
        };
        let draft = PurchaseOrderDraft {
            supplier: id,
            warehouse: WarehouseId(w),
            lines,
            note: note.get_untracked(),
        };
        let draft = match check_draft(&draft) {
            Ok(d) => d,
            Err(fault) => {
                refuse(errors, fault);
                return;
            }
        };
        pending.set(true);
        leptos::task::spawn_local(async move {
            let done = crate::api::save_purchase_order(None, &draft).await;
            pending.set(false);
            match done {
                Ok(po) => {
                    dirty.set(false);
                    toasts.say(Pc::OrderCreated.text(locale.get_untracked()));
                    go.with_value(|go| go(&order_href(po.id), false));
                }
                Err(e) => errors.set(e),
            }
        });
    };
    let body = rows
        .into_iter()
        .map(|(o, q)| {
            let (unit, lead) = (o.unit_cost, o.lead_time_days.unwrap_or(usual));
            view! {
                <tr data-testid="po-offer-row" data-variant=o.variant.0>
                    <td class="mono">{o.sku.clone()}</td>
                    <td>{super::localized(o.name.clone())}</td>
                    <td class="num">{ui::format::money(unit)}</td>
                    <td class="num">{o.min_order}</td>
                    <td class="num">{o.pack}</td>
                    <td class="num">{move || text::days(locale.get(), lead)}</td>
                    <td class="num">
                        <input class="input input--small num" type="number" min="0" inputmode="numeric"
                            aria-label=move || Pc::Quantity.text(locale.get())
                            prop:value=move || q.get() data-testid="po-offer-qty"
                            on:input=move |ev| { q.set(event_target_value(&ev)); dirty.set(true); }/>
                    </td>
                    <td class="num">{move || amount(unit, &q.get())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <form class="panel form po-new" on:submit=submit novalidate data-testid="po-form">
            <h2>{t(Pc::Lines)}</h2>
            <p class="field__hint">{t(Pc::NewLinesHint)}</p>
            <div class="table-wrap"><table class="table">
                <thead><tr>
                    <th>{t(Pc::Sku)}</th><th>{t(Pc::Item)}</th><th class="num">{t(Pc::UnitPrice)}</th>
                    <th class="num">{t(Pc::MinOrder)}</th><th class="num">{t(Pc::Pack)}</th><th class="num">{t(Pc::LeadTime)}</th>
                    <th class="num">{t(Pc::Quantity)}</th><th class="num">{t(Pc::Amount)}</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table></div>
            <dl class="facts facts--totals">
                <dt>{t(Pc::Total)}</dt><dd class="num" data-testid="po-draft-total">{total}</dd>
            </dl>
            <NoteInput note dirty/>
            <LinesError errors skus=sent/>
            <p><button class="btn" type="submit" data-testid="po-create" disabled=move || pending.get()>{t(Pc::CreateDraft)}</button></p>
        </form>
    }
    .into_any()
}

// one purchase order ---------------------------------------------------------------------

#[component]
pub fn PurchaseOrderPage() -> impl IntoView {
    let id = use_id_param("id");
    let refresh = RwSignal::new(0_u32);
    let po = LocalResource::new(move || {
        refresh.track();
        crate::api::purchase_order(id())
    });
    use_page(move |l| super::crumbs(l, Page::PurchaseOrders, Some(number(id()))));
    view! {
        {loaded(po, Some(Callback::new(move |()| refresh.update(|n| *n += 1))),
            move |po: PurchaseOrderView| view! { <PurchaseOrder po refresh/> })}
    }
}

#[component]
fn PurchaseOrder(po: PurchaseOrderView, refresh: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let (id, status) = (po.id, po.status);
    let editable =
        status == PurchaseOrderStatus::Draft && session.can(Permission::ManagePurchaseOrders);
    // the supplier proposed other quantities: the draft is theirs to answer
    let proposal = status == PurchaseOrderStatus::Draft
        && po.lines.iter().any(|l| l.proposed_quantity.is_some());
    // goods arrive against a confirmed order, taken in by the warehouse
    let receivable = status.receivable() && session.can(Permission::ReceiveGoods);
    // what arrived so far (a first receipt makes the order partly received at least)
    let has_receipts = matches!(
        status,
        PurchaseOrderStatus::PartiallyReceived
            | PurchaseOrderStatus::Received
            | PurchaseOrderStatus::Closed
    );
    // approving or sending waits while the lines have unsaved changes
    let dirty = RwSignal::new(false);
    warn_before_leaving(dirty);
    let lines = if editable {
        view! { <DraftLines po=po.clone() dirty refresh/> }.into_any()
    } else {
        view! { <Lines lines=po.lines.clone()/> }.into_any()
    };
    view! {
        <header class="page-head page-head--row">
            <div>
                <h1 data-testid="po-number">{po.number.clone()}</h1>
                <p>
                    <StatusTag status testid="po-status"/> " "
                    <a href=supplier_href(po.supplier.id)>{po.supplier.name.clone()}</a>
                    " → " {super::localized(po.warehouse_name.clone())}
                </p>
            </div>
            <a class="btn btn--ghost" href=format!("{}/print", order_href(id)) data-testid="po-print">{t(Pc::Print)}</a>
        </header>
        {proposal.then(|| view! {
            <p class="banner banner--warn" data-testid="po-proposal-notice">{t(Pc::ProposalNotice)}</p>
        })}
        <Approval po=po.clone()/>
        <Actions po=po.clone() refresh dirty/>
        {receivable.then(|| view! { <ReceivePanel po=po.clone()/> })}
        <div class="order-grid">
            <section class="panel order-grid__wide" data-testid="po-lines">{lines}</section>
            <section class="panel">
                <h2>{t(Pc::Order)}</h2>
                <Facts po=po.clone()/>
            </section>
            <section class="panel">
                <h2>{t(Pc::Supplier)}</h2>
                <Party party=po.supplier.clone()/>
            </section>
            <section class="panel order-grid__wide" data-testid="po-shipments">
                <h2>{t(Pc::Shipments)}</h2>
                <Shipments shipments=po.shipments.clone() prefix="po"
                    empty=Signal::derive(t(Pc::NoShipments)) day=ui::format::date/>
            </section>
            {has_receipts.then(|| view! { <OrderReceipts order=id/> })}
            <section class="panel">
                <h2>{t(Pc::History)}</h2>
                <Timeline events=po.events.clone() names=text::status_code/>
            </section>
        </div>
    }
}

/// Whether finance approves it before it is sent, and whether they have.
#[component]
fn Approval(po: PurchaseOrderView) -> impl IntoView {
    let locale = use_locale();
    if !po.needs_approval {
        return ().into_any();
    }
    let threshold = ui::format::money(po.approval_threshold);
    match po.approved_by {
        Some(by) => {
            let at = po.approved_at;
            view! {
                <p class="banner banner--ok" data-testid="po-approval-notice">
                    {move || text::approved(locale.get(), &by, at.map(|a| ui::format::date_time(locale.get(), a)))}
                </p>
            }
            .into_any()
        }
        None if po.status == PurchaseOrderStatus::Draft => view! {
            <p class="banner banner--warn" data-testid="po-approval-notice">
                {move || text::needs_approval(locale.get(), &threshold)}
            </p>
        }
        .into_any(),
        None => ().into_any(),
    }
}

/// The steps the staff member may take now: approve (finance, when it is needed), send to
/// the supplier, cancel with a reason.
#[component]
fn Actions(po: PurchaseOrderView, refresh: RwSignal<u32>, dirty: RwSignal<bool>) -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let status = po.status;
    let draft = status == PurchaseOrderStatus::Draft;
    let writes = session.can(Permission::ManagePurchaseOrders);
    let approve = draft
        && po.needs_approval
        && po.approved_by.is_none()
        && session.can(Permission::ApprovePurchaseOrders);
    let send = draft && writes;
    let cancel = writes && status.can_transition(PurchaseOrderStatus::Cancelled);
    if !approve && !send && !cancel {
        return ().into_any();
    }
    let runner = StepRunner::new(po.id, refresh);
    let message = runner.message(text::error);
    let reason = RwSignal::new(String::new());
    let waits = move || runner.busy.get() || dirty.get();
    let step = move |name: &'static str, done: Pc| {
        runner.run(crate::api::purchase_order_step(runner.id, name), done);
    };
    view! {
        <section class="panel po-actions" data-testid="po-actions">
            {(approve || send).then(|| view! {
                <div class="row">
                    {approve.then(|| view! {
                        <button type="button" class="btn" data-testid="po-approve" disabled=waits
                            on:click=move |_| step("approve", Pc::Approved)>{t(Pc::Approve)}</button>
                    })}
                    {send.then(|| view! {
                        <button type="button" class="btn" data-testid="po-send" disabled=waits
                            on:click=move |_| step("send", Pc::Sent)>{t(Pc::SendToSupplier)}</button>
                    })}
                    <Show when=move || dirty.get()>
                        <span class="muted small">{t(Pc::SaveFirst)}</span>
                    </Show>
                </div>
            })}
            {cancel.then(|| view! {
                <div class="form form--inline po-cancel">
                    <div class="field">
                        <label class="field__label" for="po-cancel-reason">{t(Pc::CancelReason)}</label>
                        <input class="input" id="po-cancel-reason" maxlength="500" autocomplete="off"
                            placeholder=move || Pc::CancelReasonHint.text(locale.get())
                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))
                            data-testid="po-cancel-reason"/>
                    </div>
                    <button type="button" class="btn btn--bad" data-testid="po-cancel"
                        disabled=move || runner.busy.get() || reason.get().trim().is_empty()
                        on:click=move |_| {
                            let why = reason.get_untracked();
                            runner.run(crate::api::cancel_purchase_order(runner.id, why.trim()), Pc::Cancelled);
                        }>
                        {t(Pc::CancelOrder)}
                    </button>
                </div>
            })}
            <p class="form-error" role="alert" data-testid="form-error">{message}</p>
        </section>
    }
    .into_any()
}

/// The order's own facts.
#[component]
fn Facts(po: PurchaseOrderView) -> impl IntoView {
    let locale = use_locale();
    let (created, approved_at, sent_at) = (po.created_at, po.approved_at, po.sent_at);
    let approved_by = po.approved_by.clone().unwrap_or_else(|| "—".into());
    let note = po.note.clone();
    view! {
        <dl class="facts" data-testid="po-facts">
            <dt>{t(Pc::Number)}</dt><dd class="mono">{po.number.clone()}</dd>
            <dt>{t(Pc::DeliverTo)}</dt><dd data-testid="po-warehouse-name">{super::localized(po.warehouse_name.clone())}</dd>
            <dt>{t(Pc::Currency)}</dt><dd class="mono">{po.currency.code()}</dd>
            <dt>{t(Pc::Total)}</dt><dd class="num strong" data-testid="po-total">{ui::format::money(po.total)}</dd>
            <dt>{t(Pc::Created)}</dt><dd>{move || ui::format::date_time(locale.get(), created)}</dd>
            <dt>{t(Pc::WrittenBy)}</dt><dd data-testid="po-written-by">{po.written_by.clone()}</dd>
            <dt>{t(Pc::ApprovedBy)}</dt><dd data-testid="po-approved-by">{approved_by}</dd>
            <dt>{t(Pc::ApprovedAt)}</dt><dd>{move || approved_at.map_or_else(|| "—".to_string(), |a| ui::format::date_time(locale.get(), a))}</dd>
            <dt>{t(Pc::SentAt)}</dt><dd data-testid="po-sent-at">{move || sent_at.map_or_else(|| "—".to_string(), |a| ui::format::date_time(locale.get(), a))}</dd>
            {(!note.is_empty()).then(|| view! { <dt>{t(Pc::Note)}</dt><dd data-testid="po-note-text">{note}</dd> })}
        </dl>
    }
}

/// Who the order goes to.
#[component]
fn Party(party: PurchaseParty) -> impl IntoView {
    let locale = use_locale();
    let terms = party.payment_terms_days;
    view! {
        <dl class="facts" data-testid="po-party">
            <dt>{t(Pc::SupplierName)}</dt>
            <dd><a href=supplier_href(party.id)>{party.name}</a> " " <span class="mono muted">{party.code}</span></dd>
            <dt>{t(Pc::Contact)}</dt><dd>{party.contact_name}</dd>
            <dt>{t(Pc::Phone)}</dt><dd>{party.phone}</dd>
            <dt>{t(Pc::Email)}</dt><dd>{party.email}</dd>
            <dt>{t(Pc::Address)}</dt><dd>{party.address}</dd>
            <dt>{t(Pc::PaymentTerms)}</dt><dd>{move || text::terms(locale.get(), terms)}</dd>
        </dl>
    }
}

/// The lines as they stand (read only): ordered, promised, expected, received.
#[component]
fn Lines(lines: Vec<PurchaseLineView>) -> impl IntoView {
    let locale = use_locale();
    let rows = lines
        .into_iter()
        .map(|l| {
            let (promised, expected) = (l.promised_at, l.expected_at);
            view! {
                <tr data-testid="po-line" data-variant=l.variant.0>
                    <td class="mono">{l.sku}</td>
                    <td>{super::localized(l.name)}</td>
                    <td class="num">
                        <span data-testid="po-line-quantity">{l.quantity}</span>
                        <Proposed proposed=l.proposed_quantity/>
                    </td>
                    <td class="num">{ui::format::money(l.unit_cost)}</td>
                    <td class="num">{ui::format::money(l.amount)}</td>
                    <td class="nowrap">{move || day(locale.get(), promised)}</td>
                    <td class="nowrap">{move || day(locale.get(), expected)}</td>
                    <td class="num" data-testid="po-line-announced">{l.announced}</td>
                    <td class="num" data-testid="po-line-received">{l.received}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>{t(Pc::Lines)}</h2>
        <div class="table-wrap"><table class="table">
            <thead><tr>
                <th>{t(Pc::Sku)}</th><th>{t(Pc::Item)}</th><th class="num">{t(Pc::Quantity)}</th>
                <th class="num">{t(Pc::UnitPrice)}</th><th class="num">{t(Pc::Amount)}</th>
                <th>{t(Pc::Promised)}</th><th>{t(Pc::Expected)}</th>
                <th class="num">{t(Pc::Announced)}</th><th class="num">{t(Pc::Received)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
}

/// The other quantity the supplier proposed for a line, highlighted (nothing when none).
#[component]
fn Proposed(proposed: Option<i64>) -> impl IntoView {
    let locale = use_locale();
    proposed.map(|n| {
        view! {
            " " <span class="tag tag--proposed" data-testid="po-proposed" data-quantity=n>
                {move || text::supplier_proposes(locale.get(), n)}
            </span>
        }
    })
}

/// A draft's lines with their quantities changeable (or the line removed), and its note;
/// saving writes the draft again at the supplier's current prices.
#[component]
fn DraftLines(
    po: PurchaseOrderView,
    dirty: RwSignal<bool>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let errors = FormErrors::saying(text::error);
    let pending = RwSignal::new(false);
    let (id, supplier, warehouse, currency) = (po.id, po.supplier.id, po.warehouse, po.currency);
    let rows = RwSignal::new(
        po.lines
            .into_iter()
            .map(|l| {
                let q = RwSignal::new(l.quantity.to_string());
                (l, q)
            })
            .collect::<Vec<_>>(),
    );
    let note = RwSignal::new(po.note);
    let sent = StoredValue::new(Vec::<String>::new());
    let total = move || {
        rows.with(|r| {
            let amounts = r
                .iter()
                .filter_map(|(l, q)| whole(&q.get()).and_then(|n| l.unit_cost.checked_mul(n).ok()));
            Money::sum(currency, amounts)
                .map(ui::format::money)
                .unwrap_or_default()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        errors.clear();
        let typed_rows = rows.with_untracked(|r| {
            r.iter()
                .map(|(l, q)| (l.variant, l.sku.clone(), q.get_untracked()))
                .collect()
        });
        let Some(lines) = typed_lines(typed_rows, errors, sent) else {
            return;
        };
        let draft = PurchaseOrderDraft {
            supplier,
            warehouse,
            lines,
            note: note.get_untracked(),
        };
        let draft = match check_draft(&draft) {
            Ok(d) => d,
            Err(fault) => {
                refuse(errors, fault);
                return;
            }
        };
        pending.set(true);
        leptos::task::spawn_local(async move {
            let done = crate::api::save_purchase_order(Some(id), &draft).await;
            pending.set(false);
            match done {
                Ok(_) => {
                    dirty.set(false);
                    toasts.say(Pc::OrderSaved.text(locale.get_untracked()));
                    refresh.update(|n| *n += 1);
                }
                Err(e) => errors.set(e),
            }
        });
    };
    let body = move || {
        rows.get()
            .into_iter()
            .enumerate()
            .map(|(i, (l, q))| {
                let unit = l.unit_cost;
                let proposed = l.proposed_quantity;
                view! {
                    <tr data-testid="po-line" data-variant=l.variant.0>
                        <td class="mono">{l.sku.clone()}</td>
                        <td>{super::localized(l.name.clone())}</td>
                        <td class="num">
                            <input class="input input--small num" type="number" min="1" inputmode="numeric"
                                id=format!("lines[{i}].quantity") aria-label=move || Pc::Quantity.text(locale.get())
                                prop:value=move || q.get() data-testid="po-line-qty"
                                on:input=move |ev| { q.set(event_target_value(&ev)); dirty.set(true); }/>
                            <Proposed proposed/>
                            {proposed.map(|n| view! {
                                " " <button type="button" class="btn btn--ghost btn--small" data-testid="po-proposed-use"
                                    title=move || Pc::UseProposedLabel.text(locale.get())
                                    on:click=move |_| { q.set(n.to_string()); dirty.set(true); }>
                                    {t(Pc::UseProposed)}
                                </button>
                            })}
                        </td>
                        <td class="num">{ui::format::money(unit)}</td>
                        <td class="num">{move || amount(unit, &q.get())}</td>
                        <td class="num">
                            <button type="button" class="btn btn--ghost btn--small" data-testid="po-line-remove"
                                aria-label=move || Pc::RemoveLine.text(locale.get())
                                on:click=move |_| { rows.update(|r| { r.remove(i); }); dirty.set(true); }>"×"</button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <form class="form po-draft" on:submit=submit novalidate data-testid="po-draft-form">
            <h2>{t(Pc::Lines)}</h2>
            <div class="table-wrap"><table class="table">
                <thead><tr>
                    <th>{t(Pc::Sku)}</th><th>{t(Pc::Item)}</th><th class="num">{t(Pc::Quantity)}</th>
                    <th class="num">{t(Pc::UnitPrice)}</th><th class="num">{t(Pc::Amount)}</th>
                    <th class="num"><span class="sr-only">{t(crate::text::T::Actions)}</span></th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table></div>
            <dl class="facts facts--totals">
                <dt>{t(Pc::Total)}</dt><dd class="num" data-testid="po-draft-total">{total}</dd>
            </dl>
            <NoteInput note dirty/>
            <LinesError errors skus=sent/>
            <p><button class="btn" type="submit" data-testid="po-save" disabled=move || pending.get() || !dirty.get()>
                {t(Pc::SaveLines)}
            </button></p>
        </form>
    }
}
