//! One return (退货单): its order, status, the reason and the customer's words and photos,
//! the lines with what inspection decided for their units, the share it gives back and
//! what went back, the note the customer was given, the history — and the steps its status
//! and the staff member's permissions allow (`steps`).

use super::steps::Steps;
use super::text::{self, R};
use crate::kit::{loaded, use_id_param, use_page};
use crate::orders::detail::Timeline;
use leptos::prelude::*;
use shared::after_sales::returns::{Outcome, ReturnStatus, ReturnView};
use ui::i18n::{t, use_locale, Translate};

#[component]
pub fn ReturnPage() -> impl IntoView {
    let id = use_id_param("id");
    let refresh = RwSignal::new(0_u32);
    let ret = LocalResource::new(move || {
        refresh.track();
        crate::api::return_detail(id())
    });
    use_page(move |l| super::crumbs(l, Some(super::title(l, id()))));
    view! {
        {loaded(ret, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |r: ReturnView| {
            view! { <ReturnDetail ret=r refresh/> }
        })}
    }
}

#[component]
fn ReturnDetail(ret: ReturnView, refresh: RwSignal<u32>) -> impl IntoView {
    let locale = use_locale();
    let (id, status, created) = (ret.id, ret.status, ret.created_at);
    let (reason, resolution) = (ret.reason, ret.resolution);
    let order = ret.order.to_string();
    let lines = ret
        .lines
        .iter()
        .map(|l| {
            let name = l.name.clone();
            // before inspection every outcome is zero; after it they add up to the quantity
            let judged = l.restocked + l.scrapped + l.to_supplier > 0;
            let count = move |n: i64| {
                if judged {
                    n.to_string()
                } else {
                    "—".to_string()
                }
            };
            view! {
                <tr data-testid="return-line">
                    <td class="mono">{l.sku.clone()}</td>
                    <td>{move || name.get(locale.get()).to_string()}</td>
                    <td class="num">{l.quantity}</td>
                    <td class="num">{count(l.restocked)}</td>
                    <td class="num">{count(l.scrapped)}</td>
                    <td class="num">{count(l.to_supplier)}</td>
                </tr>
            }
        })
        .collect_view();
    let outcome = move |o: Outcome| move || text::outcome(locale.get(), o);
    let photos = ret
        .photos
        .iter()
        .map(|src| {
            view! {
                <li><a href=src.clone() target="_blank" rel="noopener">
                    <img src=src.clone() alt=move || R::Photo.text(locale.get()) loading="lazy"/>
                </a></li>
            }
        })
        .collect_view();
    let has_photos = !ret.photos.is_empty();
    let comment = ret.comment.clone();
    let staff_note = ret.staff_note.clone();
    let replacement = ret.replacement.as_ref().map(ToString::to_string);
    let (share, refunded) = (ret.share, ret.refunded);
    view! {
        <header class="page-head page-head--row">
            <div>
                <h1>{move || super::title(locale.get(), id)}</h1>
                <p>
                    <span class=format!("tag tag--{}", status.as_str()) data-testid="return-status">{move || text::status(locale.get(), status)}</span>
                    " " <a class="mono" href=format!("/admin/orders/{order}") data-testid="return-order">{order.clone()}</a>
                    " · " <span class="muted">{t(R::Requested)} " " {move || ui::format::date_time(locale.get(), created)}</span>
                </p>
            </div>
        </header>
        <Steps ret=ret.clone() refresh/>
        <div class="order-grid">
            <section class="panel order-grid__wide">
                <h2>{t(R::Lines)}</h2>
                <div class="table-wrap"><table class="table" data-testid="return-lines">
                    <thead><tr>
                        <th>{t(R::Sku)}</th><th>{t(R::Item)}</th><th class="num">{t(R::Quantity)}</th>
                        <th class="num">{outcome(Outcome::Restock)}</th><th class="num">{outcome(Outcome::Scrap)}</th>
                        <th class="num">{outcome(Outcome::ToSupplier)}</th>
                    </tr></thead>
                    <tbody>{lines}</tbody>
                </table></div>
                // an exchange sent gives nothing back: its share is not owed
                {(status != ReturnStatus::Exchanged).then(|| view! {
                    <dl class="facts facts--totals">
                        <dt>{t(R::Share)}</dt><dd class="num" data-testid="return-share">{ui::format::money(share)}</dd>
                        <dt>{t(R::Refunded)}</dt><dd class="num" data-testid="return-refunded">{ui::format::money(refunded)}</dd>
                    </dl>
                })}
            </section>
            <section class="panel">
                <h2>{t(R::Request)}</h2>
                <dl class="facts">
                    <dt>{t(R::Reason)}</dt><dd data-testid="return-reason">{move || text::reason(locale.get(), reason)}</dd>
                    <dt>{t(R::Resolution)}</dt><dd>{move || text::resolution(locale.get(), resolution)}</dd>
                    {ret.exchange_for.map(|v| {
                        let shown = ret.exchange_sku.clone().unwrap_or_else(|| format!("#{v}"));
                        view! { <dt>{t(R::ExchangeFor)}</dt><dd class="mono" data-testid="return-exchange-for">{shown}</dd> }
                    })}
                    {(!comment.is_empty()).then(|| view! { <dt>{t(R::Comment)}</dt><dd data-testid="return-comment">{comment}</dd> })}
                    {has_photos.then(|| view! { <dt>{t(R::Photos)}</dt><dd><ul class="return-photos">{photos}</ul></dd> })}
                    {ret.warehouse.clone().map(|w| view! { <dt>{t(R::Warehouse)}</dt><dd class="mono">{w}</dd> })}
                    {replacement.map(|n| view! {
                        <dt>{t(R::Replacement)}</dt><dd><a class="mono" href=format!("/admin/orders/{n}") data-testid="return-replacement">{n.clone()}</a></dd>
                    })}
                    {(!staff_note.is_empty()).then(|| view! { <dt>{t(R::StaffNote)}</dt><dd data-testid="return-staff-note">{staff_note}</dd> })}
                </dl>
            </section>
            <section class="panel">
                <h2>{t(R::History)}</h2>
                <Timeline events=ret.history.clone() names=text::status_code/>
            </section>
        </div>
    }
}
