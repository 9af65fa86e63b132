//! Publishes drafts whose scheduled time has come. Every server process runs it; the
//! conditional update lets each draft be published once.

use crate::db::Db;
use std::time::Duration;

pub async fn run(db: Db, every: Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        match crate::workflows::catalog::publish_due(&db).await {
            Ok(ids) if !ids.is_empty() => tracing::info!(?ids, "scheduled products published"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "publishing scheduled products failed"),
        }
    }
}
