//! 退货 (客服与售后): the returns queue, newest first, by status (kept in the URL); each
//! row opens the return (`detail`) with its lines, history and the steps (`steps`) its
//! status and the staff member's permissions allow.

pub mod detail;
mod steps;
pub(crate) mod text;

use crate::kit::list::{use_list_url, Empty, ListUrl, Pagination};
use crate::kit::{loaded, use_page, Crumb};
use crate::orders::text::O;
use crate::text::T;
use leptos::prelude::*;
use shared::after_sales::returns::{ReturnStatus, ReturnView};
use shared::list::Paged;
use shared::staff::Page;
use shared::Locale;
use text::R;
use ui::i18n::{t, use_locale, Translate};

/// The breadcrumbs of a returns page: the queue, then `here`.
pub fn crumbs(l: Locale, here: Option<String>) -> Vec<Crumb> {
    Crumb::trail(l, Page::Returns, here)
}

/// "退货单 #12" / "Return #12".
pub fn title(l: Locale, id: i64) -> String {
    format!("{} #{id}", R::Return.text(l))
}

#[component]
pub fn ReturnsPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| crumbs(l, None));
    let url = use_list_url();
    let refresh = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        refresh.track();
        crate::api::returns(url.parse("status"), url.number("page"))
    });
    let chosen = move || url.get("status");
    let chips = ReturnStatus::ALL
        .iter()
        .map(|s| {
            let (s, code) = (*s, s.as_str());
            view! {
                <a class="chip" class:chip--on=move || chosen().as_deref() == Some(code)
                    href=url.href(&[("status", Some(code.to_string()))]) data-testid=format!("return-filter-{code}")>
                    {move || text::status(locale.get(), s)}
                </a>
            }
        })
        .collect_view();
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::Returns)}</h1>
        </header>
        <p class="chips" data-testid="return-filters">
            <a class="chip" class:chip--on=move || chosen().is_none() href=url.href(&[("status", None)])
                data-testid="return-filter-all">{t(T::All)}</a>
            {chips}
        </p>
        {loaded(list, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |page: Paged<ReturnView>| {
            view! { <ReturnTable page url/> }
        })}
    }
}

#[component]
fn ReturnTable(page: Paged<ReturnView>, url: ListUrl) -> impl IntoView {
    let locale = use_locale();
    if page.items.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let (total, number, size) = (page.total, page.page, page.page_size);
    let rows = page
        .items
        .into_iter()
        .map(|r| {
            let (id, status, reason, created) = (r.id, r.status, r.reason, r.created_at);
            let units: i64 = r.lines.iter().map(|l| l.quantity).sum();
            let order = r.order.to_string();
            view! {
                <tr data-testid="return-row">
                    <td><a class="strong" href=format!("/admin/returns/{id}") data-testid="return-link">{format!("#{id}")}</a></td>
                    <td><a class="mono" href=format!("/admin/orders/{order}")>{order.clone()}</a></td>
                    <td><span class=format!("tag tag--{}", status.as_str())>{move || text::status(locale.get(), status)}</span></td>
                    <td>{move || text::reason(locale.get(), reason)}</td>
                    <td class="num">{units}</td>
                    <td class="num">{ui::format::money(r.share)}</td>
                    <td class="nowrap">{move || ui::format::date(locale.get(), created)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table" data-testid="returns-table">
            <thead><tr>
                <th>{t(R::Return)}</th><th>{t(O::Order)}</th><th>{t(R::Status)}</th><th>{t(R::Reason)}</th>
                <th class="num">{t(R::Units)}</th><th class="num">{t(R::Share)}</th><th>{t(R::Requested)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
        <Pagination url total page=number page_size=size/>
    }
    .into_any()
}
