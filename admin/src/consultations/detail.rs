//! One consultation (咨询): its subject, status, topic and the product or order it is
//! about, the customer and the staff member handling it, its service levels, the thread —
//! the customer's words on the left, the staff's on the right — the answer form, the
//! customer's rating once given, and the steps its status allows (assign, resolve, close).
//! After a step the consultation is loaded again and a toast says so; a refusal shows in
//! the staff member's language.

use super::badge::use_recount;
use super::text::{self, C};
use crate::kit::steps::StepRunner;
use crate::kit::{loaded, use_id_param, use_page};
use crate::session::use_session;
use leptos::prelude::*;
use shared::service::consultations::{
    check_message, Author, ConsultationStatus, ConsultationView, MessageView, NewMessage, SlaView,
    MAX_BODY,
};
use shared::staff::Permission;
use ui::i18n::{t, use_locale, Translate};

#[component]
pub fn ConsultationPage() -> impl IntoView {
    let id = use_id_param("id");
    let refresh = RwSignal::new(0_u32);
    let recount = use_recount();
    let consultation = LocalResource::new(move || {
        refresh.track();
        let call = crate::api::consultation(id());
        async move {
            let result = call.await;
            // opening it read the customer's words: the badge counts again
            recount();
            result
        }
    });
    use_page(move |l| super::crumbs(l, Some(super::title(l, id()))));
    view! {
        {loaded(consultation, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |c: ConsultationView| {
            view! { <ConsultationDetail c refresh/> }
        })}
    }
}

