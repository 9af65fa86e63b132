//! Pick lists (拣货单): the list, and one list as a picker uses it on a phone — lines in
//! the order of the bins, each ticked ("all found"), counted by hand, or scanned (a scanner
//! types the barcode and Enter); a short pick is simply a count below what the line asks.
//! Printable with its own print stylesheet.

use super::text::{self, F};
use crate::kit::list::{use_list_url, Empty, Pagination};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_page};
use crate::session::use_session;
use leptos::prelude::*;
use shared::fulfilment::{PickLine, PickListDetail, PickListRow, PickListStatus};
use shared::list::Paged;
use shared::staff::{Page, Permission};
use ui::i18n::{t, use_locale, Translate};

#[component]
pub fn PickListsPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| super::crumbs(l, Some(Page::PickLists), None));
    let url = use_list_url();
    let lists =
        LocalResource::new(move || crate::api::pick_lists(url.parse("status"), url.number("page")));
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::PickLists)}</h1>
        </header>
        {loaded(lists, None, move |page: Paged<PickListRow>| {
            if page.items.is_empty() {
                return view! { <Empty/> }.into_any();
            }
            let (total, number, size) = (page.total, page.page, page.page_size);
            let rows = page.items.into_iter().map(|p| {
                let (status, created) = (p.status, p.created_at);
                view! {
                    <tr data-testid="pick-list-row">
                        <td><a href=format!("/admin/fulfilment/pick-lists/{}", p.id) class="strong">{format!("#{}", p.id)}</a></td>
                        <td class="mono">{p.warehouse_code.clone()}</td>
                        <td><span class=format!("tag tag--{}", if status == PickListStatus::Done { "completed" } else { "processing" })>{move || text::pick_list_status(locale.get(), status)}</span></td>
                        <td class="num">{p.shipments}</td>
                        <td class="num">{format!("{} / {}", p.lines_done, p.lines)}</td>
                        <td class="num">{p.units}</td>
                        <td class="nowrap">{move || ui::format::date_time(locale.get(), created)}</td>
                        <td>{p.created_by.clone()}</td>
                    </tr>
                }
            }).collect_view();
            view! {
                <div class="table-wrap"><table class="table">
                    <thead><tr>
                        <th>{t(F::PickList)}</th><th>{t(F::Warehouse)}</th><th>{t(F::Status)}</th>
                        <th class="num">{t(F::Shipments)}</th><th class="num">{t(F::Progress)}</th>
                        <th class="num">{t(F::Units)}</th><th>{t(F::Created)}</th><th>{t(F::CreatedBy)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
                <Pagination url total page=number page_size=size/>
            }.into_any()
        })}
    }
}

#[component]
pub fn PickListPage() -> impl IntoView {
    let id = crate::kit::use_id_param("id");
    let refresh = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        refresh.track();
        crate::api::pick_list(id())
    });
    use_page(move |l| super::crumbs(l, Some(Page::PickLists), Some(format!("#{}", id()))));
    view! {
        {loaded(list, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |d: PickListDetail| {
            view! { <Picking detail=d refresh/> }
        })}
    }
}

