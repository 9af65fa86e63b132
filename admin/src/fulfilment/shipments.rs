//! Shipments (发货单): the list by status and warehouse, and one shipment with the step its
//! status allows — move to another warehouse (allocated), pack (picked: carton and weight),
//! ship (packed: carrier and tracking number), mark delivered (shipped) — its lines, its
//! history, and links to its printable label and packing slip.

use super::text::{self, F};
use crate::kit::list::{options, use_list_url, Empty, FilterSelect, ListUrl, Pagination};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_page};
use crate::orders::detail::{address_lines, Timeline};
use crate::session::use_session;
use leptos::prelude::*;
use shared::fulfilment::{
    Carrier, PackShipment, PackageSize, ShipShipment, ShipmentDetail, ShipmentQuery, ShipmentRow,
    ShipmentStatus, WarehouseView,
};
use shared::ids::WarehouseId;
use shared::list::Paged;
use shared::staff::{Page, Permission};
use ui::i18n::{t, use_locale, Translate};

fn query(url: ListUrl) -> ShipmentQuery {
    ShipmentQuery {
        status: url.parse("status"),
        warehouse: url.number("warehouse").map(WarehouseId),
        page: url.number("page"),
        page_size: url.number("page_size"),
    }
}

#[component]
pub fn ShipmentsPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| super::crumbs(l, Some(Page::Shipments), None));
    let url = use_list_url();
    let list = LocalResource::new(move || crate::api::shipments(&query(url)));
    let statuses = options(
        ShipmentStatus::ALL,
        ShipmentStatus::as_str,
        text::shipment_status,
    );
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::Shipments)}</h1>
        </header>
        <div class="toolbar">
            <FilterSelect url key="status" label=Signal::derive(t(F::Status)) options=statuses/>
        </div>
        {loaded(list, None, move |page: Paged<ShipmentRow>| view! { <ShipmentTable page url/> })}
    }
}

