//! The Storekeep server: one binary serving the REST API, the server-rendered shop and
//! its static files, backed by SQLite or PostgreSQL.

pub mod admin_shell;
pub mod api;
pub mod assets;
pub mod auth;
pub mod catalog_cache;
pub mod config;
pub mod db;
pub mod dev;
pub mod divisions;
pub mod error;
pub mod fleet;
pub mod jobs;
pub mod media;
pub mod middleware;
pub mod openapi;
pub mod page_cache;
pub mod payments;
pub mod seed;
pub mod seo;
pub mod ssr;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod text;
pub mod time;
pub mod workflows;

pub use config::Config;
pub use startup::Application;
