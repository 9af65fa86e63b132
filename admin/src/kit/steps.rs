//! A step taken on one record from its page (approve a return, resolve a consultation,
//! hide a review): while it runs its buttons wait; once done a toast says so and the
//! record is loaded again; a refusal — the server's, or a rule found before sending —
//! shows in the staff member's language.

use crate::kit::toast::{use_toasts, Toasts};
use leptos::prelude::*;
use shared::{ApiError, Locale};
use ui::i18n::{use_locale, Translate};

/// What a step needs to run and to say how it went.
#[derive(Clone, Copy)]
pub struct StepRunner {
    /// The record's id.
    pub id: i64,
    pub locale: Memo<Locale>,
    toasts: Toasts,
    pub busy: RwSignal<bool>,
    pub failure: RwSignal<Option<ApiError>>,
    /// Bumped after each step done: the page's resource of the record tracks it.
    refresh: RwSignal<u32>,
}

impl StepRunner {
    pub fn new(id: i64, refresh: RwSignal<u32>) -> StepRunner {
        StepRunner {
            id,
            locale: use_locale(),
            toasts: use_toasts(),
            busy: RwSignal::new(false),
            failure: RwSignal::new(None),
            refresh,
        }
    }

    /// The same record's steps with a refusal of their own (a form shown apart).
    pub fn apart(self) -> StepRunner {
        StepRunner {
            failure: RwSignal::new(None),
            ..self
        }
    }

    /// Sends a step: once done a toast says `done` and the record is loaded again, or the
    /// server's refusal shows.
    pub fn run<T: 'static>(
        self,
        call: impl std::future::Future<Output = ui::api::ApiResult<T>> + 'static,
        done: impl Translate,
    ) {
        self.busy.set(true);
        self.failure.set(None);
        leptos::task::spawn_local(async move {
            let result = call.await;
            self.busy.set(false);
            match result {
                Ok(_) => {
                    self.toasts.say(done.text(self.locale.get_untracked()));
                    self.refresh.update(|n| *n += 1);
                }
                Err(e) => self.failure.set(Some(e)),
            }
        });
    }

    /// A rule the form broke, found here before sending anything.
    pub fn refuse(self, problem: &str, field: &str) {
        self.failure
            .set(Some(crate::api::local_error(problem, field)));
    }

    /// The refusal as `say` words it (none while there is none).
    pub fn message(
        self,
        say: fn(Locale, &ApiError) -> String,
    ) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
        move || {
            self.failure
                .with(|e| e.as_ref().map(|e| say(self.locale.get(), e)))
        }
    }
}
