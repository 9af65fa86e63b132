//! Toasts: a short message after an action ("Saved"), shown in a corner for a few seconds.

use leptos::prelude::*;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub id: u64,
    pub text: String,
    pub bad: bool,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

impl Toasts {
    pub fn say(self, text: impl Into<String>) {
        self.push(text.into(), false);
    }

    pub fn warn(self, text: impl Into<String>) {
        self.push(text.into(), true);
    }

    fn push(self, text: String, bad: bool) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.list.update(|l| l.push(Toast { id, text, bad }));
        let list = self.list;
        set_timeout(
            move || list.update(|l| l.retain(|t| t.id != id)),
            Duration::from_millis(if bad { 8000 } else { 4000 }),
        );
    }
}

pub fn provide() {
    provide_context(Toasts {
        list: RwSignal::new(Vec::new()),
        next: StoredValue::new(0),
    });
}

pub fn use_toasts() -> Toasts {
    use_context::<Toasts>().unwrap_or_else(|| Toasts {
        list: RwSignal::new(Vec::new()),
        next: StoredValue::new(0),
    })
}

#[component]
pub fn ToastHost() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.list.get() key=|t| t.id let:toast>
                <p class="toast" class:toast--bad=toast.bad data-testid="toast">{toast.text}</p>
            </For>
        </div>
    }
}
