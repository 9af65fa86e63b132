//! Batch picking (拣货): a warehouse's allocated shipments (of orders not on hold) become one
//! pick list, a line per variant in bin order; the picker counts each line; completing the
//! list shares what was found among its shipments (earliest orders first), writes a `pick`
//! ledger row per shipment line and, for what was not found, a short-pick adjustment that
//! lowers the books and flags the order.

use crate::db::audit::{self, ActorRef};
use crate::db::status::{self, Move, Refused};
use crate::db::stock::{self, Movement, Who};
use crate::db::{now_millis, pick_lists, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::fulfilment::picking::share_picked;
use shared::fulfilment::{PickListStatus, ShipmentStatus};
use shared::ids::WarehouseId;
use shared::orders::note::Note;
use shared::orders::OrderStatus;
use shared::stock::MovementKind;

/// At most this many shipments go on one list (a picker's cart).
pub const MAX_SHIPMENTS: i64 = 200;

pub async fn create(db: &Db, actor: &ActorRef, warehouse: WarehouseId) -> AppResult<i64> {
    let mut tx = db.begin_write().await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM warehouses WHERE id = $1")
        .bind(warehouse.0)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Err(
            AppError::validation("warehouse", "There is no such warehouse").at("warehouse"),
        );
    }
    let waiting: Vec<i64> = sqlx::query_scalar(
        "SELECT s.id FROM shipments s JOIN orders o ON o.id = s.order_id \
         WHERE s.warehouse_id = $1 AND s.status = 'allocated' AND o.on_hold = 0 ORDER BY s.id LIMIT $2",
    )
    .bind(warehouse.0)
    .bind(MAX_SHIPMENTS)
    .fetch_all(&mut *tx)
    .await?;
    let at = now_millis();
    let who = format!("staff:{}", actor.id);
    let list = pick_lists::insert(&mut tx, warehouse.0, &who, at).await?;
    let note = Note::OnPickList { list }.stored();
    let mut taken = 0;
    for shipment in waiting {
        // claimed while still allocated in this warehouse (not moved meanwhile)
        let claimed = sqlx::query(
            "UPDATE shipments SET pick_list_id = $1 WHERE id = $2 AND warehouse_id = $3 AND status = 'allocated' AND pick_list_id IS NULL",
        )
        .bind(list)
        .bind(shipment)
        .bind(warehouse.0)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() != 1 {
            continue;
        }
        let step = Move {
            to: ShipmentStatus::Picking,
            only_from: &[ShipmentStatus::Allocated],
            actor: &who,
            reason: &note,
            at,
        };
        match status::change(&mut tx, shipment, step).await {
            Ok(_) => taken += 1,
            // taken by another list meanwhile
            Err(Refused::Illegal { .. } | Refused::Raced | Refused::Missing) => {}
            Err(Refused::Db(e)) => return Err(e.into()),
        }
    }
    if taken == 0 {
        return Err(AppError::conflict(
            "nothing_to_pick",
            "No allocated shipments wait in this warehouse",
        ));
    }
    pick_lists::fill_lines(&mut tx, list).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::PickListCreate,
        &list.to_string(),
        Changes::new().field("shipments", None::<&str>, Some(taken.to_string())),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(list)
}

async fn open_list(conn: &mut sqlx::AnyConnection, list: i64) -> AppResult<i64> {
    match pick_lists::state(conn, list).await? {
        None => Err(AppError::NotFound("pick list")),
        Some((_, PickListStatus::Done)) => Err(AppError::conflict(
            "pick_list_done",
            "This pick list is completed already",
        )),
        Some((warehouse, PickListStatus::Open)) => Ok(warehouse),
    }
}

