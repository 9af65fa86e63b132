//! What every handler can reach: the database, the configuration, the Leptos options and
//! the password hasher. Its own module, so handlers never depend on start-up.

use crate::auth::password::PasswordHasher;
use crate::config::Config;
use crate::db::Db;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub leptos: LeptosOptions,
    pub hasher: PasswordHasher,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> LeptosOptions {
        state.leptos.clone()
    }
}

impl AppState {
    /// Whether cookies should be `Secure` (the shop is served over TLS).
    pub fn secure_cookies(&self) -> bool {
        self.config.public_url.starts_with("https://")
    }
}
