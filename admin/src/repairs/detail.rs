//! One repair (维修单): its order and line, the customer's description and photos, the note
//! the customer was given, the history — and the steps its status and the staff member's
//! permissions allow (`handle_repairs`): receive the item, start the repair, send it back
//! (naming the return parcel), close it; or reject a request the warranty does not cover
//! (with the reason). After a step the repair is loaded again; a refusal shows below the
//! buttons in the staff member's language.

use super::text::{self, W};
use crate::kit::steps::StepRunner;
use crate::kit::{loaded, use_id_param, use_page};
use crate::session::use_session;
use leptos::prelude::*;
use shared::after_sales::repairs::{RepairEvent, RepairStatus, RepairView, MAX_NOTE};
use shared::staff::Permission;
use ui::i18n::{t, use_locale, Translate};

#[component]
pub fn RepairPage() -> impl IntoView {
    let id = use_id_param("id");
    let refresh = RwSignal::new(0_u32);
    let repair = LocalResource::new(move || {
        refresh.track();
        crate::api::repair(id())
    });
    use_page(move |l| super::crumbs(l, Some(super::title(l, id()))));
    view! {
        {loaded(repair, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |r: RepairView| {
            view! { <RepairDetail repair=r refresh/> }
        })}
    }
}

#[component]
fn RepairDetail(repair: RepairView, refresh: RwSignal<u32>) -> impl IntoView {
    let locale = use_locale();
    let (id, status, created) = (repair.id, repair.status, repair.created_at);
    let order = repair.order.to_string();
    let (name, variant) = (repair.name.clone(), repair.variant.clone());
    let photos = repair
        .photos
        .iter()
        .map(|src| {
            view! {
                <li><a href=src.clone() target="_blank" rel="noopener">
                    <img src=src.clone() alt=move || W::Photo.text(locale.get()) loading="lazy"/>
                </a></li>
            }
        })
        .collect_view();
    let has_photos = !repair.photos.is_empty();
    let staff_note = repair.staff_note.clone();
    let description = repair.description.clone();
    let sku = repair.sku.clone();
    view! {
        <header class="page-head page-head--row">
            <div>
                <h1>{move || super::title(locale.get(), id)}</h1>
                <p>
                    <span class=format!("tag tag--{}", status.as_str()) data-testid="repair-status">{move || text::status(locale.get(), status)}</span>
                    " " <a class="mono" href=format!("/admin/orders/{order}") data-testid="repair-order">{order.clone()}</a>
                    " · " <span class="muted">{t(W::Requested)} " " {move || ui::format::date_time(locale.get(), created)}</span>
                </p>
            </div>
        </header>
        <Steps repair=repair.clone() refresh/>
        <div class="order-grid">
            <section class="panel">
                <h2>{t(W::Request)}</h2>
                <dl class="facts">
                    <dt>{t(W::Item)}</dt><dd data-testid="repair-item">{move || name.get(locale.get()).to_string()}</dd>
                    <dt>{t(W::Variant)}</dt><dd>{move || variant.get(locale.get()).to_string()}</dd>
                    <dt>{t(W::Sku)}</dt><dd class="mono">{sku}</dd>
                    <dt>{t(W::Description)}</dt><dd data-testid="repair-description">{description}</dd>
                    {has_photos.then(|| view! { <dt>{t(W::Photos)}</dt><dd><ul class="return-photos">{photos}</ul></dd> })}
                    {(!staff_note.is_empty()).then(|| view! { <dt>{t(W::StaffNote)}</dt><dd data-testid="repair-staff-note">{staff_note}</dd> })}
                </dl>
            </section>
            <section class="panel">
                <h2>{t(W::History)}</h2>
                <RepairHistory events=repair.events.clone()/>
            </section>
        </div>
    }
}