#[component]
fn Picking(detail: PickListDetail, refresh: RwSignal<u32>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let session = use_session();
    let id = detail.row.id;
    let open = detail.row.status == PickListStatus::Open;
    let can_pick = open && session.can(Permission::PickAndPack);
    // each line's count as the server has it (none: not counted yet)
    let counts: Vec<(PickLine, RwSignal<Option<u32>>)> = detail
        .lines
        .iter()
        .map(|l| (l.clone(), RwSignal::new(l.picked)))
        .collect();
    let counted = {
        let signals: Vec<RwSignal<Option<u32>>> = counts.iter().map(|c| c.1).collect();
        Memo::new(move |_| signals.iter().filter(|s| s.get().is_some()).count())
    };
    let total_lines = counts.len();
    let save = move |line: shared::ids::VariantId, picked: u32, count: RwSignal<Option<u32>>| {
        leptos::task::spawn_local(async move {
            match crate::api::record_pick(id, line, picked).await {
                Ok(_) => count.set(Some(picked)),
                Err(e) => toasts.warn(crate::text::error(locale.get_untracked(), &e)),
            }
        });
    };
    // a scan adds one to the line whose barcode (or SKU) it is
    let scan = RwSignal::new(String::new());
    let scan_counts = counts.clone();
    let on_scan = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = scan.get_untracked().trim().to_uppercase();
        scan.set(String::new());
        let hit = scan_counts.iter().find(|(l, _)| {
            l.barcode
                .as_deref()
                .is_some_and(|b| b.eq_ignore_ascii_case(&code))
                || l.sku.eq_ignore_ascii_case(&code)
        });
        match hit {
            Some((l, count)) => {
                let next = count
                    .get_untracked()
                    .unwrap_or(0)
                    .saturating_add(1)
                    .min(l.quantity);
                save(l.variant, next, *count);
            }
            None => toasts.warn(F::ScanUnknown.text(locale.get_untracked())),
        }
    };
    let complete = move |_| {
        leptos::task::spawn_local(async move {
            let l = locale.get_untracked();
            match crate::api::complete_pick_list(id).await {
                Ok(_) => {
                    toasts.say(F::Completed.text(l));
                    refresh.update(|n| *n += 1);
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
        });
    };
    let lines = counts
        .into_iter()
        .map(|(line, count)| {
            let (name, option) = (line.name.clone(), line.option.clone());
            let quantity = line.quantity;
            let variant = line.variant;
            let typed = RwSignal::new(line.picked.unwrap_or(quantity).to_string());
            view! {
                <li class="pick-line" class:pick-line--done=move || count.get().is_some()
                    class:pick-line--short=move || count.get().is_some_and(|c| c < quantity) data-testid="pick-line">
                    <div class="pick-line__bin mono">{line.bin.clone().unwrap_or_else(|| "—".into())}</div>
                    <div class="pick-line__what">
                        <strong>{move || name.get(locale.get()).to_string()}</strong>
                        <span class="muted">{move || option.get(locale.get()).to_string()}</span>
                        <span class="mono small">{line.sku.clone()} {line.barcode.clone().map(|b| format!(" · {b}"))}</span>
                    </div>
                    <div class="pick-line__qty">
                        <span class="muted small">{t(F::Quantity)}</span>
                        <strong class="pick-line__n" data-testid="pick-quantity">{quantity}</strong>
                    </div>
                    <div class="pick-line__count">
                        {move || count.get().map(|c| view! {
                            <span class="muted small">{t(F::Picked)}</span>
                            <strong class="pick-line__n" data-testid="pick-picked">{c}</strong>
                        })}
                    </div>
                    {can_pick.then(|| view! {
                        <div class="pick-line__actions no-print">
                            <button type="button" class="btn btn--small" data-testid="pick-all"
                                on:click=move |_| { typed.set(quantity.to_string()); save(variant, quantity, count) }>
                                "✓ " {t(F::AllFound)}
                            </button>
                            <form class="pick-line__form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                                ev.prevent_default();
                                match typed.get_untracked().trim().parse::<u32>() {
                                    Ok(n) => save(variant, n, count),
                                    Err(_) => toasts.warn(F::CountIsNumber.text(locale.get_untracked())),
                                }
                            }>
                                <label class="sr-only" for=format!("found-{variant}")>{t(F::Found)}</label>
                                <input id=format!("found-{variant}") class="input input--small" type="number" min="0" max=quantity inputmode="numeric"
                                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) data-testid="pick-found"/>
                                <button type="submit" class="btn btn--ghost btn--small" data-testid="pick-save">{t(F::SaveCount)}</button>
                            </form>
                        </div>
                    })}
                </li>
            }
        })
        .collect_view();
    let orders = detail
        .orders
        .iter()
        .map(|s| {
            let st = s.status;
            view! {
                <li>
                    <a href=format!("/admin/fulfilment/shipments/{}", s.id)>{format!("#{}", s.id)}</a>
                    " " <span class="mono">{s.order.to_string()}</span>
                    " " {s.recipient.clone()}
                    " " <span class=format!("tag tag--{}", st.as_str())>{move || text::shipment_status(locale.get(), st)}</span>
                    {s.short.then(|| view! { " " <span class="tag tag--cancelled">{t(F::Short)}</span> })}
                </li>
            }
        })
        .collect_view();
    let warehouse = detail.warehouse_name.clone();
    let status = detail.row.status;
    let created = detail.row.created_at;
    view! {
        <header class="page-head page-head--row pick-head">
            <div>
                <h1>{t(F::PickList)} " #" {id}</h1>
                <p>
                    <span class="mono">{detail.row.warehouse_code.clone()}</span> " "
                    {move || warehouse.get(locale.get()).to_string()} " · "
                    <span data-testid="pick-status">{move || text::pick_list_status(locale.get(), status)}</span> " · "
                    <span data-testid="pick-progress">{move || format!("{} / {total_lines}", counted.get())}</span> " · "
                    <span class="muted">{move || ui::format::date_time(locale.get(), created)}</span>
                </p>
            </div>
            <button type="button" class="btn btn--ghost no-print" data-testid="print" on:click=|_| { let _ = web_sys::window().map(|w| w.print()); }>
                {t(F::Print)}
            </button>
        </header>
        {can_pick.then(|| view! {
            <form class="panel scan no-print" on:submit=on_scan data-testid="scan-form">
                <label class="field__label" for="scan">{t(F::Scan)}</label>
                <input id="scan" class="input input--code" autocomplete="off" autocapitalize="characters"
                    prop:value=move || scan.get() on:input=move |ev| scan.set(event_target_value(&ev)) data-testid="scan-input"/>
                <p class="field__hint">{t(F::ScanHint)}</p>
            </form>
        })}
        <ol class="pick-lines">{lines}</ol>
        {can_pick.then(|| view! {
            <p class="no-print">
                <button type="button" class="btn btn--wide" data-testid="complete-pick-list"
                    disabled=move || counted.get() < total_lines on:click=complete>{t(F::Complete)}</button>
            </p>
        })}
        <section class="panel">
            <h2>{t(F::Orders)}</h2>
            <ul class="plain-list" data-testid="pick-orders">{orders}</ul>
        </section>
    }
}
