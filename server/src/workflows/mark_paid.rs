//! A bank transfer arrived: in one write transaction the order moves from awaiting payment
//! to paid (`db::status`: the rule asked about its current status, a conditional update),
//! with its order event and an audit entry.

use crate::db::audit::{self, ActorRef};
use crate::db::status::{self, Move, Refused};
use crate::db::{now_millis, orders as repo, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::orders::note::Note;
use shared::orders::{OrderNumber, OrderStatus};

pub async fn mark_paid(db: &Db, actor: &ActorRef, number: &OrderNumber) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let Some(order) = repo::bank_transfer_order(&mut tx, number.as_str()).await? else {
        return Err(AppError::NotFound("bank-transfer order"));
    };
    let note = Note::TransferReceived.stored();
    let step = Move {
        to: OrderStatus::Paid,
        only_from: &[],
        actor: &format!("staff:{}", actor.id),
        reason: &note,
        at: now_millis(),
    };
    let from = status::change(&mut tx, order, step)
        .await
        .map_err(|refused| match refused {
            Refused::Illegal { .. } | Refused::Raced => AppError::Conflict {
                problem: "not_awaiting_payment".into(),
                message: "this order does not wait for payment".into(),
            },
            other => other.into(),
        })?;
    let changes = Changes::new().field("status", Some(from.as_str()), Some(step.to.as_str()));
    audit::record(
        &mut tx,
        actor,
        AuditAction::OrderMarkPaid,
        number.as_str(),
        changes,
        "bank transfer received",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
