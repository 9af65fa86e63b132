//! Allocation (订单分配): in one transaction a paid (or cash-on-delivery) order's held stock
//! is moved to the warehouses `shared::fulfilment::allocate` plans — one per seller when one
//! holds everything, the nearest to the delivery province — and its shipments are written.
//! A shipment not yet picked can be moved to another warehouse of its seller by hand.

use crate::db::audit::{self, ActorRef};
use crate::db::orders::{self as repo, OrderState};
use crate::db::status::{self, Move};
use crate::db::stock::{self, Movement, Who};
use crate::db::{now_millis, shipments, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::checkout::Address;
use shared::fulfilment::{allocate as plan, Holding, Line, ShipmentStatus};
use shared::ids::{SellerId, VariantId, WarehouseId};
use shared::orders::note::{Note, WarehouseUnits};
use shared::orders::{allocation_refusal, OrderNumber, OrderStatus};
use shared::stock::MovementKind;
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// The order's id, or 404.
pub async fn order_by_number(
    conn: &mut AnyConnection,
    number: &OrderNumber,
) -> AppResult<OrderState> {
    repo::state_by_number(conn, number.as_str())
        .await?
        .ok_or(AppError::NotFound("order"))
}

fn refusal(problem: &str) -> AppError {
    let message = match problem {
        "already_allocated" => "This order has been allocated already",
        "on_hold" => "This order is on hold: release it first",
        "not_paid" => "This order waits for payment: it can be allocated once it is paid",
        _ => "Only paid and cash-on-delivery orders that have not shipped can be allocated",
    };
    AppError::conflict(problem, message)
}

/// Allocates the order; returns the ids of its new shipments.
pub async fn allocate(db: &Db, actor: &ActorRef, number: &OrderNumber) -> AppResult<Vec<i64>> {
    let mut tx = db.begin_write().await?;
    let who = format!("staff:{}", actor.id);
    let ids = allocate_in(&mut tx, &who, number, now_millis()).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::OrderAllocate,
        number.as_str(),
        Changes::new().field("shipments", None::<&str>, Some(ids.len().to_string())),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(ids)
}

/// The allocation itself, inside the caller's transaction (`actor` as order events name it).
pub async fn allocate_in(
    conn: &mut AnyConnection,
    actor: &str,
    number: &OrderNumber,
    at: i64,
) -> AppResult<Vec<i64>> {
    let order = order_by_number(conn, number).await?;
    let (status, method) = (order.status()?, order.payment_method()?);
    if let Some(problem) = allocation_refusal(
        status,
        method,
        order.on_hold != 0,
        order.allocated_at.is_some(),
    ) {
        return Err(refusal(problem));
    }
    // claim it: of two staff allocating at once, one finds it claimed
    let claimed = sqlx::query(
        "UPDATE orders SET allocated_at = $1 WHERE id = $2 AND allocated_at IS NULL AND on_hold = 0 AND status = $3",
    )
    .bind(at)
    .bind(order.id)
    .bind(status.as_str())
    .execute(&mut *conn)
    .await?;
    if claimed.rows_affected() != 1 {
        return Err(refusal("already_allocated"));
    }
    let lines: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT variant_id, seller_id, CAST(SUM(quantity) AS BIGINT) FROM order_lines WHERE order_id = $1 \
         GROUP BY variant_id, seller_id ORDER BY variant_id",
    )
    .bind(order.id)
    .fetch_all(&mut *conn)
    .await?;
    let held: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT variant_id, warehouse_id, quantity FROM stock_reservations WHERE order_id = $1",
    )
    .bind(order.id)
    .fetch_all(&mut *conn)
    .await?;
    let holdings = holdings(conn, order.id).await?;
    let destination = match serde_json::from_str::<Address>(&order.address_json) {
        Ok(Address::China { division_code, .. }) => division_code,
        _ => String::new(),
    };
    let wanted: Vec<Line> = lines
        .iter()
        .map(|&(variant, seller, quantity)| Line {
            variant: VariantId(variant),
            seller: SellerId(seller),
            quantity: u32::try_from(quantity).unwrap_or(0),
        })
        .collect();
    let planned = plan(&wanted, &destination, &holdings);
    if !planned.is_complete() {
        return Err(AppError::conflict(
            "out_of_stock",
            "The warehouses no longer hold everything this order needs: receive stock or cancel the order",
        ));
    }
    // what each warehouse should hold for the order, against what it holds now
    let mut change: BTreeMap<(i64, i64), i64> = BTreeMap::new();
    for s in &planned.shipments {
        for &(variant, units) in &s.lines {
            *change.entry((variant.0, s.warehouse.0)).or_default() += i64::from(units);
        }
    }
    for &(variant, warehouse, quantity) in &held {
        *change.entry((variant, warehouse)).or_default() -= quantity;
    }
    let document = order.document();
    let w = Who {
        document: &document,
        reason: "allocated",
        actor,
        at,
    };
    // give back first, then take: a hold moved between warehouses never counts twice
    let mut moves: Vec<((i64, i64), i64)> = change.into_iter().filter(|(_, d)| *d != 0).collect();
    moves.sort_by_key(|(key, d)| (*d > 0, *key));
    for ((variant, warehouse), d) in moves {
        let m = Movement::hold(MovementKind::Allocation, variant, warehouse, d, w);
        if !stock::apply(conn, &m).await? {
            return Err(AppError::conflict(
                "out_of_stock",
                "Stock moved while this order was being allocated: try again",
            ));
        }
        stock::adjust_reservation(conn, order.id, variant, warehouse, d).await?;
    }
    let mut ids = Vec::new();
    let mut summary = Vec::new();
    for s in &planned.shipments {
        let lines: Vec<(i64, i64)> = s.lines.iter().map(|&(v, q)| (v.0, i64::from(q))).collect();
        let id = shipments::insert(conn, order.id, s.seller.0, s.warehouse.0, &lines, at).await?;
        status::record(
            conn,
            id,
            None,
            ShipmentStatus::Allocated,
            actor,
            &Note::ForOrder {
                number: number.as_str().to_string(),
            }
            .stored(),
            at,
        )
        .await?;
        summary.push(WarehouseUnits {
            warehouse: warehouse_code(conn, s.warehouse).await?,
            units: lines.iter().map(|l| l.1).sum(),
        });
        ids.push(id);
    }
    let note = Note::Allocated {
        warehouses: summary,
    }
    .stored();
    if status == OrderStatus::Paid {
        let step = Move {
            to: OrderStatus::Processing,
            only_from: &[OrderStatus::Paid],
            actor,
            reason: &note,
            at,
        };
        status::change(conn, order.id, step).await?;
    } else {
        status::record(conn, order.id, Some(status), status, actor, &note, at).await?;
    }
    Ok(ids)
}

