//! 采购 (procurement): the suppliers with what each sells the shop at what terms
//! (`suppliers`), what to buy, from whom and by when (`suggestions`), the purchase orders
//! from draft through approval and sending to receipt (`orders`), and the printed
//! purchase order (`print`). Seeing needs `view_procurement`; each change its own
//! permission, and the buttons of those the staff member lacks are not shown (the server
//! checks anyway). The rules of `shared::procurement` are checked here before sending, as
//! the server checks them, and refusals show next to their fields.

pub mod orders;
pub mod print;
pub mod suggestions;
pub mod suppliers;
pub(crate) mod text;

use crate::kit::form::FormErrors;
use crate::kit::Crumb;
use leptos::prelude::*;
use shared::fulfilment::WarehouseView;
use shared::money::Currency;
use shared::procurement::orders::PurchaseOrderStatus;
use shared::staff::Page;
use shared::Locale;
use ui::i18n::use_locale;

/// The breadcrumbs of a procurement page: its page, then `here`.
pub fn crumbs(l: Locale, page: Page, here: Option<String>) -> Vec<Crumb> {
    Crumb::trail(l, page, here)
}

/// Shows a rule a draft broke (checked here before sending) as the server would.
fn refuse<P: serde::Serialize>(errors: FormErrors, (problem, field): (P, String)) {
    let code = crate::api::code(&problem).unwrap_or_default();
    errors.set(crate::api::local_error(&code, &field));
}

/// A text in both languages, said in the reader's.
fn localized(text: shared::catalog::Localized) -> impl Fn() -> String + Send + Sync + 'static {
    let locale = use_locale();
    move || text.get(locale.get()).to_string()
}

/// `45.00` for an input of a price in major units (yuan).
fn price_input(minor: i64, currency: Currency) -> String {
    shared::catalog::csv::format_price(minor, currency)
}

/// Minor units of a price typed in major units (`45`, `45.5`, `45.50`), if it is one.
fn parse_price(text: &str, currency: Currency) -> Option<i64> {
    shared::catalog::csv::parse_price(text, currency)
}

/// A whole number typed (blank is none).
fn whole(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok()
}

/// A purchase order's status as a tag (`data-testid` given by the caller).
#[component]
fn StatusTag(status: PurchaseOrderStatus, #[prop(optional)] testid: &'static str) -> impl IntoView {
    let locale = use_locale();
    view! {
        <span class=format!("tag tag--po tag--{}", status.as_str()) data-testid=testid
            data-status=status.as_str()>
            {move || text::status(locale.get(), status)}
        </span>
    }
}

/// A warehouse select: every warehouse by code and name, `chosen` selected.
#[component]
fn WarehouseSelect(
    warehouses: StoredValue<Vec<WarehouseView>>,
    chosen: RwSignal<String>,
    /// The select's `id` and `name` (its label's `for`).
    field: &'static str,
    testid: &'static str,
    #[prop(optional)] dirty: Option<RwSignal<bool>>,
) -> impl IntoView {
    let locale = use_locale();
    let options = warehouses.with_value(|ws| {
        ws.iter()
            .map(|w| {
                let (value, code, name) = (w.id.0.to_string(), w.code.clone(), w.name.clone());
                let is = value.clone();
                view! {
                    <option value=value selected=move || chosen.get_untracked() == is>
                        {move || format!("{code} {}", name.get(locale.get()))}
                    </option>
                }
            })
            .collect_view()
    });
    view! {
        <select class="input" id=field name=field data-testid=testid
            on:change=move |ev| {
                chosen.set(event_target_value(&ev));
                if let Some(d) = dirty { d.set(true); }
            }>
            {options}
        </select>
    }
}

/// The first warehouse's id as a select holds it (empty when there is none).
fn first_warehouse(warehouses: &[WarehouseView]) -> String {
    warehouses
        .first()
        .map(|w| w.id.0.to_string())
        .unwrap_or_default()
}
