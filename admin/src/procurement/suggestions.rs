//! 采购建议: what to buy, from whom and by when — each item whose projected stock falls to
//! its reorder point, with its position (on hand, reserved, on order, a month's use), the
//! supplier chosen, the quantity suggested (changeable here), its cost and the day to
//! order by. The rows picked become draft purchase orders, one per supplier, for the
//! warehouse chosen.

use super::text::{self, Pc};
use super::{first_warehouse, whole, WarehouseSelect};
use crate::kit::form::{FormError, FormErrors};
use crate::kit::list::{SelectAll, Selection};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_go, use_page};
use crate::session::use_session;
use leptos::prelude::*;
use shared::fulfilment::WarehouseView;
use shared::ids::WarehouseId;
use shared::procurement::purchasing::{ChosenSuggestion, FromSuggestions, SuggestionView};
use shared::staff::{Page, Permission};
use ui::i18n::{t, use_locale, Translate};

#[component]
pub fn SuggestionsPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| super::crumbs(l, Page::PurchaseSuggestions, None));
    let refresh = RwSignal::new(0_u32);
    let data = LocalResource::new(move || {
        refresh.track();
        async move {
            let warehouses = crate::api::warehouses().await?;
            let suggestions = crate::api::suggestions().await?;
            Ok((warehouses, suggestions))
        }
    });
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::PurchaseSuggestions)}</h1>
            <p class="muted">{t(Pc::SuggestionsIntro)}</p>
        </header>
        {loaded(data, Some(Callback::new(move |()| refresh.update(|n| *n += 1))),
            move |(warehouses, suggestions): (Vec<WarehouseView>, Vec<SuggestionView>)| {
                view! { <Suggestions warehouses suggestions/> }
            })}
    }
}

/// A suggestion's row key: its item.
fn key(s: &SuggestionView) -> String {
    s.variant.0.to_string()
}

#[component]
fn Suggestions(warehouses: Vec<WarehouseView>, suggestions: Vec<SuggestionView>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let go = StoredValue::new_local(use_go());
    if suggestions.is_empty() {
        return view! { <p class="state state--empty" data-testid="suggestions-empty">{t(Pc::NothingToBuy)}</p> }.into_any();
    }
    let can = use_session().can(Permission::ManagePurchaseOrders);
    let picked = Selection::new();
    let errors = FormErrors::saying(text::error);
    let busy = RwSignal::new(false);
    let warehouse = RwSignal::new(first_warehouse(&warehouses));
    let warehouses = StoredValue::new(warehouses);
    let keys: Vec<String> = suggestions.iter().map(key).collect();
    // each row with the quantity as typed
    let typed: Vec<(SuggestionView, RwSignal<String>)> = suggestions
        .into_iter()
        .map(|s| {
            let q = RwSignal::new(s.quantity.to_string());
            (s, q)
        })
        .collect();
    let chosen = StoredValue::new(
        typed
            .iter()
            .map(|(s, q)| (key(s), s.supplier, s.variant, s.sku.clone(), *q))
            .collect::<Vec<_>>(),
    );
    let create = move |_| {
        if busy.get_untracked() {
            return;
        }
        errors.clear();
        let Ok(w) = warehouse.get_untracked().parse::<i64>() else {
            errors.set(crate::api::local_error("warehouse", "warehouse"));
            return;
        };
        let mut lines = Vec::new();
        let mut bad = None;
        chosen.with_value(|rows| {
            for (k, supplier, variant, sku, q) in rows {
                if !picked.has(k) {
                    continue;
                }
                match whole(&q.get_untracked()) {
                    Some(quantity) if quantity > 0 => lines.push(ChosenSuggestion {
                        supplier: *supplier,
                        variant: *variant,
                        quantity,
                    }),
                    _ => {
                        bad = Some(sku.clone());
                        break;
                    }
                }
            }
        });
        if let Some(sku) = bad {
            let e = crate::api::local_error("quantity_invalid", "lines");
            toasts.warn(format!(
                "{sku}: {}",
                text::error(locale.get_untracked(), &e)
            ));
            return;
        }
        if lines.is_empty() {
            return;
        }
        let req = FromSuggestions {
            warehouse: WarehouseId(w),
            lines,
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let done = crate::api::orders_from_suggestions(&req).await;
            busy.set(false);
            let l = locale.get_untracked();
            match done {
                Ok(orders) => {
                    toasts.say(text::orders_created(l, orders.len()));
                    let to = match orders.as_slice() {
                        [one] => format!("/admin/procurement/orders/{}", one.id),
                        _ => "/admin/procurement/orders?status=draft".to_string(),
                    };
                    go.with_value(|go| go(&to, false));
                }
                Err(e) => errors.set(e),
            }
        });
    };
    let rows = typed
        .into_iter()
        .map(|(s, quantity)| view! { <Row s quantity picked can/> })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table po-suggestions" data-testid="suggestion-table">
            <thead><tr>
                {can.then(|| view! { <SelectAll selection=picked keys/> })}
                <th>{t(Pc::Item)}</th>
                <th class="num">{t(Pc::OnHand)}</th><th class="num">{t(Pc::Reserved)}</th>
                <th class="num">{t(Pc::OnOrder)}</th><th class="num">{t(Pc::ReorderPoint)}</th>
                <th class="num">{t(Pc::Used30)}</th><th>{t(Pc::Supplier)}</th>
                <th class="num">{t(Pc::SuggestedQuantity)}</th><th class="num">{t(Pc::UnitPrice)}</th>
                <th class="num">{t(Pc::Amount)}</th><th>{t(Pc::OrderBy)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
        {can.then(|| view! {
            <div class="panel po-create">
                <div class="form form--inline">
                    <div class="field">
                        <label class="field__label" for="suggestion-warehouse">{t(Pc::DeliverTo)}</label>
                        <WarehouseSelect warehouses chosen=warehouse field="suggestion-warehouse" testid="suggestion-warehouse"/>
                    </div>
                    <button type="button" class="btn" data-testid="suggestions-create"
                        disabled=move || busy.get() || picked.is_empty() on:click=create>
                        {t(Pc::CreateOrders)}
                    </button>
                    <span class="muted small">{move || text::picked(locale.get(), picked.len())}</span>
                </div>
                <p class="field__hint">{t(Pc::CreateOrdersHint)}</p>
                <FormError errors fields=&[]/>
            </div>
        })}
    }
    .into_any()
}