#[component]
fn ConsultationDetail(c: ConsultationView, refresh: RwSignal<u32>) -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let may = session.can(Permission::AnswerConsultations);
    let me = session.me().map(|s| s.id.0);
    let (id, status, topic, created) = (c.id, c.status, c.topic, c.created_at);
    let runner = StepRunner::new(id, refresh);
    // the first message is the customer's question: their name
    let customer = c
        .messages
        .iter()
        .find(|m| m.author == Author::Customer)
        .map(|m| m.author_name.clone())
        .unwrap_or_default();
    let assignee = c.assignee.clone();
    let mine = assignee.as_ref().is_some_and(|a| Some(a.id) == me);
    let about = match (&c.product, &c.order_number) {
        (Some(p), _) => {
            let (slug, name) = (p.slug.clone(), p.name.clone());
            Some(view! {
                <dt>{t(C::Product)}</dt>
                <dd><a href=format!("/products/{slug}") target="_blank" rel="noopener" data-testid="consultation-product">
                    {move || name.get(locale.get()).to_string()}
                </a></dd>
            }
            .into_any())
        }
        (None, Some(number)) => Some(
            view! {
                <dt>{t(C::Order)}</dt>
                <dd><a class="mono" href=format!("/admin/orders/{number}") data-testid="consultation-order">{number.clone()}</a></dd>
            }
            .into_any(),
        ),
        (None, None) => None,
    };
    let assignee_name = match &assignee {
        Some(a) => {
            let name = a.name.clone();
            view! {
                <span data-testid="consultation-assignee">{name}{mine.then(|| t(C::You))}</span>
            }
            .into_any()
        }
        None => view! { <span class="muted" data-testid="consultation-assignee">{t(C::Unassigned)}</span> }.into_any(),
    };
    let take = (may && !mine && me.is_some()).then(|| {
        view! {
            <button type="button" class="btn btn--small" disabled=move || runner.busy.get()
                on:click=move |_| runner.run(crate::api::assign_consultation(runner.id, me), C::Assigned)
                data-testid="consultation-take">{t(C::AssignToMe)}</button>
        }
    });
    let unassign = (may && assignee.is_some()).then(|| {
        view! {
            <button type="button" class="btn btn--ghost btn--small" disabled=move || runner.busy.get()
                on:click=move |_| runner.run(crate::api::assign_consultation(runner.id, None), C::UnassignedDone)
                data-testid="consultation-unassign">{t(C::Unassign)}</button>
        }
    });
    let resolve = (may && status.can_transition(ConsultationStatus::Resolved)).then(|| {
        view! {
            <button type="button" class="btn" disabled=move || runner.busy.get()
                on:click=move |_| runner.run(crate::api::resolve_consultation(runner.id), C::Resolved)
                data-testid="consultation-resolve">{t(C::Resolve)}</button>
        }
    });
    let close = (may && status.can_transition(ConsultationStatus::Closed)).then(|| {
        view! {
            <button type="button" class="btn btn--bad" disabled=move || runner.busy.get()
                on:click=move |_| runner.run(crate::api::close_consultation(runner.id), C::Closed)
                data-testid="consultation-close">{t(C::Close)}</button>
        }
    });
    let has_steps = resolve.is_some() || close.is_some();
    // the answer's refusal shows below its form
    let reply = runner.apart();
    let messages = c
        .messages
        .iter()
        .cloned()
        .map(|m| view! { <ThreadMessage m/> })
        .collect_view();
    let rating = c.rating;
    let comment = c.rating_comment.clone();
    view! {
        <header class="page-head page-head--row">
            <div>
                <h1 data-testid="consultation-subject">{c.subject.clone()}</h1>
                <p>
                    <span class="mono">{move || super::title(locale.get(), id)}</span>
                    " " <span class=format!("tag tag--consultation tag--{}", status.as_str()) data-testid="consultation-status">
                        {move || text::status(locale.get(), status)}
                    </span>
                    " " <span class="chip chip--small" data-testid="consultation-topic">{move || text::topic(locale.get(), topic)}</span>
                    " · " <span class="muted">{t(C::Asked)} " " {move || ui::format::date_time(locale.get(), created)}</span>
                </p>
            </div>
            {has_steps.then(|| view! { <div class="row" data-testid="consultation-steps">{resolve}{close}</div> })}
        </header>
        <p class="form-error" role="alert" data-testid="form-error">{runner.message(text::error)}</p>
        <div class="order-grid consultation">
            <section class="panel order-grid__wide">
                <h2>{t(C::Thread)}</h2>
                <ol class="thread" data-testid="consultation-thread">{messages}</ol>
                {may.then(|| view! { <ReplyForm runner=reply status/> })}
            </section>
            <section class="panel">
                <h2>{t(C::Details)}</h2>
                <dl class="facts">
                    <dt>{t(C::Topic)}</dt><dd>{move || text::topic(locale.get(), topic)}</dd>
                    {about}
                    <dt>{t(C::Customer)}</dt><dd data-testid="consultation-customer">{customer}</dd>
                    <dt>{t(C::Assignee)}</dt>
                    <dd>
                        {assignee_name}
                        <span class="row consultation-assign">{take}{unassign}</span>
                    </dd>
                </dl>
            </section>
            {c.sla.map(|sla| view! { <SlaPanel sla/> })}
            <section class="panel" data-testid="consultation-rating-panel">
                <h2>{t(C::Rating)}</h2>
                {match rating {
                    Some(r) => view! {
                        <p data-testid="consultation-rating">
                            <span class="consultation-stars" aria-hidden="true">{text::star_line(r)}</span>
                            " " <strong>{r}</strong>
                        </p>
                        {(!comment.trim().is_empty()).then(|| view! {
                            <p class="thread__body" data-testid="consultation-rating-comment">{comment.clone()}</p>
                        })}
                    }
                    .into_any(),
                    None => view! { <p class="muted" data-testid="consultation-no-rating">{t(C::NoRating)}</p> }.into_any(),
                }}
            </section>
        </div>
    }
}

