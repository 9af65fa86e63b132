//! The customer's order history (`/account/orders`): by status, searched by order number or
//! product, ten to a page. Rendered on the server; the filters are links and a plain form,
//! so the page needs no code of its own in the browser.

use crate::api;
use crate::components::sign_in_first::SignInFirst;
use crate::i18n::{self, api_error_text, t, use_locale, Msg};
use crate::seo::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::list::Paged;
use shared::orders::tracking::{MyOrderRow, MyOrdersQuery};
use shared::orders::OrderStatus;
use shared::{ErrorCode, Locale};
use ui::format::date;

const FILTERS: [Option<OrderStatus>; 9] = [
    None,
    Some(OrderStatus::PendingPayment),
    Some(OrderStatus::Paid),
    Some(OrderStatus::Processing),
    Some(OrderStatus::Shipped),
    Some(OrderStatus::Delivered),
    Some(OrderStatus::Completed),
    Some(OrderStatus::Cancelled),
    Some(OrderStatus::Refunded),
];

#[component]
pub fn MyOrdersPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        MyOrdersQuery {
            status: q.get("status").and_then(|s| OrderStatus::parse(&s)),
            q: q.get("q").filter(|s| !s.trim().is_empty()),
            page: q.get("page").and_then(|p| p.parse().ok()),
        }
    };
    let orders = Resource::new(wanted, |q| async move { (api::my_orders(&q).await, q) });
    let l = locale.get_untracked();
    let body = move || {
        Suspend::new(async move {
            match orders.await {
                (Ok(page), q) => view! { <OrderHistory page q/> }.into_any(),
                (Err(e), _) if e.code != ErrorCode::Unauthorized => {
                    view! { <p class="form-error" role="alert">{api_error_text(l, &e).to_string()}</p> }.into_any()
                }
                (Err(_), _) => view! { <SignInFirst title=Msg::MyOrders path="/account/orders"/> }.into_any(),
            }
        })
    };
    view! {
        <PageMeta title=Msg::MyOrders.text(l) description=Msg::MyOrdersIntro.text(l) path="/account/orders"/>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Suspense>
    }
}

#[component]
fn OrderHistory(page: Paged<MyOrderRow>, q: MyOrdersQuery) -> impl IntoView {
    let l = use_locale().get_untracked();
    let link = move |query: MyOrdersQuery| {
        let qs = query.to_query_string();
        let path = l.localize("/account/orders");
        if qs.is_empty() {
            path
        } else {
            format!("{path}?{qs}")
        }
    };
    let chips = FILTERS
        .iter()
        .map(|status| {
            let label = status.map_or(Msg::AllOrders.text(l), |s| i18n::order_status(l, s));
            let href = link(MyOrdersQuery {
                status: *status,
                q: q.q.clone(),
                page: None,
            });
            let current = *status == q.status;
            view! {
                <a class=if current { "chip chip--on" } else { "chip" } href=href
                   aria-current=current.then_some("page")>{label}</a>
            }
        })
        .collect_view();
    let empty = if q.status.is_none() && q.q.is_none() {
        Msg::NoOrdersYet
    } else {
        Msg::NoOrdersMatch
    };
    let pages = page.pages();
    let pager = (pages > 1).then(|| {
        let at = page.page;
        let to = |p: u32| {
            link(MyOrdersQuery {
                page: Some(p),
                ..q.clone()
            })
        };
        view! {
            <nav class="pagination">
                {(at > 1).then(|| view! { <a class="button button--ghost" href=to(at - 1) rel="prev">{Msg::PreviousPage.text(l)}</a> })}
                <span class="muted">{i18n::page_of(l, at, pages)}</span>
                {(at < pages).then(|| view! { <a class="button button--ghost" href=to(at + 1) rel="next">{Msg::NextPage.text(l)}</a> })}
            </nav>
        }
    });
    let rows = page
        .items
        .into_iter()
        .map(|o| order_row(l, o))
        .collect_view();
    let none = page.total == 0;
    view! {
        <div class="my-orders" data-testid="my-orders">
            <div class="my-orders__head">
                <h1>{Msg::MyOrders.text(l)}</h1>
                <a class="link small" href=l.localize("/account")>{Msg::MyAccount.text(l)}</a>
            </div>
            <nav class="chips" aria-label=Msg::Filters.text(l)>{chips}</nav>
            <form class="my-orders__search" method="get" action=l.localize("/account/orders") role="search">
                {q.status.map(|s| view! { <input type="hidden" name="status" value=s.as_str()/> })}
                <input type="search" name="q" value=q.q.clone().unwrap_or_default() maxlength="100"
                    placeholder=Msg::SearchOrders.text(l) aria-label=Msg::SearchOrders.text(l)/>
                <button class="button" type="submit">{Msg::Search.text(l)}</button>
            </form>
            {none.then(|| view! { <p class="muted" data-testid="no-orders">{empty.text(l)}</p> })}
            <ul class="order-rows">{rows}</ul>
            {pager}
        </div>
    }
}

fn order_row(l: Locale, o: MyOrderRow) -> impl IntoView {
    let href = l.localize(&format!("/orders/{}", o.number));
    let image = o.image.unwrap_or_else(|| "/img/placeholder.svg".into());
    let more = (o.lines > 1).then(|| i18n::and_more(l, o.lines));
    view! {
        <li class="order-row" data-testid="order-row">
            <a class="order-row__link" href=href>
                <img class="order-row__image" src=image alt="" width="72" height="72" loading="lazy"/>
                <div class="order-row__body">
                    <p class="order-row__name">{o.name.get(l).to_string()}{more}</p>
                    <p class="muted small">
                        <span data-testid="order-row-number">{o.number.to_string()}</span>" · "{date(l, o.created_at)}" · "{i18n::items_count(l, o.units)}
                    </p>
                </div>
                <div class="order-row__side">
                    <span class="badge-inline" data-testid="order-row-status">{i18n::order_status(l, o.status)}</span>
                    <strong>{o.total.to_string()}</strong>
                </div>
            </a>
        </li>
    }
}
