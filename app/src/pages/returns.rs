//! Returns on the order's page (退货): the form that asks for one — which lines and how many
//! units, why, a comment, photos — while the return window is open, and the order's returns
//! with where each stands.

use crate::components::photo_upload::PhotoUploads;
use crate::i18n::{self, api_error_text, t, use_locale, Msg};
use leptos::prelude::*;
use shared::after_sales::returns::{
    NewReturn, Resolution, ReturnLineRequest, ReturnReason, ReturnView,
};
use shared::ApiError;
use ui::format::date;

/// A line the form offers: its position in the order, its name and the units that may
/// still go back.
pub type Offered = (u32, String, i64);

/// The order's returns, each with its status, lines, what it gives back and what staff
/// wrote (the return instructions, a reason).
#[component]
pub fn ReturnsPanel(returns: Vec<ReturnView>) -> impl IntoView {
    let l = use_locale().get_untracked();
    let items = returns
        .into_iter()
        .map(|r| {
            let lines = r
                .lines
                .iter()
                .map(|line| format!("{} × {}", line.name.get(l), line.quantity))
                .collect::<Vec<_>>()
                .join(if l == shared::Locale::ZhCn { "，" } else { ", " });
            let photos = r
                .photos
                .iter()
                .map(|src| view! { <img class="return-photo" src=src.clone() alt="" width="64" height="64" loading="lazy"/> })
                .collect_view();
            view! {
                <li class="return-card" data-testid="return-card">
                    <p class="parcel__head">
                        <strong>{i18n::return_title(l, r.id)}</strong>
                        <span class="badge-inline" data-testid="return-card-status">{i18n::return_status(l, r.status)}</span>
                    </p>
                    <p class="small">{lines}" · "{i18n::return_reason(l, r.reason)}</p>
                    {(!r.staff_note.is_empty()).then(|| view! { <p class="small return-note" data-testid="return-note">{r.staff_note.clone()}</p> })}
                    <p class="small muted">{date(l, r.created_at)}
                        {r.status.is_open().then(|| format!(" · {} {}", Msg::ReturnShare.text(l), r.share))}
                        {(!r.refunded.is_zero()).then(|| format!(" · {} {}", Msg::RefundedLabel.text(l), r.refunded))}</p>
                    <div class="return-photos">{photos}</div>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2>{Msg::ReturnsTitle.text(l)}</h2>
        <ul class="returns" data-testid="returns">{items}</ul>
    }
}

/// Asking for a return: the lines (each with how many), the reason, a comment and photos;
/// sent with the order's link `token` when there is one. Once sent, the page is loaded
/// again with the return in its timeline.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn ReturnForm(number: String, token: String, lines: Vec<Offered>, until: i64) -> impl IntoView {
    let locale = use_locale();
    let chosen: Vec<(u32, RwSignal<bool>, RwSignal<String>)> = lines
        .iter()
        .map(|(line, _, _)| (*line, RwSignal::new(false), RwSignal::new("1".to_string())))
        .collect();
    let reason = RwSignal::new(ReturnReason::Defective.as_str().to_string());
    let comment = RwSignal::new(String::new());
    let uploads = PhotoUploads::new(shared::after_sales::returns::MAX_PHOTOS);
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let (number, token) = (StoredValue::new(number), StoredValue::new(token));
    let picks = StoredValue::new(chosen.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || uploads.uploading.get_untracked() > 0 {
            return;
        }
        let lines: Vec<ReturnLineRequest> = picks
            .get_value()
            .iter()
            .filter(|(_, on, _)| on.get_untracked())
            .map(|(line, _, q)| ReturnLineRequest {
                line: *line,
                quantity: q.get_untracked().parse().unwrap_or(1),
            })
            .collect();
        let req = NewReturn {
            lines,
            reason: ReturnReason::parse(&reason.get_untracked()).unwrap_or(ReturnReason::Other),
            comment: comment.get_untracked(),
            resolution: Resolution::Refund,
            exchange_for: None,
            photos: uploads.keys(),
        };
        let request = crate::api::request_return(&number.get_value(), &token.get_value(), &req);
        let back = reload(
            locale.get_untracked(),
            &number.get_value(),
            &token.get_value(),
        );
        crate::components::form::send(request, pending, error, move |_| back);
    };
    let on_photo = move |ev: leptos::ev::Event| {
        uploads.chosen(
            ev,
            crate::api::photo_path(&number.get_value(), &token.get_value()),
            error,
        )
    };
    let rows = lines
        .into_iter()
        .zip(chosen)
        .map(|((_, name, max), (_, on, quantity))| {
            let options = (1..=max.max(1))
                .map(|n| view! { <option value=n.to_string()>{n}</option> })
                .collect_view();
            view! {
                <li class="return-line">
                    <label class="check">
                        <input type="checkbox" bind:checked=on data-testid="return-line"/>
                        <span>{name}</span>
                    </label>
                    <select bind:value=quantity aria-label=move || t(Msg::Quantity)() data-testid="return-quantity">{options}</select>
                </li>
            }
        })
        .collect_view();
    let reasons = ReturnReason::ALL
        .iter()
        .map(|r| view! { <option value=r.as_str()>{move || i18n::return_reason(locale.get(), *r)}</option> })
        .collect_view();
    let thumbs = move || {
        uploads
            .photos
            .get()
            .into_iter()
            .map(|p| view! { <img class="return-photo" src=p.url alt="" width="64" height="64" data-testid="return-photo"/> })
            .collect_view()
    };
    view! {
        <details class="panel return-form" data-testid="return-form">
            <summary><strong>{t(Msg::AskReturn)}</strong>
                <span class="muted small">" · "{move || i18n::return_until(locale.get(), &date(locale.get(), until))}</span>
            </summary>
            <form class="form" on:submit=submit>
                <ul class="return-lines">{rows}</ul>
                <label>{t(Msg::ReturnReasonLabel)}
                    <select bind:value=reason data-testid="return-reason">{reasons}</select>
                </label>
                <label>{t(Msg::ReturnComment)}
                    <textarea rows="3" maxlength="500" bind:value=comment data-testid="return-comment"></textarea>
                </label>
                <label>{t(Msg::ReturnPhotos)}
                    <input type="file" accept="image/jpeg,image/png,image/webp" multiple disabled=move || uploads.full() on:change=on_photo data-testid="return-photos"/>
                </label>
                <div class="return-photos">{thumbs}</div>
                <button class="button" type="submit" disabled=move || { pending.get() || uploads.busy() } data-testid="return-submit">
                    {move || if pending.get() { t(Msg::Working)() } else { t(Msg::SendReturn)() }}
                </button>
            </form>
            <p class="form-error" role="alert" data-testid="return-error">{move || error.get().map(|e| said(locale.get(), &e))}</p>
        </details>
    }
}

/// A refusal in the customer's words: which lines, how many, or what the API says.
fn said(locale: shared::Locale, e: &ApiError) -> String {
    match e.problem.as_deref() {
        Some("lines") => Msg::ReturnChooseLines.text(locale).to_string(),
        Some("quantity") => Msg::ReturnTooMany.text(locale).to_string(),
        _ => api_error_text(locale, e).to_string(),
    }
}

/// The order's page again, with its link's token when it was opened with one.
pub(crate) fn reload(locale: shared::Locale, number: &str, token: &str) -> String {
    let path = locale.localize(&format!("/orders/{number}"));
    if token.is_empty() {
        path
    } else {
        format!("{path}?token={}", shared::url::encode_component(token))
    }
}
