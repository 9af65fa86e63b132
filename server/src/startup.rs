//! Building the application: database, state, router, listener. Returns the bound port so
//! tests can start it on port 0.

use crate::assets::Assets;
use crate::auth::csrf;
use crate::auth::password::PasswordHasher;
use crate::catalog_cache::CatalogCache;
use crate::config::Config;
use crate::db::Db;
pub use crate::state::AppState;
use crate::{api, dev, jobs, middleware, seed, seo, ssr};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;

pub struct Application {
    listener: TcpListener,
    router: Router,
    port: u16,
    state: AppState,
}

impl Application {
    /// Connects to the database, migrates it, seeds the demo shop when asked to and binds.
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        let db = Db::connect(&config.database_url, config.max_connections).await?;
        db.migrate().await?;
        if config.seed_demo_data {
            seed::seed_demo(&db).await?;
        }
        Self::with_db(config, db).await
    }

    /// Binds an application to an already prepared database.
    pub async fn with_db(config: Config, db: Db) -> anyhow::Result<Application> {
        let assets = Assets::load(&config.site_root);
        let leptos = LeptosOptions::builder()
            .output_name(assets.shop.as_str())
            .site_root(config.site_root.to_string_lossy().to_string())
            .site_pkg_dir("pkg")
            .env(leptos::config::Env::PROD)
            .build();
        let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
        let port = listener.local_addr()?.port();
        let config = Config {
            public_url: config.public_url_at(port),
            ..config
        };
        let catalog = CatalogCache::new(db.clone(), config.catalog_cache).await?;
        catalog.watch(crate::catalog_cache::WATCH_EVERY);
        let state = AppState {
            db,
            catalog,
            config: Arc::new(config),
            leptos,
            assets: Arc::new(assets),
            // two argon2 hashes at once: ~40 MB of memory, half the cores
            hasher: PasswordHasher::new(2),
        };
        tokio::spawn(jobs::expiry::run(
            state.db.clone(),
            std::time::Duration::from_secs(30),
        ));
        tokio::spawn(jobs::completion::run(
            state.db.clone(),
            state.config.complete_after_days,
            std::time::Duration::from_secs(600),
        ));
        tokio::spawn(jobs::publish::run(
            state.db.clone(),
            std::time::Duration::from_secs(15),
        ));
        tokio::spawn(jobs::statistics::run(
            state.db.clone(),
            std::time::Duration::from_secs(6 * 3600),
        ));
        tokio::spawn(jobs::outbox::run(
            state.db.clone(),
            Arc::new(jobs::outbox::LogSender),
            std::time::Duration::from_secs(2),
        ));
        let router = router(state.clone());
        Ok(Application {
            listener,
            router,
            port,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    pub async fn run_until(
        self,
        signal: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(signal)
        .await
    }
}

pub fn router(state: AppState) -> Router {
    let pages = ssr::router(&state);
    let app = Router::new()
        .merge(api::router(state.clone()))
        .merge(
            Router::new()
                .route("/robots.txt", get(seo::robots))
                .route("/sitemap.xml", get(seo::sitemap))
                .route("/dev/mailbox", get(dev::mailbox))
                .merge(crate::admin_shell::router(&state.assets))
                .nest_service(
                    "/media",
                    tower_http::services::ServeDir::new(&state.config.media_dir),
                )
                .merge(crate::payments::sandbox::router())
                .merge(pages)
                .with_state(state),
        )
        .layer(axum::middleware::from_fn(middleware::negotiate_locale))
        .layer(axum::middleware::from_fn(csrf::issue_cookie))
        .layer(axum::middleware::from_fn(csrf::require_token))
        .layer(axum::middleware::from_fn(middleware::cache_static))
        // streamed progress (the CSV import's lines of JSON) is sent as it happens, not
        // held back by a compressor's buffer
        .layer(CompressionLayer::new().compress_when(
            DefaultPredicate::new().and(NotForContentType::const_new("application/x-ndjson")),
        ))
        .layer(axum::middleware::from_fn(middleware::limit_query))
        .layer(axum::middleware::from_fn(middleware::security_headers));
    // a backstop: no request may hang a connection for ever
    let app = app.layer(TimeoutLayer::with_status_code(
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        std::time::Duration::from_secs(30),
    ));
    middleware::with_request_spans(app).layer(CatchPanicLayer::new())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