async fn warehouse_code(conn: &mut AnyConnection, w: WarehouseId) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT code FROM warehouses WHERE id = $1")
        .bind(w.0)
        .fetch_one(conn)
        .await
}

/// What every warehouse can send of the order's variants: free stock plus what the order
/// itself holds there.
async fn holdings(conn: &mut AnyConnection, order: i64) -> Result<Vec<Holding>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64, String, i64)> = sqlx::query_as(
        "SELECT s.variant_id, s.warehouse_id, w.seller_id, w.province, \
         s.on_hand - s.reserved + COALESCE((SELECT r.quantity FROM stock_reservations r \
           WHERE r.order_id = $1 AND r.variant_id = s.variant_id AND r.warehouse_id = s.warehouse_id), 0) \
         FROM stock_levels s JOIN warehouses w ON w.id = s.warehouse_id \
         WHERE s.variant_id IN (SELECT variant_id FROM order_lines WHERE order_id = $1) \
         ORDER BY s.variant_id, s.warehouse_id",
    )
    .bind(order)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(variant, warehouse, seller, province, available)| Holding {
                warehouse: WarehouseId(warehouse),
                seller: SellerId(seller),
                province,
                variant: VariantId(variant),
                available: u32::try_from(available.max(0)).unwrap_or(u32::MAX),
            },
        )
        .collect())
}

