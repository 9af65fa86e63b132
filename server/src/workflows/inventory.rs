//! Inventory work, each step one transaction with its ledger rows, history and audit entry:
//! transfers between warehouses (request → ship: out of the first warehouse's books, in
//! transit → receive: into the second's, what arrived), stocktakes (a sheet of the books per
//! warehouse or zone → counts, each against the books at the moment it was made → review →
//! approval writes the variances to the ledger), and reorder points.

use crate::db::audit::{self, ActorRef};
use crate::db::status::{self, Move};
use crate::db::stock::{self, Movement, Who};
use crate::db::{inventory, now_millis, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::fulfilment::picking::parse_bin_code;
use shared::ids::{VariantId, WarehouseId};
use shared::orders::note::Note;
use shared::stock::{variance, MovementKind, StocktakeStatus, TransferStatus};
use shared::stock_views::{NewStocktake, NewTransfer, ReceiveTransfer};
use sqlx::AnyConnection;
use std::collections::BTreeMap;

fn staff(actor: &ActorRef) -> String {
    format!("staff:{}", actor.id)
}

async fn seller_of(
    conn: &mut AnyConnection,
    warehouse: WarehouseId,
    field: &str,
) -> AppResult<i64> {
    let seller: Option<i64> = sqlx::query_scalar("SELECT seller_id FROM warehouses WHERE id = $1")
        .bind(warehouse.0)
        .fetch_optional(conn)
        .await?;
    seller.ok_or_else(|| AppError::validation("warehouse", "There is no such warehouse").at(field))
}

pub async fn set_reorder_point(
    db: &Db,
    actor: &ActorRef,
    warehouse: WarehouseId,
    variant: VariantId,
    point: Option<i64>,
) -> AppResult<()> {
    if point.is_some_and(|p| !(0..=1_000_000).contains(&p)) {
        return Err(AppError::validation(
            "reorder_point",
            "A reorder point is 0 to 1,000,000 units",
        )
        .at("reorder_point"));
    }
    let mut tx = db.begin_write().await?;
    let Some(before) = inventory::set_reorder_point(&mut tx, warehouse.0, variant.0, point).await?
    else {
        return Err(AppError::NotFound("stock level"));
    };
    audit::record(
        &mut tx,
        actor,
        AuditAction::StockReorderPoint,
        &format!("{}/{}", warehouse.0, variant.0),
        Changes::new().field(
            "reorder_point",
            before.map(|b| b.to_string()),
            point.map(|p| p.to_string()),
        ),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn create_transfer(db: &Db, actor: &ActorRef, req: &NewTransfer) -> AppResult<i64> {
    if req.lines.is_empty() || req.lines.len() > 100 {
        return Err(AppError::validation("lines", "A transfer has 1 to 100 lines").at("lines"));
    }
    if req.from == req.to {
        return Err(
            AppError::validation("same_warehouse", "A transfer goes to another warehouse").at("to"),
        );
    }
    let note: String = req.note.trim().chars().take(500).collect();
    let mut wanted: BTreeMap<i64, i64> = BTreeMap::new();
    for l in &req.lines {
        if !(1..=100_000).contains(&l.quantity) {
            return Err(
                AppError::validation("quantity", "A line moves 1 to 100,000 units").at("lines"),
            );
        }
        *wanted.entry(l.variant.0).or_default() += l.quantity;
    }
    let mut tx = db.begin_write().await?;
    if seller_of(&mut tx, req.from, "from").await? != seller_of(&mut tx, req.to, "to").await? {
        return Err(AppError::validation(
            "other_seller",
            "Both warehouses must belong to one seller",
        )
        .at("to"));
    }
    for &variant in wanted.keys() {
        let level: Option<i64> = sqlx::query_scalar(
            "SELECT on_hand FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2",
        )
        .bind(variant)
        .bind(req.from.0)
        .fetch_optional(&mut *tx)
        .await?;
        if level.is_none() {
            return Err(AppError::validation(
                "variant",
                format!("Item {variant} is not kept in that warehouse"),
            )
            .at("lines"));
        }
        // the receiving warehouse gets a level to receive into
        sqlx::query(
            "INSERT INTO stock_levels (variant_id, warehouse_id, on_hand, reserved, seller_id) \
             SELECT variant_id, $2, 0, 0, seller_id FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $3 \
             ON CONFLICT (variant_id, warehouse_id) DO NOTHING",
        )
        .bind(variant)
        .bind(req.to.0)
        .bind(req.from.0)
        .execute(&mut *tx)
        .await?;
    }
    let at = now_millis();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO transfers (from_warehouse_id, to_warehouse_id, status, note, created_by, created_at, updated_at) \
         VALUES ($1, $2, 'requested', $3, $4, $5, $5) RETURNING id",
    )
    .bind(req.from.0)
    .bind(req.to.0)
    .bind(&note)
    .bind(actor.id.0)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    for (variant, quantity) in &wanted {
        sqlx::query(
            "INSERT INTO transfer_lines (transfer_id, variant_id, quantity) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(variant)
        .bind(quantity)
        .execute(&mut *tx)
        .await?;
    }
    status::record(
        &mut tx,
        id,
        None,
        TransferStatus::Requested,
        &staff(actor),
        &note,
        at,
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::TransferCreate,
        &id.to_string(),
        Changes::new().field(
            "units",
            None::<&str>,
            Some(wanted.values().sum::<i64>().to_string()),
        ),
        &note,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// `(from, to, lines as (variant, quantity))` of a transfer.
async fn transfer_parts(
    conn: &mut AnyConnection,
    id: i64,
) -> AppResult<(i64, i64, Vec<(i64, i64)>)> {
    let found: Option<(i64, i64)> =
        sqlx::query_as("SELECT from_warehouse_id, to_warehouse_id FROM transfers WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let (from, to) = found.ok_or(AppError::NotFound("transfer"))?;
    let lines = sqlx::query_as("SELECT variant_id, quantity FROM transfer_lines WHERE transfer_id = $1 ORDER BY variant_id")
        .bind(id)
        .fetch_all(conn)
        .await?;
    Ok((from, to, lines))
}

/// Leaves the first warehouse: its free stock goes down (409 when it has not enough free).
pub async fn ship_transfer(db: &Db, actor: &ActorRef, id: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let (from, _, lines) = transfer_parts(&mut tx, id).await?;
    let (at, who) = (now_millis(), staff(actor));
    let step = Move {
        to: TransferStatus::Shipped,
        only_from: &[],
        actor: &who,
        // the status says it all
        reason: "",
        at,
    };
    status::change(&mut tx, id, step).await?;
    let document = format!("transfer:{id}");
    let w = Who {
        document: &document,
        reason: "transfer shipped",
        actor: &who,
        at,
    };
    for (variant, quantity) in lines {
        let m = Movement {
            variant,
            warehouse: from,
            kind: MovementKind::TransferOut,
            quantity,
            on_hand: -quantity,
            reserved: 0,
            document: w.document,
            reason: w.reason,
            actor: w.actor,
            at,
        };
        if !stock::apply(&mut tx, &m).await? {
            return Err(AppError::conflict(
                "out_of_stock",
                "The sending warehouse has not enough free stock of an item",
            ));
        }
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::TransferShip,
        &id.to_string(),
        Changes::new().field("status", Some("requested"), Some("shipped")),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Arrives: what was received goes into the second warehouse's books; what did not arrive is
/// in the history.
pub async fn receive_transfer(
    db: &Db,
    actor: &ActorRef,
    id: i64,
    req: &ReceiveTransfer,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let (_, to, lines) = transfer_parts(&mut tx, id).await?;
    let received: BTreeMap<i64, i64> = req
        .lines
        .iter()
        .map(|l| (l.variant.0, l.received))
        .collect();
    for (variant, got) in &received {
        let Some((_, quantity)) = lines.iter().find(|(v, _)| v == variant) else {
            return Err(AppError::validation(
                "variant",
                format!("Item {variant} is not on this transfer"),
            )
            .at("lines"));
        };
        if *got < 0 || got > quantity {
            return Err(AppError::validation(
                "received",
                format!("From 0 to {quantity} of item {variant} can arrive"),
            )
            .at("lines"));
        }
    }
    let (at, who) = (now_millis(), staff(actor));
    let mut missing = 0;
    for &(variant, quantity) in &lines {
        let got = received.get(&variant).copied().unwrap_or(quantity);
        missing += quantity - got;
        sqlx::query(
            "UPDATE transfer_lines SET received = $1 WHERE transfer_id = $2 AND variant_id = $3",
        )
        .bind(got)
        .bind(id)
        .bind(variant)
        .execute(&mut *tx)
        .await?;
    }
    let note = if missing > 0 {
        Note::ArrivedShort { missing }.stored()
    } else {
        String::new()
    };
    let step = Move {
        to: TransferStatus::Received,
        only_from: &[],
        actor: &who,
        reason: &note,
        at,
    };
    status::change(&mut tx, id, step).await?;
    let document = format!("transfer:{id}");
    for &(variant, quantity) in &lines {
        let got = received.get(&variant).copied().unwrap_or(quantity);
        if got == 0 {
            continue;
        }
        let m = Movement {
            variant,
            warehouse: to,
            kind: MovementKind::TransferIn,
            quantity: got,
            on_hand: got,
            reserved: 0,
            document: &document,
            reason: "transfer received",
            actor: &who,
            at,
        };
        if !stock::apply(&mut tx, &m).await? {
            return Err(sqlx::Error::Protocol(format!(
                "transfer {id}: no stock level for variant {variant} in warehouse {to}"
            ))
            .into());
        }
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::TransferReceive,
        &id.to_string(),
        Changes::new().field("status", Some("shipped"), Some("received")),
        &note,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn cancel_transfer(db: &Db, actor: &ActorRef, id: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let (at, who) = (now_millis(), staff(actor));
    let step = Move {
        to: TransferStatus::Cancelled,
        only_from: &[],
        actor: &who,
        reason: "",
        at,
    };
    let from = status::change(&mut tx, id, step).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::TransferCancel,
        &id.to_string(),
        Changes::new().field("status", Some(from.as_str()), Some("cancelled")),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn create_stocktake(db: &Db, actor: &ActorRef, req: &NewStocktake) -> AppResult<i64> {
    let zone = match req.zone.as_deref().map(str::trim).filter(|z| !z.is_empty()) {
        Some(z) => {
            let z = z.to_ascii_uppercase();
            if parse_bin_code(&format!("{z}-1-1-1")).is_none() {
                return Err(
                    AppError::validation("zone", "A zone is 1 to 4 letters or digits").at("zone"),
                );
            }
            Some(z)
        }
        None => None,
    };
    let mut tx = db.begin_write().await?;
    seller_of(&mut tx, req.warehouse, "warehouse").await?;
    // two open sheets over the same shelves would book one variance twice
    let overlapping: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM stocktakes WHERE warehouse_id = $1 AND status IN ('counting', 'review') \
         AND (zone IS NULL OR $2 IS NULL OR zone = $2)",
    )
    .bind(req.warehouse.0)
    .bind(zone.as_deref())
    .fetch_one(&mut *tx)
    .await?;
    if overlapping > 0 {
        return Err(AppError::conflict(
            "stocktake_open",
            "A stocktake of these shelves is open already: finish or approve it first",
        ));
    }
    let at = now_millis();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO stocktakes (warehouse_id, zone, status, created_by, created_at, updated_at) \
         VALUES ($1, $2, 'counting', $3, $4, $4) RETURNING id",
    )
    .bind(req.warehouse.0)
    .bind(zone.as_deref())
    .bind(actor.id.0)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    let added = sqlx::query(
        "INSERT INTO stocktake_lines (stocktake_id, variant_id, bin_code, expected) \
         SELECT $1, s.variant_id, b.code, s.on_hand FROM stock_levels s LEFT JOIN warehouse_bins b ON b.id = s.bin_id \
         WHERE s.warehouse_id = $2 AND ($3 IS NULL OR b.zone = $3)",
    )
    .bind(id)
    .bind(req.warehouse.0)
    .bind(zone.as_deref())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if added == 0 {
        return Err(AppError::conflict(
            "nothing_to_count",
            "Nothing is kept there to count",
        ));
    }
    let note = zone
        .as_ref()
        .map(|z| Note::CountsZone { zone: z.clone() }.stored())
        .unwrap_or_default();
    status::record(
        &mut tx,
        id,
        None,
        StocktakeStatus::Counting,
        &staff(actor),
        &note,
        at,
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::StocktakeCreate,
        &id.to_string(),
        Changes::new().field("lines", None::<&str>, Some(added.to_string())),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn stocktake_state(conn: &mut AnyConnection, id: i64) -> AppResult<(i64, StocktakeStatus)> {
    let found: Option<(i64, String)> =
        sqlx::query_as("SELECT warehouse_id, status FROM stocktakes WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    let (warehouse, text) = found.ok_or(AppError::NotFound("stocktake"))?;
    let status = StocktakeStatus::parse(&text)
        .ok_or_else(|| AppError::from(sqlx::Error::Decode("an unknown stocktake status".into())))?;
    Ok((warehouse, status))
}

/// One line counted: the count and the books at this moment.
pub async fn count(
    db: &Db,
    actor: &ActorRef,
    id: i64,
    variant: VariantId,
    counted: i64,
) -> AppResult<()> {
    if !(0..=1_000_000).contains(&counted) {
        return Err(AppError::validation("counted", "A count is 0 to 1,000,000").at("counted"));
    }
    let mut tx = db.begin_write().await?;
    let (warehouse, status) = stocktake_state(&mut tx, id).await?;
    if status != StocktakeStatus::Counting {
        return Err(AppError::conflict(
            "not_counting",
            "This stocktake is not being counted",
        ));
    }
    let changed = sqlx::query(
        "UPDATE stocktake_lines SET counted = $1, counted_by = $2, \
         book_at_count = (SELECT on_hand FROM stock_levels WHERE variant_id = $3 AND warehouse_id = $4) \
         WHERE stocktake_id = $5 AND variant_id = $3",
    )
    .bind(counted)
    .bind(actor.id.0)
    .bind(variant.0)
    .bind(warehouse)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Err(AppError::NotFound("stocktake line"));
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::StocktakeCount,
        &id.to_string(),
        Changes::new().field(
            &format!("variant {variant}"),
            None::<&str>,
            Some(counted.to_string()),
        ),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Counting done (every line counted): the variances wait for approval. `back` sends a
/// sheet in review back for a recount.
pub async fn submit(db: &Db, actor: &ActorRef, id: i64, back: bool) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    stocktake_state(&mut tx, id).await?;
    if !back {
        let left: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM stocktake_lines WHERE stocktake_id = $1 AND counted IS NULL",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if left > 0 {
            return Err(AppError::conflict(
                "lines_left",
                format!("{left} lines are not counted yet"),
            ));
        }
    }
    let (to, detail) = if back {
        (StocktakeStatus::Counting, "sent back for a recount")
    } else {
        (StocktakeStatus::Review, "counted; variances to approve")
    };
    let note = if back {
        Note::Recount.stored()
    } else {
        String::new()
    };
    let (at, who) = (now_millis(), staff(actor));
    let from = status::change(
        &mut tx,
        id,
        Move {
            to,
            only_from: &[],
            actor: &who,
            reason: &note,
            at,
        },
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::StocktakeSubmit,
        &id.to_string(),
        Changes::new().field("status", Some(from.as_str()), Some(to.as_str())),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The variances into the ledger (`stocktake` rows against the current books). 409 when a
/// count is below what orders hold there (reallocate those orders first).
pub async fn approve(db: &Db, actor: &ActorRef, id: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let (warehouse, _) = stocktake_state(&mut tx, id).await?;
    let (at, who) = (now_millis(), staff(actor));
    let step = Move {
        to: StocktakeStatus::Approved,
        only_from: &[StocktakeStatus::Review],
        actor: &who,
        reason: "",
        at,
    };
    status::change(&mut tx, id, step).await?;
    let lines: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT l.variant_id, v.sku, l.counted, l.book_at_count FROM stocktake_lines l JOIN product_variants v ON v.id = l.variant_id \
         WHERE l.stocktake_id = $1 AND l.counted IS NOT NULL AND l.book_at_count IS NOT NULL ORDER BY l.variant_id",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let document = format!("stocktake:{id}");
    let (mut units, mut lines_changed) = (0, 0);
    for (variant, sku, counted, book) in lines {
        let d = variance(counted, book);
        if d == 0 {
            continue;
        }
        let m = Movement {
            variant,
            warehouse,
            kind: MovementKind::Stocktake,
            quantity: d.abs(),
            on_hand: d,
            reserved: 0,
            document: &document,
            reason: "stocktake variance",
            actor: &who,
            at,
        };
        if !stock::apply(&mut tx, &m).await? {
            return Err(AppError::conflict(
                "reserved_exceeds_count",
                format!("Fewer {sku} were counted than orders hold: move those orders to another warehouse first"),
            ));
        }
        units += d;
        lines_changed += 1;
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::StocktakeApprove,
        &id.to_string(),
        Changes::new()
            .field(
                "variance_lines",
                None::<&str>,
                Some(lines_changed.to_string()),
            )
            .field("variance_units", None::<&str>, Some(units.to_string())),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
