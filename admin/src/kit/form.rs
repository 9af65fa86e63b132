//! The form pattern: the server's validation message shown next to the field it names (in
//! a form with a table of lines, next to the line's input: `lines[2].quantity`), and any
//! other error above the buttons; a warning before leaving a form with unsaved changes; a
//! toast after saving (see `toast`); and the form of a step on a record's page, which sends
//! one request and takes the record answered ([`StepForm`]).

use crate::kit::toast::{use_toasts, Toasts};
use crate::text::T;
use leptos::prelude::*;
use shared::{ApiError, Locale};
use std::future::Future;
use ui::api::ApiResult;
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

    /// The message for row `row` of a form's table of lines, when the error names one of
    /// the `parts` of the request's line that row is (`sent`).
    pub fn for_line(
        self,
        sent: SentRows,
        row: usize,
        parts: &'static [&'static str],
    ) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
        let locale = use_locale();
        move || {
            self.0.with(|e| {
                let e = e.as_ref()?;
                let (j, part) = line_field(e.field.as_deref()?)?;
                let named = parts.contains(&part) && sent.row(j) == Some(row);
                named.then(|| self.words(locale.get(), e))
            })
        }
    }

    /// The message of an error that names neither one of the `parts` of a line the request
    /// held (`sent`) nor one of the form's other `fields`: it shows above the buttons.
    pub fn general_with_lines(
        self,
        sent: SentRows,
        parts: &'static [&'static str],
        fields: &'static [&'static str],
    ) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
        let locale = use_locale();
        move || {
            self.0.with(|e| {
                let e = e.as_ref()?;
                let shown = e.field.as_deref().is_some_and(|f| {
                    fields.contains(&f)
                        || line_field(f)
                            .is_some_and(|(j, part)| parts.contains(&part) && sent.row(j).is_some())
                });
                (!shown).then(|| self.words(locale.get(), e))
            })
        }
    }
}

/// `(2, "quantity")` of `lines[2].quantity`; `(2, "")` of `lines[2]`.
fn line_field(field: &str) -> Option<(usize, &str)> {
    let rest = field.strip_prefix("lines[")?;
    let (n, rest) = rest.split_once(']')?;
    Some((n.parse().ok()?, rest.strip_prefix('.').unwrap_or(rest)))
}

/// Which row of a form's table each line of its request is, so that a refusal naming
/// `lines[j]` shows in its row.
#[derive(Clone, Copy)]
pub enum SentRows {
    /// Every one of the form's rows (this many), in order: line `j` is row `j`.
    All(usize),
    /// The rows the last request was made of, in its order (a form that leaves rows out of
    /// its request keeps them here as it makes it).
    Picked(StoredValue<Vec<usize>>),
}

impl SentRows {
    /// The row of the request's line `j`, when the request had that line.
    pub fn row(self, j: usize) -> Option<usize> {
        match self {
            SentRows::All(rows) => (j < rows).then_some(j),
            SentRows::Picked(sent) => sent.with_value(|s| s.get(j).copied()),
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

/// The rows of a form's table of lines: `row_view` of each row, with its index.
pub fn row_views<R, V>(rows: StoredValue<Vec<R>>, mut row_view: impl FnMut(usize, R) -> V) -> Vec<V>
where
    R: Clone + Send + Sync + 'static,
    V: IntoView,
{
    rows.with_value(|r| {
        r.iter()
            .cloned()
            .enumerate()
            .map(|(i, row)| row_view(i, row))
            .collect()
    })
}

/// The refusal of a form's line (see [`FormErrors::for_line`]), below its input.
#[component]
pub fn LineError(
    message: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    /// Its `data-testid`.
    #[prop(default = "line-error")]
    testid: &'static str,
) -> impl IntoView {
    view! { <p class="field__error" role="alert" data-testid=testid>{message}</p> }
}

/// An input of a form's line (the children, with any label) and below it the line's
/// refusal `message` (see [`FormErrors::for_line`]), marked while there is one.
#[component]
pub fn LineField(
    message: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    /// The refusal's `data-testid`.
    #[prop(default = "line-error")]
    testid: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:field--bad=move || message().is_some()>
            {children()}
            <LineError message testid/>
        </div>
    }
}

/// The form of a step taken on a record from its page (confirm an order, inspect a
/// receipt): its refusal, whether its request is under way, and what becomes of the record
/// the server answers (`T`) — the page shows it anew, loads the record again, or opens it.
pub struct StepForm<T: 'static> {
    pub locale: Memo<Locale>,
    toasts: Toasts,
    pub errors: FormErrors,
    pub pending: RwSignal<bool>,
    /// Takes the record answered once the step is done.
    done: Callback<T>,
}

// by hand: derived, they would ask `T: Clone` / `T: Copy` of the record
impl<T: 'static> Clone for StepForm<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for StepForm<T> {}

impl<T: 'static> StepForm<T> {
    /// A step's form whose refusals `say` words and whose answer goes to `done` (made while
    /// its component runs: it reads the context).
    pub fn new(say: Say, done: impl Fn(T) + Send + Sync + 'static) -> Self {
        StepForm {
            locale: use_locale(),
            toasts: use_toasts(),
            errors: FormErrors::saying(say),
            pending: RwSignal::new(false),
            done: Callback::new(done),
        }
    }

    /// Starts a submission: the browser's own is stopped and the last refusal cleared.
    /// `false` (and nothing done) while a request is still under way.
    pub fn begin(self, ev: &leptos::ev::SubmitEvent) -> bool {
        ev.prevent_default();
        if self.pending.get_untracked() {
            return false;
        }
        self.errors.clear();
        true
    }

    /// Sends `request`, the form pending meanwhile: once done `said` is toasted and the
    /// record answered goes to `done`, or the refusal shows in the form.
    pub fn send(self, said: impl Translate, request: impl Future<Output = ApiResult<T>> + 'static) {
        self.pending.set(true);
        leptos::task::spawn_local(async move {
            let answer = request.await;
            self.pending.set(false);
            match answer {
                Ok(answered) => {
                    self.toasts.say(said.text(self.locale.get_untracked()));
                    // `try_`: nothing when the form is gone meanwhile, as a signal's `set`
                    self.done.try_run(answered);
                }
                Err(e) => self.errors.set(e),
            }
        });
    }

    /// A whole submission ([`begin`](Self::begin), then [`send`](Self::send)): `request`
    /// makes the request of what is typed, or answers the rule it breaks, which shows in
    /// the form (nothing is sent).
    pub fn submit<F>(
        self,
        ev: &leptos::ev::SubmitEvent,
        said: impl Translate,
        request: impl FnOnce() -> Result<F, ApiError>,
    ) where
        F: Future<Output = ApiResult<T>> + 'static,
    {
        if !self.begin(ev) {
            return;
        }
        match request() {
            Ok(request) => self.send(said, request),
            Err(e) => self.errors.set(e),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::line_field;

    #[test]
    fn a_line_field_names_its_line_and_part() {
        assert_eq!(line_field("lines[2].bin"), Some((2, "bin")));
        assert_eq!(line_field("lines[0]"), Some((0, "")));
        assert_eq!(line_field("note"), None);
        assert_eq!(line_field("lines"), None);
    }
}
