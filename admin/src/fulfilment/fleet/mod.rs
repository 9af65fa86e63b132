//! 配送车队: the own fleet's delivery zones (a warehouse's divisions with their time slots)
//! and vans (plate, warehouse, capacity, driver, active), each listed with a form above the
//! list that adds or edits one. Seeing needs `view_fulfilment`, changing `manage_fleet`; the
//! rules are checked here as the server checks them, and the server's refusals show next to
//! their fields.

pub mod text;
mod vehicles;
mod zones;

use crate::kit::form::{warn_before_leaving, FormErrors};
use crate::kit::{loaded, use_page};
use crate::session::use_session;
use leptos::prelude::*;
use shared::fleet::{FleetFault, FleetView};
use shared::fulfilment::WarehouseView;
use shared::ids::WarehouseId;
use shared::staff::{Page, Permission};
use text::Fl;
use ui::i18n::{t, use_locale};

#[component]
pub fn FleetPage() -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let can = Memo::new(move |_| session.can(Permission::ManageFleet));
    use_page(|l| super::crumbs(l, Some(Page::Fleet), None));
    let refresh = RwSignal::new(0_u32);
    let data = LocalResource::new(move || {
        refresh.track();
        async move {
            let warehouses = crate::api::warehouses().await?;
            let fleet = crate::api::fleet().await?;
            Ok((warehouses, fleet))
        }
    });
    let dirty = RwSignal::new(false);
    warn_before_leaving(dirty);
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::Fleet)}</h1>
            <p class="muted">{t(Fl::Intro)}</p>
        </header>
        <Show when=move || !can.get() && session.me().is_some()>
            <p class="banner" data-testid="read-only">{t(Fl::ReadOnly)}</p>
        </Show>
        {loaded(data, Some(Callback::new(move |()| refresh.update(|n| *n += 1))),
            move |(warehouses, fleet): (Vec<WarehouseView>, FleetView)| {
                let warehouses = StoredValue::new(warehouses);
                view! {
                    <zones::Zones zones=fleet.zones warehouses can dirty/>
                    <vehicles::Vans vans=fleet.vehicles drivers=fleet.drivers warehouses can dirty/>
                }
            })}
    }
}

/// Asks the person with the browser's own dialog; no window means no.
fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Shows a rule the draft broke (checked here before sending) as the server would.
fn refuse(errors: FormErrors, (problem, field): FleetFault) {
    let code = crate::api::code(&problem).unwrap_or_default();
    errors.set(crate::api::local_error(&code, &field));
}

/// A warehouse's code (`SH-01`), or its id when the list lacks it.
fn warehouse_code(warehouses: StoredValue<Vec<WarehouseView>>, id: WarehouseId) -> String {
    warehouses.with_value(|ws| {
        ws.iter()
            .find(|w| w.id == id)
            .map_or_else(|| format!("#{id}"), |w| w.code.clone())
    })
}

/// The warehouse select of a form: every warehouse by code and name, `chosen` selected.
#[component]
fn WarehouseSelect(
    warehouses: StoredValue<Vec<WarehouseView>>,
    chosen: RwSignal<String>,
    dirty: RwSignal<bool>,
    testid: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    let options = warehouses.with_value(|ws| {
        ws.iter()
            .map(|w| {
                let (id, code, name) = (w.id.0.to_string(), w.code.clone(), w.name.clone());
                let value = id.clone();
                view! {
                    <option value=id selected=move || chosen.get_untracked() == value>
                        {move || format!("{code} {}", name.get(locale.get()))}
                    </option>
                }
            })
            .collect_view()
    });
    view! {
        <select class="input" id="warehouse" name="warehouse" data-testid=testid
            on:change=move |ev| { chosen.set(event_target_value(&ev)); dirty.set(true); }>
            {options}
        </select>
    }
}

/// Sends a form's save: the form waits meanwhile, and then the saved row goes to `on_saved`
/// with `said` as a toast, or the server's refusal goes next to the fields.
fn save<T, F>(
    call: F,
    said: &'static str,
    pending: RwSignal<bool>,
    errors: FormErrors,
    on_saved: Callback<Option<T>>,
) where
    T: Send + Sync + 'static,
    F: std::future::Future<Output = ui::api::ApiResult<T>> + 'static,
{
    let toasts = crate::kit::toast::use_toasts();
    pending.set(true);
    leptos::task::spawn_local(async move {
        let done = call.await;
        pending.set(false);
        match done {
            Ok(saved) => {
                toasts.say(said);
                on_saved.run(Some(saved));
            }
            Err(e) => errors.set(e),
        }
    });
}
