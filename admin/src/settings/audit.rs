//! 审计日志: every staff change, searched by staff member, entity, action and days. Filters
//! and page live in the URL; a staff member's page links here with their entity filled in.

use super::text::{self, X};
use crate::kit::list::{options, use_list_url, Empty, FilterSelect, ListUrl, Pagination};
use crate::kit::{loaded, use_page};
use leptos::prelude::*;
use shared::audit::{AuditAction, AuditEntry, AuditQuery, EntityType};
use shared::list::Paged;
use shared::staff::{Page, StaffListQuery};
use ui::i18n::{t, use_locale, Translate};

fn query(url: ListUrl) -> AuditQuery {
    AuditQuery {
        actor: url.number("actor"),
        entity_type: url.parse("entity_type"),
        entity_id: url.get("entity_id"),
        action: url.parse("action"),
        from: url.get("from"),
        to: url.get("to"),
        page: url.number("page"),
        page_size: url.number("page_size"),
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| super::crumbs(l, Page::AuditLog, None));
    let url = use_list_url();
    let list = LocalResource::new(move || crate::api::audit(&query(url)));
    // the people who may have acted: every staff member (the first 100 by name)
    let staff = LocalResource::new(|| {
        crate::api::staff(&StaffListQuery {
            page_size: Some(100),
            ..Default::default()
        })
    });
    let actor_options = Signal::derive(move || {
        staff
            .get()
            .and_then(Result::ok)
            .map(|p| {
                p.items
                    .into_iter()
                    .map(|m| {
                        (
                            m.id.to_string(),
                            format!("{} <{}>", m.display_name, m.email),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let entity_options = options(&EntityType::ALL, EntityType::code, text::entity);
    let action_options = options(&AuditAction::ALL, AuditAction::code, text::action);
    let date = move |key: &'static str, label: X| {
        view! {
            <label class="filter">
                <span class="filter__label">{t(label)}</span>
                <input class="input" type="date" name=key prop:value=move || url.get(key).unwrap_or_default()
                    on:change=move |ev| { let v = event_target_value(&ev); url.set(&[(key, Some(v))], false) }
                    data-testid=format!("filter-{key}")/>
            </label>
        }
    };
    let entity_id = move || url.get("entity_id");
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::AuditLog)}</h1>
            <p class="muted">{t(X::AuditIntro)}</p>
        </header>
        <div class="toolbar">
            <FilterSelect url key="actor" label=Signal::derive(t(X::Who)) options=actor_options/>
            <FilterSelect url key="entity_type" label=Signal::derive(t(X::Entity)) options=entity_options/>
            <FilterSelect url key="action" label=Signal::derive(t(X::What)) options=action_options/>
            {date("from", X::From)}
            {date("to", X::To)}
            {move || entity_id().map(|e| view! {
                <span class="chip" data-testid="entity-filter">{format!("{} {e}", X::EntityId.text(locale.get()))}
                    <a href=url.href(&[("entity_id", None)]) class="chip__x" aria-label=move || t(crate::text::T::Reset)()>"×"</a>
                </span>
            })}
        </div>
        {loaded(list, None, move |page| view! { <AuditTable page url/> })}
    }
}

#[component]
fn AuditTable(page: Paged<AuditEntry>, url: ListUrl) -> impl IntoView {
    let locale = use_locale();
    if page.items.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let rows = page
        .items
        .into_iter()
        .map(|e| {
            let (at, action, entity) = (e.at, e.action, e.entity_type);
            let entity_link = match entity {
                EntityType::Staff => Some(format!("/admin/settings/staff/{}", e.entity_id)),
                EntityType::Order => Some(format!("/admin/orders/{}", e.entity_id)),
                EntityType::Shipment => Some(format!("/admin/fulfilment/shipments/{}", e.entity_id)),
                EntityType::PickList => Some(format!("/admin/fulfilment/pick-lists/{}", e.entity_id)),
                EntityType::Transfer => Some(format!("/admin/inventory/transfers/{}", e.entity_id)),
                EntityType::Stocktake => Some(format!("/admin/inventory/stocktakes/{}", e.entity_id)),
                EntityType::Stock => Some("/admin/inventory/stock".to_string()),
                EntityType::Route => Some("/admin/fulfilment/routes".to_string()),
                EntityType::DeliveryZone | EntityType::Vehicle => {
                    Some("/admin/fulfilment/fleet".to_string())
                }
                EntityType::Product => Some(format!("/admin/catalogue/products/{}", e.entity_id)),
                EntityType::Category => Some("/admin/catalogue/categories".to_string()),
                EntityType::Brand => Some("/admin/catalogue/brands".to_string()),
                EntityType::Return => Some(format!("/admin/returns/{}", e.entity_id)),
                EntityType::Repair => Some(format!("/admin/repairs/{}", e.entity_id)),
                EntityType::Consultation => {
                    Some(format!("/admin/consultations/{}", e.entity_id))
                }
                EntityType::Review => Some("/admin/reviews".to_string()),
                EntityType::Supplier => {
                    Some(format!("/admin/procurement/suppliers/{}", e.entity_id))
                }
                EntityType::PurchaseOrder => {
                    Some(format!("/admin/procurement/orders/{}", e.entity_id))
                }
                EntityType::Receipt => {
                    Some(format!("/admin/procurement/receipts/{}", e.entity_id))
                }
                EntityType::Setting | EntityType::Media => None,
            };
            let entity_id = e.entity_id.clone();
            let changes = e
                .changes
                .into_iter()
                .map(|c| {
                    let before = c.before.unwrap_or_else(|| "—".into());
                    let after = c.after.unwrap_or_else(|| "—".into());
                    view! { <li><code>{c.field}</code>": "<s>{before}</s>" → "<b>{after}</b></li> }
                })
                .collect_view();
            view! {
                <tr data-testid="audit-row" data-action=action.code()>
                    <td class="nowrap">{move || ui::format::date_time(locale.get(), at)}</td>
                    <td>{e.actor.display_name.clone()}<br/><span class="muted small">{e.actor.email.clone()}</span></td>
                    <td>{move || text::action(locale.get(), action)}</td>
                    <td>{move || text::entity(locale.get(), entity)}" "
                        {match entity_link {
                            Some(href) => view! { <a href=href class="mono">{entity_id.clone()}</a> }.into_any(),
                            None => view! { <span class="mono">{entity_id.clone()}</span> }.into_any(),
                        }}
                    </td>
                    <td><ul class="changes">{changes}</ul>{(!e.reason.is_empty()).then(|| view! { <p class="muted small">{e.reason.clone()}</p> })}</td>
                    <td class="mono small">{e.actor_ip.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let (total, number, size) = (page.total, page.page, page.page_size);
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="audit-table">
                <thead><tr>
                    <th>{t(X::When)}</th><th>{t(X::Who)}</th><th>{t(X::What)}</th>
                    <th>{t(X::Entity)}</th><th>{t(X::Changes)}</th><th>{t(X::Address)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pagination url total page=number page_size=size/>
    }
    .into_any()
}