/// The picker found `picked` units of `variant` (a count may be corrected until the list is
/// completed).
pub async fn record(
    db: &Db,
    actor: &ActorRef,
    list: i64,
    variant: i64,
    picked: u32,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    open_list(&mut tx, list).await?;
    let Some(quantity) = pick_lists::line_quantity(&mut tx, list, variant).await? else {
        return Err(AppError::NotFound("pick list line"));
    };
    let picked = i64::from(picked);
    if picked > quantity {
        return Err(AppError::validation(
            "picked_too_many",
            format!("The list asks for {quantity}: more cannot be picked for it"),
        )
        .at("picked"));
    }
    pick_lists::record(
        &mut tx,
        list,
        variant,
        picked,
        &format!("staff:{}", actor.id),
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::PickListRecord,
        &list.to_string(),
        Changes::new().field(
            &format!("variant {variant}"),
            None::<&str>,
            Some(format!("{picked} / {quantity}")),
        ),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Completes an open list whose lines are all counted.
pub async fn complete(db: &Db, actor: &ActorRef, list: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let warehouse = open_list(&mut tx, list).await?;
    let counts = pick_lists::counts(&mut tx, list).await?;
    let uncounted = counts.iter().filter(|(_, p)| p.is_none()).count();
    if uncounted > 0 {
        return Err(AppError::conflict(
            "lines_left",
            format!("{uncounted} lines of this list are not counted yet"),
        ));
    }
    let at = now_millis();
    let who = format!("staff:{}", actor.id);
    let mut short_units = 0_i64;
    for (variant, picked) in counts {
        let picked = picked.unwrap_or(0);
        // this variant's shipment lines, earliest order first
        let wants: Vec<(i64, i64, i64, String)> = sqlx::query_as(
            "SELECT s.id, s.order_id, l.quantity, o.number FROM shipments s \
             JOIN shipment_lines l ON l.shipment_id = s.id JOIN orders o ON o.id = s.order_id \
             WHERE s.pick_list_id = $1 AND s.status = 'picking' AND l.variant_id = $2 ORDER BY s.order_id, s.id",
        )
        .bind(list)
        .bind(variant)
        .fetch_all(&mut *tx)
        .await?;
        let quantities: Vec<u32> = wants
            .iter()
            .map(|w| u32::try_from(w.2).unwrap_or(0))
            .collect();
        let got = share_picked(u32::try_from(picked).unwrap_or(0), &quantities);
        for ((shipment, order, quantity, number), got) in wants.into_iter().zip(got) {
            let got = i64::from(got);
            sqlx::query(
                "UPDATE shipment_lines SET picked = $1 WHERE shipment_id = $2 AND variant_id = $3",
            )
            .bind(got)
            .bind(shipment)
            .bind(variant)
            .execute(&mut *tx)
            .await?;
            let document = format!("shipment:{shipment}");
            if got > 0 {
                let w = Who {
                    document: &document,
                    reason: &format!("pick list {list}"),
                    actor: &who,
                    at,
                };
                stock::record(
                    &mut tx,
                    &Movement::within(MovementKind::Pick, variant, warehouse, got, w),
                )
                .await?;
            }
            let short = quantity - got;
            if short > 0 {
                short_units += short;
                let reason =
                    format!("short pick on pick list {list}: the bin held less than the books");
                let w = Who {
                    document: &document,
                    reason: &reason,
                    actor: &who,
                    at,
                };
                let m = Movement::out_held(MovementKind::Adjustment, variant, warehouse, short, w);
                if !stock::apply(&mut tx, &m).await? {
                    return Err(sqlx::Error::Protocol(format!(
                        "shipment {shipment} holds {short} of variant {variant} that its stock level does not reserve"
                    ))
                    .into());
                }
                stock::adjust_reservation(&mut tx, order, variant, warehouse, -short).await?;
                sqlx::query("UPDATE shipments SET short = 1 WHERE id = $1")
                    .bind(shipment)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE orders SET short_pick = 1 WHERE id = $1")
                    .bind(order)
                    .execute(&mut *tx)
                    .await?;
                let sku: String =
                    sqlx::query_scalar("SELECT sku FROM product_variants WHERE id = $1")
                        .bind(variant)
                        .fetch_one(&mut *tx)
                        .await?;
                let order_status = crate::db::orders::state_by_number(&mut tx, &number)
                    .await?
                    .map(|o| o.status())
                    .transpose()?
                    .unwrap_or(OrderStatus::Processing);
                let note = Note::ShortPick {
                    shipment,
                    sku,
                    found: got,
                    wanted: quantity,
                }
                .stored();
                status::record(
                    &mut tx,
                    order,
                    Some(order_status),
                    order_status,
                    &who,
                    &note,
                    at,
                )
                .await?;
            }
        }
    }
    let shipments: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM shipments WHERE pick_list_id = $1 AND status = 'picking' ORDER BY id",
    )
    .bind(list)
    .fetch_all(&mut *tx)
    .await?;
    for shipment in shipments {
        let step = Move {
            to: ShipmentStatus::Picked,
            only_from: &[ShipmentStatus::Picking],
            actor: &who,
            reason: &Note::Picked { list }.stored(),
            at,
        };
        status::change(&mut tx, shipment, step).await?;
    }
    if !pick_lists::close(&mut tx, list, at).await? {
        return Err(AppError::conflict(
            "pick_list_done",
            "This pick list is completed already",
        ));
    }
    audit::record(
        &mut tx,
        actor,
        AuditAction::PickListComplete,
        &list.to_string(),
        Changes::new()
            .field("status", Some("open"), Some("done"))
            .field("short_units", None::<&str>, Some(short_units.to_string())),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
