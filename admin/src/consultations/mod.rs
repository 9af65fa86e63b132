//! 咨询 (客服与售后): customers' questions before buying, about an order or anything else,
//! open ones first and oldest first, filtered by status, assignee and breached service
//! levels (kept in the URL), each with the time left on its running clock; below the queue
//! the customers' satisfaction per staff member and week, and the service levels (which
//! owners may change). Each row opens the consultation's thread (`detail`); the navigation's
//! badge counts the unread ones (`badge`).

mod badge;
pub mod detail;
pub(crate) mod text;

pub use badge::{provide_unread_badge, UnreadBadge};

use crate::kit::list::{use_list_url, Empty, ListUrl, Pagination};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_page, Crumb};
use crate::session::use_session;
use crate::text::T;
use leptos::prelude::*;
use shared::list::Paged;
use shared::service::consultations::{
    AssigneeFilter, ConsultationProblem, ConsultationQuery, ConsultationRow, ConsultationStatus,
    CsatRow, ServiceLevels,
};
use shared::staff::{Page, Permission};
use shared::{ApiError, Locale};
use text::C;
use ui::i18n::{t, use_locale, Translate};

/// The breadcrumbs of a consultation page: the queue, then `here`.
pub fn crumbs(l: Locale, here: Option<String>) -> Vec<Crumb> {
    Crumb::trail(l, Page::Consultations, here)
}

/// "咨询 #12" / "Question #12".
pub fn title(l: Locale, id: i64) -> String {
    format!("{} #{id}", C::Consultation.text(l))
}

/// The queue's filters as the URL holds them (unknown values are ignored).
fn query(url: ListUrl) -> ConsultationQuery {
    ConsultationQuery {
        status: url.parse("status"),
        assignee: url.get("assignee").and_then(|a| AssigneeFilter::parse(&a)),
        breached: url.flag("breached"),
        page: url.number("page"),
    }
}

/// The queue's address with `key` set to `value` (`None`: taken off); built again whenever
/// the URL changes, so it keeps the other filters.
fn link(
    url: ListUrl,
    key: &'static str,
    value: Option<&'static str>,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || {
        // read tracked: any change of the query builds the address again
        let _ = url.get(key);
        url.href(&[(key, value.map(str::to_string))])
    }
}

#[component]
pub fn ConsultationsPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| crumbs(l, None));
    let url = use_list_url();
    let refresh = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        refresh.track();
        crate::api::consultations(&query(url))
    });
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::Consultations)}</h1>
        </header>
        <Filters url/>
        {loaded(list, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |page: Paged<ConsultationRow>| {
            view! { <QueueTable page url/> }
        })}
        <div class="order-grid consultation-reports">
            <Csat/>
            <Levels refresh/>
        </div>
    }
}

/// The chips: the status (all or one), whose (anyone's, mine, nobody's), only breached.
#[component]
fn Filters(url: ListUrl) -> impl IntoView {
    let locale = use_locale();
    let status = move || url.get("status");
    let assignee = move || url.get("assignee");
    let breached = move || url.flag("breached") == Some(true);
    let statuses = ConsultationStatus::ALL
        .iter()
        .map(|s| {
            let (s, code) = (*s, s.as_str());
            view! {
                <a class="chip" class:chip--on=move || status().as_deref() == Some(code)
                    href=link(url, "status", Some(code)) data-testid=format!("consultation-filter-{code}")>
                    {move || text::status(locale.get(), s)}
                </a>
            }
        })
        .collect_view();
    let whose = [
        ("me", C::Mine, "consultation-filter-mine"),
        (
            "unassigned",
            C::Unassigned,
            "consultation-filter-unassigned",
        ),
    ]
    .into_iter()
    .map(|(code, label, testid)| {
        view! {
            <a class="chip" class:chip--on=move || assignee().as_deref() == Some(code)
                href=link(url, "assignee", Some(code)) data-testid=testid>{t(label)}</a>
        }
    })
    .collect_view();
    let breached_href = move || {
        let on = breached();
        url.href(&[("breached", (!on).then(|| "true".to_string()))])
    };
    view! {
        <div class="consultation-filters" data-testid="consultation-filters">
            <p class="chips">
                <a class="chip" class:chip--on=move || status().is_none() href=link(url, "status", None)
                    data-testid="consultation-filter-all">{t(T::All)}</a>
                {statuses}
            </p>
            <p class="chips">
                <a class="chip" class:chip--on=move || assignee().is_none() href=link(url, "assignee", None)
                    data-testid="consultation-filter-anyone">{t(C::AnyAssignee)}</a>
                {whose}
                <a class="chip" class:chip--on=breached href=breached_href
                    data-testid="consultation-filter-breached">{t(C::OnlyBreached)}</a>
            </p>
        </div>
    }
}

