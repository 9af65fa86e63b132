//! Payments, processed webhook events and the sandbox gateway's sessions.

use crate::db::now_millis;
use sqlx::AnyConnection;

/// An order that can be paid by card now, if the caller may see it (its owner's account, or
/// the hash of the access token given when it was placed): `(id, grand_total, currency)`.
pub async fn payable_order(
    conn: &mut AnyConnection,
    number: &str,
    user: Option<i64>,
    token_hash: &str,
) -> Result<Option<(i64, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, grand_total, currency FROM orders WHERE number = $1 AND status = 'pending_payment' \
         AND payment_method = 'card' AND (user_id = $2 OR access_token_hash = $3)",
    )
    .bind(number)
    .bind(user)
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

pub async fn insert_payment(
    conn: &mut AnyConnection,
    order: i64,
    session: &str,
    amount: i64,
    currency: &str,
) -> Result<(), sqlx::Error> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO payments (order_id, provider, session_id, amount, currency, status, created_at, updated_at) \
         VALUES ($1, 'sandbox', $2, $3, $4, 'pending', $5, $5)",
    )
    .bind(order)
    .bind(session)
    .bind(amount)
    .bind(currency)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Records an event id; `false` when it was seen before (a replay or a retry).
pub async fn first_sight_of_event(
    conn: &mut AnyConnection,
    provider: &str,
    event: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO webhook_events (provider, event_id, received_at) VALUES ($1, $2, $3) ON CONFLICT (provider, event_id) DO NOTHING",
    )
    .bind(provider)
    .bind(event)
    .bind(now_millis())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The pending payment of a session: `(payment id, order id, amount, currency)`.
pub async fn pending_payment(
    conn: &mut AnyConnection,
    session: &str,
) -> Result<Option<(i64, i64, i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, order_id, amount, currency FROM payments WHERE session_id = $1 AND status = 'pending'")
        .bind(session)
        .fetch_optional(conn)
        .await
}

pub async fn settle_payment(
    conn: &mut AnyConnection,
    payment: i64,
    succeeded: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE payments SET status = $1, updated_at = $2 WHERE id = $3 AND status = 'pending'",
    )
    .bind(if succeeded { "succeeded" } else { "declined" })
    .bind(now_millis())
    .bind(payment)
    .execute(conn)
    .await
    .map(|_| ())
}

// --- the sandbox gateway's own records ---

pub async fn open_sandbox_session(
    conn: &mut AnyConnection,
    id: &str,
    order_number: &str,
    amount: i64,
    currency: &str,
    return_url: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sandbox_sessions (id, order_number, amount, currency, state, created_at, return_url) \
         VALUES ($1, $2, $3, $4, 'open', $5, $6)",
    )
    .bind(id)
    .bind(order_number)
    .bind(amount)
    .bind(currency)
    .bind(now_millis())
    .bind(return_url)
    .execute(conn)
    .await
    .map(|_| ())
}

/// `(order number, amount, currency, state, return url)` of a sandbox session.
pub async fn sandbox_session(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Option<(String, i64, String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT order_number, amount, currency, state, return_url FROM sandbox_sessions WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Closes an open session as approved or declined; `false` when it was closed already.
pub async fn close_sandbox_session(
    conn: &mut AnyConnection,
    id: &str,
    approved: bool,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE sandbox_sessions SET state = $1 WHERE id = $2 AND state = 'open'")
            .bind(if approved { "approved" } else { "declined" })
            .bind(id)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}
