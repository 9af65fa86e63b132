//! The steps of a return the staff member may take now, by its status (the rule in `shared`
//! the server checks too) and their permissions: approve or reject a request, or close a
//! return, with a note the customer reads (`handle_returns`); receive the goods into a
//! warehouse, then judge each unit — restock, scrap or back to the supplier
//! (`receive_returns`); refund its share, or part of it (`refund_orders`), or send an
//! exchange's replacement order (`handle_returns`). After a step the
//! return is loaded again; a refusal shows below the forms in the staff member's language.

use super::text::{self, R};
use crate::kit::loaded;
use crate::kit::steps::StepRunner;
use crate::session::use_session;
use leptos::prelude::*;
use shared::after_sales::returns::{
    check_inspection, InspectReturn, InspectedLine, Outcome, Resolution, ReturnLineView,
    ReturnStatus, ReturnView,
};
use shared::fulfilment::WarehouseView;
use shared::ids::WarehouseId;
use shared::money::Money;
use shared::staff::Permission;
use ui::i18n::{t, use_locale};

/// What a note the customer reads decides.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Decision {
    Approve,
    Reject,
    Close,
}

impl Decision {
    const ALL: [Decision; 3] = [Decision::Approve, Decision::Reject, Decision::Close];

    fn moves_to(self) -> ReturnStatus {
        match self {
            Decision::Approve => ReturnStatus::Approved,
            Decision::Reject => ReturnStatus::Rejected,
            Decision::Close => ReturnStatus::Closed,
        }
    }

    /// The API's step, also the button's `data-testid` (`return-approve` …).
    fn step(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Reject => "reject",
            Decision::Close => "close",
        }
    }

    fn label(self) -> R {
        match self {
            Decision::Approve => R::Approve,
            Decision::Reject => R::Reject,
            Decision::Close => R::Close,
        }
    }

    fn done(self) -> R {
        match self {
            Decision::Approve => R::Approved,
            Decision::Reject => R::Rejected,
            Decision::Close => R::Closed,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Decision::Approve => "btn",
            Decision::Reject => "btn btn--ghost",
            Decision::Close => "btn btn--bad",
        }
    }
}

/// The steps panel; nothing when the staff member can take no step now.
#[component]
pub fn Steps(ret: ReturnView, refresh: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let status = ret.status;
    let may = |p: Permission, to: ReturnStatus| session.can(p) && status.can_transition(to);
    let decisions: Vec<Decision> = Decision::ALL
        .into_iter()
        .filter(|d| may(Permission::HandleReturns, d.moves_to()))
        .collect();
    let receive = may(Permission::ReceiveReturns, ReturnStatus::Received);
    let inspect = may(Permission::ReceiveReturns, ReturnStatus::Inspected);
    let exchange = ret.resolution == Resolution::Exchange
        && may(Permission::HandleReturns, ReturnStatus::Exchanged);
    // an exchange is sent, not refunded — unless it cannot be, which a refund settles
    let refund = may(Permission::RefundOrders, ReturnStatus::Refunded);
    if decisions.is_empty() && !receive && !inspect && !refund && !exchange {
        return ().into_any();
    }
    let runner = StepRunner::new(ret.id, refresh);
    let message = runner.message(text::error);
    let share = ret.share;
    view! {
        <section class="panel return-steps" data-testid="return-steps">
            <h2>{t(R::Next)}</h2>
            {receive.then(|| view! { <Receive runner/> })}
            {inspect.then(|| view! { <Inspect runner lines=ret.lines.clone()/> })}
            {exchange.then(|| view! { <Exchange runner/> })}
            {refund.then(|| view! { <Refund runner share/> })}
            {(!decisions.is_empty()).then(|| view! { <Decide runner decisions/> })}
            <p class="form-error" role="alert" data-testid="form-error">{message}</p>
        </section>
    }
    .into_any()
}

