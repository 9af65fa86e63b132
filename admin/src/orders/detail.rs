//! One order (订单详情): its lines and totals, address, shipments, the whole history with who
//! and when, internal notes, the buyer's other orders — and the actions its state allows
//! (allocate, hold / release, cancel), each asking for a reason where the history needs one.

use super::text::{self, O};
use crate::fulfilment::text::{self as ftext, F};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_page, Crumb};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::checkout::Address;
use shared::orders::{allocation_refusal, EventView, OrderDetail, OrderStatus};
use shared::staff::{Page, Permission};
use ui::i18n::{t, use_locale, Translate};

#[component]
pub fn OrderDetailPage() -> impl IntoView {
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let refresh = RwSignal::new(0_u32);
    let order = LocalResource::new(move || {
        refresh.track();
        let n = number();
        async move { crate::api::order(&n).await }
    });
    use_page(move |l| {
        vec![
            Crumb::link(crate::text::page(l, Page::Orders), "/admin/orders"),
            Crumb::here(number()),
        ]
    });
    view! {
        {loaded(order, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |o: OrderDetail| {
            view! { <Order order=o refresh/> }
        })}
    }
}

/// The names of the statuses of the record a [`Timeline`] belongs to, by their stored codes.
pub type StatusNames = fn(shared::Locale, &str) -> Option<&'static str>;

