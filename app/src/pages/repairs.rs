//! Repairs on the order's page (保修维修): the form that asks for one — which item, what is
//! wrong, photos — for the lines of a delivered order still under warranty with no repair
//! under way, and the order's repairs with their steps (also in the timeline).

use crate::components::photo_upload::PhotoUploads;
use crate::i18n::{api_error_text, t, use_locale, Msg, Portal};
use leptos::prelude::*;
use shared::after_sales::repairs::{
    check_repair, NewRepair, RepairStatus, RepairView, MAX_DESCRIPTION, MAX_PHOTOS,
};
use shared::checkout::OrderView;
use shared::{ApiError, ErrorCode, Locale};
use ui::format::date;

/// A line the form offers: its position in the order, its name, and the last day of its
/// warranty.
pub type Repairable = (u32, String, i64);

/// The lines of `order` a repair may be asked for now, by the tracking's `repair_until`.
pub fn repairable(locale: Locale, order: &OrderView, until: &[Option<i64>]) -> Vec<Repairable> {
    order
        .lines
        .iter()
        .zip(until)
        .enumerate()
        .filter_map(|(i, (l, until))| {
            let line = u32::try_from(i).ok()?;
            Some((line, l.name.get(locale).to_string(), (*until)?))
        })
        .collect()
}

/// Where a repair stands, as its customer is told.
pub fn status_text(locale: Locale, status: RepairStatus) -> &'static str {
    let msg = match status {
        RepairStatus::Requested => Portal::RepairStatusRequested,
        RepairStatus::Received => Portal::RepairStatusReceived,
        RepairStatus::Repairing => Portal::RepairStatusRepairing,
        RepairStatus::Returned => Portal::RepairStatusReturned,
        RepairStatus::Closed => Portal::RepairStatusClosed,
        RepairStatus::Rejected => Portal::RepairStatusRejected,
    };
    msg.text(locale)
}

/// "维修 #12" / "Repair #12".
fn repair_title(locale: Locale, id: i64) -> String {
    format!("{} #{id}", Portal::RepairTitle.text(locale))
}

