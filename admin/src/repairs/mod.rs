//! 维修 (客服与售后): repairs under warranty, newest first, by status (kept in the URL); each
//! row opens the repair (`detail`) with the customer's description and photos, its history
//! and the steps its status and the staff member's permissions allow.

pub mod detail;
pub(crate) mod text;

use crate::kit::list::{use_list_url, Empty, ListUrl, Pagination};
use crate::kit::{loaded, use_page, Crumb};
use crate::text::T;
use leptos::prelude::*;
use shared::after_sales::repairs::{RepairQuery, RepairRow, RepairStatus};
use shared::list::Paged;
use shared::staff::Page;
use shared::Locale;
use text::W;
use ui::i18n::{t, use_locale, Translate};

/// The breadcrumbs of a repairs page: the queue, then `here`.
pub fn crumbs(l: Locale, here: Option<String>) -> Vec<Crumb> {
    Crumb::trail(l, Page::Repairs, here)
}

/// "维修单 #12" / "Repair #12".
pub fn title(l: Locale, id: i64) -> String {
    format!("{} #{id}", W::Repair.text(l))
}

#[component]
pub fn RepairsPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| crumbs(l, None));
    let url = use_list_url();
    let refresh = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        refresh.track();
        let q = RepairQuery {
            status: url.parse("status"),
            page: url.number("page"),
        };
        crate::api::repairs(&q)
    });
    let chosen = move || url.get("status");
    let chips = RepairStatus::ALL
        .iter()
        .map(|s| {
            let (s, code) = (*s, s.as_str());
            view! {
                <a class="chip" class:chip--on=move || chosen().as_deref() == Some(code)
                    href=url.href(&[("status", Some(code.to_string()))]) data-testid=format!("repair-filter-{code}")>
                    {move || text::status(locale.get(), s)}
                </a>
            }
        })
        .collect_view();
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::Repairs)}</h1>
        </header>
        <p class="chips" data-testid="repair-filters">
            <a class="chip" class:chip--on=move || chosen().is_none() href=url.href(&[("status", None)])
                data-testid="repair-filter-all">{t(T::All)}</a>
            {chips}
        </p>
        {loaded(list, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |page: Paged<RepairRow>| {
            view! { <RepairTable page url/> }
        })}
    }
}

#[component]
fn RepairTable(page: Paged<RepairRow>, url: ListUrl) -> impl IntoView {
    let locale = use_locale();
    if page.items.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let (total, number, size) = (page.total, page.page, page.page_size);
    let rows = page
        .items
        .into_iter()
        .map(|r| {
            let (id, status, created, updated) = (r.id, r.status, r.created_at, r.updated_at);
            let order = r.order.to_string();
            let name = r.name.clone();
            view! {
                <tr data-testid="repair-row">
                    <td><a class="strong" href=format!("/admin/repairs/{id}") data-testid="repair-link">{format!("#{id}")}</a></td>
                    <td><a class="mono" href=format!("/admin/orders/{order}")>{order.clone()}</a></td>
                    <td>{move || name.get(locale.get()).to_string()}" "<span class="mono muted">{r.sku.clone()}</span></td>
                    <td><span class=format!("tag tag--{}", status.as_str())>{move || text::status(locale.get(), status)}</span></td>
                    <td>{r.customer.clone()}</td>
                    <td class="nowrap">{move || ui::format::date(locale.get(), created)}</td>
                    <td class="nowrap">{move || ui::format::date_time(locale.get(), updated)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table" data-testid="repairs-table">
            <thead><tr>
                <th>{t(W::Repair)}</th><th>{t(W::Order)}</th><th>{t(W::Item)}</th><th>{t(W::Status)}</th>
                <th>{t(W::Customer)}</th><th>{t(W::Requested)}</th><th>{t(W::Updated)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
        <Pagination url total page=number page_size=size/>
    }
    .into_any()
}
