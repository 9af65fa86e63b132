//! Cancels orders whose payment did not arrive in time and gives their stock (and coupon
//! use) back. Several server processes may run it at once: the conditional status change
//! lets exactly one of them cancel a given order.

use crate::db::orders as repo;
use crate::db::{now_millis, Db};
use shared::orders::OrderStatus;
use std::time::Duration;

/// One sweep at `now`; returns how many orders this call cancelled.
pub async fn cancel_overdue(db: &Db, now: i64) -> Result<usize, sqlx::Error> {
    let due = {
        let mut conn = db.pool.acquire().await?;
        repo::overdue_unpaid(&mut conn, now, 100).await?
    };
    let to = OrderStatus::PendingPayment
        .transition(OrderStatus::Cancelled)
        .unwrap_or(OrderStatus::Cancelled);
    let mut cancelled = 0;
    for order in due {
        let mut tx = db.begin_write().await?;
        if repo::change_status(&mut tx, order, OrderStatus::PendingPayment, to, now).await? {
            repo::release_reservations(&mut tx, order).await?;
            crate::db::coupons::return_coupon_use(&mut tx, order).await?;
            repo::insert_event(
                &mut tx,
                order,
                Some(OrderStatus::PendingPayment),
                to,
                "system",
                "payment not received in time",
                now,
            )
            .await?;
            cancelled += 1;
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
