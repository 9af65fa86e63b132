//! Stocktakes (盘点): the list with a form for a new count sheet (a warehouse, or one zone
//! of it), and one sheet as a counter uses it on a phone — lines in bin order, each counted
//! and saved against the books of that moment; then submitted, and its variances approved
//! (or sent back for a recount) by someone allowed to change the books.

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
use shared::stock::StocktakeStatus;
use shared::stock_views::{NewStocktake, StocktakeView};
use ui::i18n::{t, use_locale, Translate};

fn status_tag(s: StocktakeStatus) -> &'static str {
    match s {
        StocktakeStatus::Counting => "processing",
        StocktakeStatus::Review => "pending_payment",
        StocktakeStatus::Approved => "completed",
        StocktakeStatus::Cancelled => "cancelled",
    }
}

#[component]
pub fn StocktakesPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| super::crumbs(l, Page::Stocktakes, None));
    let url = use_list_url();
    let data = LocalResource::new(move || {
        let page = url.number("page");
        async move {
            let warehouses = crate::api::warehouses().await?;
            let list = crate::api::stocktakes(page).await?;
            Ok((warehouses, list))
        }
    });
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::Stocktakes)}</h1>
        </header>
        {loaded(data, None, move |(warehouses, list): (Vec<WarehouseView>, Paged<StocktakeView>)| {
            let table = if list.items.is_empty() {
                view! { <Empty/> }.into_any()
            } else {
                let (total, number, size) = (list.total, list.page, list.page_size);
                let rows = list.items.into_iter().map(|s| {
                    let (st, at) = (s.status, s.created_at);
                    view! {
                        <tr data-testid="stocktake-row">
                            <td><a class="strong" href=format!("/admin/inventory/stocktakes/{}", s.id)>{format!("#{}", s.id)}</a></td>
                            <td class="mono">{s.warehouse_code.clone()} {s.zone.clone().map(|z| format!(" · {z}"))}</td>
                            <td><span class=format!("tag tag--{}", status_tag(st))>{move || text::stocktake_status(locale.get(), st)}</span></td>
                            <td class="num">{format!("{} / {}", s.lines_counted, s.lines_total)}</td>
                            <td class="nowrap">{move || ui::format::date_time(locale.get(), at)}</td>
                        </tr>
                    }
                }).collect_view();
                view! {
                    <div class="table-wrap"><table class="table">
                        <thead><tr><th>{t(I::Stocktake)}</th><th>{t(I::Warehouse)}</th><th>{t(I::Status)}</th><th class="num">{t(I::Progress)}</th><th>{t(I::Created)}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table></div>
                    <Pagination url total page=number page_size=size/>
                }.into_any()
            };
            view! { <NewStocktakeForm warehouses/> {table} }
        })}
    }
}

#[component]
fn NewStocktakeForm(warehouses: Vec<WarehouseView>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let go = use_go();
    if !use_session().can(Permission::ManageStock) || warehouses.is_empty() {
        return ().into_any();
    }
    let warehouse = RwSignal::new(warehouses[0].id.0.to_string());
    let zone = RwSignal::new(String::new());
    let choices = warehouses
        .iter()
        .map(|w| {
            let (id, code, name) = (w.id.0.to_string(), w.code.clone(), w.name.clone());
            view! { <option value=id>{move || format!("{code} {}", name.get(locale.get()))}</option> }
        })
        .collect_view();
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(w) = warehouse.get_untracked().parse::<i64>() else {
            return;
        };
        let z = zone.get_untracked();
        let req = NewStocktake {
            warehouse: WarehouseId(w),
            zone: (!z.trim().is_empty()).then_some(z),
        };
        let go = go.clone();
        leptos::task::spawn_local(async move {
            match crate::api::create_stocktake(&req).await {
                Ok(s) => go(&format!("/admin/inventory/stocktakes/{}", s.id), false),
                Err(e) => toasts.warn(crate::text::error(locale.get_untracked(), &e)),
            }
        });
    };
    view! {
        <form class="panel form form--inline" on:submit=start data-testid="new-stocktake">
            <div class="field"><label class="field__label" for="st-warehouse">{t(I::Warehouse)}</label>
                <select id="st-warehouse" class="input" on:change=move |ev| warehouse.set(event_target_value(&ev))>{choices}</select></div>
            <div class="field"><label class="field__label" for="st-zone">{t(I::Zone)}</label>
                <input id="st-zone" class="input input--small" maxlength="4" placeholder=move || I::WholeWarehouse.text(locale.get())
                    prop:value=move || zone.get() on:input=move |ev| zone.set(event_target_value(&ev)) data-testid="stocktake-zone"/></div>
            <button class="btn" type="submit" data-testid="stocktake-start">{t(I::Start)}</button>
        </form>
    }
    .into_any()
}