/// One message: the customer's on the left, the staff's on the right.
#[component]
fn ThreadMessage(m: MessageView) -> impl IntoView {
    let locale = use_locale();
    let (author, at) = (m.author, m.at);
    let class = match author {
        Author::Customer => "thread__message thread__message--customer",
        Author::Staff => "thread__message thread__message--staff",
    };
    view! {
        <li class=class data-testid="consultation-message" data-author=author.as_str()>
            <p class="thread__head">
                <strong data-testid="consultation-message-author">{m.author_name}</strong>
                " " <span class="chip chip--small">{move || text::author(locale.get(), author)}</span>
                " · " <span class="muted nowrap">{move || ui::format::date_time(locale.get(), at)}</span>
            </p>
            <p class="thread__body" data-testid="consultation-message-body">{m.body}</p>
        </li>
    }
}

/// The answer: checked as the server checks it, then sent; none once closed.
#[component]
fn ReplyForm(runner: StepRunner, status: ConsultationStatus) -> impl IntoView {
    let locale = runner.locale;
    let body = RwSignal::new(String::new());
    let closed = status == ConsultationStatus::Closed;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = body.get_untracked();
        let req = NewMessage {
            body: typed.trim().to_string(),
        };
        if let Err(p) = check_message(status, &req) {
            runner
                .failure
                .set(Some(crate::api::local_error(p.code(), p.field())));
            return;
        }
        runner.run(
            crate::api::answer_consultation(runner.id, &req.body),
            C::Sent,
        );
    };
    let blank = move || body.with(|b| b.trim().is_empty());
    view! {
        <form class="form thread__reply" on:submit=submit novalidate data-testid="consultation-reply-form">
            <div class="field">
                <label class="field__label" for="consultation-reply">{t(C::Reply)}</label>
                <textarea id="consultation-reply" class="input" rows="4" maxlength=MAX_BODY.to_string()
                    disabled=closed prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))
                    data-testid="consultation-reply"></textarea>
                <p class="field__hint">
                    {move || if closed { C::ClosedNoReply.text(locale.get()) } else { C::ReplyHint.text(locale.get()) }}
                </p>
            </div>
            <button class="btn" type="submit" disabled=move || closed || runner.busy.get() || blank()
                data-testid="consultation-send">{t(C::Send)}</button>
            <p class="form-error" role="alert" data-testid="reply-error">{runner.message(text::error)}</p>
        </form>
    }
}

/// The two clocks: when each is due, when it stopped (in time or late), and the time left
/// on the running one.
#[component]
fn SlaPanel(sla: SlaView) -> impl IntoView {
    let locale = use_locale();
    // the first-response clock runs until the first answer, then the resolution's
    let first_running = sla.first_response_at.is_none();
    let clock = move |due: i64, done: Option<i64>, running: bool| {
        let state = match done {
            Some(at) => {
                let met = at <= due;
                let class = if met { "sla sla--met" } else { "sla sla--late" };
                view! {
                    <span class="muted">{t(C::Done)} " " {move || ui::format::date_time(locale.get(), at)}</span>
                    " · " <span class=class>{move || if met { C::Met.text(locale.get()) } else { C::Breached.text(locale.get()) }}</span>
                }
                .into_any()
            }
            None if running => view! {
                <span class=text::sla_class(&sla)>{move || text::sla(locale.get(), &sla)}</span>
            }
            .into_any(),
            None => view! { <span class="muted">{t(C::NotYet)}</span> }.into_any(),
        };
        view! {
            <dd>
                <span>{t(C::Due)} " " {move || ui::format::date_time(locale.get(), due)}</span>
                <br/>
                {state}
            </dd>
        }
    };
    view! {
        <section class="panel" data-testid="consultation-sla-panel">
            <h2>{t(C::ServiceLevel)}</h2>
            <dl class="facts">
                <dt>{t(C::FirstResponse)}</dt>
                {clock(sla.first_response_due_at, sla.first_response_at, first_running)}
                <dt>{t(C::Resolution)}</dt>
                {clock(sla.resolution_due_at, sla.resolved_at, !first_running)}
                <dt>{t(C::TimeLeft)}</dt>
                <dd><span class=text::sla_class(&sla) data-testid="consultation-sla">{move || text::sla(locale.get(), &sla)}</span></dd>
            </dl>
        </section>
    }
}
