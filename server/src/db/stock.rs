//! The stock ledger (库存台账): every change of a stock level's on-hand or reserved figure is
//! made here, together with its ledger row — kind, units, who, when, why and the document it
//! belongs to — so that for every variant and warehouse on-hand and reserved are the sums of
//! their rows. Changes are conditional updates: a level never goes below zero nor reserves
//! more than it holds.

use shared::stock::MovementKind;
use sqlx::AnyConnection;

/// One movement: `quantity` units of `variant` in `warehouse`, changing on-hand by `on_hand`
/// and reserved by `reserved` (either may be zero or negative).
#[derive(Debug, Clone, Copy)]
pub struct Movement<'a> {
    pub variant: i64,
    pub warehouse: i64,
    pub kind: MovementKind,
    pub quantity: i64,
    pub on_hand: i64,
    pub reserved: i64,
    pub document: &'a str,
    pub reason: &'a str,
    pub actor: &'a str,
    pub at: i64,
}

impl<'a> Movement<'a> {
    /// `quantity` units held for (positive) or given back by (negative) an order.
    pub fn hold(
        kind: MovementKind,
        variant: i64,
        warehouse: i64,
        change: i64,
        who: Who<'a>,
    ) -> Self {
        Movement {
            variant,
            warehouse,
            kind,
            quantity: change.abs(),
            on_hand: 0,
            reserved: change,
            document: who.document,
            reason: who.reason,
            actor: who.actor,
            at: who.at,
        }
    }

    /// Units that leave the warehouse (shipped, or found missing) and were held for an order.
    pub fn out_held(
        kind: MovementKind,
        variant: i64,
        warehouse: i64,
        units: i64,
        who: Who<'a>,
    ) -> Self {
        Movement {
            variant,
            warehouse,
            kind,
            quantity: units,
            on_hand: -units,
            reserved: -units,
            document: who.document,
            reason: who.reason,
            actor: who.actor,
            at: who.at,
        }
    }

    /// Units moved inside the warehouse (bin to packing bench): the figures stay.
    pub fn within(
        kind: MovementKind,
        variant: i64,
        warehouse: i64,
        units: i64,
        who: Who<'a>,
    ) -> Self {
        Movement {
            variant,
            warehouse,
            kind,
            quantity: units,
            on_hand: 0,
            reserved: 0,
            document: who.document,
            reason: who.reason,
            actor: who.actor,
            at: who.at,
        }
    }
}

/// The document, reason, actor and time a set of movements share.
#[derive(Debug, Clone, Copy)]
pub struct Who<'a> {
    pub document: &'a str,
    pub reason: &'a str,
    pub actor: &'a str,
    pub at: i64,
}

/// Makes sure `warehouse` keeps a stock level of `variant` (for `seller`), to receive into.
pub async fn ensure_level(
    conn: &mut AnyConnection,
    variant: i64,
    warehouse: i64,
    seller: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO stock_levels (variant_id, warehouse_id, on_hand, reserved, seller_id) VALUES ($1, $2, 0, 0, $3) \
         ON CONFLICT (variant_id, warehouse_id) DO NOTHING",
    )
    .bind(variant)
    .bind(warehouse)
    .bind(seller)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Applies `m` to its stock level and writes its ledger row. `false` (and nothing written)
/// when the level cannot take it: no such level, or a figure would leave its bounds.
pub async fn apply(conn: &mut AnyConnection, m: &Movement<'_>) -> Result<bool, sqlx::Error> {
    let seller: Option<i64> = sqlx::query_scalar(
        "UPDATE stock_levels SET on_hand = on_hand + $1, reserved = reserved + $2 \
         WHERE variant_id = $3 AND warehouse_id = $4 \
         AND on_hand + $1 >= 0 AND reserved + $2 >= 0 AND reserved + $2 <= on_hand + $1 \
         RETURNING seller_id",
    )
    .bind(m.on_hand)
    .bind(m.reserved)
    .bind(m.variant)
    .bind(m.warehouse)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(seller) = seller else {
        return Ok(false);
    };
    insert(conn, m, seller).await?;
    Ok(true)
}

/// Writes the ledger row of a movement whose figures the caller already changed (placing an
/// order reserves with its own conditional update).
pub async fn record(conn: &mut AnyConnection, m: &Movement<'_>) -> Result<(), sqlx::Error> {
    let seller: i64 = sqlx::query_scalar(
        "SELECT seller_id FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2",
    )
    .bind(m.variant)
    .bind(m.warehouse)
    .fetch_one(&mut *conn)
    .await?;
    insert(conn, m, seller).await
}

async fn insert(
    conn: &mut AnyConnection,
    m: &Movement<'_>,
    seller: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO stock_movements (variant_id, warehouse_id, seller_id, kind, quantity, on_hand_delta, \
         reserved_delta, document, reason, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(m.variant)
    .bind(m.warehouse)
    .bind(seller)
    .bind(m.kind.as_str())
    .bind(m.quantity)
    .bind(m.on_hand)
    .bind(m.reserved)
    .bind(m.document)
    .bind(m.reason)
    .bind(m.actor)
    .bind(m.at)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Opening balances for stock levels that have none yet (the demo data, imports): one
/// `opening` row per level with its figures.
pub async fn open_balances(conn: &mut AnyConnection, at: i64) -> Result<u64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO stock_movements (variant_id, warehouse_id, seller_id, kind, quantity, on_hand_delta, \
         reserved_delta, document, reason, actor, at) \
         SELECT s.variant_id, s.warehouse_id, s.seller_id, 'opening', s.on_hand, s.on_hand, s.reserved, \
         'opening', 'balance when the ledger began', 'system', $1 FROM stock_levels s \
         WHERE (s.on_hand > 0 OR s.reserved > 0) AND NOT EXISTS \
         (SELECT 1 FROM stock_movements m WHERE m.variant_id = s.variant_id AND m.warehouse_id = s.warehouse_id)",
    )
    .bind(at)
    .execute(conn)
    .await
    .map(|r| r.rows_affected())
}

/// Changes the units an order holds in a warehouse (`stock_reservations`), dropping the row
/// at zero. The figures and the ledger are the caller's [`apply`].
pub async fn adjust_reservation(
    conn: &mut AnyConnection,
    order: i64,
    variant: i64,
    warehouse: i64,
    change: i64,
) -> Result<(), sqlx::Error> {
    if change > 0 {
        sqlx::query(
            "INSERT INTO stock_reservations (order_id, variant_id, warehouse_id, quantity) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (order_id, variant_id, warehouse_id) DO UPDATE SET quantity = stock_reservations.quantity + $4",
        )
        .bind(order)
        .bind(variant)
        .bind(warehouse)
        .bind(change)
        .execute(&mut *conn)
        .await?;
    } else if change < 0 {
        // all of it given back: the row goes; otherwise it shrinks (in this order, so that a
        // row just shrunk is not then taken for one given back whole)
        sqlx::query(
            "DELETE FROM stock_reservations WHERE order_id = $1 AND variant_id = $2 AND warehouse_id = $3 AND quantity <= $4",
        )
        .bind(order)
        .bind(variant)
        .bind(warehouse)
        .bind(-change)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "UPDATE stock_reservations SET quantity = quantity - $1 WHERE order_id = $2 AND variant_id = $3 AND warehouse_id = $4",
        )
        .bind(-change)
        .bind(order)
        .bind(variant)
        .bind(warehouse)
        .execute(conn)
        .await?;
    }
    Ok(())
}
