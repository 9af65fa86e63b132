//! The outbox: messages to customers are written here in the same transaction as the change
//! that causes them, and sent by a background job.

use crate::db::{now_millis, Db};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    PasswordReset,
    OrderConfirmation,
    StaffInvitation,
    OrderShipped,
    /// A return moved on: approved, rejected, received, refunded…
    ReturnUpdate,
    /// Customer service answered or resolved a consultation.
    ConsultationReply,
    /// Someone of a supplier's staff invited to the supplier portal.
    SupplierInvitation,
}

impl MessageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::PasswordReset => "password_reset",
            MessageKind::OrderConfirmation => "order_confirmation",
            MessageKind::StaffInvitation => "staff_invitation",
            MessageKind::OrderShipped => "order_shipped",
            MessageKind::ReturnUpdate => "return_update",
            MessageKind::ConsultationReply => "consultation_reply",
            MessageKind::SupplierInvitation => "supplier_invitation",
        }
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Message {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub created_at: i64,
}

/// Queues a message on `conn` — inside the caller's transaction, so it goes out exactly
/// when the change that caused it is committed.
pub async fn enqueue(
    conn: &mut sqlx::AnyConnection,
    kind: MessageKind,
    recipient: &str,
    subject: &str,
    body: &str,
) -> Result<(), sqlx::Error> {
    // optional messages the customer turned off are not queued; confirmations, links and
    // security notices always go
    let preference = match kind {
        MessageKind::OrderShipped | MessageKind::ReturnUpdate => {
            Some(crate::db::profile::Preference::OrderUpdates)
        }
        _ => None,
    };
    if let Some(p) = preference {
        if crate::db::profile::opted_out(&mut *conn, recipient, p).await? {
            return Ok(());
        }
    }
    sqlx::query(
        "INSERT INTO messages (kind, recipient, subject, body, status, created_at) VALUES ($1, $2, $3, $4, 'pending', $5)",
    )
    .bind(kind.as_str())
    .bind(recipient)
    .bind(subject)
    .bind(body)
    .bind(now_millis())
    .execute(conn)
    .await
    .map(|_| ())
}

/// The newest messages, for the development mailbox.
pub async fn latest(db: &Db, limit: i64) -> Result<Vec<Message>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, kind, recipient, subject, body, status, created_at FROM messages ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

pub async fn pending(db: &Db, limit: i64) -> Result<Vec<Message>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, kind, recipient, subject, body, status, created_at FROM messages \
         WHERE status = 'pending' ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// Records a delivery attempt: sent, or failed for good after five tries.
pub async fn mark(db: &Db, id: i64, sent: bool) -> Result<(), sqlx::Error> {
    let query = if sent {
        sqlx::query("UPDATE messages SET status = 'sent', sent_at = $1, attempts = attempts + 1 WHERE id = $2")
            .bind(now_millis())
            .bind(id)
    } else {
        sqlx::query(
            "UPDATE messages SET attempts = attempts + 1, \
             status = CASE WHEN attempts + 1 >= 5 THEN 'failed' ELSE status END WHERE id = $1",
        )
        .bind(id)
    };
    query.execute(&db.pool).await.map(|_| ())
}
