//! The one way to change a status, for every state machine with a history (orders now;
//! shipments, transfers and stocktakes as they come): inside the caller's transaction, read
//! the row's current status, ask the rule in `shared`, update on the condition that the
//! status is still the one read (`… WHERE id = $1 AND status = $2`), and write the event with
//! who and why. Two writers racing for one row: one moves it, the other gets
//! [`Refused::Raced`] and changes nothing.

use shared::status::Status;
use sqlx::AnyConnection;

/// Where a kind of status lives: its table (with `id` and `status` columns) and its events
/// table (`<owner>, from_status, to_status, actor, note, at`).
pub trait Recorded: Status {
    /// What people call one row ("order"), for messages.
    const NOUN: &'static str;
    const TABLE: &'static str;
    const EVENTS: &'static str;
    const OWNER: &'static str;
}

impl Recorded for shared::orders::OrderStatus {
    const NOUN: &'static str = "order";
    const TABLE: &'static str = "orders";
    const EVENTS: &'static str = "order_events";
    const OWNER: &'static str = "order_id";
}

/// A move asked for: to `to`, by `actor` (`staff:<id>`, `system`, `payment:<provider>`…),
/// because of `reason`, at `at` (milliseconds). `only_from` narrows the statuses the move
/// may start from below what the rule allows (an expiry cancels only unpaid orders); empty,
/// any status the rule allows.
#[derive(Debug, Clone, Copy)]
pub struct Move<'a, S> {
    pub to: S,
    pub only_from: &'a [S],
    pub actor: &'a str,
    pub reason: &'a str,
    pub at: i64,
}

/// Why nothing changed.
#[derive(Debug)]
pub enum Refused<S> {
    /// No row with that id.
    Missing,
    /// The rule (or `only_from`) does not allow this move from the row's status.
    Illegal {
        from: S,
        to: S,
    },
    /// Someone else changed the status between the read and the update.
    Raced,
    Db(sqlx::Error),
}

impl<S> From<sqlx::Error> for Refused<S> {
    fn from(e: sqlx::Error) -> Self {
        Refused::Db(e)
    }
}

/// Moves row `id` as `step` says; returns the status it came from.
pub async fn change<S: Recorded>(
    conn: &mut AnyConnection,
    id: i64,
    step: Move<'_, S>,
) -> Result<S, Refused<S>> {
    let current: Option<String> =
        sqlx::query_scalar(&format!("SELECT status FROM {} WHERE id = $1", S::TABLE))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(from) = current.as_deref().and_then(S::parse) else {
        return Err(Refused::Missing);
    };
    let allowed = from.can_transition(step.to)
        && (step.only_from.is_empty() || step.only_from.contains(&from));
    if !allowed {
        return Err(Refused::Illegal { from, to: step.to });
    }
    let moved = sqlx::query(&format!(
        "UPDATE {} SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
        S::TABLE
    ))
    .bind(step.to.as_str())
    .bind(step.at)
    .bind(id)
    .bind(from.as_str())
    .execute(&mut *conn)
    .await?;
    if moved.rows_affected() != 1 {
        return Err(Refused::Raced);
    }
    record(
        conn,
        id,
        Some(from),
        step.to,
        step.actor,
        step.reason,
        step.at,
    )
    .await?;
    Ok(from)
}

/// Writes an event row without a move: the first status of a new row (`from` none), or a
/// fact about the row that changes no status (e.g. a payment that came too late).
pub async fn record<S: Recorded>(
    conn: &mut AnyConnection,
    id: i64,
    from: Option<S>,
    to: S,
    actor: &str,
    note: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO {} ({}, from_status, to_status, actor, note, at) VALUES ($1, $2, $3, $4, $5, $6)",
        S::EVENTS,
        S::OWNER
    ))
    .bind(id)
    .bind(from.map(S::as_str))
    .bind(to.as_str())
    .bind(actor)
    .bind(note)
    .bind(at)
    .execute(conn)
    .await
    .map(|_| ())
}