/// The note, and a button for each decision it may carry.
#[component]
fn Decide(runner: StepRunner, decisions: Vec<Decision>) -> impl IntoView {
    let note = RwSignal::new(String::new());
    let blank = move || note.get().trim().is_empty();
    let buttons = decisions
        .into_iter()
        .map(|d| {
            let decide = move |_| {
                let typed = note.get_untracked();
                match d {
                    Decision::Close => runner.run(crate::api::close_return(runner.id, &typed), d.done()),
                    Decision::Approve | Decision::Reject => runner.run(
                        crate::api::decide_return(runner.id, d.step(), &typed),
                        d.done(),
                    ),
                }
            };
            view! {
                <button type="button" class=d.class() disabled=move || runner.busy.get() || blank()
                    data-testid=format!("return-{}", d.step()) on:click=decide>{t(d.label())}</button>
            }
        })
        .collect_view();
    view! {
        <div class="form" data-testid="decide-form">
            <div class="field">
                <label class="field__label" for="return-note">{t(R::Note)}</label>
                <textarea id="return-note" class="input" rows="3" maxlength="500" prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev)) data-testid="return-note"></textarea>
                <p class="field__hint">{t(R::NoteHint)}</p>
            </div>
            <div class="row">{buttons}</div>
        </div>
    }
}

/// Receiving: the warehouses to choose from, loaded first.
#[component]
fn Receive(runner: StepRunner) -> impl IntoView {
    let warehouses = LocalResource::new(crate::api::warehouses);
    loaded(warehouses, None, move |warehouses: Vec<WarehouseView>| {
        view! { <ReceiveForm runner warehouses/> }
    })
}

/// The warehouse the goods arrived at (the first one until another is chosen).
#[component]
fn ReceiveForm(runner: StepRunner, warehouses: Vec<WarehouseView>) -> impl IntoView {
    let locale = use_locale();
    let chosen = RwSignal::new(
        warehouses
            .first()
            .map(|w| w.id.0.to_string())
            .unwrap_or_default(),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match chosen.get_untracked().parse::<i64>() {
            Ok(w) => runner.run(
                crate::api::receive_return(runner.id, WarehouseId(w)),
                R::Received,
            ),
            Err(_) => runner.refuse("warehouse", "warehouse"),
        }
    };
    let options = warehouses
        .into_iter()
        .map(|w| {
            let (id, code, name) = (w.id.0.to_string(), w.code, w.name);
            view! { <option value=id>{move || format!("{code} {}", name.get(locale.get()))}</option> }
        })
        .collect_view();
    view! {
        <form class="form form--inline" on:submit=submit data-testid="receive-form">
            <div class="field">
                <label class="field__label" for="return-warehouse">{t(R::Warehouse)}</label>
                <select id="return-warehouse" class="input" prop:value=move || chosen.get()
                    on:change=move |ev| chosen.set(event_target_value(&ev)) data-testid="return-warehouse">{options}</select>
            </div>
            <button class="btn" type="submit" disabled=move || runner.busy.get() data-testid="return-receive">{t(R::Receive)}</button>
        </form>
    }
}

/// One line's units as typed: restocked, scrapped, to the supplier.
type Counts = [RwSignal<String>; 3];

/// A count as typed: empty is 0, anything but a whole number of 0 or more is refused.
fn count(typed: RwSignal<String>) -> Option<u32> {
    let typed = typed.get_untracked();
    match typed.trim() {
        "" => Some(0),
        n => n.parse().ok(),
    }
}

