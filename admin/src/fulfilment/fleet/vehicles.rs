//! The vans: a table (plate, warehouse, capacity in kg and parcels, driver, active) with a
//! button that deactivates or reactivates one, and a form above it that adds or edits one —
//! its driver chosen among the staff who deliver parcels. Vans are never deleted.

use super::text::Fl;
use super::{confirm, refuse, warehouse_code, WarehouseSelect};
use crate::kit::form::{Field, FormError, FormErrors};
use crate::kit::toast::use_toasts;
use leptos::prelude::*;
use shared::fleet::{check_vehicle, DriverView, VehicleDraft, VehicleView};
use shared::fulfilment::WarehouseView;
use shared::ids::{UserId, WarehouseId};
use ui::i18n::{t, use_locale, Translate};

/// `800` or `12.5` kilograms of `grams`.
fn kg(grams: i64) -> String {
    let (whole, rest) = (grams / 1000, grams % 1000);
    if rest == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{rest:03}")
            .trim_end_matches('0')
            .to_string()
    }
}

/// Grams of kilograms typed with at most three decimals (`12.5` → 12,500).
fn grams_of(text: &str) -> Option<i64> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 9
        || !digits(whole)
        || fraction.len() > 3
        || !digits(fraction)
    {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<i64>().ok()?;
    whole
        .parse::<i64>()
        .ok()?
        .checked_mul(1000)?
        .checked_add(thousandths)
}

/// The draft that saves `v` as it is.
fn draft_of(v: &VehicleView) -> VehicleDraft {
    VehicleDraft {
        warehouse: v.warehouse,
        plate: v.plate.clone(),
        max_weight_grams: v.max_weight_grams,
        max_parcels: v.max_parcels,
        driver: v.driver_id,
        active: v.active,
    }
}

/// Puts the van as saved in the list.
fn keep(list: RwSignal<Vec<VehicleView>>, saved: VehicleView) {
    list.update(|l| match l.iter_mut().find(|x| x.id == saved.id) {
        Some(old) => *old = saved,
        None => l.push(saved),
    });
}

const FIELDS: &[&str] = &[
    "warehouse",
    "plate",
    "max_weight_grams",
    "max_parcels",
    "driver",
    "active",
];

