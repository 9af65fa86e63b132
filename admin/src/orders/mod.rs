//! 订单与履约: the order list. Filters (status, payment method, awaiting a transfer),
//! search, sort and page live in the URL; bank transfers are recorded one by one or for
//! the selected orders at once.

mod address;
pub mod detail;
mod refunds;
pub(crate) mod text;

use crate::kit::list::{
    options, BulkBar, Empty, FilterSelect, ListUrl, Pagination, RowCheck, SearchBox, SelectAll,
    Selection, SortHeader,
};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_page, Crumb};
use crate::session::use_session;
use leptos::prelude::*;
use shared::checkout::PaymentMethod;
use shared::list::Paged;
use shared::orders::{OrderListQuery, OrderRow, OrderStatus};
use shared::staff::{Page, Permission};
use shared::ApiError;
use text::O;
use ui::i18n::{t, use_locale, Translate};

fn query(url: ListUrl) -> OrderListQuery {
    OrderListQuery {
        status: url.parse("status"),
        payment_method: url.parse("payment_method"),
        awaiting_transfer: url.flag("awaiting_transfer"),
        awaiting_allocation: url.flag("awaiting_allocation"),
        from: url.get("from"),
        to: url.get("to"),
        warehouse: url.number("warehouse").map(shared::ids::WarehouseId),
        shipping_method: url.get("shipping_method"),
        province: url.get("province"),
        q: url.get("q"),
        sort: url.parse("sort"),
        dir: url.parse("dir"),
        page: url.number("page"),
        page_size: url.number("page_size"),
    }
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| vec![Crumb::here(crate::text::page(l, Page::Orders))]);
    let url = crate::kit::list::use_list_url();
    let refresh = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        refresh.track();
        crate::api::orders(&query(url))
    });
    let selection = Selection::new();
    let status_options = options(&OrderStatus::ALL, OrderStatus::as_str, text::status);
    let payment_options = options(&PaymentMethod::ALL, PaymentMethod::as_str, text::payment);
    let awaiting = move || url.flag("awaiting_transfer").unwrap_or(false);
    let unallocated = move || url.flag("awaiting_allocation").unwrap_or(false);
    // the choices of the filters that come from the shop's data
    let choices = LocalResource::new(move || async move {
        let provinces = crate::api::provinces().await.unwrap_or_default();
        let methods = crate::api::shipping_methods().await.unwrap_or_default();
        let warehouses = crate::api::warehouses().await.unwrap_or_default();
        (provinces, methods, warehouses)
    });
    let province_options = Signal::derive(move || {
        choices
            .get()
            .map(|(p, _, _)| p.into_iter().map(|d| (d.code, d.name)).collect())
            .unwrap_or_default()
    });
    let method_options = Signal::derive(move || {
        let l = locale.get();
        choices
            .get()
            .map(|(_, m, _)| {
                m.into_iter()
                    .map(|m| (m.code.clone(), m.name.get(l).to_string()))
                    .collect()
            })
            .unwrap_or_default()
    });
    let warehouse_options = Signal::derive(move || {
        choices
            .get()
            .map(|(_, _, w)| {
                w.into_iter()
                    .map(|w| (w.id.0.to_string(), w.code))
                    .collect()
            })
            .unwrap_or_default()
    });
    let date = move |key: &'static str| {
        view! {
            <label class="filter">
                <span class="filter__label">{t(if key == "from" { O::From } else { O::To })}</span>
                <input class="input" type="date" prop:value=move || url.get(key).unwrap_or_default() data-testid=format!("filter-{key}")
                    on:change=move |ev| { let v = event_target_value(&ev); url.set(&[(key, (!v.is_empty()).then_some(v))], false) }/>
            </label>
        }
    };
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::Orders)}</h1>
        </header>
        <div class="toolbar">
            <SearchBox url placeholder=Signal::derive(t(O::SearchPlaceholder))/>
            <FilterSelect url key="status" label=Signal::derive(t(O::Status)) options=status_options/>
            <FilterSelect url key="payment_method" label=Signal::derive(t(O::Payment)) options=payment_options/>
            <FilterSelect url key="province" label=Signal::derive(t(O::Province)) options=province_options/>
            <FilterSelect url key="shipping_method" label=Signal::derive(t(O::Delivery)) options=method_options/>
            <FilterSelect url key="warehouse" label=Signal::derive(t(O::Warehouse)) options=warehouse_options/>
            {date("from")}
            {date("to")}
            <label class="check-filter">
                <input type="checkbox" prop:checked=awaiting data-testid="filter-awaiting"
                    on:change=move |_| url.set(&[("awaiting_transfer", (!awaiting()).then(|| "true".to_string()))], false)/>
                {t(O::AwaitingTransfer)}
            </label>
            <label class="check-filter">
                <input type="checkbox" prop:checked=unallocated data-testid="filter-unallocated"
                    on:change=move |_| url.set(&[("awaiting_allocation", (!unallocated()).then(|| "true".to_string()))], false)/>
                {t(O::AwaitingAllocation)}
            </label>
        </div>
        <Views/>
        {loaded(list, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |page| {
            view! { <OrderTable page url selection refresh/> }
        })}
    }
}

