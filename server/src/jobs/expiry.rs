//! Cancels orders whose payment did not arrive in time and gives their stock (and coupon
//! use) back. Several server processes may run it at once: the conditional status change
//! (`db::status`) lets exactly one of them cancel a given order.

use crate::db::orders as repo;
use crate::db::status::{self, Move, Refused};
use crate::db::{now_millis, Db};
use shared::orders::note::Note;
use shared::orders::OrderStatus;
use std::time::Duration;

/// One sweep at `now`; returns how many orders this call cancelled.
pub async fn cancel_overdue(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let due = {
        let mut conn = db.pool.acquire().await?;
        repo::overdue_unpaid(&mut conn, now, 100).await?
    };
    let mut cancelled = 0;
    for order in due {
        let mut tx = db.begin_write().await?;
        let step = Move {
            to: OrderStatus::Cancelled,
            only_from: &[OrderStatus::PendingPayment],
            actor: "system",
            reason: &Note::PaymentExpired.stored(),
            at: now,
        };
        match status::change(&mut tx, order, step).await {
            Ok(_) => {
                repo::release_reservations(&mut tx, order, step.actor, step.reason, now).await?;
                crate::db::coupons::return_coupon_use(&mut tx, order).await?;
                cancelled += 1;
            }
            // paid, cancelled or changed by another process meanwhile: nothing to do
            Err(Refused::Missing | Refused::Illegal { .. } | Refused::Raced) => {}
            Err(Refused::Db(e)) => return Err(e),
        }
        tx.commit().await?;
    }
    Ok(cancelled)
}

pub async fn run(db: Db, every: Duration) {
    loop {
        match cancel_overdue(&db, now_millis()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(cancelled = n, "unpaid orders cancelled, stock released"),
            Err(e) => tracing::warn!(error = %e, "cancelling unpaid orders failed"),
        }
        tokio::time::sleep(every).await;
    }
}
