//! What every handler can reach: the database, the configuration, the catalogue cache, the
//! Leptos options and the password hasher. Its own module, so handlers never depend on start-up.

use crate::assets::Assets;
use crate::auth::password::PasswordHasher;
use crate::catalog_cache::CatalogCache;
use crate::config::Config;
use crate::db::Db;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// The shop front's catalogue reads, kept in memory while they are current.
    pub catalog: CatalogCache,
    pub config: Arc<Config>,
    pub leptos: LeptosOptions,
    /// The bundles' current (content-hashed) file names.
    pub assets: Arc<Assets>,
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
