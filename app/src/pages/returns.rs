//! Returns on the order's page (退货): the form that asks for one — which lines and how many
//! units, why, a comment, photos — while the return window is open, and the order's returns
//! with where each stands.

use crate::components::photo_upload::PhotoUploads;
use crate::i18n::{self, api_error_text, t, use_locale, Msg, Portal};
use leptos::prelude::*;
use shared::after_sales::returns::{
    ExchangeOption, NewReturn, Resolution, ReturnLineRequest, ReturnReason, ReturnView,
};
use shared::ApiError;
use ui::format::date;

/// A line the form offers: its position in the order, its name, the units that may
/// still go back and the other sizes and colours an exchange may ask for.
pub type Offered = (u32, String, i64, Vec<ExchangeOption>);

/// "Name — colour / size (SKU)": an exchange's choice.
fn option_label(locale: shared::Locale, name: &str, o: &ExchangeOption) -> String {
    let kind: Vec<&str> = o
        .color
        .as_ref()
        .map(|c| c.get(locale))
        .into_iter()
        .chain(o.size.as_deref())
        .collect();
    format!("{name} — {} ({})", kind.join(" / "), o.sku)
}

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
                    <p class="small">{lines}" · "{i18n::return_reason(l, r.reason)}
                        {r.exchange_sku.clone().map(|sku| format!(" · {} {sku}", Portal::ExchangeFor.text(l)))}</p>
                    {(!r.staff_note.is_empty()).then(|| view! { <p class="small return-note" data-testid="return-note">{r.staff_note.clone()}</p> })}
                    {r.replacement.map(|n| {
                        let href = l.localize(&format!("/orders/{n}"));
                        view! { <p class="small">{Portal::ExchangeReplacement.text(l)}" "<a class="link" href=href data-testid="return-replacement">{n.to_string()}</a></p> }
                    })}
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
        .map(|(line, ..)| (*line, RwSignal::new(false), RwSignal::new("1".to_string())))
        .collect();
    // every other size or colour of every line: (line, variant, label)
    let swaps: Vec<(u32, i64, String)> = lines
        .iter()
        .flat_map(|(line, name, _, options)| {
            let l = locale.get_untracked();
            options
                .iter()
                .map(move |o| (*line, o.variant.0, option_label(l, name, o)))
        })
        .collect();
    let resolution = RwSignal::new(Resolution::Refund.as_str().to_string());
    let wanted = RwSignal::new(String::new());
    let reason = RwSignal::new(ReturnReason::Defective.as_str().to_string());
    let comment = RwSignal::new(String::new());
    let uploads = PhotoUploads::new(shared::after_sales::returns::MAX_PHOTOS);
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let (number, token) = (StoredValue::new(number), StoredValue::new(token));
    let picks = StoredValue::new(chosen.clone());
    let swap_of = StoredValue::new(swaps.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || uploads.uploading.get_untracked() > 0 {
            return;
        }
        let resolution =
            Resolution::parse(&resolution.get_untracked()).unwrap_or(Resolution::Refund);
        // an exchange is of the line whose other size or colour was chosen (none chosen:
        // the checked lines go, and the server names what is missing)
        let swap = (resolution == Resolution::Exchange)
            .then(|| wanted.get_untracked().parse::<i64>().ok())
            .flatten()
            .and_then(|v| swap_of.get_value().into_iter().find(|(_, id, _)| *id == v));
        let lines: Vec<ReturnLineRequest> = picks
            .get_value()
            .iter()
            .filter(|(line, on, _)| {
                swap.as_ref()
                    .map_or_else(|| on.get_untracked(), |s| s.0 == *line)
            })
            .map(|(line, _, q)| ReturnLineRequest {
                line: *line,
                quantity: q.get_untracked().parse().unwrap_or(1),
            })
            .collect();
        let req = NewReturn {
            lines,
            reason: ReturnReason::parse(&reason.get_untracked()).unwrap_or(ReturnReason::Other),
            comment: comment.get_untracked(),
            resolution,
            exchange_for: swap.map(|(_, v, _)| shared::ids::VariantId(v)),
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
        .map(|((_, name, max, _), (_, on, quantity))| {
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
    let swap_options = swaps
        .iter()
        .map(|(_, v, label)| view! { <option value=v.to_string()>{label.clone()}</option> })
        .collect_view();
    let exchange_choice = if swaps.is_empty() {
        view! { <p class="muted small" data-testid="exchange-none">{t(Portal::ExchangeNone)}</p> }
            .into_any()
    } else {
        view! {
            <label>{t(Portal::ExchangeFor)}
                <select bind:value=wanted data-testid="exchange-for">
                    <option value="">"—"</option>
                    {swap_options}
                </select>
            </label>
        }
        .into_any()
    };
    let exchanging = move || resolution.get() == Resolution::Exchange.as_str();
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
                <label>{t(Portal::ReturnWish)}
                    <select bind:value=resolution data-testid="return-resolution">
                        <option value=Resolution::Refund.as_str()>{t(Portal::ReturnRefund)}</option>
                        <option value=Resolution::Exchange.as_str()>{t(Portal::ReturnExchange)}</option>
                    </select>
                </label>
                <div hidden=move || !exchanging()>{exchange_choice}</div>
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
