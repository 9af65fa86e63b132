//! Transfers (调拨): the list with a form for a new one (SKUs and quantities from one
//! warehouse to another), and one transfer with the step its status allows — ship it (out of
//! the first warehouse, in transit), receive it (what arrived, line by line), or cancel it.

use super::text::{self, I};
use crate::kit::list::{use_list_url, Empty, Pagination};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_go, use_page};
use crate::orders::detail::Timeline;
use crate::session::use_session;
use leptos::prelude::*;
use shared::fulfilment::WarehouseView;
use shared::ids::WarehouseId;
use shared::list::Paged;
use shared::staff::{Page, Permission};
use shared::stock::TransferStatus;
use shared::stock_views::{
    NewTransfer, ReceiveTransfer, ReceivedLine, StockQuery, TransferLineRequest, TransferView,
};
use ui::i18n::{t, use_locale, Translate};

fn status_tag(s: TransferStatus) -> &'static str {
    match s {
        TransferStatus::Requested => "pending_payment",
        TransferStatus::Shipped => "shipped",
        TransferStatus::Received => "completed",
        TransferStatus::Cancelled => "cancelled",
    }
}

#[component]
pub fn TransfersPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| super::crumbs(l, Page::Transfers, None));
    let url = use_list_url();
    let data = LocalResource::new(move || {
        let page = url.number("page");
        async move {
            let warehouses = crate::api::warehouses().await?;
            let list = crate::api::transfers(page).await?;
            Ok((warehouses, list))
        }
    });
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::Transfers)}</h1>
        </header>
        {loaded(data, None, move |(warehouses, list): (Vec<WarehouseView>, Paged<TransferView>)| {
            view! {
                <NewTransferForm warehouses/>
                <TransferTable list url/>
            }
        })}
    }
}

