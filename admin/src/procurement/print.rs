//! The printed purchase order (采购单, A4): the shop, the order's number and date, the
//! supplier with their address, contact and payment terms, the warehouse the goods go to,
//! the lines with their prices and expected dates, the total, the note, and boxes for both
//! parties' signatures and seals. The print stylesheet leaves only the paper.

use super::orders::order_href;
use super::text::{self, Pc};
use crate::kit::{loaded, use_id_param, use_page};
use leptos::prelude::*;
use shared::procurement::orders::PurchaseOrderStatus;
use shared::procurement::purchasing::{number, PurchaseOrderView};
use shared::staff::Page;
use ui::i18n::{t, use_locale, Translate};

#[component]
pub fn PurchaseOrderPrintPage() -> impl IntoView {
    let id = use_id_param("id");
    // the warehouse's address when the staff member may read the warehouses (else its name)
    let data = LocalResource::new(move || {
        let id = id();
        async move {
            let po = crate::api::purchase_order(id).await?;
            let address = crate::api::warehouses()
                .await
                .ok()
                .and_then(|ws| ws.into_iter().find(|w| w.id == po.warehouse))
                .map(|w| w.address)
                .unwrap_or_default();
            Ok((po, address))
        }
    });
    use_page(move |l| {
        super::crumbs(
            l,
            Page::PurchaseOrders,
            Some(format!("{} · {}", number(id()), Pc::Print.text(l))),
        )
    });
    view! {
        {loaded(data, None, move |(po, address): (PurchaseOrderView, String)| view! { <Paper po address/> })}
    }
}

#[component]
fn Paper(po: PurchaseOrderView, address: String) -> impl IntoView {
    let locale = use_locale();
    let dated = po.sent_at.unwrap_or(po.created_at);
    let party = po.supplier.clone();
    let terms = party.payment_terms_days;
    let draft = po.status == PurchaseOrderStatus::Draft;
    let lines = po
        .lines
        .iter()
        .enumerate()
        .map(|(n, l)| {
            let expected = l.expected_at.or(l.promised_at);
            view! {
                <tr>
                    <td class="num">{n + 1}</td>
                    <td class="mono">{l.sku.clone()}</td>
                    <td>{super::localized(l.name.clone())}</td>
                    <td class="num">{l.quantity}</td>
                    <td class="num">{ui::format::money(l.unit_cost)}</td>
                    <td class="num">{ui::format::money(l.amount)}</td>
                    <td class="nowrap">{move || expected.map(|e| ui::format::date(locale.get(), e)).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let note = po.note.clone();
    let contact = [
        party.contact_name.clone(),
        party.phone.clone(),
        party.email.clone(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <p class="no-print print-actions">
            <button type="button" class="btn" data-testid="print"
                on:click=|_| { let _ = web_sys::window().map(|w| w.print()); }>{t(Pc::PrintNow)}</button>
            " " <a class="btn btn--ghost" href=order_href(po.id)>{t(Pc::BackToOrder)}</a>
        </p>
        <article class="paper slip po-paper" data-testid="po-paper">
            <header class="po-paper__head">
                <div>
                    <p class="po-paper__shop">{t(Pc::ShopName)}</p>
                    <h1>{t(Pc::PurchaseOrderTitle)}</h1>
                    {draft.then(|| view! { <p class="po-paper__draft" data-testid="po-paper-draft">{t(Pc::DraftNotSent)}</p> })}
                </div>
                <dl class="po-paper__meta">
                    <dt>{t(Pc::Number)}</dt><dd class="mono" data-testid="po-paper-number">{po.number.clone()}</dd>
                    <dt>{t(Pc::Date)}</dt><dd>{move || ui::format::date(locale.get(), dated)}</dd>
                    <dt>{t(Pc::Currency)}</dt><dd class="mono">{po.currency.code()}</dd>
                </dl>
            </header>
            <div class="po-paper__parties">
                <section data-testid="po-paper-supplier">
                    <h2>{t(Pc::SupplierParty)}</h2>
                    <p><strong>{party.name.clone()}</strong> " " <span class="mono">{party.code.clone()}</span></p>
                    <p>{party.address.clone()}</p>
                    <p>{contact}</p>
                    <p>{t(Pc::PaymentTerms)} ": " {move || text::terms(locale.get(), terms)}</p>
                </section>
                <section data-testid="po-paper-deliver-to">
                    <h2>{t(Pc::DeliverTo)}</h2>
                    <p><strong>{super::localized(po.warehouse_name.clone())}</strong></p>
                    <p>{address}</p>
                </section>
            </div>
            <table class="table slip__lines">
                <thead><tr>
                    <th class="num">"#"</th><th>{t(Pc::Sku)}</th><th>{t(Pc::Item)}</th><th class="num">{t(Pc::Quantity)}</th>
                    <th class="num">{t(Pc::UnitPrice)}</th><th class="num">{t(Pc::Amount)}</th><th>{t(Pc::Expected)}</th>
                </tr></thead>
                <tbody>{lines}</tbody>
            </table>
            <dl class="facts facts--totals">
                <dt>{t(Pc::Total)}</dt><dd class="num strong" data-testid="po-paper-total">{ui::format::money(po.total)}</dd>
            </dl>
            {(!note.is_empty()).then(|| view! {
                <section><h2>{t(Pc::Note)}</h2><p>{note}</p></section>
            })}
            <div class="po-paper__signatures">
                <div class="po-paper__sign">
                    <p>{t(Pc::BuyerSignature)}</p>
                    <p class="po-paper__date">{t(Pc::Date)} ":"</p>
                </div>
                <div class="po-paper__sign">
                    <p>{t(Pc::SupplierSignature)}</p>
                    <p class="po-paper__date">{t(Pc::Date)} ":"</p>
                </div>
            </div>
        </article>
    }
}
