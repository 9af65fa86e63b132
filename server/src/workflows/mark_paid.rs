//! A bank transfer arrived: in one write transaction the order moves from awaiting payment
//! to paid (a conditional update on its status), with its order event and an audit entry.

use crate::db::audit::{self, ActorRef};
use crate::db::{now_millis, orders as repo, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::orders::{OrderNumber, OrderStatus};

pub async fn mark_paid(db: &Db, actor: &ActorRef, number: &OrderNumber) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let Some(order) = repo::bank_transfer_order(&mut tx, number.as_str()).await? else {
        return Err(AppError::NotFound("bank-transfer order"));
    };
    let from = OrderStatus::PendingPayment;
    let paid = from
        .transition(OrderStatus::Paid)
        .map_err(|e| AppError::Conflict {
            problem: "status".into(),
            message: e.to_string(),
        })?;
    let now = now_millis();
    if !repo::change_status(&mut tx, order, from, paid, now).await? {
        return Err(AppError::Conflict {
            problem: "not_awaiting_payment".into(),
            message: "this order does not wait for payment".into(),
        });
    }
    let reason = "bank transfer received";
    repo::insert_event(
        &mut tx,
        order,
        Some(from),
        paid,
        &format!("staff:{}", actor.id),
        reason,
        now,
    )
    .await?;
    let changes = Changes::new().field("status", Some(from.as_str()), Some(paid.as_str()));
    audit::record(
        &mut tx,
        actor,
        AuditAction::OrderMarkPaid,
        number.as_str(),
        changes,
        reason,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
