//! Who is signed in to the supplier portal: checked at start, after signing in and whenever
//! the window gets focus. A 401 from any portal call means the session ended (signed out
//! elsewhere, the account deactivated, a long pause): the open page is signed out and the
//! frame sends the person to the portal's sign-in page.

use leptos::prelude::*;
use shared::procurement::portal::SupplierMe;
use shared::ErrorCode;
use std::cell::Cell;

#[derive(Debug, Clone, PartialEq)]
pub enum PortalAuth {
    Checking,
    SignedIn(SupplierMe),
    /// `ended`: the session was ended from elsewhere (not by signing out here).
    SignedOut {
        ended: bool,
    },
}

#[derive(Clone, Copy)]
pub struct PortalSession(pub RwSignal<PortalAuth>);

thread_local! {
    static CURRENT: Cell<Option<RwSignal<PortalAuth>>> = const { Cell::new(None) };
}

/// Called by the portal's API client on any 401.
pub fn ended_elsewhere() {
    if let Some(auth) = CURRENT.with(Cell::get) {
        if matches!(auth.get_untracked(), PortalAuth::SignedIn(_)) {
            auth.set(PortalAuth::SignedOut { ended: true });
        }
    }
}

impl PortalSession {
    /// Asks the server who is signed in.
    pub fn refresh(self) {
        let auth = self.0;
        leptos::task::spawn_local(async move {
            let next = match crate::api::portal::me().await {
                Ok(me) => Some(PortalAuth::SignedIn(me)),
                Err(e) if e.code == ErrorCode::Unauthorized || e.code == ErrorCode::Forbidden => {
                    Some(PortalAuth::SignedOut {
                        ended: matches!(auth.get_untracked(), PortalAuth::SignedIn(_)),
                    })
                }
                // offline or a server error: keep what we know
                Err(_) => None,
            };
            if let Some(next) = next {
                if auth.get_untracked() != next {
                    auth.set(next);
                }
            }
        });
    }

    /// Signed in now (the sign-in and the invitation answer the account).
    pub fn signed_in(self, me: SupplierMe) {
        self.0.set(PortalAuth::SignedIn(me));
    }

    pub fn signed_out(self) {
        self.0.set(PortalAuth::SignedOut { ended: false });
    }
}

pub fn use_portal_session() -> PortalSession {
    use_context::<PortalSession>()
        .unwrap_or_else(|| PortalSession(RwSignal::new(PortalAuth::Checking)))
}

pub fn provide() {
    let session = PortalSession(RwSignal::new(PortalAuth::Checking));
    CURRENT.with(|c| c.set(Some(session.0)));
    provide_context(session);
    session.refresh();
    let focus = window_event_listener(leptos::ev::focus, move |_| {
        if matches!(session.0.get_untracked(), PortalAuth::SignedIn(_)) {
            session.refresh();
        }
    });
    // the app lives as long as the page
    std::mem::forget(focus);
}