/// One suggestion: its position, the supplier, the quantity (changeable), cost and dates.
#[component]
fn Row(
    s: SuggestionView,
    quantity: RwSignal<String>,
    picked: Selection,
    can: bool,
) -> impl IntoView {
    let locale = use_locale();
    let k = key(&s);
    let unit = s.unit_cost;
    // the amount follows the quantity typed
    let amount = move || {
        whole(&quantity.get())
            .and_then(|q| unit.checked_mul(q).ok())
            .map(ui::format::money)
            .unwrap_or_else(|| "—".into())
    };
    let (order_by, arrives_by, urgent) = (s.order_by, s.arrives_by, s.urgent);
    let check = can.then(|| {
        let (k, key) = (k.clone(), k.clone());
        view! {
            <td class="check">
                <input type="checkbox" prop:checked=move || picked.has(&k)
                    on:change=move |_| picked.toggle(&key)
                    aria-label=move || crate::text::T::SelectRow.text(locale.get()) data-testid="suggestion-pick"/>
            </td>
        }
    });
    view! {
        <tr data-testid="suggestion-row" data-variant=k.clone() class:row--short=urgent>
            {check}
            <td class="po-item">
                {super::localized(s.name.clone())}
                {s.raw_material.then(|| view! { " " <span class="chip chip--small">{t(Pc::RawMaterial)}</span> })}
                <br/><span class="mono muted small">{s.sku.clone()}</span>
            </td>
            <td class="num">{s.on_hand}</td>
            <td class="num">{s.reserved}
                {(s.open_demand > 0).then(|| view! { <span class="muted small" title=move || Pc::OpenDemand.text(locale.get())>{format!(" +{}", s.open_demand)}</span> })}
            </td>
            <td class="num">{s.on_order}</td>
            <td class="num">{s.reorder_point}</td>
            <td class="num">{s.used_30_days}</td>
            <td><a href=format!("/admin/procurement/suppliers/{}", s.supplier)>{s.supplier_name.clone()}</a></td>
            <td class="num">
                {if can {
                    view! {
                        <input class="input input--small num" type="number" min="1" inputmode="numeric"
                            aria-label=move || Pc::SuggestedQuantity.text(locale.get())
                            prop:value=move || quantity.get() on:input=move |ev| quantity.set(event_target_value(&ev))
                            data-testid="suggestion-qty"/>
                    }.into_any()
                } else {
                    view! { <span data-testid="suggestion-qty">{s.quantity}</span> }.into_any()
                }}
            </td>
            <td class="num">{ui::format::money(unit)}</td>
            <td class="num" data-testid="suggestion-amount">{amount}</td>
            <td class="nowrap">
                <span title=move || format!("{} {}", Pc::ArrivesBy.text(locale.get()), ui::format::date(locale.get(), arrives_by))>
                    {move || ui::format::date(locale.get(), order_by)}
                </span>
                {urgent.then(|| view! { " " <span class="tag tag--urgent" data-testid="suggestion-urgent">{t(Pc::Urgent)}</span> })}
            </td>
        </tr>
    }
}