#[component]
fn ShipmentTable(page: Paged<ShipmentRow>, url: ListUrl) -> impl IntoView {
    let locale = use_locale();
    if page.items.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let (total, number, size) = (page.total, page.page, page.page_size);
    let rows = page
        .items
        .into_iter()
        .map(|s| {
            let (st, updated) = (s.status, s.updated_at);
            let carrier = s.carrier;
            view! {
                <tr data-testid="shipment-row">
                    <td><a class="strong" href=format!("/admin/fulfilment/shipments/{}", s.id)>{format!("#{}", s.id)}</a></td>
                    <td><a class="mono" href=format!("/admin/orders/{}", s.order)>{s.order.to_string()}</a></td>
                    <td class="mono">{s.warehouse_code.clone()}</td>
                    <td><span class=format!("tag tag--{}", st.as_str())>{move || text::shipment_status(locale.get(), st)}</span>
                        {s.short.then(|| view! { " " <span class="tag tag--cancelled">{t(F::Short)}</span> })}</td>
                    <td class="num">{s.units}</td>
                    <td>{s.recipient.clone()}</td>
                    <td>{move || carrier.map(|c| text::carrier(locale.get(), c))} " " <span class="mono">{s.tracking_number.clone()}</span></td>
                    <td class="nowrap">{move || ui::format::date_time(locale.get(), updated)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table" data-testid="shipments-table">
            <thead><tr>
                <th>{t(F::Shipment)}</th><th>{t(crate::orders::text::O::Order)}</th><th>{t(F::Warehouse)}</th>
                <th>{t(F::Status)}</th><th class="num">{t(F::Units)}</th><th>{t(F::Recipient)}</th>
                <th>{t(F::Tracking)}</th><th>{t(F::Created)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
        <Pagination url total page=number page_size=size/>
    }
    .into_any()
}

#[component]
pub fn ShipmentPage() -> impl IntoView {
    let id = crate::kit::use_id_param("id");
    let refresh = RwSignal::new(0_u32);
    let data = LocalResource::new(move || {
        refresh.track();
        let id = id();
        async move {
            let shipment = crate::api::shipment(id).await?;
            let warehouses = crate::api::warehouses().await?;
            let carriers = crate::api::carriers()
                .await
                .map(|c| c.enabled)
                .unwrap_or_else(|_| Carrier::ALL.to_vec());
            // the own fleet's slots for this address (none when the fleet does not go there)
            let division = match &shipment.address {
                shared::checkout::Address::China { division_code, .. } => division_code.clone(),
                shared::checkout::Address::International { .. } => String::new(),
            };
            let zones: Vec<_> = crate::api::fleet()
                .await
                .map(|f| f.zones)
                .unwrap_or_default()
                .into_iter()
                .filter(|z| z.warehouse == shipment.row.warehouse)
                .collect();
            let slots = shared::fleet::zone_for(&zones, &division)
                .map(|z| z.slots.clone())
                .unwrap_or_default();
            Ok((shipment, warehouses, carriers, slots))
        }
    });
    use_page(move |l| super::crumbs(l, Some(Page::Shipments), Some(format!("#{}", id()))));
    view! {
        {loaded(data, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |(s, w, c, slots)| {
            view! { <Shipment shipment=s warehouses=w carriers=c slots refresh/> }
        })}
    }
}

/// Runs one shipment step and says how it went.
fn step<F, Fut>(locale: Memo<shared::Locale>, refresh: RwSignal<u32>, done: F, call: Fut)
where
    F: Fn(shared::Locale) -> String + 'static,
    Fut: std::future::Future<Output = ui::api::ApiResult<()>> + 'static,
{
    let toasts = use_toasts();
    leptos::task::spawn_local(async move {
        let l = locale.get_untracked();
        match call.await {
            Ok(()) => {
                toasts.say(done(l));
                refresh.update(|n| *n += 1);
            }
            Err(e) => toasts.warn(crate::text::error(l, &e)),
        }
    });
}

#[component]
fn Shipment(
    shipment: ShipmentDetail,
    warehouses: Vec<WarehouseView>,
    carriers: Vec<Carrier>,
    slots: Vec<shared::fleet::SlotView>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let id = shipment.row.id;
    let status = shipment.row.status;
    let (recipient, phone, address) = address_lines(&shipment.address, shipment.region.as_deref());
    // the step this status allows
    let others: Vec<WarehouseView> = warehouses
        .into_iter()
        .filter(|w| w.id != shipment.row.warehouse && w.seller == shipment.seller)
        .collect();
    let target = RwSignal::new(
        others
            .first()
            .map(|w| w.id.0.to_string())
            .unwrap_or_default(),
    );
    let package = RwSignal::new(PackageSize::Medium.as_str().to_string());
    let weight = RwSignal::new(String::new());
    let carrier = RwSignal::new(
        carriers
            .first()
            .copied()
            .unwrap_or(Carrier::SfExpress)
            .as_str()
            .to_string(),
    );
    let tracking = RwSignal::new(String::new());
    let slot = RwSignal::new(slots.first().map(|s| s.id.to_string()).unwrap_or_default());
    let move_it = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(w) = target.get_untracked().parse::<i64>() else {
            return;
        };
        step(
            locale,
            refresh,
            |l| F::Moved.text(l).into(),
            crate::api::reallocate(id, WarehouseId(w)),
        );
    };
    let pack = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let toasts = use_toasts();
        let (Some(p), Ok(g)) = (
            PackageSize::parse(&package.get_untracked()),
            weight.get_untracked().trim().parse::<u32>(),
        ) else {
            toasts.warn(F::WeightIsNumber.text(locale.get_untracked()));
            return;
        };
        step(
            locale,
            refresh,
            |l| F::Packed.text(l).into(),
            crate::api::pack(
                id,
                &PackShipment {
                    package: p,
                    weight_grams: g,
                },
            ),
        );
    };
    let ship = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(c) = Carrier::parse(&carrier.get_untracked()) else {
            return;
        };
        let typed = tracking.get_untracked();
        let req = ShipShipment {
            carrier: c,
            tracking_number: (!typed.trim().is_empty()).then_some(typed),
            slot: if c == Carrier::OwnFleet {
                slot.get_untracked().parse().ok()
            } else {
                None
            },
        };
        let toasts = use_toasts();
        leptos::task::spawn_local(async move {
            let l = locale.get_untracked();
            match crate::api::ship(id, &req).await {
                Ok(s) => {
                    toasts.say(format!("{} {}", F::ShippedAs.text(l), s.tracking_number));
                    refresh.update(|n| *n += 1);
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
        });
    };
    let deliver = move |_| {
        step(
            locale,
            refresh,
            |l| F::Delivered.text(l).into(),
            crate::api::deliver(id),
        )
    };
    // nothing found at picking: it can only go to another warehouse (or the order be cancelled)
    let picked: u32 = shipment.lines.iter().filter_map(|l| l.picked).sum();
    let action = match status {
        s if s.can_move(picked) && session.can(Permission::AllocateOrders) && !others.is_empty() => {
            let choices = others
                .iter()
                .map(|w| {
                    let name = w.name.clone();
                    let code = w.code.clone();
                    view! { <option value=w.id.0.to_string()>{move || format!("{code} {}", name.get(locale.get()))}</option> }
                })
                .collect_view();
            view! {
                <form class="form form--inline" on:submit=move_it data-testid="reallocate-form">
                    <label class="field__label" for="target">{t(F::MoveTo)}</label>
                    <select id="target" class="input" on:change=move |ev| target.set(event_target_value(&ev)) prop:value=move || target.get()>{choices}</select>
                    <button class="btn btn--small" type="submit">{t(F::Move)}</button>
                </form>
            }
            .into_any()
        }
        ShipmentStatus::Picked if session.can(Permission::PickAndPack) => {
            let sizes = PackageSize::ALL
                .iter()
                .map(|p| {
                    let p = *p;
                    view! { <option value=p.as_str()>{move || text::package(locale.get(), p)}</option> }
                })
                .collect_view();
            view! {
                <form class="form form--inline" on:submit=pack data-testid="pack-form">
                    <div class="field">
                        <label class="field__label" for="package">{t(F::Package)}</label>
                        <select id="package" class="input" prop:value=move || package.get() on:change=move |ev| package.set(event_target_value(&ev)) data-testid="pack-package">{sizes}</select>
                    </div>
                    <div class="field">
                        <label class="field__label" for="weight">{t(F::Weight)}</label>
                        <input id="weight" class="input input--small" type="number" min="1" max="50000" inputmode="numeric" required
                            prop:value=move || weight.get() on:input=move |ev| weight.set(event_target_value(&ev)) data-testid="pack-weight"/>
                    </div>
                    <button class="btn" type="submit" data-testid="pack">{t(F::Pack)}</button>
                </form>
            }
            .into_any()
        }
        ShipmentStatus::Packed if session.can(Permission::ShipOrders) => {
            let carriers = carriers
                .iter()
                .map(|c| {
                    let c = *c;
                    view! { <option value=c.as_str()>{move || text::carrier(locale.get(), c)}</option> }
                })
                .collect_view();
            view! {
                <form class="form form--inline" on:submit=ship data-testid="ship-form">
                    <div class="field">
                        <label class="field__label" for="carrier">{t(F::Carrier)}</label>
                        <select id="carrier" class="input" prop:value=move || carrier.get() on:change=move |ev| carrier.set(event_target_value(&ev)) data-testid="ship-carrier">{carriers}</select>
                    </div>
                    <div class="field">
                        <label class="field__label" for="tracking">{t(F::Tracking)}</label>
                        <input id="tracking" class="input input--code" maxlength="40" autocomplete="off"
                            prop:value=move || tracking.get() on:input=move |ev| tracking.set(event_target_value(&ev)) data-testid="ship-tracking"/>
                        <p class="field__hint">{t(F::TrackingHint)}</p>
                    </div>
                    {(!slots.is_empty()).then(|| {
                        let own = move || carrier.get() == Carrier::OwnFleet.as_str();
                        let options = slots
                            .iter()
                            .map(|s| {
                                let label = format!("{}–{}", shared::fleet::clock(s.starts), shared::fleet::clock(s.ends));
                                view! { <option value=s.id.to_string()>{label}</option> }
                            })
                            .collect_view();
                        view! {
                            <div class="field" hidden=move || !own()>
                                <label class="field__label" for="slot">{t(F::DeliverySlot)}</label>
                                <select id="slot" class="input" prop:value=move || slot.get()
                                    on:change=move |ev| slot.set(event_target_value(&ev)) data-testid="ship-slot">{options}</select>
                            </div>
                        }
                    })}
                    <button class="btn" type="submit" data-testid="ship">{t(F::Ship)}</button>
                </form>
            }
            .into_any()
        }
        ShipmentStatus::Shipped if session.can(Permission::ShipOrders) => view! {
            <button type="button" class="btn" data-testid="deliver" on:click=deliver>{t(F::Deliver)}</button>
        }
        .into_any(),
        _ => ().into_any(),
    };
    let printable = matches!(
        status,
        ShipmentStatus::Packed | ShipmentStatus::Shipped | ShipmentStatus::Delivered
    );
    let lines = shipment
        .lines
        .iter()
        .map(|l| {
            let name = l.name.clone();
            let short = l.picked.is_some_and(|p| p < l.quantity);
            view! {
                <tr class:row--short=short>
                    <td class="mono">{l.bin.clone().unwrap_or_default()}</td>
                    <td class="mono">{l.sku.clone()}</td>
                    <td>{move || name.get(locale.get()).to_string()}</td>
                    <td class="num">{l.quantity}</td>
                    <td class="num">{l.picked.map(|p| p.to_string()).unwrap_or_else(|| "—".into())}</td>
                </tr>
            }
        })
        .collect_view();
    let warehouse_name = shipment.warehouse_name.clone();
    let order = shipment.row.order.to_string();
    view! {
        <header class="page-head page-head--row">
            <div>
                <h1>{t(F::Shipment)} " #" {id}</h1>
                <p>
                    <span class=format!("tag tag--{}", status.as_str()) data-testid="shipment-status">{move || text::shipment_status(locale.get(), status)}</span>
                    {shipment.row.short.then(|| view! { " " <span class="tag tag--cancelled">{t(F::Short)}</span> })}
                    " " <a class="mono" href=format!("/admin/orders/{order}")>{order.clone()}</a>
                    " · " <span class="mono">{shipment.row.warehouse_code.clone()}</span> " " {move || warehouse_name.get(locale.get()).to_string()}
                </p>
            </div>
            {printable.then(|| view! {
                <div class="row">
                    <a class="btn btn--ghost btn--small" href=format!("/admin/fulfilment/shipments/{id}/label") data-testid="label-link">{t(F::Label)}</a>
                    <a class="btn btn--ghost btn--small" href=format!("/admin/fulfilment/shipments/{id}/slip")>{t(F::PackingSlip)}</a>
                </div>
            })}
        </header>
        <section class="panel">{action}</section>
        <div class="order-grid">
            <section class="panel order-grid__wide">
                <div class="table-wrap"><table class="table" data-testid="shipment-lines">
                    <thead><tr><th>{t(F::Bin)}</th><th>{t(F::Sku)}</th><th>{t(F::Item)}</th><th class="num">{t(F::Ordered)}</th><th class="num">{t(F::Picked)}</th></tr></thead>
                    <tbody>{lines}</tbody>
                </table></div>
            </section>
            <section class="panel">
                <h2>{t(F::To)}</h2>
                <p><strong>{recipient}</strong> " " <span class="mono">{phone}</span></p>
                <p>{address}</p>
                <dl class="facts">
                    <dt>{t(F::ShipBy)}</dt><dd>{shipment.shipping_method.clone()}</dd>
                    {shipment.row.carrier.map(|c| view! { <dt>{t(F::Carrier)}</dt><dd>{move || text::carrier(locale.get(), c)}</dd> })}
                    {shipment.row.tracking_number.clone().map(|n| view! { <dt>{t(F::Tracking)}</dt><dd class="mono" data-testid="shipment-tracking">{n}</dd> })}
                    {shipment.package.map(|p| view! { <dt>{t(F::Package)}</dt><dd>{move || text::package(locale.get(), p)}</dd> })}
                    {shipment.weight_grams.map(|g| view! { <dt>{t(F::Weight)}</dt><dd>{g}</dd> })}
                    {shipment.row.pick_list.map(|p| view! { <dt>{t(F::PickList)}</dt><dd><a href=format!("/admin/fulfilment/pick-lists/{p}")>{format!("#{p}")}</a></dd> })}
                </dl>
            </section>
            <section class="panel">
                <h2>{t(F::History)}</h2>
                <Timeline events=shipment.events.clone()/>
            </section>
        </div>
    }
}
