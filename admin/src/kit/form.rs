//! The form pattern: the server's validation message shown next to the field it names (and
//! any other error above the buttons), a warning before leaving a form with unsaved
//! changes, and a toast after saving (see `toast`).

use crate::text::T;
use leptos::prelude::*;
use shared::{ApiError, Locale};
use ui::i18n::{use_locale, Translate};
use wasm_bindgen::JsCast;

/// How a form words a refusal: the back office's words (`crate::text::error`), or a
/// module's that asks its own problems first (a code may mean another thing elsewhere).
pub type Say = fn(Locale, &ApiError) -> String;

/// The last error of a form's submission, and how it is worded.
#[derive(Clone, Copy)]
pub struct FormErrors(pub RwSignal<Option<ApiError>>, Say);

impl FormErrors {
    pub fn new() -> FormErrors {
        FormErrors(RwSignal::new(None), crate::text::error)
    }

    /// A form whose refusals `say` words.
    pub fn saying(say: Say) -> FormErrors {
        FormErrors(RwSignal::new(None), say)
    }

    /// The error's words in `locale`.
    pub fn words(self, locale: Locale, e: &ApiError) -> String {
        (self.1)(locale, e)
    }

    pub fn set(self, e: ApiError) {
        self.0.set(Some(e));
    }

    pub fn clear(self) {
        self.0.set(None);
    }

    /// The message for `field`, when the error names it.
    pub fn for_field(self, field: &'static str) -> impl Fn() -> Option<String> + Copy {
        let locale = use_locale();
        move || {
            self.0.with(|e| {
                e.as_ref()
                    .filter(|e| e.field.as_deref() == Some(field))
                    .map(|e| (self.1)(locale.get(), e))
            })
        }
    }

    /// The message of an error that names no field of this form.
    pub fn general(self, fields: &'static [&'static str]) -> impl Fn() -> Option<String> + Copy {
        let locale = use_locale();
        move || {
            self.0.with(|e| {
                e.as_ref()
                    .filter(|e| e.field.as_deref().is_none_or(|f| !fields.contains(&f)))
                    .map(|e| (self.1)(locale.get(), e))
            })
        }
    }
}

/// A labelled field with its error message below it.
#[component]
pub fn Field(
    label: Signal<&'static str>,
    name: &'static str,
    errors: FormErrors,
    #[prop(optional)] hint: Option<Signal<&'static str>>,
    children: Children,
) -> impl IntoView {
    let message = errors.for_field(name);
    view! {
        <div class="field" class:field--bad=move || message().is_some()>
            <label class="field__label" for=name>{label}</label>
            {children()}
            {hint.map(|h| view! { <p class="field__hint">{h}</p> })}
            <p class="field__error" role="alert" data-testid=format!("error-{name}")>{message}</p>
        </div>
    }
}

/// The form's error that belongs to none of its fields.
#[component]
pub fn FormError(errors: FormErrors, fields: &'static [&'static str]) -> impl IntoView {
    let message = errors.general(fields);
    view! { <p class="form-error" role="alert" data-testid="form-error">{message}</p> }
}

/// While `dirty`, leaving the page asks first: closing or reloading the tab (the browser's
/// own question) and following a link inside the app (ours).
pub fn warn_before_leaving(dirty: RwSignal<bool>) {
    let locale = use_locale();
    let unload = window_event_listener(leptos::ev::beforeunload, move |e| {
        if dirty.get_untracked() {
            e.prevent_default();
            e.set_return_value("");
        }
    });
    // a capturing listener sees link clicks before the router does; cancelling the click
    // stops both the router and the browser
    let click = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MouseEvent)>::new(
        move |ev: web_sys::MouseEvent| {
            if !dirty.get_untracked() {
                return;
            }
            let link = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a[href]").ok().flatten());
            if link.is_none() {
                return;
            }
            let leave = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(T::UnsavedChanges.text(locale.get_untracked()))
                        .ok()
                })
                .unwrap_or(true);
            if leave {
                dirty.set(false);
            } else {
                ev.prevent_default();
                ev.stop_propagation();
            }
        },
    );
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(doc) = &document {
        let _ = doc.add_event_listener_with_callback_and_bool(
            "click",
            click.as_ref().unchecked_ref(),
            true,
        );
    }
    let click = send_wrapper::SendWrapper::new(click);
    on_cleanup(move || {
        unload.remove();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            let _ = doc.remove_event_listener_with_callback_and_bool(
                "click",
                click.as_ref().unchecked_ref(),
                true,
            );
        }
        drop(click);
    });
}