#[component]
pub fn Vans(
    vans: Vec<VehicleView>,
    drivers: Vec<DriverView>,
    warehouses: StoredValue<Vec<WarehouseView>>,
    can: Memo<bool>,
    dirty: RwSignal<bool>,
) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let list = RwSignal::new(vans);
    let drivers = StoredValue::new(drivers);
    // None: no form; Some(None): a new van; Some(Some(v)): editing v
    let editing = RwSignal::new(None::<Option<VehicleView>>);
    let open = move |what: Option<VehicleView>| {
        let l = locale.get_untracked();
        if dirty.get_untracked() && !confirm(crate::text::T::UnsavedChanges.text(l)) {
            return;
        }
        dirty.set(false);
        editing.set(Some(what));
    };
    let on_saved = Callback::new(move |saved: Option<VehicleView>| {
        if let Some(v) = saved {
            keep(list, v);
        }
        dirty.set(false);
        editing.set(None);
    });
    let toggle = move |v: VehicleView| {
        let d = VehicleDraft {
            active: !v.active,
            ..draft_of(&v)
        };
        leptos::task::spawn_local(async move {
            let l = locale.get_untracked();
            match crate::api::save_vehicle(Some(v.id), &d).await {
                Ok(saved) => {
                    keep(list, saved);
                    toasts.say(Fl::VanSaved.text(l));
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
        });
    };
    let rows = move || {
        list.get()
            .into_iter()
            .map(|v| {
                let active = v.active;
                let (edit, flip) = (v.clone(), v.clone());
                let capacity = format!("{} kg · {}", kg(v.max_weight_grams), v.max_parcels);
                let (tag, status, step) = if active {
                    ("tag tag--active", Fl::Active, Fl::Deactivate)
                } else {
                    ("tag tag--deactivated", Fl::Inactive, Fl::Reactivate)
                };
                let inactive = !active;
                view! {
                    <tr data-testid="van-row" data-id=v.id class:muted=inactive>
                        <td class="mono strong">{v.plate.clone()}</td>
                        <td class="mono">{warehouse_code(warehouses, v.warehouse)}</td>
                        <td class="nowrap">{capacity} " " {t(Fl::Parcels)}</td>
                        <td>{v.driver.clone().unwrap_or_else(|| "—".into())}</td>
                        <td><span class=tag data-testid="van-status">{t(status)}</span></td>
                        {move || can.get().then(|| {
                            let (edit, flip) = (edit.clone(), flip.clone());
                            view! {
                                <td class="num nowrap">
                                    <button type="button" class="btn btn--ghost btn--small" data-testid="van-edit"
                                        on:click=move |_| open(Some(edit.clone()))>{t(Fl::Edit)}</button>
                                    <button type="button" class="btn btn--ghost btn--small" data-testid="van-toggle"
                                        on:click=move |_| toggle(flip.clone())>{t(step)}</button>
                                </td>
                            }
                        })}
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" data-testid="vans">
            <div class="panel-head">
                <h2>{t(Fl::Vans)}</h2>
                <Show when=move || can.get()>
                    <button type="button" class="btn btn--small" data-testid="van-new" on:click=move |_| open(None)>
                        {t(Fl::NewVan)}
                    </button>
                </Show>
            </div>
            {move || editing.get().filter(|_| can.get()).map(|what| view! {
                <VanForm van=what drivers warehouses dirty on_saved/>
            })}
            <Show when=move || !list.with(Vec::is_empty)
                fallback=|| view! { <p class="state state--empty" data-testid="vans-empty">{t(Fl::NoVans)}</p> }>
                <div class="table-wrap"><table class="table" data-testid="van-table">
                    <thead><tr>
                        <th>{t(Fl::Plate)}</th><th>{t(Fl::Warehouse)}</th><th>{t(Fl::Capacity)}</th>
                        <th>{t(Fl::Driver)}</th><th>{t(Fl::Status)}</th>
                        {move || can.get().then(|| view! { <th class="num"><span class="sr-only">{t(crate::text::T::Actions)}</span></th> })}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
            </Show>
        </section>
    }
}

/// Adds (`van` = `None`) or edits a van; `on_saved` hears the van as saved (`None`:
/// cancelled).
#[component]
fn VanForm(
    van: Option<VehicleView>,
    drivers: StoredValue<Vec<DriverView>>,
    warehouses: StoredValue<Vec<WarehouseView>>,
    dirty: RwSignal<bool>,
    on_saved: Callback<Option<VehicleView>>,
) -> impl IntoView {
    let locale = use_locale();
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let id = van.as_ref().map(|v| v.id);
    let first = warehouses
        .with_value(|ws| ws.first().map(|w| w.id.0))
        .unwrap_or(1);
    let warehouse = RwSignal::new(van.as_ref().map_or(first, |v| v.warehouse.0).to_string());
    let plate = RwSignal::new(van.as_ref().map(|v| v.plate.clone()).unwrap_or_default());
    let weight = RwSignal::new(
        van.as_ref()
            .map(|v| kg(v.max_weight_grams))
            .unwrap_or_default(),
    );
    let parcels = RwSignal::new(
        van.as_ref()
            .map(|v| v.max_parcels.to_string())
            .unwrap_or_default(),
    );
    let driver = RwSignal::new(
        van.as_ref()
            .and_then(|v| v.driver_id)
            .map(|d| d.0.to_string())
            .unwrap_or_default(),
    );
    let active = RwSignal::new(van.as_ref().is_none_or(|v| v.active));
    // the van's driver stays a choice even when they may no longer drive
    let mut choices: Vec<(i64, String)> = drivers.with_value(|ds| {
        ds.iter()
            .map(|d| (d.id.0, d.display_name.clone()))
            .collect()
    });
    if let Some((Some(d), name)) = van.as_ref().map(|v| (v.driver_id, v.driver.clone())) {
        if !choices.iter().any(|c| c.0 == d.0) {
            choices.push((d.0, name.unwrap_or_else(|| format!("#{d}"))));
        }
    }
    let driver_options = choices
        .into_iter()
        .map(|(user, name)| {
            let value = user.to_string();
            let is = value.clone();
            view! { <option value=value selected=move || driver.get_untracked() == is>{name}</option> }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        errors.clear();
        let Some(max_weight_grams) = grams_of(&weight.get_untracked()) else {
            errors.set(crate::api::local_error(
                "max_weight_invalid",
                "max_weight_grams",
            ));
            return;
        };
        let Ok(max_parcels) = parcels.get_untracked().trim().parse::<i64>() else {
            errors.set(crate::api::local_error(
                "max_parcels_invalid",
                "max_parcels",
            ));
            return;
        };
        let d = VehicleDraft {
            warehouse: WarehouseId(warehouse.get_untracked().parse().unwrap_or(0)),
            plate: plate.get_untracked(),
            max_weight_grams,
            max_parcels,
            driver: driver.get_untracked().parse::<i64>().ok().map(UserId),
            active: active.get_untracked(),
        };
        if let Err(fault) = check_vehicle(&d) {
            refuse(errors, fault);
            return;
        }
        let said = if id.is_some() {
            Fl::VanSaved
        } else {
            Fl::VanCreated
        };
        let call = async move { crate::api::save_vehicle(id, &d).await };
        super::save(
            call,
            said.text(locale.get_untracked()),
            pending,
            errors,
            on_saved,
        );
    };
    let input = move |s: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            s.set(event_target_value(&ev));
            dirty.set(true);
        }
    };
    let heading = move || {
        let which = if id.is_some() {
            Fl::EditVan
        } else {
            Fl::NewVan
        };
        which.text(locale.get())
    };
    view! {
        <form class="form form--grid" on:submit=submit novalidate data-testid="van-form">
            <h3 class="form__wide">{heading}</h3>
            <Field label=Signal::derive(t(Fl::Plate)) name="plate" errors>
                <input class="input mono" id="plate" name="plate" maxlength="20" autocomplete="off"
                    prop:value=move || plate.get() on:input=input(plate) data-testid="van-plate"/>
            </Field>
            <Field label=Signal::derive(t(Fl::Warehouse)) name="warehouse" errors>
                <WarehouseSelect warehouses chosen=warehouse dirty testid="van-warehouse"/>
            </Field>
            <Field label=Signal::derive(t(Fl::MaxWeight)) name="max_weight_grams" errors>
                <input class="input" id="max_weight_grams" name="max_weight_grams" inputmode="decimal"
                    prop:value=move || weight.get() on:input=input(weight) data-testid="van-weight"/>
            </Field>
            <Field label=Signal::derive(t(Fl::MaxParcels)) name="max_parcels" errors>
                <input class="input" id="max_parcels" name="max_parcels" inputmode="numeric"
                    prop:value=move || parcels.get() on:input=input(parcels) data-testid="van-parcels"/>
            </Field>
            <Field label=Signal::derive(t(Fl::Driver)) name="driver" errors hint=Signal::derive(t(Fl::DriverHint))>
                <select class="input" id="driver" name="driver" data-testid="van-driver"
                    on:change=move |ev| { driver.set(event_target_value(&ev)); dirty.set(true); }>
                    <option value="" selected=move || driver.get_untracked().is_empty()>{t(Fl::NoDriver)}</option>
                    {driver_options}
                </select>
            </Field>
            <Field label=Signal::derive(t(Fl::Status)) name="active" errors hint=Signal::derive(t(Fl::PlannedHint))>
                <label class="role">
                    <input type="checkbox" id="active" name="active" prop:checked=move || active.get() data-testid="van-active"
                        on:change=move |_| { active.update(|a| *a = !*a); dirty.set(true); }/>
                    <span>{t(Fl::Planned)}</span>
                </label>
            </Field>
            <div class="form__wide">
                <FormError errors fields=FIELDS/>
                <p class="row">
                    <button class="btn" type="submit" data-testid="van-save" disabled=move || pending.get()>
                        {t(crate::text::T::Save)}
                    </button>
                    <button class="btn btn--ghost" type="button" data-testid="van-cancel" on:click=move |_| on_saved.run(None)>
                        {t(crate::text::T::Cancel)}
                    </button>
                </p>
            </div>
        </form>
    }
}