#[component]
fn QueueTable(page: Paged<ConsultationRow>, url: ListUrl) -> impl IntoView {
    let locale = use_locale();
    if page.items.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let (total, number, size) = (page.total, page.page, page.page_size);
    let rows = page
        .items
        .into_iter()
        .map(|r| {
            let (id, status, topic, created, sla) = (r.id, r.status, r.topic, r.created_at, r.sla);
            let assignee = r.assignee.map(|a| a.name);
            let has_assignee = assignee.is_some();
            let assignee = assignee.unwrap_or_default();
            view! {
                <tr data-testid="consultation-row" class:consultation-row--unread=r.unread>
                    <td class="nowrap">
                        <a class="strong" href=format!("/admin/consultations/{id}") data-testid="consultation-link">{format!("#{id}")}</a>
                    </td>
                    <td>
                        {r.unread.then(|| view! {
                            <span class="unread-dot" role="img" title=move || C::Unread.text(locale.get())
                                aria-label=move || C::Unread.text(locale.get()) data-testid="consultation-unread"></span>
                        })}
                        <span class="consultation-subject" data-testid="consultation-subject">{r.subject}</span>
                    </td>
                    <td class="nowrap">{move || text::topic(locale.get(), topic)}</td>
                    <td>{r.customer_name}</td>
                    <td>
                        {if has_assignee {
                            view! { <span data-testid="consultation-assignee">{assignee}</span> }.into_any()
                        } else {
                            view! { <span class="muted" data-testid="consultation-assignee">{t(C::Unassigned)}</span> }.into_any()
                        }}
                    </td>
                    <td>
                        <span class=format!("tag tag--consultation tag--{}", status.as_str()) data-testid="consultation-status">
                            {move || text::status(locale.get(), status)}
                        </span>
                    </td>
                    <td class="nowrap">{move || ui::format::date(locale.get(), created)}</td>
                    <td class="nowrap">
                        <span class=text::sla_class(&sla) data-testid="consultation-sla">{move || text::sla(locale.get(), &sla)}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table" data-testid="consultations-table">
            <thead><tr>
                <th>{t(C::Number)}</th><th>{t(C::Subject)}</th><th>{t(C::Topic)}</th><th>{t(C::Customer)}</th>
                <th>{t(C::Assignee)}</th><th>{t(C::Status)}</th><th>{t(C::Asked)}</th><th>{t(C::ServiceLevel)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
        <Pagination url total page=number page_size=size/>
    }
    .into_any()
}

/// Customer satisfaction per staff member and ISO week.
#[component]
fn Csat() -> impl IntoView {
    let report = LocalResource::new(crate::api::consultation_csat);
    view! {
        <section class="panel order-grid__wide" data-testid="csat">
            <h2>{t(C::Csat)}</h2>
            <p class="field__hint">{t(C::CsatHint)}</p>
            {loaded(report, None, move |rows: Vec<CsatRow>| view! { <CsatTable rows/> })}
        </section>
    }
}

#[component]
fn CsatTable(rows: Vec<CsatRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted" data-testid="csat-empty">{t(C::NoRatings)}</p> }
            .into_any();
    }
    let rows = rows
        .into_iter()
        .map(|r| {
            view! {
                <tr data-testid="csat-row">
                    <td class="mono nowrap">{r.week}</td>
                    <td>{r.staff_name}</td>
                    <td class="num">{r.ratings}</td>
                    <td class="num" data-testid="csat-average">{text::tenths(r.average_tenths)}</td>
                    <td class="num" data-testid="csat-satisfied">{format!("{}%", r.satisfied_percent)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table" data-testid="csat-table">
            <thead><tr>
                <th>{t(C::Week)}</th><th>{t(C::Staff)}</th><th class="num">{t(C::Ratings)}</th>
                <th class="num">{t(C::Average)}</th><th class="num">{t(C::Satisfied)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
    .into_any()
}

/// The service levels; owners may change them (the queue is counted again afterwards).
#[component]
fn Levels(refresh: RwSignal<u32>) -> impl IntoView {
    let again = RwSignal::new(0_u32);
    let levels = LocalResource::new(move || {
        again.track();
        crate::api::service_levels()
    });
    view! {
        <section class="panel order-grid__wide" data-testid="service-levels">
            <h2>{t(C::ServiceLevels)}</h2>
            <p class="field__hint">{t(C::ServiceLevelsHint)}</p>
            {loaded(levels, None, move |current: ServiceLevels| view! { <LevelsShown current again refresh/> })}
        </section>
    }
}

#[component]
fn LevelsShown(
    current: ServiceLevels,
    again: RwSignal<u32>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let locale = use_locale();
    let may = use_session().can(Permission::ManageStaff);
    let minutes = |m: u32| i64::from(m) * 60_000;
    let (first, resolution) = (
        minutes(current.first_response_minutes),
        minutes(current.resolution_minutes),
    );
    view! {
        <dl class="facts facts--row">
            <dt>{t(C::FirstResponse)}</dt>
            <dd data-testid="service-first-response">{move || text::duration(locale.get(), first)}</dd>
            <dt>{t(C::Resolution)}</dt>
            <dd data-testid="service-resolution">{move || text::duration(locale.get(), resolution)}</dd>
        </dl>
        {may.then(|| view! { <LevelsForm current again refresh/> })}
    }
}

/// Two numbers of minutes, checked as the server checks them, then saved.
#[component]
fn LevelsForm(
    current: ServiceLevels,
    again: RwSignal<u32>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let first = RwSignal::new(current.first_response_minutes.to_string());
    let resolution = RwSignal::new(current.resolution_minutes.to_string());
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let refuse = move |p: ConsultationProblem| {
        failure.set(Some(crate::api::local_error(p.code(), p.field())));
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(first_response_minutes) = first.get_untracked().trim().parse::<u32>() else {
            refuse(ConsultationProblem::FirstResponseTime);
            return;
        };
        let Ok(resolution_minutes) = resolution.get_untracked().trim().parse::<u32>() else {
            refuse(ConsultationProblem::ResolutionTime);
            return;
        };
        let levels = ServiceLevels {
            first_response_minutes,
            resolution_minutes,
        };
        if let Err(p) = levels.check() {
            refuse(p);
            return;
        }
        pending.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            let result = crate::api::set_service_levels(levels).await;
            pending.set(false);
            match result {
                Ok(_) => {
                    toasts.say(C::ServiceLevelsSaved.text(locale.get_untracked()));
                    refresh.update(|n| *n += 1);
                    again.update(|n| *n += 1);
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let message = move || failure.with(|e| e.as_ref().map(|e| text::error(locale.get(), e)));
    let bad = move |field: &'static str| {
        move || {
            failure.with(|e| {
                e.as_ref()
                    .is_some_and(|e| e.field.as_deref() == Some(field))
            })
        }
    };
    view! {
        <form class="form form--inline" on:submit=save novalidate data-testid="service-levels-form">
            <div class="field" class:field--bad=bad("first_response_minutes")>
                <label class="field__label" for="first_response_minutes">{t(C::FirstResponseMinutes)}</label>
                <input id="first_response_minutes" class="input input--small" type="number" min="1" max="43200" step="1"
                    inputmode="numeric" prop:value=move || first.get() on:input=move |ev| first.set(event_target_value(&ev))
                    data-testid="service-first-response-minutes"/>
            </div>
            <div class="field" class:field--bad=bad("resolution_minutes")>
                <label class="field__label" for="resolution_minutes">{t(C::ResolutionMinutes)}</label>
                <input id="resolution_minutes" class="input input--small" type="number" min="1" max="43200" step="1"
                    inputmode="numeric" prop:value=move || resolution.get() on:input=move |ev| resolution.set(event_target_value(&ev))
                    data-testid="service-resolution-minutes"/>
            </div>
            <button class="btn" type="submit" disabled=move || pending.get() data-testid="service-levels-save">{t(T::Save)}</button>
        </form>
        <p class="field__hint">{t(C::MinutesHint)}</p>
        <p class="form-error" role="alert" data-testid="form-error">{message}</p>
    }
}
