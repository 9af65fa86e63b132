//! 库存与仓储: stock per warehouse and bin (reorder points, the low-stock list, finished goods
//! and raw materials apart), transfers, stocktakes, and the valuation and turnover report.

pub mod stocktakes;
pub mod text;
pub mod transfers;

use crate::kit::chart::{Bar, BarChart};
use crate::kit::list::{
    options, use_list_url, Empty, FilterSelect, ListUrl, Pagination, SearchBox,
};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_page, Crumb};
use crate::session::use_session;
use leptos::prelude::*;
use shared::ids::WarehouseId;
use shared::list::Paged;
use shared::staff::{Page, Permission};
use shared::stock::ItemKind;
use shared::stock_views::{StockQuery, StockRow, ValuationRow};
use text::I;
use ui::i18n::{t, use_locale, Translate};

/// The breadcrumbs of an inventory page: its page, then `here`.
pub fn crumbs(l: shared::Locale, page: Page, here: Option<String>) -> Vec<Crumb> {
    Crumb::trail(l, page, here)
}

fn query(url: ListUrl) -> StockQuery {
    StockQuery {
        warehouse: url.number("warehouse").map(WarehouseId),
        kind: url.parse("kind"),
        low: url.flag("low"),
        q: url.get("q"),
        page: url.number("page"),
        page_size: url.number("page_size"),
    }
}

#[component]
pub fn StockPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| crumbs(l, Page::Stock, None));
    let url = use_list_url();
    let refresh = RwSignal::new(0_u32);
    let data = LocalResource::new(move || {
        refresh.track();
        let q = query(url);
        async move {
            let warehouses = crate::api::warehouses().await?;
            let stock = crate::api::stock(&q).await?;
            Ok((warehouses, stock))
        }
    });
    let kinds = options(ItemKind::ALL, ItemKind::as_str, text::kind);
    let low = move || url.flag("low").unwrap_or(false);
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::Stock)}</h1>
        </header>
        <div class="toolbar">
            <SearchBox url placeholder=Signal::derive(t(I::Search))/>
            <FilterSelect url key="kind" label=Signal::derive(t(I::Kind)) options=kinds/>
            <label class="check-filter">
                <input type="checkbox" prop:checked=low data-testid="filter-low"
                    on:change=move |_| url.set(&[("low", (!low()).then(|| "true".to_string()))], false)/>
                {t(I::LowOnly)}
            </label>
        </div>
        {loaded(data, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |(warehouses, page)| {
            let tabs = warehouses.into_iter().map(|w| {
                let id = w.id.0.to_string();
                let on = url.get("warehouse").as_deref() == Some(id.as_str());
                view! { <a class="chip" class:chip--on=on href=url.href(&[("warehouse", Some(id.clone())), ("page", None)])>{w.code.clone()}</a> }
            }).collect_view();
            let all = url.href(&[("warehouse", None), ("page", None)]);
            view! {
                <p class="chips">
                    <a class="chip" class:chip--on=url.get("warehouse").is_none() href=all>{t(I::AllWarehouses)}</a>
                    {tabs}
                </p>
                <StockTable page url refresh/>
            }
        })}
    }
}

