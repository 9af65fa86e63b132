//! The refund repository: what an order took and gave back, and its refunds.

use shared::money::{Currency, Money};
use shared::orders::refund::{RefundStatus, RefundView};
use sqlx::AnyConnection as Conn;

/// What the order took: card payments that succeeded; for a bank transfer the total once it
/// was marked paid, for cash on delivery once it was delivered.
pub async fn paid(conn: &mut Conn, order: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT CAST(CASE o.payment_method \
           WHEN 'card' THEN COALESCE((SELECT SUM(p.amount) FROM payments p WHERE p.order_id = o.id AND p.status = 'succeeded'), 0) \
           WHEN 'bank_transfer' THEN CASE WHEN EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.to_status = 'paid') THEN o.grand_total ELSE 0 END \
           ELSE CASE WHEN EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.to_status = 'delivered') THEN o.grand_total ELSE 0 END \
         END AS BIGINT) FROM orders o WHERE o.id = $1",
    )
    .bind(order)
    .fetch_one(conn)
    .await
}

/// What was given back, or is on its way back (`pending`) when `with_pending`.
pub async fn refunded(conn: &mut Conn, order: i64, with_pending: bool) -> Result<i64, sqlx::Error> {
    let statuses = if with_pending {
        "('pending', 'succeeded')"
    } else {
        "('succeeded')"
    };
    sqlx::query_scalar(&format!(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM refunds WHERE order_id = $1 AND status IN {statuses}"
    ))
    .bind(order)
    .fetch_one(conn)
    .await
}

pub struct NewRefund<'a> {
    pub order: i64,
    pub payment: Option<i64>,
    pub provider: &'a str,
    pub reference: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    pub status: RefundStatus,
    pub reason: &'a str,
    /// The user who asked; none for a guest acting on their order's link.
    pub by: Option<i64>,
    pub at: i64,
}

pub async fn insert(conn: &mut Conn, r: &NewRefund<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO refunds (order_id, payment_id, provider, reference, amount, currency, status, reason, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(r.order)
    .bind(r.payment)
    .bind(r.provider)
    .bind(r.reference)
    .bind(r.amount)
    .bind(r.currency)
    .bind(r.status.as_str())
    .bind(r.reason)
    .bind(r.by)
    .bind(r.at)
    .fetch_one(conn)
    .await
}

/// The order's last succeeded card payment (what a gateway refund goes against).
pub async fn card_payment(conn: &mut Conn, order: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM payments WHERE order_id = $1 AND status = 'succeeded' ORDER BY id DESC LIMIT 1")
        .bind(order)
        .fetch_optional(conn)
        .await
}

/// A pending refund by its gateway reference: `(id, order, amount, currency)`.
pub async fn pending(
    conn: &mut Conn,
    reference: &str,
) -> Result<Option<(i64, i64, i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, order_id, amount, currency FROM refunds WHERE reference = $1 AND status = 'pending'")
        .bind(reference)
        .fetch_optional(conn)
        .await
}

/// Settles a pending refund; `false` when it was not pending any more.
pub async fn settle(
    conn: &mut Conn,
    id: i64,
    status: RefundStatus,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE refunds SET status = $1, updated_at = $2 WHERE id = $3 AND status = 'pending'",
    )
    .bind(status.as_str())
    .bind(at)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct RefundRecord {
    id: i64,
    amount: i64,
    currency: String,
    status: String,
    reason: String,
    author: String,
    at: i64,
}

pub async fn of_order(conn: &mut Conn, order: i64) -> Result<Vec<RefundView>, sqlx::Error> {
    let rows: Vec<RefundRecord> = sqlx::query_as(
        "SELECT r.id, r.amount, r.currency, r.status, r.reason, COALESCE(u.display_name, o.email) AS author, r.created_at AS at \
         FROM refunds r JOIN orders o ON o.id = r.order_id LEFT JOIN users u ON u.id = r.created_by \
         WHERE r.order_id = $1 ORDER BY r.id",
    )
    .bind(order)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| RefundView {
            id: r.id,
            amount: Money::new(r.amount, Currency::parse(&r.currency).unwrap_or_default()),
            status: RefundStatus::parse(&r.status).unwrap_or(RefundStatus::Pending),
            reason: r.reason,
            by: r.author,
            at: r.at,
        })
        .collect())
}