/// Records bank transfers and says what happened.
#[derive(Clone, Copy)]
struct MarkPaid {
    toasts: crate::kit::toast::Toasts,
    locale: Memo<shared::Locale>,
    selection: Selection,
    refresh: RwSignal<u32>,
}

impl MarkPaid {
    fn run(self, numbers: Vec<String>) {
        leptos::task::spawn_local(async move {
            let l = self.locale.get_untracked();
            match crate::api::mark_paid(numbers).await {
                Ok(outcomes) => {
                    let done = outcomes.iter().filter(|o| o.done).count();
                    let failed: Vec<String> = outcomes
                        .iter()
                        .filter(|o| !o.done)
                        .map(|o| o.number.clone())
                        .collect();
                    if done > 0 {
                        self.toasts
                            .say(format!("{} · {done}", O::MarkedPaid.text(l)));
                    }
                    if !failed.is_empty() {
                        self.toasts.warn(format!(
                            "{}: {}",
                            O::NotMarked.text(l),
                            failed.join(", ")
                        ));
                    }
                    self.selection.clear();
                    self.refresh.update(|n| *n += 1);
                }
                Err(e) => self.toasts.warn(crate::text::error(l, &e)),
            }
        });
    }
}

#[component]
fn OrderTable(
    page: Paged<OrderRow>,
    url: ListUrl,
    selection: Selection,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let can_mark = move || session.can(Permission::MarkOrderPaid);
    if page.items.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    // only orders waiting for a transfer can be selected
    let keys: Vec<String> = page
        .items
        .iter()
        .filter(|o| o.awaits_transfer())
        .map(|o| o.number.to_string())
        .collect();
    let marker = MarkPaid {
        toasts: use_toasts(),
        locale,
        selection,
        refresh,
    };
    let rows = page
        .items
        .iter()
        .map(|o| {
            let number = o.number.to_string();
            let awaits = o.awaits_transfer();
            let this = number.clone();
            let (status, method, total) = (o.status, o.payment_method, o.total);
            let (created, pay_by, email) = (o.created_at, o.pay_by, o.email.clone());
            view! {
                <tr data-testid="order-row">
                    {if awaits && can_mark() {
                        view! { <RowCheck selection key=number.clone()/> }.into_any()
                    } else {
                        view! { <td class="check"></td> }.into_any()
                    }}
                    <td><a class="mono strong" href=format!("/admin/orders/{number}") data-testid="order-link">{number.clone()}</a></td>
                    <td class="nowrap">{move || ui::format::date_time(locale.get(), created)}</td>
                    <td class="ellipsis">{email}</td>
                    <td><span class=format!("tag tag--{}", status.as_str())>{move || text::status(locale.get(), status)}</span></td>
                    <td>{move || text::payment(locale.get(), method)}
                        {pay_by.filter(|_| awaits).map(|p| view! {
                            <br/><span class="muted small">{move || format!("{} {}", O::PayBy.text(locale.get()), ui::format::date_time(locale.get(), p))}</span>
                        })}
                    </td>
                    <td class="num">{ui::format::money(total)}</td>
                    <td class="num">
                        {(awaits && can_mark()).then(|| view! {
                            <button type="button" class="btn btn--small" data-testid="mark-paid" on:click=move |_| marker.run(vec![this.clone()])>
                                {t(O::MarkPaid)}
                            </button>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let (total, number, size) = (page.total, page.page, page.page_size);
    view! {
        <BulkBar selection>
            <button type="button" class="btn btn--small" data-testid="bulk-mark-paid" on:click=move |_| marker.run(selection.keys())>
                {t(O::MarkSelectedPaid)}
            </button>
        </BulkBar>
        <div class="table-wrap">
            <table class="table" data-testid="orders-table">
                <thead><tr>
                    {if can_mark() { view! { <SelectAll selection keys=keys.clone()/> }.into_any() } else { view! { <th class="check"></th> }.into_any() }}
                    <SortHeader url label=Signal::derive(t(O::Order)) key="number" default_sort="created_at" first_dir="asc"/>
                    <SortHeader url label=Signal::derive(t(O::Placed)) key="created_at" default_sort="created_at" first_dir="desc"/>
                    <th>{t(O::Buyer)}</th>
                    <th>{t(O::Status)}</th>
                    <th>{t(O::Payment)}</th>
                    <SortHeader url label=Signal::derive(t(O::Total)) key="total" default_sort="created_at" first_dir="desc" class="num"/>
                    <th class="num"><span class="sr-only">{t(crate::text::T::Actions)}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pagination url total page=number page_size=size/>
    }
    .into_any()
}

/// How many bank transfers wait (for the start page), `None` without the permission.
pub async fn awaiting_transfers() -> Result<i64, ApiError> {
    let q = OrderListQuery {
        awaiting_transfer: Some(true),
        page_size: Some(1),
        ..Default::default()
    };
    crate::api::orders(&q).await.map(|p| p.total)
}

/// My saved views of the list: each opens its filters; the filters shown now can be kept
/// under a name.
#[component]
fn Views() -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let refresh = RwSignal::new(0_u32);
    let views = LocalResource::new(move || {
        refresh.track();
        crate::api::my_views(shared::views::ViewPage::Orders)
    });
    let name = RwSignal::new(String::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let query = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let n = name.get_untracked();
        leptos::task::spawn_local(async move {
            let l = locale.get_untracked();
            match crate::api::save_view(shared::views::ViewPage::Orders, &n, &query).await {
                Ok(_) => {
                    toasts.say(O::ViewSaved.text(l));
                    name.set(String::new());
                    refresh.update(|x| *x += 1);
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
        });
    };
    let forget = move |id: i64| {
        leptos::task::spawn_local(async move {
            if let Err(e) = crate::api::delete_view(id).await {
                toasts.warn(crate::text::error(locale.get_untracked(), &e));
            }
            refresh.update(|x| *x += 1);
        });
    };
    view! {
        <div class="views" data-testid="saved-views">
            {move || views.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|v| {
                let id = v.id;
                view! {
                    <span class="chip">
                        <a href=format!("/admin/orders?{}", v.query) data-testid="saved-view">{v.name.clone()}</a>
                        <button type="button" class="chip__x" aria-label=move || O::ForgetView.text(locale.get()) on:click=move |_| forget(id)>"×"</button>
                    </span>
                }
            }).collect_view()}
            <form class="inline-form" on:submit=save>
                <input class="input input--small" maxlength="40" required placeholder=move || O::ViewName.text(locale.get())
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) data-testid="view-name"/>
                <button class="btn btn--ghost btn--small" type="submit" data-testid="save-view">{t(O::SaveView)}</button>
            </form>
        </div>
    }
}