/// An order's events (or a shipment's, a return's…): newest last, with who and when.
#[component]
pub fn Timeline(
    events: Vec<EventView>,
    /// The record's own status names (a return's); an order's or a shipment's otherwise.
    #[prop(optional)]
    names: Option<StatusNames>,
) -> impl IntoView {
    let locale = use_locale();
    let items = events
        .into_iter()
        .map(|e| {
            let who = e.actor_name.clone().unwrap_or_else(|| e.actor.clone());
            let moved = e.from_status.as_deref() != Some(e.to_status.as_str());
            let at = e.at;
            let about = e.about.clone();
            let said = move || {
                let system = about.as_ref().map(|n| ui::history::note_text(locale.get(), n));
                match (system, e.note.is_empty()) {
                    (Some(s), true) => s,
                    (Some(s), false) => format!("{s} · {}", e.note),
                    (None, _) => e.note.clone(),
                }
            };
            view! {
                <li class="timeline__item" data-testid="timeline-item">
                    <span class="timeline__when">{move || ui::format::date_time(locale.get(), at)}</span>
                    <span class="timeline__what">
                        {moved.then(|| view! { <span class=format!("tag tag--{}", e.to_status)>{status_name(locale, e.to_status.clone(), names)}</span> })}
                        " " {said}
                    </span>
                    <span class="timeline__who muted small">{who}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="timeline">{items}</ol> }
}

/// The name of a stored status (the record's own by `names`, else an order's or a
/// shipment's), in the interface's language.
fn status_name(
    locale: Memo<shared::Locale>,
    code: String,
    names: Option<StatusNames>,
) -> impl Fn() -> String {
    move || {
        let l = locale.get();
        if let Some(name) = names.and_then(|n| n(l, &code)) {
            name.to_string()
        } else if let Some(s) = OrderStatus::parse(&code) {
            text::status(l, s).to_string()
        } else if let Some(s) = shared::fulfilment::ShipmentStatus::parse(&code) {
            ftext::shipment_status(l, s).to_string()
        } else {
            code.clone()
        }
    }
}

/// Recipient, phone and address lines of an order's address.
pub fn address_lines(a: &Address, region: Option<&str>) -> (String, String, String) {
    match a {
        Address::China {
            recipient,
            phone,
            detail,
            ..
        } => (
            recipient.clone(),
            phone.clone(),
            format!("{} {detail}", region.unwrap_or_default())
                .trim()
                .to_string(),
        ),
        Address::International {
            recipient,
            phone,
            country,
            lines,
        } => (
            recipient.clone(),
            phone.clone(),
            format!("{lines}, {country}"),
        ),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Act {
    Hold,
    Release,
    Cancel,
}

impl Act {
    fn path(self) -> &'static str {
        match self {
            Act::Hold => "hold",
            Act::Release => "release",
            Act::Cancel => "cancel",
        }
    }

    fn label(self) -> O {
        match self {
            Act::Hold => O::Hold,
            Act::Release => O::Release,
            Act::Cancel => O::Cancel,
        }
    }
}

#[component]
fn Order(order: OrderDetail, refresh: RwSignal<u32>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let session = use_session();
    let number = order.number.to_string();
    let status = order.status;
    let shipped = order.shipments.iter().any(|s| {
        !s.status.holds_stock() && s.status != shared::fulfilment::ShipmentStatus::Cancelled
    });
    let can_allocate = session.can(Permission::AllocateOrders)
        && allocation_refusal(status, order.payment_method, order.on_hold, order.allocated)
            .is_none();
    let can_manage = session.can(Permission::ManageOrders);
    let acts: Vec<Act> = if can_manage {
        let mut a = Vec::new();
        if order.on_hold {
            a.push(Act::Release);
        } else if status.can_hold() {
            a.push(Act::Hold);
        }
        if status.can_transition(OrderStatus::Cancelled) && !shipped {
            a.push(Act::Cancel);
        }
        a
    } else {
        Vec::new()
    };
    // the action whose reason is being written
    let asking = RwSignal::new(None::<Act>);
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let n = number.clone();
    let allocate = move |_| {
        let n = n.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let l = locale.get_untracked();
            match crate::api::allocate(&n).await {
                Ok(a) => {
                    toasts.say(format!("{} · {}", F::Allocated.text(l), a.shipments.len()));
                    refresh.update(|x| *x += 1);
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
            busy.set(false);
        });
    };
    let n = number.clone();
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(act) = asking.get_untracked() else {
            return;
        };
        let (n, why) = (n.clone(), reason.get_untracked());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let l = locale.get_untracked();
            match crate::api::order_action(&n, act.path(), &why).await {
                Ok(()) => {
                    toasts.say(act.label().text(l));
                    asking.set(None);
                    reason.set(String::new());
                    refresh.update(|x| *x += 1);
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
            busy.set(false);
        });
    };
    let action_buttons = acts
        .into_iter()
        .map(|a| {
            let class = if a == Act::Cancel {
                "btn btn--bad btn--small"
            } else {
                "btn btn--ghost btn--small"
            };
            view! {
                <button type="button" class=class data-testid=format!("order-{}", a.path())
                    on:click=move |_| asking.set(Some(a))>{t(a.label())}</button>
            }
        })
        .collect_view();
    let (recipient, phone, address) = address_lines(&order.address, order.region.as_deref());
    let totals = order.totals;
    let lines = order
        .lines
        .iter()
        .map(|l| {
            let name = l.name.clone();
            view! {
                <tr>
                    <td class="mono">{l.sku.clone()}</td>
                    <td>{move || name.get(locale.get()).to_string()}</td>
                    <td class="num">{ui::format::money(l.unit_price)}</td>
                    <td class="num">{l.quantity}</td>
                    <td class="num">{ui::format::money(l.line_total)}</td>
                </tr>
            }
        })
        .collect_view();
    let shipments = order
        .shipments
        .iter()
        .map(|s| {
            let st = s.status;
            view! {
                <tr data-testid="order-shipment">
                    <td><a href=format!("/admin/fulfilment/shipments/{}", s.id)>{format!("#{}", s.id)}</a></td>
                    <td>{s.warehouse_code.clone()}</td>
                    <td><span class=format!("tag tag--{}", st.as_str())>{move || ftext::shipment_status(locale.get(), st)}</span>
                        {s.short.then(|| view! { " " <span class="tag tag--cancelled">{t(F::Short)}</span> })}</td>
                    <td class="num">{s.units}</td>
                    <td class="mono">{s.tracking_number.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let has_shipments = !order.shipments.is_empty();
    let notes = order
        .notes
        .iter()
        .map(|note| {
            let at = note.at;
            view! {
                <li class="note" data-testid="order-note">
                    <p>{note.body.clone()}</p>
                    <p class="muted small">{note.author.clone()} " · " {move || ui::format::date_time(locale.get(), at)}</p>
                </li>
            }
        })
        .collect_view();
    let others = order
        .other_orders
        .iter()
        .map(|o| {
            let st = o.status;
            let created = o.created_at;
            view! {
                <li><a class="mono" href=format!("/admin/orders/{}", o.number)>{o.number.to_string()}</a>
                    " " <span class=format!("tag tag--{}", st.as_str())>{move || text::status(locale.get(), st)}</span>
                    " " <span class="muted small">{move || ui::format::date(locale.get(), created)}</span>
                    " " {ui::format::money(o.total)}</li>
            }
        })
        .collect_view();
    let draft = RwSignal::new(String::new());
    let n = number.clone();
    let add_note = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (n, body) = (n.clone(), draft.get_untracked());
        leptos::task::spawn_local(async move {
            let l = locale.get_untracked();
            match crate::api::add_note(&n, &body).await {
                Ok(()) => {
                    draft.set(String::new());
                    toasts.say(O::NoteAdded.text(l));
                    refresh.update(|x| *x += 1);
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
        });
    };
    let method = order.payment_method;
    let created = order.created_at;
    let editing = RwSignal::new(false);
    let can_readdress = can_manage && status.can_hold() && !shipped;
    let number_for_address = number.clone();
    let address_now = order.address.clone();
    view! {
        <header class="page-head page-head--row">
            <div>
                <h1 class="mono" data-testid="order-number">{number.clone()}</h1>
                <p>
                    <span class=format!("tag tag--{}", status.as_str()) data-testid="order-status">{move || text::status(locale.get(), status)}</span>
                    {order.on_hold.then(|| view! { " " <span class="tag tag--pending_payment" data-testid="order-held">{t(O::OnHold)}</span> })}
                    {order.short_pick.then(|| view! { " " <span class="tag tag--cancelled">{t(F::Short)}</span> })}
                    " " <span class="muted">{move || ui::format::date_time(locale.get(), created)}</span>
                </p>
            </div>
            <div class="row">
                {can_allocate.then(|| view! {
                    <button type="button" class="btn btn--small" data-testid="order-allocate" disabled=move || busy.get() on:click=allocate>{t(F::Allocate)}</button>
                })}
                {action_buttons}
            </div>
        </header>
        <form class="panel reason-form" on:submit=confirm data-testid="reason-form" hidden=move || asking.get().is_none()>
                <label class="field__label" for="reason">{move || asking.get().map(|a| a.label().text(locale.get())).unwrap_or_default()} " · " {t(O::Reason)}</label>
                <input id="reason" class="input" required maxlength="500" prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev)) data-testid="reason-input"/>
                <div class="row">
                    <button class="btn btn--small" type="submit" disabled=move || busy.get() || reason.get().trim().is_empty() data-testid="reason-confirm">{t(O::Confirm)}</button>
                    <button class="btn btn--ghost btn--small" type="button" on:click=move |_| asking.set(None)>{t(crate::text::T::Cancel)}</button>
                </div>
        </form>
        <div class="order-grid">
            <section class="panel order-grid__wide">
                <h2>{t(O::Lines)}</h2>
                <div class="table-wrap"><table class="table">
                    <thead><tr><th>{t(F::Sku)}</th><th>{t(F::Item)}</th><th class="num">{t(O::UnitPrice)}</th><th class="num">{t(F::Ordered)}</th><th class="num">{t(O::Total)}</th></tr></thead>
                    <tbody>{lines}</tbody>
                </table></div>
                <dl class="facts facts--totals">
                    <dt>{t(O::Items)}</dt><dd class="num">{ui::format::money(totals.items)}</dd>
                    <dt>{t(O::Discount)}</dt><dd class="num">{ui::format::money(totals.discount)}</dd>
                    <dt>{t(O::Shipping)}</dt><dd class="num">{ui::format::money(totals.shipping)}</dd>
                    <dt><strong>{t(O::Total)}</strong></dt><dd class="num"><strong>{ui::format::money(totals.total)}</strong></dd>
                </dl>
            </section>
            <section class="panel order-grid__wide">
                <h2>{t(F::Shipments)}</h2>
                {if has_shipments {
                    view! {
                        <div class="table-wrap"><table class="table" data-testid="order-shipments">
                            <thead><tr><th>{t(F::Shipment)}</th><th>{t(F::Warehouse)}</th><th>{t(F::Status)}</th><th class="num">{t(F::Units)}</th><th>{t(F::Tracking)}</th></tr></thead>
                            <tbody>{shipments}</tbody>
                        </table></div>
                    }.into_any()
                } else {
                    view! { <p class="muted">{t(O::NotAllocatedYet)}</p> }.into_any()
                }}
            </section>
            <section class="panel">
                <div class="panel-head">
                    <h2>{t(F::To)}</h2>
                    {can_readdress.then(|| view! {
                        <button type="button" class="btn btn--ghost btn--small" data-testid="address-edit"
                            on:click=move |_| editing.update(|e| *e = !*e)>{t(O::ChangeAddress)}</button>
                    })}
                </div>
                {move || editing.get().then(|| view! {
                    <super::address::AddressForm number=number_for_address.clone() address=address_now.clone() open=editing refresh/>
                })}
                <p><strong>{recipient}</strong> " " <span class="mono">{phone}</span></p>
                <p>{address}</p>
                <dl class="facts">
                    <dt>{t(O::Buyer)}</dt><dd>{order.email.clone()}</dd>
                    <dt>{t(O::Payment)}</dt><dd>{move || text::payment(locale.get(), method)}</dd>
                    <dt>{t(F::ShipBy)}</dt><dd>{order.shipping_method.clone()}</dd>
                    {order.coupon_code.clone().map(|c| view! { <dt>{t(O::Coupon)}</dt><dd class="mono">{c}</dd> })}
                </dl>
            </section>
            <super::refunds::Refunds number=number.clone() order=order.clone() refresh/>
            <section class="panel">
                <h2>{t(F::History)}</h2>
                <Timeline events=order.events.clone()/>
            </section>
            <section class="panel">
                <h2>{t(O::Notes)}</h2>
                <ul class="notes">{notes}</ul>
                {can_manage.then(|| view! {
                    <form class="form" on:submit=add_note data-testid="note-form">
                        <textarea class="input" rows="3" maxlength="2000" prop:value=move || draft.get()
                            on:input=move |ev| draft.set(event_target_value(&ev)) data-testid="note-input"></textarea>
                        <button class="btn btn--small" type="submit" disabled=move || draft.get().trim().is_empty()>{t(O::AddNote)}</button>
                    </form>
                })}
            </section>
            <section class="panel">
                <h2>{t(O::OtherOrders)}</h2>
                <ul class="plain-list">{others}</ul>
            </section>
        </div>
    }
}