#[component]
pub fn StocktakePage() -> impl IntoView {
    let id = crate::kit::use_id_param("id");
    let refresh = RwSignal::new(0_u32);
    let sheet = LocalResource::new(move || {
        refresh.track();
        crate::api::stocktake(id())
    });
    use_page(move |l| super::crumbs(l, Page::Stocktakes, Some(format!("#{}", id()))));
    view! {
        {loaded(sheet, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |s: StocktakeView| view! { <Sheet sheet=s refresh/> })}
    }
}

#[component]
fn Sheet(sheet: StocktakeView, refresh: RwSignal<u32>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let session = use_session();
    let (id, status) = (sheet.id, sheet.status);
    let counting = status == StocktakeStatus::Counting && session.can(Permission::ManageStock);
    let reviewing = status == StocktakeStatus::Review && session.can(Permission::ApproveStocktake);
    let counted = RwSignal::new(sheet.lines_counted);
    let step = move |name: &'static str| {
        leptos::task::spawn_local(async move {
            let l = locale.get_untracked();
            match crate::api::stocktake_step(id, name).await {
                Ok(_) => {
                    toasts.say(I::Saved.text(l));
                    refresh.update(|n| *n += 1);
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
        });
    };
    let lines = sheet
        .lines
        .iter()
        .map(|line| {
            let name = line.name.clone();
            let variant = line.variant;
            let done = RwSignal::new(line.counted);
            let typed = RwSignal::new(line.counted.map(|c| c.to_string()).unwrap_or_default());
            let save = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let l = locale.get_untracked();
                let Ok(n) = typed.get_untracked().trim().parse::<i64>() else {
                    toasts.warn(I::NumberNeeded.text(l));
                    return;
                };
                leptos::task::spawn_local(async move {
                    match crate::api::count_line(id, variant, n).await {
                        Ok(s) => {
                            done.set(Some(n));
                            counted.set(s.lines_counted);
                        }
                        Err(e) => toasts.warn(crate::text::error(l, &e)),
                    }
                });
            };
            let variance = line.variance;
            view! {
                <li class="pick-line" class:pick-line--done=move || done.get().is_some()
                    class:pick-line--short=move || variance.is_some_and(|v| v != 0) data-testid="count-line">
                    <div class="pick-line__bin mono">{line.bin.clone().unwrap_or_else(|| "—".into())}</div>
                    <div class="pick-line__what">
                        <strong>{move || name.get(locale.get()).to_string()}</strong>
                        <span class="mono small">{line.sku.clone()}</span>
                    </div>
                    <div class="pick-line__qty">
                        <span class="muted small">{t(I::Expected)}</span>
                        <strong class="pick-line__n">{line.expected}</strong>
                    </div>
                    <div class="pick-line__count">
                        {variance.map(|v| view! {
                            <span class="muted small">{t(I::Variance)}</span>
                            <strong class="pick-line__n" data-testid="variance">{if v > 0 { format!("+{v}") } else { v.to_string() }}</strong>
                        })}
                    </div>
                    {counting.then(|| view! {
                        <form class="pick-line__actions pick-line__form" on:submit=save>
                            <label class="sr-only" for=format!("count-{variant}")>{t(I::Counted)}</label>
                            <input id=format!("count-{variant}") class="input input--small" type="number" min="0" inputmode="numeric"
                                prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) data-testid="count-input"/>
                            <button class="btn btn--small" type="submit" data-testid="count-save">{t(I::Save)}</button>
                            {move || done.get().map(|c| view! { <span class="muted small">{t(I::Counted)} " " {c}</span> })}
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    let total = sheet.lines_total;
    let st = status;
    view! {
        <header class="page-head page-head--row">
            <div>
                <h1>{t(I::Stocktake)} " #" {id}</h1>
                <p><span class="mono">{sheet.warehouse_code.clone()} {sheet.zone.clone().map(|z| format!(" · {z}"))}</span> " "
                    <span class=format!("tag tag--{}", status_tag(st)) data-testid="stocktake-status">{move || text::stocktake_status(locale.get(), st)}</span>
                    " · " <span data-testid="stocktake-progress">{move || format!("{} / {total}", counted.get())}</span></p>
            </div>
            <div class="row">
                {counting.then(|| view! {
                    <button type="button" class="btn" data-testid="stocktake-submit" disabled=move || counted.get() < total on:click=move |_| step("submit")>{t(I::Submit)}</button>
                })}
                {reviewing.then(|| view! {
                    <button type="button" class="btn" data-testid="stocktake-approve" on:click=move |_| step("approve")>{t(I::Approve)}</button>
                    <button type="button" class="btn btn--ghost" on:click=move |_| step("recount")>{t(I::Recount)}</button>
                })}
            </div>
        </header>
        <ol class="pick-lines">{lines}</ol>
        <section class="panel">
            <h2>{t(I::History)}</h2>
            <Timeline events=sheet.events.clone()/>
        </section>
    }
}
