//! What staff do to an order itself: cancel it (its shipments still in the warehouse are
//! cancelled, its held stock and its coupon use are given back), hold and release it, and
//! write internal notes. Each writes an order event and an audit entry.

use crate::db::audit::{self, ActorRef};
use crate::db::status::{self, Move};
use crate::db::{now_millis, orders as repo, shipments, Db};
use crate::error::{AppError, AppResult};
use crate::workflows::allocate::order_by_number;
use shared::audit::{AuditAction, Changes};
use shared::checkout::{Address, AddressProblem};
use shared::fulfilment::ShipmentStatus;
use shared::orders::note::Note;
use shared::orders::{OrderNumber, OrderStatus};

/// A reason or note as typed: trimmed, 1 to `max` characters; a leading `§` (the mark of a
/// system note, `Note::stored`) is dropped, so typed text never passes for one.
pub fn text(value: &str, field: &str, max: usize) -> AppResult<String> {
    let t = value.trim().trim_start_matches('§').trim();
    if t.is_empty() || t.chars().count() > max {
        return Err(AppError::validation(field, format!("Write 1 to {max} characters")).at(field));
    }
    Ok(t.to_string())
}

pub async fn cancel(
    db: &Db,
    actor: &ActorRef,
    number: &OrderNumber,
    reason: &str,
) -> AppResult<()> {
    let reason = text(reason, "reason", 500)?;
    let mut tx = db.begin_write().await?;
    let order = order_by_number(&mut tx, number).await?;
    // the order first, shipments after (as shipping does): no parcel leaves meanwhile
    crate::db::orders::lock(&mut tx, order.id).await?;
    let who = format!("staff:{}", actor.id);
    let from = cancel_in(&mut tx, order.id, &who, &reason, now_millis()).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::OrderCancel,
        number.as_str(),
        Changes::new().field("status", Some(from.as_str()), Some("cancelled")),
        &reason,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Cancels order `order` (locked by the caller) in the caller's transaction: its shipments
/// still in the warehouse are cancelled, its held stock and its coupon use given back.
/// Returns the status it left. Refused when part of it has shipped.
pub async fn cancel_in(
    tx: &mut sqlx::AnyConnection,
    order: i64,
    who: &str,
    reason: &str,
    at: i64,
) -> AppResult<OrderStatus> {
    let shipments_now = shipments::statuses_of_order(tx, order).await?;
    if shipments_now
        .iter()
        .any(|s| matches!(s, ShipmentStatus::Shipped | ShipmentStatus::Delivered))
    {
        return Err(AppError::conflict(
            "already_shipped",
            "Part of this order has shipped: it cannot be cancelled, only returned",
        ));
    }
    let step = Move {
        to: OrderStatus::Cancelled,
        only_from: &[],
        actor: who,
        reason,
        at,
    };
    let from = status::change(tx, order, step).await?;
    let open: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM shipments WHERE order_id = $1 AND status IN ('allocated', 'picking', 'picked', 'packed') ORDER BY id",
    )
    .bind(order)
    .fetch_all(&mut *tx)
    .await?;
    for shipment in open {
        let step = Move {
            to: ShipmentStatus::Cancelled,
            only_from: &[],
            actor: who,
            reason: &Note::OrderCancelled.stored(),
            at,
        };
        status::change(tx, shipment, step).await?;
    }
    repo::release_reservations(tx, order, who, "order cancelled", at).await?;
    crate::db::coupons::return_coupon_use(tx, order).await?;
    crate::workflows::returns::replacement_cancelled(tx, order, who, at).await?;
    Ok(from)
}