/// Moves a shipment to another warehouse of its seller while nothing of it has left a shelf
/// (not on a pick list yet, or picked and none of it found): the order's hold moves with it
/// (409 when the other warehouse lacks the stock).
pub async fn reallocate(
    db: &Db,
    actor: &ActorRef,
    shipment: i64,
    to: WarehouseId,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let s = shipments::state(&mut tx, shipment)
        .await?
        .ok_or(AppError::NotFound("shipment"))?;
    // the order first, then the shipment, as cancelling and shipping do
    repo::lock(&mut tx, s.order_id).await?;
    let status = ShipmentStatus::parse(&s.status).unwrap_or(ShipmentStatus::Cancelled);
    let lines = shipments::lines(&mut tx, shipment).await?;
    let picked: i64 = lines.iter().filter_map(|l| l.2).sum();
    if !status.can_move(u32::try_from(picked).unwrap_or(u32::MAX)) {
        return Err(AppError::conflict(
            "not_allocated",
            "Only a shipment that is not on a pick list yet, or of which nothing was found, can move to another warehouse",
        ));
    }
    let seller: Option<i64> = sqlx::query_scalar("SELECT seller_id FROM warehouses WHERE id = $1")
        .bind(to.0)
        .fetch_optional(&mut *tx)
        .await?;
    match seller {
        None => {
            return Err(
                AppError::validation("warehouse", "There is no such warehouse").at("warehouse"),
            )
        }
        Some(seller) if seller != s.seller_id => {
            return Err(AppError::validation(
                "other_seller",
                "That warehouse belongs to another seller",
            )
            .at("warehouse"))
        }
        Some(_) if to.0 == s.warehouse_id => {
            return Err(AppError::validation(
                "same_warehouse",
                "The shipment is in that warehouse already",
            )
            .at("warehouse"))
        }
        Some(_) => {}
    }
    let (from_code, to_code) = (
        warehouse_code(&mut tx, WarehouseId(s.warehouse_id)).await?,
        warehouse_code(&mut tx, to).await?,
    );
    let note = Note::Moved {
        shipment,
        from: from_code.clone(),
        to: to_code.clone(),
    }
    .stored();
    let actor_text = format!("staff:{}", actor.id);
    let at = now_millis();
    if status == ShipmentStatus::Picked {
        // none of it was found: it starts again, allocated, in the other warehouse
        let step = Move {
            to: ShipmentStatus::Allocated,
            only_from: &[ShipmentStatus::Picked],
            actor: &actor_text,
            reason: &note,
            at,
        };
        status::change(&mut tx, shipment, step).await?;
        sqlx::query("UPDATE shipment_lines SET picked = NULL WHERE shipment_id = $1")
            .bind(shipment)
            .execute(&mut *tx)
            .await?;
    } else {
        status::record(
            &mut tx,
            shipment,
            Some(status),
            status,
            &actor_text,
            &note,
            at,
        )
        .await?;
    }
    // the row is claimed before stock moves: two staff moving it at once, one gets 409
    let moved = sqlx::query(
        "UPDATE shipments SET warehouse_id = $1, updated_at = $2, pick_list_id = NULL, short = 0 \
         WHERE id = $3 AND warehouse_id = $4 AND status = 'allocated'",
    )
    .bind(to.0)
    .bind(at)
    .bind(shipment)
    .bind(s.warehouse_id)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Err(AppError::conflict(
            "status_changed",
            "The shipment changed meanwhile. Reload it and try again",
        ));
    }
    let document = format!("shipment:{shipment}");
    let w = Who {
        document: &document,
        reason: "moved to another warehouse",
        actor: &actor_text,
        at,
    };
    for (variant, quantity, picked) in lines {
        // what the old warehouse still holds for it: all of it before picking, what was
        // found after (a short pick gave the rest back already)
        let held = if status == ShipmentStatus::Picked {
            picked.unwrap_or(0)
        } else {
            quantity
        };
        let out = Movement::hold(MovementKind::Allocation, variant, s.warehouse_id, -held, w);
        let into = Movement::hold(MovementKind::Allocation, variant, to.0, quantity, w);
        if (held > 0 && !stock::apply(&mut tx, &out).await?)
            || !stock::apply(&mut tx, &into).await?
        {
            return Err(AppError::conflict(
                "out_of_stock",
                "That warehouse does not hold enough of this shipment's items",
            ));
        }
        stock::adjust_reservation(&mut tx, s.order_id, variant, s.warehouse_id, -held).await?;
        stock::adjust_reservation(&mut tx, s.order_id, variant, to.0, quantity).await?;
    }
    let order_status = OrderState::status(
        &repo::state_by_number(&mut tx, &s.number)
            .await?
            .ok_or(AppError::NotFound("order"))?,
    )?;
    status::record(
        &mut tx,
        s.order_id,
        Some(order_status),
        order_status,
        &actor_text,
        &note,
        at,
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::ShipmentReallocate,
        &shipment.to_string(),
        Changes::new().field("warehouse", Some(&from_code), Some(&to_code)),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
