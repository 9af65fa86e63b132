//! The one way to change a status, for every state machine with a history (orders now;
//! shipments, transfers and stocktakes as they come): inside the caller's transaction, read
//! the row's current status, ask the rule in `shared`, update on the condition that the
//! status is still the one read (`… WHERE id = $1 AND status = $2`), and write the event with
//! who and why. Two writers racing for one row: the second waits for the first (a row lock on
//! PostgreSQL, one writer at a time on SQLite), then asks the rule about the status the
//! first left; should the conditional update still find another status, it gets
//! [`Refused::Raced`] and changes nothing.

use shared::orders::note::Note;
use shared::orders::EventView;
use shared::status::Status;
use sqlx::AnyConnection;

/// Where a kind of status lives: its table (with `id`, `status` and `updated_at` columns)
/// and its events table (`<owner>, from_status, to_status, actor, note, at`).
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
    // PostgreSQL: the row stays locked until the transaction ends, so a second writer waits
    // and then reads the first one's status (SQLite's write transactions take turns anyway)
    let lock = if conn.backend_name() == "PostgreSQL" {
        " FOR UPDATE"
    } else {
        ""
    };
    let current: Option<String> = sqlx::query_scalar(&format!(
        "SELECT status FROM {} WHERE id = $1{lock}",
        S::TABLE
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(text) = current else {
        return Err(Refused::Missing);
    };
    let Some(from) = S::parse(&text) else {
        return Err(Refused::Db(sqlx::Error::Protocol(format!(
            "{} {id} has an unknown status {text:?}",
            S::NOUN
        ))));
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

impl Recorded for shared::fulfilment::ShipmentStatus {
    const NOUN: &'static str = "shipment";
    const TABLE: &'static str = "shipments";
    const EVENTS: &'static str = "shipment_events";
    const OWNER: &'static str = "shipment_id";
}

impl Recorded for shared::stock::TransferStatus {
    const NOUN: &'static str = "transfer";
    const TABLE: &'static str = "transfers";
    const EVENTS: &'static str = "transfer_events";
    const OWNER: &'static str = "transfer_id";
}

impl Recorded for shared::after_sales::returns::ReturnStatus {
    const NOUN: &'static str = "return";
    const TABLE: &'static str = "returns";
    const EVENTS: &'static str = "return_events";
    const OWNER: &'static str = "return_id";
}

impl Recorded for shared::stock::StocktakeStatus {
    const NOUN: &'static str = "stocktake";
    const TABLE: &'static str = "stocktakes";
    const EVENTS: &'static str = "stocktake_events";
    const OWNER: &'static str = "stocktake_id";
}

#[derive(sqlx::FromRow)]
struct EventRecord {
    at: i64,
    from_status: Option<String>,
    to_status: String,
    actor: String,
    actor_name: Option<String>,
    note: String,
}

/// The history of row `id` of a status machine, oldest first, with staff names.
pub async fn history<S: Recorded>(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Vec<EventView>, sqlx::Error> {
    let (table, owner) = (S::EVENTS, S::OWNER);
    let rows: Vec<EventRecord> = sqlx::query_as(&format!(
        "SELECT e.at, e.from_status, e.to_status, e.actor, u.display_name AS actor_name, e.note FROM {table} e \
         LEFT JOIN users u ON e.actor IN ('staff:' || CAST(u.id AS TEXT), 'customer:' || CAST(u.id AS TEXT)) \
         WHERE e.{owner} = $1 ORDER BY e.at, e.id"
    ))
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|e| {
            let about = Note::read(&e.note);
            EventView {
                at: e.at,
                from_status: e.from_status,
                to_status: e.to_status,
                actor: e.actor,
                actor_name: e.actor_name,
                note: if about.is_some() {
                    String::new()
                } else {
                    e.note
                },
                about,
            }
        })
        .collect())
}