/// Puts the order on hold (`hold` true) or releases it.
pub async fn hold(
    db: &Db,
    actor: &ActorRef,
    number: &OrderNumber,
    hold: bool,
    reason: &str,
) -> AppResult<()> {
    let reason = text(reason, "reason", 500)?;
    let mut tx = db.begin_write().await?;
    let order = order_by_number(&mut tx, number).await?;
    let status = order.status()?;
    if hold && !status.can_hold() {
        return Err(AppError::conflict(
            "not_holdable",
            "Only an order that has not shipped can be put on hold",
        ));
    }
    let changed = sqlx::query("UPDATE orders SET on_hold = $1 WHERE id = $2 AND on_hold = $3")
        .bind(i64::from(hold))
        .bind(order.id)
        .bind(i64::from(!hold))
        .execute(&mut *tx)
        .await?;
    if changed.rows_affected() != 1 {
        let (problem, message) = if hold {
            ("already_on_hold", "This order is on hold already")
        } else {
            ("not_on_hold", "This order is not on hold")
        };
        return Err(AppError::conflict(problem, message));
    }
    let at = now_millis();
    let who = format!("staff:{}", actor.id);
    let note = if hold {
        Note::Held {
            reason: reason.clone(),
        }
    } else {
        Note::Released {
            reason: reason.clone(),
        }
    }
    .stored();
    status::record(&mut tx, order.id, Some(status), status, &who, &note, at).await?;
    let (action, before, after) = if hold {
        (AuditAction::OrderHold, "0", "1")
    } else {
        (AuditAction::OrderRelease, "1", "0")
    };
    audit::record(
        &mut tx,
        actor,
        action,
        number.as_str(),
        Changes::new().field("on_hold", Some(before), Some(after)),
        &reason,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A new delivery address, before anything of the order has shipped.
pub async fn change_address(
    db: &Db,
    actor: &ActorRef,
    number: &OrderNumber,
    address: &Address,
) -> AppResult<()> {
    let address = address.check().map_err(|(p, field)| {
        AppError::rule(p).at(&format!("address.{}", field.trim_start_matches("address.")))
    })?;
    if let Address::China { division_code, .. } = &address {
        if !crate::divisions::all().is_district(division_code) {
            return Err(AppError::rule(AddressProblem::InvalidDivision).at("address.division_code"));
        }
    }
    let mut tx = db.begin_write().await?;
    let order = order_by_number(&mut tx, number).await?;
    crate::db::orders::lock(&mut tx, order.id).await?;
    let status = order.status()?;
    let shipped = shipments::statuses_of_order(&mut tx, order.id)
        .await?
        .iter()
        .any(|s| matches!(s, ShipmentStatus::Shipped | ShipmentStatus::Delivered));
    if shipped || !status.can_hold() {
        return Err(AppError::conflict(
            "already_shipped",
            "Part of this order has shipped: its address can no longer change",
        ));
    }
    let json = serde_json::to_string(&address).map_err(anyhow::Error::from)?;
    sqlx::query("UPDATE orders SET address_json = $1 WHERE id = $2")
        .bind(&json)
        .bind(order.id)
        .execute(&mut *tx)
        .await?;
    let at = now_millis();
    let who = format!("staff:{}", actor.id);
    let region = crate::divisions::region(&address).unwrap_or_default();
    let note = Note::AddressChanged {
        region: region.trim().to_string(),
    }
    .stored();
    status::record(&mut tx, order.id, Some(status), status, &who, &note, at).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::OrderAddress,
        number.as_str(),
        Changes::new().field(
            "address",
            Some(order.address_json.as_str()),
            Some(json.as_str()),
        ),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn note(db: &Db, actor: &ActorRef, number: &OrderNumber, body: &str) -> AppResult<()> {
    let body = text(body, "body", 2000)?;
    let mut tx = db.begin_write().await?;
    let order = order_by_number(&mut tx, number).await?;
    sqlx::query("INSERT INTO order_notes (order_id, author_id, body, at) VALUES ($1, $2, $3, $4)")
        .bind(order.id)
        .bind(actor.id.0)
        .bind(&body)
        .bind(now_millis())
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::OrderNote,
        number.as_str(),
        Changes::new().field("note", None::<&str>, Some(body.as_str())),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