/// The repair's steps, oldest first, with what staff wrote for the customer.
#[component]
fn RepairHistory(events: Vec<RepairEvent>) -> impl IntoView {
    let locale = use_locale();
    if events.is_empty() {
        return view! { <p class="muted">{t(W::NoHistory)}</p> }.into_any();
    }
    let items = events
        .into_iter()
        .map(|e| {
            let (status, at, note) = (e.status, e.at, e.note);
            view! {
                <li class="timeline__item" data-testid="timeline-item">
                    <span class="timeline__when">{move || ui::format::date_time(locale.get(), at)}</span>
                    <span class="timeline__what">
                        <span class=format!("tag tag--{}", status.as_str())>{move || text::status(locale.get(), status)}</span>
                        " " {note}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="timeline">{items}</ol> }.into_any()
}

/// A step a staff member takes from the repair's page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StepKind {
    Receive,
    Start,
    Return,
    Close,
    Reject,
}

impl StepKind {
    const ALL: [StepKind; 5] = [
        StepKind::Receive,
        StepKind::Start,
        StepKind::Return,
        StepKind::Close,
        StepKind::Reject,
    ];

    fn moves_to(self) -> RepairStatus {
        match self {
            StepKind::Receive => RepairStatus::Received,
            StepKind::Start => RepairStatus::Repairing,
            StepKind::Return => RepairStatus::Returned,
            StepKind::Close => RepairStatus::Closed,
            StepKind::Reject => RepairStatus::Rejected,
        }
    }

    /// The API's step, also the button's `data-testid` (`repair-receive` …).
    fn step(self) -> &'static str {
        match self {
            StepKind::Receive => "receive",
            StepKind::Start => "start",
            StepKind::Return => "return",
            StepKind::Close => "close",
            StepKind::Reject => "reject",
        }
    }

    /// Sending the item back names its parcel; a rejection says why.
    fn needs_note(self) -> bool {
        matches!(self, StepKind::Return | StepKind::Reject)
    }

    fn label(self) -> W {
        match self {
            StepKind::Receive => W::Receive,
            StepKind::Start => W::Start,
            StepKind::Return => W::Return,
            StepKind::Close => W::Close,
            StepKind::Reject => W::Reject,
        }
    }

    fn done(self) -> W {
        match self {
            StepKind::Receive => W::Received,
            StepKind::Start => W::Started,
            StepKind::Return => W::Returned,
            StepKind::Close => W::Closed,
            StepKind::Reject => W::Rejected,
        }
    }

    fn class(self) -> &'static str {
        match self {
            StepKind::Reject => "btn btn--bad",
            StepKind::Close => "btn btn--ghost",
            _ => "btn",
        }
    }
}

/// The steps panel: the note and a button for each step the rule and the staff member's
/// permissions allow now; nothing when there is none.
#[component]
fn Steps(repair: RepairView, refresh: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let status = repair.status;
    let steps: Vec<StepKind> = StepKind::ALL
        .into_iter()
        .filter(|s| session.can(Permission::HandleRepairs) && status.can_transition(s.moves_to()))
        .collect();
    if steps.is_empty() {
        return ().into_any();
    }
    let runner = StepRunner::new(repair.id, refresh);
    let message = runner.message(text::error);
    let note = RwSignal::new(String::new());
    let blank = move || note.get().trim().is_empty();
    let buttons = steps
        .into_iter()
        .map(|s| {
            let take = move |_| {
                let typed = note.get_untracked();
                if s.needs_note() && typed.trim().is_empty() {
                    runner.refuse("note", "note");
                    return;
                }
                runner.run(crate::api::repair_step(runner.id, s.step(), &typed), s.done());
            };
            view! {
                <button type="button" class=s.class() disabled=move || { runner.busy.get() || (s.needs_note() && blank()) }
                    data-testid=format!("repair-{}", s.step()) on:click=take>{t(s.label())}</button>
            }
        })
        .collect_view();
    view! {
        <section class="panel return-steps" data-testid="repair-steps">
            <h2>{t(W::Next)}</h2>
            <div class="form">
                <div class="field">
                    <label class="field__label" for="repair-note">{t(W::Note)}</label>
                    <textarea id="repair-note" class="input" rows="3" maxlength=MAX_NOTE.to_string() prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev)) data-testid="repair-note"></textarea>
                    <p class="field__hint">{t(W::NoteHint)}</p>
                </div>
                <div class="row">{buttons}</div>
            </div>
            <p class="form-error" role="alert" data-testid="form-error">{message}</p>
        </section>
    }
    .into_any()
}
