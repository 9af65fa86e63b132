//! 订单履行: the overview (each warehouse with what waits to be picked, the orders waiting
//! to be allocated), batch pick lists, shipments from packing to delivery with their
//! printable label and packing slip, the own fleet's routes, and the fleet itself (zones
//! with their slots, vans with their drivers).

pub mod fleet;
pub mod pick_lists;
pub mod print;
pub mod routes;
pub mod shipments;
pub mod text;

use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_go, use_page, Crumb};
use crate::session::use_session;
use leptos::prelude::*;
use shared::fulfilment::WarehouseView;
use shared::list::Paged;
use shared::orders::{OrderListQuery, OrderRow};
use shared::staff::{Page, Permission};
use text::F;
use ui::i18n::{t, use_locale, Translate};

/// The breadcrumbs of a fulfilment page: the overview, then `page`, then `here`.
pub fn crumbs(l: shared::Locale, page: Option<Page>, here: Option<String>) -> Vec<Crumb> {
    let overview = crate::text::page(l, Page::Fulfilment);
    match (page, here) {
        (None, None) => vec![Crumb::here(overview)],
        (Some(p), None) => vec![
            Crumb::link(overview, "/admin/fulfilment"),
            Crumb::here(crate::text::page(l, p)),
        ],
        (page, Some(h)) => {
            let mut out = vec![Crumb::link(overview, "/admin/fulfilment")];
            if let Some(p) = page {
                out.push(Crumb::link(
                    crate::text::page(l, p),
                    format!("/admin{}", p.path()),
                ));
            }
            out.push(Crumb::here(h));
            out
        }
    }
}

fn waiting_orders() -> OrderListQuery {
    OrderListQuery {
        awaiting_allocation: Some(true),
        sort: Some(shared::orders::OrderSort::CreatedAt),
        dir: Some(shared::list::SortDir::Asc),
        page_size: Some(100),
        ..Default::default()
    }
}

#[component]
pub fn FulfilmentPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| crumbs(l, None, None));
    let refresh = RwSignal::new(0_u32);
    let data = LocalResource::new(move || {
        refresh.track();
        async move {
            let warehouses = crate::api::warehouses().await?;
            let waiting = crate::api::orders(&waiting_orders()).await?;
            Ok((warehouses, waiting))
        }
    });
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::Fulfilment)}</h1>
        </header>
        {loaded(data, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |(w, o)| {
            view! { <Overview warehouses=w waiting=o refresh/> }
        })}
    }
}

#[component]
fn Overview(
    warehouses: Vec<WarehouseView>,
    waiting: Paged<OrderRow>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let session = use_session();
    let go = use_go();
    let busy = RwSignal::new(false);
    let can_pick = session.can(Permission::PickAndPack);
    let can_allocate = session.can(Permission::AllocateOrders);
    let cards = warehouses
        .into_iter()
        .map(|w| {
            let (id, count) = (w.id, w.waiting);
            let name = w.name.clone();
            let go = go.clone();
            let create = move |_| {
                busy.set(true);
                let go = go.clone();
                leptos::task::spawn_local(async move {
                    match crate::api::create_pick_list(id).await {
                        Ok(list) => go(&format!("/admin/fulfilment/pick-lists/{}", list.row.id), false),
                        Err(e) => toasts.warn(crate::text::error(locale.get_untracked(), &e)),
                    }
                    busy.set(false);
                });
            };
            view! {
                <section class="panel warehouse-card" data-testid="warehouse-card">
                    <h2>{move || name.get(locale.get()).to_string()} " " <span class="muted mono">{w.code.clone()}</span></h2>
                    <p class="muted small">{w.address.clone()}</p>
                    <p class="kpi__value" data-testid="warehouse-waiting">{count}</p>
                    <p class="muted">{t(F::WaitingShipments)}</p>
                    {(can_pick && count > 0).then(|| view! {
                        <button type="button" class="btn" data-testid="create-pick-list" disabled=move || busy.get() on:click=create>
                            {t(F::CreatePickList)}
                        </button>
                    })}
                </section>
            }
        })
        .collect_view();
    let numbers: Vec<String> = waiting.items.iter().map(|o| o.number.to_string()).collect();
    let allocate_all = move |_| {
        let numbers = numbers.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let l = locale.get_untracked();
            let mut done = 0;
            for n in numbers {
                match crate::api::allocate(&n).await {
                    Ok(_) => done += 1,
                    Err(e) => toasts.warn(format!("{n}: {}", crate::text::error(l, &e))),
                }
            }
            toasts.say(format!("{} · {done}", F::Allocated.text(l)));
            busy.set(false);
            refresh.update(|n| *n += 1);
        });
    };
    let total = waiting.total;
    let rows = waiting
        .items
        .into_iter()
        .map(|o| {
            let number = o.number.to_string();
            let n = number.clone();
            let (created, method) = (o.created_at, o.payment_method);
            let allocate = move |_| {
                let n = n.clone();
                leptos::task::spawn_local(async move {
                    let l = locale.get_untracked();
                    match crate::api::allocate(&n).await {
                        Ok(_) => toasts.say(format!("{} · {n}", F::Allocated.text(l))),
                        Err(e) => toasts.warn(crate::text::error(l, &e)),
                    }
                    refresh.update(|x| *x += 1);
                });
            };
            view! {
                <tr data-testid="waiting-order">
                    <td><a class="mono" href=format!("/admin/orders/{number}")>{number.clone()}</a></td>
                    <td class="nowrap">{move || ui::format::date_time(locale.get(), created)}</td>
                    <td>{move || crate::orders::text::payment(locale.get(), method)}</td>
                    <td class="num">{ui::format::money(o.total)}</td>
                    <td class="num">{can_allocate.then(|| view! {
                        <button type="button" class="btn btn--small" data-testid="allocate" on:click=allocate>{t(F::Allocate)}</button>
                    })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="cards">{cards}</div>
        <section class="panel">
            <div class="panel-head">
                <h2>{t(F::AwaitingAllocation)} " " <span class="muted" data-testid="awaiting-allocation">{total}</span></h2>
                {(can_allocate && total > 0).then(|| view! {
                    <button type="button" class="btn btn--small" data-testid="allocate-all" disabled=move || busy.get() on:click=allocate_all>{t(F::AllocateAll)}</button>
                })}
            </div>
            {if total == 0 {
                view! { <p class="muted">{t(F::NothingWaits)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap"><table class="table">
                        <thead><tr>
                            <th>{t(crate::orders::text::O::Order)}</th>
                            <th>{t(crate::orders::text::O::Placed)}</th>
                            <th>{t(crate::orders::text::O::Payment)}</th>
                            <th class="num">{t(crate::orders::text::O::Total)}</th>
                            <th class="num"><span class="sr-only">{t(crate::text::T::Actions)}</span></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
    }
}
