//! Keeps the query planner's statistics fresh, so that the reports' range queries pick
//! the `created_at` index as the shop grows. PostgreSQL's autovacuum does this by itself;
//! SQLite has no such daemon, so every server process runs a bounded `ANALYZE` at start
//! and then every few hours.

use crate::db::{Backend, Db};
use std::time::Duration;

pub async fn run(db: Db, every: Duration) {
    if db.backend != Backend::Sqlite {
        return;
    }
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        if let Err(e) = db.refresh_statistics().await {
            tracing::warn!(error = %e, "refreshing the planner's statistics failed");
        }
    }
}