/// The order's repairs, each with its item, what the customer wrote, what staff wrote
/// (the return parcel, the reason it is not covered) and its steps.
#[component]
pub fn RepairsPanel(repairs: Vec<RepairView>) -> impl IntoView {
    let l = use_locale().get_untracked();
    let items = repairs
        .into_iter()
        .map(|r| {
            let variant = r.variant.get(l).to_string();
            let item = if variant.is_empty() {
                r.name.get(l).to_string()
            } else {
                format!("{} · {variant}", r.name.get(l))
            };
            let steps = r
                .events
                .iter()
                .map(|e| {
                    let note = (!e.note.is_empty()).then(|| format!(" · {}", e.note));
                    view! {
                        <li data-testid="repair-step">
                            {status_text(l, e.status)}{note}" "
                            <time class="muted">{date(l, e.at)}</time>
                        </li>
                    }
                })
                .collect_view();
            let photos = r
                .photos
                .iter()
                .map(|src| view! { <img class="return-photo" src=src.clone() alt="" width="64" height="64" loading="lazy"/> })
                .collect_view();
            view! {
                <li class="return-card" data-testid="repair-card">
                    <p class="parcel__head">
                        <strong>{repair_title(l, r.id)}</strong>
                        <span class="badge-inline" data-testid="repair-card-status">{status_text(l, r.status)}</span>
                    </p>
                    <p class="small">{item}</p>
                    <p class="small muted">{r.description.clone()}</p>
                    {(!r.staff_note.is_empty()).then(|| view! { <p class="small return-note" data-testid="repair-card-note">{r.staff_note.clone()}</p> })}
                    <ol class="small">{steps}</ol>
                    <div class="return-photos">{photos}</div>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2>{Portal::RepairsTitle.text(l)}</h2>
        <ul class="returns" data-testid="repairs">{items}</ul>
    }
}

/// Asking for a repair of one of the lines still under warranty: which one, what is wrong
/// and photos (for the signed-in owner). Once sent, the page is loaded again with the
/// repair in its timeline.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn RepairForm(number: String, lines: Vec<Repairable>) -> impl IntoView {
    let locale = use_locale();
    let first = lines
        .first()
        .map(|(line, _, _)| line.to_string())
        .unwrap_or_default();
    let line = RwSignal::new(first);
    let description = RwSignal::new(String::new());
    let uploads = PhotoUploads::new(MAX_PHOTOS);
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let number = StoredValue::new(number);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || uploads.uploading.get_untracked() > 0 {
            return;
        }
        let Ok(chosen) = line.get_untracked().parse::<u32>() else {
            error.set(Some(
                ApiError::new(ErrorCode::Validation, "line").with_problem("line"),
            ));
            return;
        };
        let req = NewRepair {
            line: chosen,
            description: description.get_untracked(),
            photos: uploads.keys(),
        };
        if let Err(p) = check_repair(&req) {
            error.set(Some(ApiError::from(p)));
            return;
        }
        let request = crate::api::request_repair(&number.get_value(), &req);
        let back = crate::pages::returns::reload(locale.get_untracked(), &number.get_value(), "");
        crate::components::form::send(request, pending, error, move |_| back);
    };
    let on_photo = move |ev: leptos::ev::Event| {
        uploads.chosen(
            ev,
            crate::api::repair_photo_path(&number.get_value()),
            error,
        )
    };
    let options = lines
        .into_iter()
        .map(|(position, name, until)| {
            let label = move || {
                let l = locale.get();
                format!(
                    "{name} · {} {}",
                    Portal::RepairWarrantyUntil.text(l),
                    date(l, until)
                )
            };
            view! { <option value=position.to_string()>{label}</option> }
        })
        .collect_view();
    let thumbs = move || {
        uploads
            .photos
            .get()
            .into_iter()
            .map(|p| view! { <img class="return-photo" src=p.url alt="" width="64" height="64" data-testid="repair-photo"/> })
            .collect_view()
    };
    view! {
        <details class="panel return-form" data-testid="repair-form">
            <summary><strong>{t(Portal::RepairAsk)}</strong></summary>
            <form class="form" on:submit=submit>
                <label>{t(Portal::RepairItem)}
                    <select bind:value=line data-testid="repair-line">{options}</select>
                </label>
                <label>{t(Portal::RepairDescription)}
                    <textarea rows="4" maxlength=MAX_DESCRIPTION.to_string() bind:value=description data-testid="repair-description"></textarea>
                </label>
                <label>{t(Portal::RepairPhotos)}
                    <input type="file" accept="image/jpeg,image/png,image/webp" multiple disabled=move || uploads.full() on:change=on_photo data-testid="repair-photos"/>
                </label>
                <div class="return-photos">{thumbs}</div>
                <button class="button" type="submit" disabled=move || { pending.get() || uploads.busy() } data-testid="repair-submit">
                    {move || if pending.get() { t(Msg::Working)() } else { t(Portal::RepairSend)() }}
                </button>
            </form>
            <p class="form-error" role="alert" data-testid="repair-error">{move || error.get().map(|e| said(locale.get(), &e))}</p>
        </details>
    }
}

/// A refusal in the customer's words: which item, what is wrong, the warranty, or what the
/// API says.
fn said(locale: Locale, e: &ApiError) -> String {
    let msg = match e.problem.as_deref() {
        Some("line") => Portal::RepairChooseLine,
        Some("description") => Portal::RepairDescribe,
        Some("warranty_over") => Portal::RepairWarrantyOver,
        Some("already_open") => Portal::RepairAlreadyOpen,
        Some("not_delivered") => Portal::RepairNotDelivered,
        _ => return api_error_text(locale, e).to_string(),
    };
    msg.text(locale).to_string()
}
