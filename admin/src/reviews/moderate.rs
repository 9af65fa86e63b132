//! What a staff member with `moderate_reviews` may do with a review: hide it with the
//! reason its writer is told, show it again, or answer it in public (an empty answer takes
//! it back). After a step a toast says so and the list is loaded again; a refusal shows
//! below the buttons in the staff member's language.

use super::text::{self, Rv};
use crate::kit::steps::StepRunner;
use crate::text::T;
use leptos::prelude::*;
use shared::reviews::{check_reply, MAX_REPLY};
use ui::i18n::t;

/// The buttons under a review and the forms they open. A review the shop has not answered
/// shows the answer's form straight away; an answer already given opens with "Edit reply".
#[component]
pub fn Moderate(
    review: i64,
    is_hidden: bool,
    reply: Option<String>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let runner = StepRunner::new(review, refresh);
    let answered = reply.is_some();
    let hiding = RwSignal::new(false);
    let replying = RwSignal::new(!answered);
    let toggle = move |open: RwSignal<bool>| {
        runner.failure.set(None);
        open.update(|o| *o = !*o);
    };
    let visibility = if is_hidden {
        view! {
            <button type="button" class="btn btn--ghost btn--small" disabled=move || runner.busy.get()
                data-testid="review-show" on:click=move |_| runner.run(crate::api::show_review(review), Rv::ShownDone)>
                {t(Rv::Show)}
            </button>
        }
        .into_any()
    } else {
        view! {
            <button type="button" class="btn btn--bad btn--small" aria-expanded=move || hiding.get().to_string()
                data-testid="review-hide" on:click=move |_| toggle(hiding)>{t(Rv::Hide)}</button>
        }
        .into_any()
    };
    let edit = answered.then(|| {
        view! {
            <button type="button" class="btn btn--ghost btn--small" aria-expanded=move || replying.get().to_string()
                data-testid="review-reply" on:click=move |_| toggle(replying)>{t(Rv::EditReply)}</button>
        }
    });
    let current = reply.unwrap_or_default();
    let message = runner.message(text::error);
    view! {
        <div class="row review__actions">{visibility}{edit}</div>
        {move || hiding.get().then(|| view! { <HideForm runner open=hiding/> })}
        {move || replying.get().then(|| view! { <ReplyForm runner open=replying current=current.clone()/> })}
        <p class="form-error" role="alert" data-testid="form-error">{message}</p>
    }
}

/// The reason to hide a review (its writer reads it), then the confirmation.
#[component]
fn HideForm(runner: StepRunner, open: RwSignal<bool>) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let field = format!("review-hide-reason-{}", runner.id);
    let confirm = move |_| match check_reply(&reason.get_untracked()) {
        Ok(text) => runner.run(crate::api::hide_review(runner.id, &text), Rv::HiddenDone),
        Err(_) => runner.refuse("reply", "reply"),
    };
    view! {
        <div class="form review__form" data-testid="review-hide-form">
            <div class="field">
                <label class="field__label" for=field.clone()>{t(Rv::HideReason)}</label>
                <textarea id=field class="input" rows="2" maxlength=MAX_REPLY.to_string() prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev)) data-testid="review-hide-reason"></textarea>
                <p class="field__hint">{t(Rv::HideHint)}</p>
            </div>
            <div class="row">
                <button type="button" class="btn btn--bad btn--small" disabled=move || runner.busy.get()
                    data-testid="review-hide-confirm" on:click=confirm>{t(Rv::ConfirmHide)}</button>
                <button type="button" class="btn btn--ghost btn--small" on:click=move |_| open.set(false)>
                    {t(T::Cancel)}
                </button>
            </div>
        </div>
    }
}

/// The shop's public answer, starting from the current one; saving it empty takes an
/// answer back.
#[component]
fn ReplyForm(runner: StepRunner, open: RwSignal<bool>, current: String) -> impl IntoView {
    let answered = !current.is_empty();
    let answer = RwSignal::new(current);
    let field = format!("review-reply-{}", runner.id);
    let save = move |_| {
        let typed = answer.get_untracked();
        if typed.trim().is_empty() {
            if answered {
                runner.run(crate::api::reply_review(runner.id, ""), Rv::ReplyRemoved);
            } else {
                runner.refuse("reply", "reply");
            }
            return;
        }
        match check_reply(&typed) {
            Ok(text) => runner.run(crate::api::reply_review(runner.id, &text), Rv::Replied),
            Err(_) => runner.refuse("reply", "reply"),
        }
    };
    view! {
        <div class="form review__form" data-testid="review-reply-form">
            <div class="field">
                <label class="field__label" for=field.clone()>{t(Rv::ReplyText)}</label>
                <textarea id=field class="input" rows="3" maxlength=MAX_REPLY.to_string() prop:value=move || answer.get()
                    on:input=move |ev| answer.set(event_target_value(&ev)) data-testid="review-reply-text"></textarea>
                {answered.then(|| view! { <p class="field__hint">{t(Rv::ReplyHint)}</p> })}
            </div>
            <div class="row">
                <button type="button" class="btn btn--small" disabled=move || runner.busy.get()
                    data-testid="review-reply-save" on:click=save>{t(if answered { Rv::SaveReply } else { Rv::Reply })}</button>
                {answered.then(|| view! {
                    <button type="button" class="btn btn--ghost btn--small" on:click=move |_| open.set(false)>
                        {t(T::Cancel)}
                    </button>
                })}
            </div>
        </div>
    }
}
