//! The printable papers of a shipment: its shipping label (面单, 100 × 150 mm, with the
//! tracking number as a Code 128 barcode) and its packing slip (装箱单, A4). Each is a page of
//! its own whose print stylesheet leaves only the paper.

use super::text::{self, F};
use crate::kit::{loaded, use_page};
use crate::orders::detail::address_lines;
use leptos::prelude::*;
use shared::fulfilment::label::{code128, svg};
use shared::fulfilment::ShipmentDetail;
use shared::staff::Page;
use ui::i18n::{t, use_locale, Translate};

fn print_button() -> impl IntoView {
    view! {
        <p class="no-print print-actions">
            <button type="button" class="btn" data-testid="print" on:click=|_| { let _ = web_sys::window().map(|w| w.print()); }>{t(F::Print)}</button>
        </p>
    }
}

#[component]
pub fn LabelPage() -> impl IntoView {
    let id = crate::kit::use_id_param("id");
    let shipment = LocalResource::new(move || crate::api::shipment(id()));
    use_page(move |l| {
        super::crumbs(
            l,
            Some(Page::Shipments),
            Some(format!("#{} · {}", id(), F::Label.text(l))),
        )
    });
    view! {
        {loaded(shipment, None, move |s: ShipmentDetail| view! { <Label shipment=s/> })}
    }
}

#[component]
fn Label(shipment: ShipmentDetail) -> impl IntoView {
    let locale = use_locale();
    let tracking = shipment.row.tracking_number.clone().unwrap_or_default();
    let barcode = code128(&tracking).map(|c| svg(&c, 60)).unwrap_or_default();
    let (recipient, phone, address) = address_lines(&shipment.address, shipment.region.as_deref());
    let carrier = shipment.row.carrier;
    let warehouse = shipment.warehouse_name.clone();
    let seller = shipment.seller_name.clone();
    view! {
        {print_button()}
        <article class="paper label" data-testid="shipping-label">
            <header class="label__head">
                <strong class="label__carrier">{move || carrier.map(|c| text::carrier(locale.get(), c)).unwrap_or_default()}</strong>
                <span class="mono">{shipment.row.order.to_string()}</span>
            </header>
            <div class="label__barcode" inner_html=barcode data-testid="label-barcode"></div>
            <p class="label__tracking mono" data-testid="label-tracking">{tracking.clone()}</p>
            <section class="label__to">
                <h2>{t(F::To)}</h2>
                <p class="label__name"><strong>{recipient}</strong> " " <span class="mono">{phone}</span></p>
                <p>{address}</p>
            </section>
            <section class="label__from">
                <h2>{t(F::From)}</h2>
                <p>{move || seller.get(locale.get()).to_string()} " · " {move || warehouse.get(locale.get()).to_string()}</p>
                <p>{shipment.warehouse_address.clone()}</p>
            </section>
            <footer class="label__foot">
                <span>{t(F::Units)} " " {shipment.row.units}</span>
                {shipment.weight_grams.map(|g| view! { <span>{format!("{:.2} kg", f64::from(g) / 1000.0)}</span> })}
                {shipment.package.map(|p| view! { <span>{move || text::package(locale.get(), p)}</span> })}
            </footer>
        </article>
    }
}

#[component]
pub fn SlipPage() -> impl IntoView {
    let id = crate::kit::use_id_param("id");
    let shipment = LocalResource::new(move || crate::api::shipment(id()));
    use_page(move |l| {
        super::crumbs(
            l,
            Some(Page::Shipments),
            Some(format!("#{} · {}", id(), F::PackingSlip.text(l))),
        )
    });
    view! {
        {loaded(shipment, None, move |s: ShipmentDetail| view! { <Slip shipment=s/> })}
    }
}

#[component]
fn Slip(shipment: ShipmentDetail) -> impl IntoView {
    let locale = use_locale();
    let (recipient, phone, address) = address_lines(&shipment.address, shipment.region.as_deref());
    let seller = shipment.seller_name.clone();
    let created = shipment.created_at;
    let lines = shipment
        .lines
        .iter()
        .map(|l| {
            let name = l.name.clone();
            let packed = l.picked.unwrap_or(l.quantity);
            view! {
                <tr>
                    <td class="mono">{l.sku.clone()}</td>
                    <td>{move || name.get(locale.get()).to_string()}</td>
                    <td class="num">{l.quantity}</td>
                    <td class="num">{packed}</td>
                    <td class="check-box" aria-hidden="true">"☐"</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {print_button()}
        <article class="paper slip" data-testid="packing-slip">
            <header class="slip__head">
                <h1>{move || seller.get(locale.get()).to_string()} " · " {t(F::PackingSlip)}</h1>
                <p class="mono">{shipment.row.order.to_string()} " · " {t(F::Shipment)} " #" {shipment.row.id}</p>
                <p class="muted">{move || ui::format::date(locale.get(), created)}</p>
            </header>
            <section>
                <h2>{t(F::To)}</h2>
                <p><strong>{recipient}</strong> " " <span class="mono">{phone}</span></p>
                <p>{address}</p>
            </section>
            <table class="table slip__lines">
                <thead><tr><th>{t(F::Sku)}</th><th>{t(F::Item)}</th><th class="num">{t(F::Ordered)}</th><th class="num">{t(F::Picked)}</th><th></th></tr></thead>
                <tbody>{lines}</tbody>
            </table>
            {shipment.row.short.then(|| view! { <p class="slip__short">{t(F::Short)}</p> })}
        </article>
    }
}
