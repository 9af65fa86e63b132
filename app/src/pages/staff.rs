//! The staff's order list (`/admin/orders`): the newest orders, or those waiting for a bank
//! transfer, with "Mark paid" for each of those. Only staff see it; the server checks the
//! role on every request. The full back office comes with its own bundle later.

use crate::api::{self, ApiResult};
use crate::i18n::{self, api_error_text, t, use_locale, Msg};
use crate::seo::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::staff::OrderRow;
use shared::{ApiError, ErrorCode};

#[component]
pub fn StaffOrdersPage() -> impl IntoView {
    let locale = use_locale();
    let l = locale.get_untracked();
    let query = use_query_map();
    let all = move || query.read().get("all").is_some();
    let refresh = RwSignal::new(0_u32);
    let orders = Resource::new(
        move || (all(), refresh.get()),
        |(all, _)| api::staff_orders(!all),
    );
    let error = RwSignal::new(None::<ApiError>);
    let body = move || {
        Suspend::new(async move {
            let loc = locale.get_untracked();
            match orders.await {
                Ok(list) => view! { <OrderTable list refresh error/> }.into_any(),
                Err(e) if matches!(e.code, ErrorCode::Unauthorized | ErrorCode::Forbidden) => {
                    crate::set_status(e.code.http_status());
                    let login = format!(
                        "{}?next={}",
                        loc.localize("/account/login"),
                        loc.localize("/admin/orders")
                    );
                    view! {
                        <section class="notice" data-testid="staff-only">
                            <p>{Msg::StaffOnly.text(loc)}</p>
                            <a class="button" href=login>{Msg::LogIn.text(loc)}</a>
                        </section>
                    }
                    .into_any()
                }
                Err(e) => view! { <crate::components::error_view::ErrorView error=e/> }.into_any(),
            }
        })
    };
    let tab = move |is_all: bool, label: Msg| {
        let href = move || {
            let base = locale.get().localize("/admin/orders");
            if is_all {
                format!("{base}?all=1")
            } else {
                base
            }
        };
        view! { <a class="chip" class:chip--on=move || all() == is_all href=href>{t(label)}</a> }
    };
    view! {
        <PageMeta title=Msg::StaffOrders.text(l) description=Msg::StaffOrders.text(l) path="/admin/orders" noindex=true/>
        <h1 class="page-title">{t(Msg::StaffOrders)}</h1>
        <nav class="chips">{tab(false, Msg::AwaitingTransfer)}{tab(true, Msg::AllOrders)}</nav>
        <Transition fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Transition>
        <p class="form-error" role="alert">{move || error.get().map(|e| api_error_text(locale.get(), &e))}</p>
    }
}

#[component]
fn OrderTable(
    list: Vec<OrderRow>,
    refresh: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let locale = use_locale().get_untracked();
    if list.is_empty() {
        return view! { <p class="notice" data-testid="no-orders">{Msg::NoOrders.text(locale)}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|o| {
            let number = o.number.to_string();
            let pending = RwSignal::new(false);
            let mark = {
                let number = number.clone();
                move |_| {
                    pending.set(true);
                    error.set(None);
                    let request = api::mark_paid(&number);
                    leptos::task::spawn_local(async move {
                        let result: ApiResult<()> = request.await;
                        match result {
                            Ok(()) => refresh.update(|n| *n += 1),
                            Err(e) => error.set(Some(e)),
                        }
                        pending.set(false);
                    });
                }
            };
            view! {
                <tr data-testid="staff-order">
                    <td><strong>{number.clone()}</strong><br/><span class="muted small">{shared::time::iso_date(o.created_at)}</span></td>
                    <td class="staff-table__email">{o.email.clone()}</td>
                    <td>{i18n::order_status(locale, o.status)}<br/><span class="muted small">{i18n::payment_method(locale, o.payment_method)}</span></td>
                    <td class="num">{o.total.to_string()}</td>
                    <td class="num">
                        {o.awaits_transfer().then(|| view! {
                            <button type="button" class="button button--ghost" disabled=move || pending.get() on:click=mark data-testid="mark-paid">
                                {Msg::MarkPaid.text(locale)}
                            </button>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="staff-table">
                <thead><tr>
                    <th>{Msg::Order.text(locale)}</th><th>{Msg::Email.text(locale)}</th>
                    <th>{Msg::Status.text(locale)}</th><th class="num">{Msg::Total.text(locale)}</th><th></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