#[component]
fn TransferTable(list: Paged<TransferView>, url: crate::kit::list::ListUrl) -> impl IntoView {
    let locale = use_locale();
    if list.items.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let (total, number, size) = (list.total, list.page, list.page_size);
    let rows = list
        .items
        .into_iter()
        .map(|tr| {
            let (st, at) = (tr.status, tr.created_at);
            view! {
                <tr data-testid="transfer-row">
                    <td><a class="strong" href=format!("/admin/inventory/transfers/{}", tr.id)>{format!("#{}", tr.id)}</a></td>
                    <td class="mono">{tr.from_code.clone()} " → " {tr.to_code.clone()}</td>
                    <td><span class=format!("tag tag--{}", status_tag(st))>{move || text::transfer_status(locale.get(), st)}</span></td>
                    <td class="num">{tr.units}</td>
                    <td>{tr.note.clone()}</td>
                    <td class="nowrap">{move || ui::format::date_time(locale.get(), at)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table">
            <thead><tr><th>{t(I::Transfer)}</th><th>{t(I::From)} " → " {t(I::To)}</th><th>{t(I::Status)}</th>
                <th class="num">{t(I::Units)}</th><th>{t(I::Note)}</th><th>{t(I::Created)}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
        <Pagination url total page=number page_size=size/>
    }
    .into_any()
}

/// SKUs and quantities from one warehouse to another.
#[component]
fn NewTransferForm(warehouses: Vec<WarehouseView>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let go = use_go();
    if !use_session().can(Permission::ManageStock) || warehouses.len() < 2 {
        return ().into_any();
    }
    let from = RwSignal::new(warehouses[0].id.0.to_string());
    let to = RwSignal::new(warehouses[1].id.0.to_string());
    let lines = RwSignal::new(vec![(
        RwSignal::new(String::new()),
        RwSignal::new(String::from("1")),
    )]);
    let note = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let choices = move |selected: RwSignal<String>| {
        warehouses
            .iter()
            .map(|w| {
                let (id, code, name) = (w.id.0.to_string(), w.code.clone(), w.name.clone());
                let value = id.clone();
                view! { <option value=id selected=move || selected.get_untracked() == value>{move || format!("{code} {}", name.get(locale.get()))}</option> }
            })
            .collect_view()
    };
    let (from_choices, to_choices) = (choices(from), choices(to));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = locale.get_untracked();
        let (Ok(f), Ok(d)) = (
            from.get_untracked().parse::<i64>(),
            to.get_untracked().parse::<i64>(),
        ) else {
            return;
        };
        let typed: Vec<(String, String)> = lines
            .get_untracked()
            .iter()
            .map(|(s, q)| (s.get_untracked(), q.get_untracked()))
            .collect();
        let note = note.get_untracked();
        let go = go.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            // each SKU as the sending warehouse keeps it
            let mut wanted = Vec::new();
            for (sku, quantity) in typed.into_iter().filter(|(s, _)| !s.trim().is_empty()) {
                let Ok(quantity) = quantity.trim().parse::<i64>() else {
                    toasts.warn(I::NumberNeeded.text(l));
                    busy.set(false);
                    return;
                };
                let q = StockQuery {
                    warehouse: Some(WarehouseId(f)),
                    q: Some(sku.trim().to_string()),
                    page_size: Some(10),
                    ..Default::default()
                };
                let found = crate::api::stock(&q).await.ok().and_then(|p| {
                    p.items
                        .into_iter()
                        .find(|r| r.sku.eq_ignore_ascii_case(sku.trim()))
                });
                let Some(row) = found else {
                    toasts.warn(format!(
                        "{}: {}",
                        sku.trim(),
                        crate::text::error(
                            l,
                            &shared::ApiError::new(shared::ErrorCode::BadRequest, "")
                                .with_problem("variant")
                        )
                    ));
                    busy.set(false);
                    return;
                };
                wanted.push(TransferLineRequest {
                    variant: row.variant,
                    quantity,
                });
            }
            let req = NewTransfer {
                from: WarehouseId(f),
                to: WarehouseId(d),
                lines: wanted,
                note,
            };
            match crate::api::create_transfer(&req).await {
                Ok(tr) => {
                    toasts.say(I::Requested.text(l));
                    go(&format!("/admin/inventory/transfers/{}", tr.id), false);
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
            busy.set(false);
        });
    };
    let line_inputs = move || {
        lines
            .get()
            .into_iter()
            .enumerate()
            .map(|(n, (sku, quantity))| {
                view! {
                    <div class="row transfer-line">
                        <input class="input input--code" placeholder="SKU" aria-label=move || I::Sku.text(locale.get())
                            prop:value=move || sku.get() on:input=move |ev| sku.set(event_target_value(&ev)) data-testid=format!("transfer-sku-{n}")/>
                        <input class="input input--small" inputmode="numeric" aria-label=move || I::Quantity.text(locale.get())
                            prop:value=move || quantity.get() on:input=move |ev| quantity.set(event_target_value(&ev)) data-testid=format!("transfer-quantity-{n}")/>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <details class="panel" data-testid="new-transfer">
            <summary class="strong">{t(I::NewTransfer)}</summary>
            <form class="form" on:submit=submit>
                <div class="form--inline">
                    <div class="field"><label class="field__label" for="from">{t(I::From)}</label>
                        <select id="from" class="input" on:change=move |ev| from.set(event_target_value(&ev)) data-testid="transfer-from">{from_choices}</select></div>
                    <div class="field"><label class="field__label" for="to">{t(I::To)}</label>
                        <select id="to" class="input" on:change=move |ev| to.set(event_target_value(&ev)) data-testid="transfer-to">{to_choices}</select></div>
                </div>
                {line_inputs}
                <p><button type="button" class="btn btn--ghost btn--small"
                    on:click=move |_| lines.update(|l| l.push((RwSignal::new(String::new()), RwSignal::new(String::from("1")))))>{t(I::AddLine)}</button></p>
                <div class="field"><label class="field__label" for="transfer-note">{t(I::Note)}</label>
                    <input id="transfer-note" class="input" maxlength="500" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/></div>
                <button class="btn" type="submit" disabled=move || busy.get() data-testid="transfer-request">{t(I::Request)}</button>
            </form>
        </details>
    }
    .into_any()
}

#[component]
pub fn TransferPage() -> impl IntoView {
    let id = crate::kit::use_id_param("id");
    let refresh = RwSignal::new(0_u32);
    let tr = LocalResource::new(move || {
        refresh.track();
        crate::api::transfer(id())
    });
    use_page(move |l| super::crumbs(l, Page::Transfers, Some(format!("#{}", id()))));
    view! {
        {loaded(tr, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |tr: TransferView| view! { <Transfer tr refresh/> })}
    }
}

#[component]
fn Transfer(tr: TransferView, refresh: RwSignal<u32>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let can = use_session().can(Permission::ManageStock);
    let (id, status) = (tr.id, tr.status);
    let received: Vec<(shared::ids::VariantId, RwSignal<String>)> = tr
        .lines
        .iter()
        .map(|l| (l.variant, RwSignal::new(l.quantity.to_string())))
        .collect();
    let step = move |name: &'static str, body: Option<ReceiveTransfer>| {
        leptos::task::spawn_local(async move {
            let l = locale.get_untracked();
            match crate::api::transfer_step(id, name, body).await {
                Ok(_) => {
                    toasts.say(I::Saved.text(l));
                    refresh.update(|n| *n += 1);
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
        });
    };
    let inputs = received.clone();
    let receive = move |_| {
        let mut lines = Vec::new();
        for (variant, typed) in &inputs {
            match typed.get_untracked().trim().parse::<i64>() {
                Ok(n) => lines.push(ReceivedLine {
                    variant: *variant,
                    received: n,
                }),
                Err(_) => {
                    toasts.warn(I::NumberNeeded.text(locale.get_untracked()));
                    return;
                }
            }
        }
        step("receive", Some(ReceiveTransfer { lines }));
    };
    let rows = tr
        .lines
        .iter()
        .zip(received)
        .map(|(l, (_, typed))| {
            let name = l.name.clone();
            view! {
                <tr>
                    <td class="mono">{l.sku.clone()}</td>
                    <td>{move || name.get(locale.get()).to_string()}</td>
                    <td class="num">{l.quantity}</td>
                    <td class="num">{if status == TransferStatus::Shipped && can {
                        view! { <input class="input input--small" inputmode="numeric" prop:value=move || typed.get()
                            on:input=move |ev| typed.set(event_target_value(&ev)) data-testid="transfer-received"/> }.into_any()
                    } else {
                        view! { <span>{l.received.map(|r| r.to_string()).unwrap_or_else(|| "—".into())}</span> }.into_any()
                    }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <header class="page-head page-head--row">
            <div>
                <h1>{t(I::Transfer)} " #" {id}</h1>
                <p><span class="mono">{tr.from_code.clone()} " → " {tr.to_code.clone()}</span> " "
                    <span class=format!("tag tag--{}", status_tag(status)) data-testid="transfer-status">{move || text::transfer_status(locale.get(), status)}</span>
                    " " {tr.note.clone()}</p>
            </div>
            {can.then(|| view! {
                <div class="row">
                    {(status == TransferStatus::Requested).then(|| view! {
                        <button type="button" class="btn" data-testid="transfer-ship" on:click=move |_| step("ship", None)>{t(I::Ship)}</button>
                        <button type="button" class="btn btn--bad btn--small" on:click=move |_| step("cancel", None)>{t(I::Cancel)}</button>
                    })}
                    {(status == TransferStatus::Shipped).then(|| view! {
                        <button type="button" class="btn" data-testid="transfer-receive" on:click=receive.clone()>{t(I::Receive)}</button>
                    })}
                </div>
            })}
        </header>
        <div class="order-grid">
            <section class="panel order-grid__wide">
                <div class="table-wrap"><table class="table">
                    <thead><tr><th>{t(I::Sku)}</th><th>{t(I::Item)}</th><th class="num">{t(I::Quantity)}</th><th class="num">{t(I::Received)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
            </section>
            <section class="panel">
                <h2>{t(I::History)}</h2>
                <Timeline events=tr.events.clone()/>
            </section>
        </div>
    }
}