/// Inspection: for each line how many units go back on the shelf (all of them unless
/// changed), are scrapped, or go back to the supplier — checked as the server checks it.
#[component]
fn Inspect(runner: StepRunner, lines: Vec<ReturnLineView>) -> impl IntoView {
    let locale = use_locale();
    let typed: Vec<(u32, i64, Counts)> = lines
        .iter()
        .map(|l| {
            let counts = [l.quantity.to_string(), "0".into(), "0".into()].map(RwSignal::new);
            (l.line, l.quantity, counts)
        })
        .collect();
    let inputs = typed.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut judged = Vec::with_capacity(inputs.len());
        for (line, _, [restock, scrap, to_supplier]) in &inputs {
            let (Some(restock), Some(scrap), Some(to_supplier)) =
                (count(*restock), count(*scrap), count(*to_supplier))
            else {
                runner.refuse("quantity", "lines");
                return;
            };
            judged.push(InspectedLine {
                line: *line,
                restock,
                scrap,
                to_supplier,
            });
        }
        let req = InspectReturn { lines: judged };
        let units: Vec<(u32, i64)> = inputs
            .iter()
            .map(|(line, units, _)| (*line, *units))
            .collect();
        if let Err(p) = check_inspection(&req, &units) {
            runner.refuse(&crate::api::code(&p).unwrap_or_default(), p.field());
            return;
        }
        runner.run(crate::api::inspect_return(runner.id, &req), R::Inspected);
    };
    let outcome = move |o: Outcome| move || text::outcome(locale.get(), o);
    let input = move |value: RwSignal<String>, o: Outcome, quantity: i64, testid: &'static str| {
        view! {
            <input class="input input--small" type="number" min="0" max=quantity.to_string() inputmode="numeric"
                aria-label=outcome(o) prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) data-testid=testid/>
        }
    };
    let rows = lines
        .iter()
        .zip(typed)
        .map(|(l, (_, quantity, [restock, scrap, to_supplier]))| {
            let name = l.name.clone();
            view! {
                <tr data-testid="inspect-line">
                    <td class="mono">{l.sku.clone()}</td>
                    <td>{move || name.get(locale.get()).to_string()}</td>
                    <td class="num">{quantity}</td>
                    <td>{input(restock, Outcome::Restock, quantity, "inspect-restock")}</td>
                    <td>{input(scrap, Outcome::Scrap, quantity, "inspect-scrap")}</td>
                    <td>{input(to_supplier, Outcome::ToSupplier, quantity, "inspect-to-supplier")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <form class="form return-inspect" on:submit=submit data-testid="inspect-form">
            <p class="field__hint">{t(R::InspectHint)}</p>
            <div class="table-wrap"><table class="table">
                <thead><tr>
                    <th>{t(R::Sku)}</th><th>{t(R::Item)}</th><th class="num">{t(R::Quantity)}</th>
                    <th>{outcome(Outcome::Restock)}</th><th>{outcome(Outcome::Scrap)}</th><th>{outcome(Outcome::ToSupplier)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
            <p><button class="btn" type="submit" disabled=move || runner.busy.get() data-testid="return-inspect">{t(R::Inspect)}</button></p>
        </form>
    }
}

/// The exchange: the replacement order, made at one click.
#[component]
fn Exchange(runner: StepRunner) -> impl IntoView {
    let send = move |_| runner.run(crate::api::exchange_return(runner.id), R::ExchangeSent);
    view! {
        <div class="form form--inline" data-testid="exchange-form">
            <p class="field__hint">{t(R::ExchangeHint)}</p>
            <button class="btn btn--primary" type="button" on:click=send disabled=move || runner.busy.get() data-testid="return-exchange">{t(R::SendExchange)}</button>
        </div>
    }
}

/// The refund: an amount in yuan up to the share, or nothing for all of it.
#[component]
fn Refund(runner: StepRunner, share: Money) -> impl IntoView {
    let amount = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = amount.get_untracked();
        let minor = if typed.trim().is_empty() {
            None
        } else {
            match Money::parse_major(&typed, share.currency) {
                Ok(m) => Some(m.minor),
                Err(_) => {
                    runner.refuse("amount", "amount");
                    return;
                }
            }
        };
        runner.run(crate::api::refund_return(runner.id, minor), R::RefundSent);
    };
    view! {
        <form class="form form--inline" on:submit=submit data-testid="refund-form">
            <div class="field">
                <label class="field__label" for="refund-amount">{t(R::Amount)} " (≤ " {ui::format::money(share)} ")"</label>
                <input id="refund-amount" class="input input--small" inputmode="decimal" autocomplete="off"
                    prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev)) data-testid="refund-amount"/>
                <p class="field__hint">{t(R::AmountHint)}</p>
            </div>
            <button class="btn" type="submit" disabled=move || runner.busy.get() data-testid="return-refund">{t(R::Refund)}</button>
        </form>
    }
}