#[component]
fn StockTable(page: Paged<StockRow>, url: ListUrl, refresh: RwSignal<u32>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let can_manage = use_session().can(Permission::ManageStock);
    if page.items.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let (total, number, size) = (page.total, page.page, page.page_size);
    let rows = page
        .items
        .into_iter()
        .map(|r| {
            let name = r.name.clone();
            let (warehouse, variant, kind) = (r.warehouse, r.variant, r.kind);
            let point = RwSignal::new(r.reorder_point.map(|p| p.to_string()).unwrap_or_default());
            let save = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let l = locale.get_untracked();
                let typed = point.get_untracked();
                let value = match typed.trim() {
                    "" => None,
                    t => match t.parse::<i64>() {
                        Ok(n) => Some(n),
                        Err(_) => {
                            toasts.warn(I::NumberNeeded.text(l));
                            return;
                        }
                    },
                };
                leptos::task::spawn_local(async move {
                    match crate::api::set_reorder_point(warehouse, variant, value).await {
                        Ok(()) => {
                            toasts.say(I::Saved.text(l));
                            refresh.update(|n| *n += 1);
                        }
                        Err(e) => toasts.warn(crate::text::error(l, &e)),
                    }
                });
            };
            view! {
                <tr data-testid="stock-row" class:row--short=r.low>
                    <td class="mono nowrap">{r.sku.clone()}</td>
                    <td>{move || name.get(locale.get()).to_string()}<br/><span class="muted small">{move || text::kind(locale.get(), kind)}</span></td>
                    <td class="mono nowrap">{r.warehouse_code.clone()}</td>
                    <td class="mono nowrap">{r.bin.clone().unwrap_or_default()}</td>
                    <td class="num">{r.on_hand}</td>
                    <td class="num">{r.reserved}</td>
                    <td class="num"><strong>{r.available}</strong></td>
                    <td class="num">{r.in_transit}</td>
                    <td class="num">
                        {if can_manage {
                            view! {
                                <form class="inline-form" on:submit=save>
                                    <input class="input input--small" inputmode="numeric" aria-label=move || I::ReorderPoint.text(locale.get())
                                        prop:value=move || point.get() on:input=move |ev| point.set(event_target_value(&ev)) data-testid="reorder-point"/>
                                    <button class="btn btn--ghost btn--small" type="submit">{t(I::Save)}</button>
                                </form>
                            }.into_any()
                        } else {
                            view! { <span>{r.reorder_point.map(|p| p.to_string()).unwrap_or_default()}</span> }.into_any()
                        }}
                        {r.low.then(|| view! { <span class="tag tag--cancelled">{t(I::Low)}</span> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table" data-testid="stock-table">
            <thead><tr>
                <th>{t(I::Sku)}</th><th>{t(I::Item)}</th><th>{t(I::Warehouse)}</th><th>{t(I::Bin)}</th>
                <th class="num">{t(I::OnHand)}</th><th class="num">{t(I::Reserved)}</th><th class="num">{t(I::Available)}</th>
                <th class="num">{t(I::InTransit)}</th><th class="num">{t(I::ReorderPoint)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
        <Pagination url total page=number page_size=size/>
    }
    .into_any()
}

#[component]
pub fn ValuationPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| crumbs(l, Page::Valuation, None));
    let rows = LocalResource::new(crate::api::valuation);
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::Valuation)}</h1>
        </header>
        {loaded(rows, None, move |rows: Vec<ValuationRow>| view! { <Valuation rows/> })}
    }
}

#[component]
fn Valuation(rows: Vec<ValuationRow>) -> impl IntoView {
    let locale = use_locale();
    let currency = rows.first().map(|r| r.value.currency).unwrap_or_default();
    let sections = ItemKind::ALL
        .iter()
        .map(|&kind| {
            let mine: Vec<ValuationRow> = rows.iter().filter(|r| r.kind == kind).cloned().collect();
            let total: i64 = mine.iter().map(|r| r.value.minor).sum();
            let has_rows = !mine.is_empty();
            let chart_rows = mine.clone();
            let bars = Signal::derive(move || {
                let l = locale.get();
                chart_rows
                    .iter()
                    .filter(|r| r.value.minor > 0)
                    .map(|r| Bar {
                        label: r.category.get(l).to_string(),
                        value: r.value.minor as f64 / 100.0,
                        hint: r.turnover_hundredths.map(|t| format!("{}: {:.2}", I::Turnover.text(l), t as f64 / 100.0)),
                    })
                    .collect::<Vec<_>>()
            });
            let table = mine
                .into_iter()
                .map(|r| {
                    let category = r.category.clone();
                    view! {
                        <tr data-testid="valuation-row">
                            <td>{move || category.get(locale.get()).to_string()}</td>
                            <td class="num">{r.units}</td>
                            <td class="num">{ui::format::money(r.value)}</td>
                            <td class="num">{ui::format::money(r.cost_of_sales)}</td>
                            <td class="num">{r.turnover_hundredths.map(|t| format!("{:.2}", t as f64 / 100.0)).unwrap_or_else(|| "—".into())}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="panel" data-testid=format!("valuation-{}", kind.as_str())>
                    <div class="panel-head">
                        <h2>{move || text::kind(locale.get(), kind)}</h2>
                        <strong>{ui::format::money(shared::Money::new(total, currency))}</strong>
                    </div>
                    <div class="valuation__chart"><BarChart bars format_value=Callback::new(move |v: f64| ui::format::money(shared::Money::new((v * 100.0).round() as i64, currency)))
                        title=Signal::derive(move || I::ValueByCategory.text(locale.get()).to_string())
                        empty=Signal::derive(t(I::NoStock))/></div>
                    {has_rows.then(|| view! { <div class="table-wrap"><table class="table">
                        <thead><tr><th>{t(I::Category)}</th><th class="num">{t(I::Units)}</th><th class="num">{t(I::Value)}</th>
                            <th class="num">{t(I::CostOfSales)}</th><th class="num">{t(I::Turnover)}</th></tr></thead>
                        <tbody>{table}</tbody>
                    </table></div> })}
                </section>
            }
        })
        .collect_view();
    view! { <div class="valuation">{sections}</div> }
}
