//! The navigation's badge beside 咨询: how many open questions have words from the
//! customer no one has read yet (the signed-in staff member's or nobody's). Counted again
//! every thirty seconds (a background call, which does not keep an idle session alive),
//! on every page change, and when a consultation page has read one.

use super::text;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::time::Duration;
use ui::i18n::use_locale;

/// The count the badge shows, and a nudge to count again.
#[derive(Clone, Copy)]
pub struct Unread {
    count: RwSignal<i64>,
    recount: RwSignal<u32>,
}

/// Keeps the count for the frame and the pages inside it; `enabled`: the staff member may
/// answer consultations (no calls otherwise, and no badge).
pub fn provide_unread_badge(enabled: bool) {
    let unread = Unread {
        count: RwSignal::new(0),
        recount: RwSignal::new(0),
    };
    provide_context(unread);
    if !enabled {
        return;
    }
    let location = use_location();
    Effect::new(move |_| {
        unread.recount.track();
        location.pathname.track();
        leptos::task::spawn_local(async move {
            if let Ok(n) = crate::api::unread_consultations().await {
                // the frame may be gone meanwhile (signed out)
                let _ = unread.count.try_set(n);
            }
        });
    });
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let _ = unread.recount.try_update(|n| *n += 1);
        },
        Duration::from_secs(30),
    ) {
        on_cleanup(move || handle.clear());
    }
}

/// Asks the badge to count again (a consultation was read or answered).
pub fn use_recount() -> impl Fn() + Copy + Send + Sync + 'static {
    let unread = use_context::<Unread>();
    move || {
        if let Some(u) = unread {
            let _ = u.recount.try_update(|n| *n += 1);
        }
    }
}

/// The badge: nothing while no question waits.
#[component]
pub fn UnreadBadge() -> impl IntoView {
    let locale = use_locale();
    let unread = use_context::<Unread>();
    let count = move || unread.map_or(0, |u| u.count.get());
    move || {
        let n = count();
        (n > 0).then(|| {
            let name = move || text::unread_count(locale.get(), n);
            view! {
                <span class="nav__badge" title=name aria-label=name data-testid="consultations-unread">
                    {if n > 99 { "99+".to_string() } else { n.to_string() }}
                </span>
            }
        })
    }
}
