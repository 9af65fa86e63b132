//! Who is signed in to the back office. Checked at start, after signing in, every twenty
//! seconds and whenever the window gets focus (a background check that does not keep an
//! idle session alive). When the server says the session ended — signed out elsewhere,
//! deactivated by an owner, twelve hours idle — the open page is signed out.

use leptos::prelude::*;
use shared::staff::{Permission, StaffSession};
use shared::ErrorCode;
use std::cell::Cell;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    Checking,
    SignedIn(StaffSession),
    /// `ended`: the session was ended from elsewhere (not by signing out here).
    SignedOut {
        ended: bool,
    },
    /// Signed in, but as a customer.
    NotStaff,
}

#[derive(Clone, Copy)]
pub struct Session(pub RwSignal<Auth>);

thread_local! {
    static CURRENT: Cell<Option<RwSignal<Auth>>> = const { Cell::new(None) };
}

/// Called by the API client on any 401.
pub fn ended_elsewhere() {
    if let Some(auth) = CURRENT.with(Cell::get) {
        if matches!(auth.get_untracked(), Auth::SignedIn(_)) {
            auth.set(Auth::SignedOut { ended: true });
        }
    }
}

impl Session {
    /// Asks the server who is signed in.
    pub fn refresh(self) {
        self.check(false);
    }

    fn check(self, background: bool) {
        let auth = self.0;
        leptos::task::spawn_local(async move {
            let next = match crate::api::session(background).await {
                Ok(s) => Some(Auth::SignedIn(s)),
                Err(e) if e.code == ErrorCode::Unauthorized => Some(Auth::SignedOut {
                    ended: matches!(auth.get_untracked(), Auth::SignedIn(_)),
                }),
                Err(e) if e.code == ErrorCode::Forbidden => Some(Auth::NotStaff),
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

    pub fn signed_out(self) {
        self.0.set(Auth::SignedOut { ended: false });
    }

    pub fn me(self) -> Option<StaffSession> {
        match self.0.get() {
            Auth::SignedIn(s) => Some(s),
            _ => None,
        }
    }

    /// Whether the signed-in staff member holds `permission` (reactive).
    pub fn can(self, permission: Permission) -> bool {
        self.0
            .with(|a| matches!(a, Auth::SignedIn(s) if s.can(permission)))
    }
}

pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(|| Session(RwSignal::new(Auth::Checking)))
}

pub fn provide() {
    let session = Session(RwSignal::new(Auth::Checking));
    CURRENT.with(|c| c.set(Some(session.0)));
    provide_context(session);
    session.refresh();
    let _ = set_interval_with_handle(
        move || {
            if matches!(session.0.get_untracked(), Auth::SignedIn(_)) {
                session.check(true);
            }
        },
        Duration::from_secs(20),
    );
    let focus = window_event_listener(leptos::ev::focus, move |_| {
        if matches!(session.0.get_untracked(), Auth::SignedIn(_)) {
            session.check(true);
        }
    });
    // the app lives as long as the page
    std::mem::forget(focus);
}
