//! Completing delivered orders (确认收货): a configured number of days after delivery an
//! order becomes completed, as a customer confirming receipt would make it. Safe to run in
//! every process: each order moves in its own transaction through `db::status`.

use crate::db::status::{self, Move, Refused};
use crate::db::{now_millis, Db};
use shared::orders::note::Note;
use shared::orders::OrderStatus;
use std::time::Duration;

/// Completes the orders delivered before `now - days`; returns how many.
pub async fn complete_delivered(db: &Db, days: i64, now: i64) -> Result<u64, sqlx::Error> {
    let before = now - days * 86_400_000;
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM orders WHERE status = 'delivered' AND delivered_at IS NOT NULL AND delivered_at <= $1 ORDER BY id LIMIT 200",
    )
    .bind(before)
    .fetch_all(&db.pool)
    .await?;
    let mut done = 0;
    for order in due {
        let mut tx = db.begin_write().await?;
        let step = Move {
            to: OrderStatus::Completed,
            only_from: &[OrderStatus::Delivered],
            actor: "system",
            reason: &Note::Completed.stored(),
            at: now,
        };
        match status::change(&mut tx, order, step).await {
            Ok(_) => done += 1,
            Err(Refused::Missing | Refused::Illegal { .. } | Refused::Raced) => {}
            Err(Refused::Db(e)) => return Err(e),
        }
        tx.commit().await?;
    }
    Ok(done)
}

pub async fn run(db: Db, days: i64, every: Duration) {
    loop {
        match complete_delivered(&db, days, now_millis()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(completed = n, "delivered orders completed"),
            Err(e) => tracing::warn!(error = %e, "completing delivered orders failed"),
        }
        tokio::time::sleep(every).await;
    }
}
