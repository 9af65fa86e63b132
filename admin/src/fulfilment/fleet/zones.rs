//! The delivery zones: a table (warehouse, names, divisions, slots such as 09:00–12:00) and
//! a form above it that creates or edits one — its divisions typed as one comma-separated
//! text, its slots as rows of time inputs — or deletes it.

use super::text::Fl;
use super::{confirm, refuse, warehouse_code, WarehouseSelect};
use crate::kit::form::{Field, FormErrors};
use crate::kit::toast::use_toasts;
use leptos::prelude::*;
use shared::catalog::Localized;
use shared::fleet::{
    check_zone, clock, parse_clock, split_divisions, SlotDraft, ZoneDraft, ZoneView, DAY_MINUTES,
};
use shared::fulfilment::WarehouseView;
use shared::ids::WarehouseId;
use ui::i18n::{t, use_locale, Translate};

/// `09:00–12:00, 13:00–18:00`.
fn slots_text(z: &ZoneView) -> String {
    z.slots
        .iter()
        .map(|s| format!("{}–{}", clock(s.starts), clock(s.ends)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A slot's end as a time input shows it: midnight at the day's end is `00:00`.
fn end_input(ends: i64) -> String {
    clock(ends % DAY_MINUTES)
}

/// A time input's end: `00:00` is midnight at the day's end.
fn end_of(text: &str) -> Option<i64> {
    parse_clock(text).map(|m| if m == 0 { DAY_MINUTES } else { m })
}

/// The fields of the zone form, for errors that belong to none of them (the slot rows,
/// `slots[i].…`, show their own).
const FIELDS: &[&str] = &["warehouse", "name.zh", "name.en", "divisions", "slots"];

/// The form's error that belongs to none of its fields.
#[component]
fn ZoneFormError(errors: FormErrors) -> impl IntoView {
    let locale = use_locale();
    let message = move || {
        errors.0.with(|e| {
            e.as_ref()
                .filter(|e| {
                    e.field
                        .as_deref()
                        .is_none_or(|f| !FIELDS.contains(&f) && !f.starts_with("slots["))
                })
                .map(|e| crate::text::error(locale.get(), e))
        })
    };
    view! { <p class="form-error" role="alert" data-testid="form-error">{message}</p> }
}

#[component]
pub fn Zones(
    zones: Vec<ZoneView>,
    warehouses: StoredValue<Vec<WarehouseView>>,
    can: Memo<bool>,
    dirty: RwSignal<bool>,
) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let list = RwSignal::new(zones);
    // None: no form; Some(None): a new zone; Some(Some(z)): editing z
    let editing = RwSignal::new(None::<Option<ZoneView>>);
    let open = move |what: Option<ZoneView>| {
        if dirty.get_untracked()
            && !confirm(crate::text::T::UnsavedChanges.text(locale.get_untracked()))
        {
            return;
        }
        dirty.set(false);
        editing.set(Some(what));
    };
    let on_saved = Callback::new(move |saved: Option<ZoneView>| {
        if let Some(z) = saved {
            list.update(|l| match l.iter_mut().find(|x| x.id == z.id) {
                Some(old) => *old = z,
                None => l.push(z),
            });
        }
        dirty.set(false);
        editing.set(None);
    });
    let remove = move |id: i64| {
        let l = locale.get_untracked();
        if !confirm(Fl::ConfirmDelete.text(l)) {
            return;
        }
        leptos::task::spawn_local(async move {
            match crate::api::delete_zone(id).await {
                Ok(()) => {
                    list.update(|z| z.retain(|x| x.id != id));
                    if editing
                        .get_untracked()
                        .flatten()
                        .is_some_and(|z| z.id == id)
                    {
                        dirty.set(false);
                        editing.set(None);
                    }
                    toasts.say(Fl::ZoneDeleted.text(l));
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
        });
    };
    let rows = move || {
        list.get()
            .into_iter()
            .map(|z| {
                let (id, name) = (z.id, z.name.clone());
                let edit = z.clone();
                view! {
                    <tr data-testid="zone-row" data-id=id>
                        <td class="mono">{warehouse_code(warehouses, z.warehouse)}</td>
                        <td>{move || name.get(locale.get()).to_string()}</td>
                        <td class="mono small">{z.divisions.join(", ")}</td>
                        <td class="mono small fleet-slots" data-testid="zone-slots">{slots_text(&z)}</td>
                        {move || can.get().then(|| {
                            let edit = edit.clone();
                            view! {
                                <td class="num nowrap">
                                    <button type="button" class="btn btn--ghost btn--small" data-testid="zone-edit"
                                        on:click=move |_| open(Some(edit.clone()))>{t(Fl::Edit)}</button>
                                    <button type="button" class="btn btn--bad btn--small" data-testid="zone-delete"
                                        on:click=move |_| remove(id)>{t(Fl::Delete)}</button>
                                </td>
                            }
                        })}
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" data-testid="zones">
            <div class="panel-head">
                <h2>{t(Fl::Zones)}</h2>
                <Show when=move || can.get()>
                    <button type="button" class="btn btn--small" data-testid="zone-new" on:click=move |_| open(None)>
                        {t(Fl::NewZone)}
                    </button>
                </Show>
            </div>
            {move || editing.get().filter(|_| can.get()).map(|what| view! {
                <ZoneForm zone=what warehouses dirty on_saved/>
            })}
            <Show when=move || !list.with(Vec::is_empty)
                fallback=|| view! { <p class="state state--empty" data-testid="zones-empty">{t(Fl::NoZones)}</p> }>
                <div class="table-wrap"><table class="table" data-testid="zone-table">
                    <thead><tr>
                        <th>{t(Fl::Warehouse)}</th><th>{t(Fl::Zone)}</th><th>{t(Fl::Divisions)}</th><th>{t(Fl::Slots)}</th>
                        {move || can.get().then(|| view! { <th class="num"><span class="sr-only">{t(crate::text::T::Actions)}</span></th> })}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
            </Show>
        </section>
    }
}

/// One slot row of the form: the zone's slot it keeps (none: a new one), its start and end
/// as typed.
type SlotRow = (Option<i64>, RwSignal<String>, RwSignal<String>);

fn new_row(from: &str, until: &str) -> SlotRow {
    (
        None,
        RwSignal::new(from.into()),
        RwSignal::new(until.into()),
    )
}

/// Creates (`zone` = `None`) or edits a zone; `on_saved` hears the zone as saved (`None`:
/// cancelled).
#[component]
fn ZoneForm(
    zone: Option<ZoneView>,
    warehouses: StoredValue<Vec<WarehouseView>>,
    dirty: RwSignal<bool>,
    on_saved: Callback<Option<ZoneView>>,
) -> impl IntoView {
    let locale = use_locale();
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let id = zone.as_ref().map(|z| z.id);
    let first = warehouses
        .with_value(|ws| ws.first().map(|w| w.id.0))
        .unwrap_or(1);
    let warehouse = RwSignal::new(zone.as_ref().map_or(first, |z| z.warehouse.0).to_string());
    let name = zone.as_ref().map(|z| z.name.clone()).unwrap_or_default();
    let (zh, en) = (RwSignal::new(name.zh), RwSignal::new(name.en));
    let divisions = RwSignal::new(
        zone.as_ref()
            .map(|z| z.divisions.join(", "))
            .unwrap_or_default(),
    );
    let slot_rows: Vec<SlotRow> = match &zone {
        Some(z) => z
            .slots
            .iter()
            .map(|s| {
                (
                    Some(s.id),
                    RwSignal::new(clock(s.starts)),
                    RwSignal::new(end_input(s.ends)),
                )
            })
            .collect(),
        None => vec![new_row("09:00", "12:00")],
    };
    let slots = RwSignal::new(slot_rows);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        errors.clear();
        let mut typed = Vec::new();
        for (i, (slot, from, until)) in slots.get_untracked().into_iter().enumerate() {
            let Some(starts) = parse_clock(&from.get_untracked()) else {
                errors.set(crate::api::local_error(
                    "slot_invalid",
                    &format!("slots[{i}].starts"),
                ));
                return;
            };
            let Some(ends) = end_of(&until.get_untracked()) else {
                errors.set(crate::api::local_error(
                    "slot_invalid",
                    &format!("slots[{i}].ends"),
                ));
                return;
            };
            typed.push(SlotDraft {
                id: slot,
                starts,
                ends,
            });
        }
        let d = ZoneDraft {
            warehouse: WarehouseId(warehouse.get_untracked().parse().unwrap_or(0)),
            name: Localized::new(zh.get_untracked(), en.get_untracked()),
            divisions: split_divisions(&divisions.get_untracked()),
            slots: typed,
        };
        if let Err(fault) = check_zone(&d) {
            refuse(errors, fault);
            return;
        }
        let said = if id.is_some() {
            Fl::ZoneSaved
        } else {
            Fl::ZoneCreated
        };
        let call = async move { crate::api::save_zone(id, &d).await };
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
    let slot_inputs = move || {
        slots
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (_, from, until))| {
                let (f, u) = (format!("slots[{i}].starts"), format!("slots[{i}].ends"));
                // the row's start, end or id
                let row = format!("slots[{i}].");
                let message = move || {
                    errors.0.with(|e| {
                        e.as_ref()
                            .filter(|e| e.field.as_deref().is_some_and(|n| n.starts_with(&row)))
                            .map(|e| crate::text::error(locale.get(), e))
                    })
                };
                let bad = {
                    let message = message.clone();
                    move || message().is_some()
                };
                view! {
                    <div class="field slot-row" class:field--bad=bad data-testid="slot-row">
                        <div class="row">
                            <label class="sr-only" for=f.clone()>{t(Fl::From)}</label>
                            <input class="input" type="time" id=f.clone() name=f prop:value=move || from.get()
                                on:input=input(from) data-testid=format!("slot-starts-{i}")/>
                            "–"
                            <label class="sr-only" for=u.clone()>{t(Fl::Until)}</label>
                            <input class="input" type="time" id=u.clone() name=u prop:value=move || until.get()
                                on:input=input(until) data-testid=format!("slot-ends-{i}")/>
                            <button type="button" class="btn btn--ghost btn--small" aria-label=move || Fl::RemoveSlot.text(locale.get())
                                on:click=move |_| { slots.update(|s| { s.remove(i); }); dirty.set(true); }>"×"</button>
                        </div>
                        <p class="field__error" role="alert" data-testid=format!("error-slots[{i}]")>{message}</p>
                    </div>
                }
            })
            .collect_view()
    };
    let heading = move || {
        let which = if id.is_some() {
            Fl::EditZone
        } else {
            Fl::NewZone
        };
        which.text(locale.get())
    };
    view! {
        <form class="form form--grid" on:submit=submit novalidate data-testid="zone-form">
            <h3 class="form__wide">{heading}</h3>
            <Field label=Signal::derive(t(Fl::Warehouse)) name="warehouse" errors>
                <WarehouseSelect warehouses chosen=warehouse dirty testid="zone-warehouse"/>
            </Field>
            <Field label=Signal::derive(t(Fl::Divisions)) name="divisions" errors hint=Signal::derive(t(Fl::DivisionsHint))>
                <input class="input mono" id="divisions" name="divisions" autocomplete="off" spellcheck="false"
                    prop:value=move || divisions.get() on:input=input(divisions) data-testid="zone-divisions"/>
            </Field>
            <Field label=Signal::derive(t(Fl::NameZh)) name="name.zh" errors>
                <input class="input" id="name.zh" name="name.zh" lang="zh-CN" maxlength="60"
                    prop:value=move || zh.get() on:input=input(zh) data-testid="zone-name-zh"/>
            </Field>
            <Field label=Signal::derive(t(Fl::NameEn)) name="name.en" errors>
                <input class="input" id="name.en" name="name.en" lang="en" maxlength="60"
                    prop:value=move || en.get() on:input=input(en) data-testid="zone-name-en"/>
            </Field>
            <div class="form__wide">
                <Field label=Signal::derive(t(Fl::Slots)) name="slots" errors hint=Signal::derive(t(Fl::SlotsHint))>
                    <div id="slots" role="group">{slot_inputs}</div>
                    <button type="button" class="btn btn--ghost btn--small" data-testid="slot-add"
                        on:click=move |_| {
                            slots.update(|s| s.push(new_row("", "")));
                            dirty.set(true);
                        }>{t(Fl::AddSlot)}</button>
                </Field>
            </div>
            <div class="form__wide">
                <ZoneFormError errors/>
                <p class="row">
                    <button class="btn" type="submit" data-testid="zone-save" disabled=move || pending.get()>
                        {t(crate::text::T::Save)}
                    </button>
                    <button class="btn btn--ghost" type="button" data-testid="zone-cancel" on:click=move |_| on_saved.run(None)>
                        {t(crate::text::T::Cancel)}
                    </button>
                </p>
            </div>
        </form>
    }
}
