//! Packing, shipping and delivery: a picked shipment is packed (carton, weight), handed to a
//! carrier with a tracking number — its units leave the books (`shipment` ledger rows) and
//! the customer is told — and delivered. The order follows its shipments: shipped once none
//! is left in the warehouse, delivered once all have arrived.

use crate::db::audit::{self, ActorRef};
use crate::db::messages::{self, MessageKind};
use crate::db::shipments::{self, ShipmentState};
use crate::db::status::{self, Move};
use crate::db::stock::{self, Movement, Who};
use crate::db::{now_millis, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::checkout::Address;
use shared::fulfilment::shipment::{parse_tracking_number, MAX_PARCEL_GRAMS};
use shared::fulfilment::{Carrier, PackShipment, ShipShipment, ShipmentStatus};
use shared::orders::note::Note;
use shared::orders::OrderStatus;
use shared::stock::MovementKind;
use sqlx::AnyConnection;

async fn shipment(conn: &mut AnyConnection, id: i64) -> AppResult<ShipmentState> {
    shipments::state(conn, id)
        .await?
        .ok_or(AppError::NotFound("shipment"))
}

fn staff(actor: &ActorRef) -> String {
    format!("staff:{}", actor.id)
}

pub async fn pack(db: &Db, actor: &ActorRef, id: i64, req: &PackShipment) -> AppResult<()> {
    if req.weight_grams == 0 || req.weight_grams > MAX_PARCEL_GRAMS {
        return Err(AppError::validation(
            "weight",
            format!("A parcel weighs from 1 to {MAX_PARCEL_GRAMS} grams"),
        )
        .at("weight_grams"));
    }
    let mut tx = db.begin_write().await?;
    let s = shipment(&mut tx, id).await?;
    let units: i64 = shipments::lines(&mut tx, id)
        .await?
        .iter()
        .map(|l| l.2.unwrap_or(0))
        .sum();
    if units == 0 && ShipmentStatus::parse(&s.status) == Some(ShipmentStatus::Picked) {
        return Err(AppError::conflict(
            "nothing_to_pack",
            "Nothing of this shipment was found when picking: move it to another warehouse or cancel the order",
        ));
    }
    let at = now_millis();
    let who = staff(actor);
    let note = Note::Packed {
        package: req.package,
        weight_grams: i64::from(req.weight_grams),
    }
    .stored();
    let step = Move {
        to: ShipmentStatus::Packed,
        only_from: &[],
        actor: &who,
        reason: &note,
        at,
    };
    status::change(&mut tx, id, step).await?;
    sqlx::query("UPDATE shipments SET package = $1, weight_grams = $2 WHERE id = $3")
        .bind(req.package.as_str())
        .bind(i64::from(req.weight_grams))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::ShipmentPack,
        &id.to_string(),
        Changes::new()
            .field("package", None::<&str>, Some(req.package.as_str()))
            .field(
                "weight_grams",
                None::<&str>,
                Some(req.weight_grams.to_string()),
            ),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Returns the tracking number.
pub async fn ship(db: &Db, actor: &ActorRef, id: i64, req: &ShipShipment) -> AppResult<String> {
    let at = now_millis();
    let tracking = match req
        .tracking_number
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(text) => parse_tracking_number(text).ok_or_else(|| {
            AppError::validation(
                "tracking_number",
                "A tracking number has 6 to 30 letters, digits or dashes",
            )
            .at("tracking_number")
        })?,
        None => req.carrier.generated_tracking_number(id, at),
    };
    let mut tx = db.begin_write().await?;
    let s = shipment(&mut tx, id).await?;
    // the order first, then the shipment, as cancelling does
    crate::db::orders::lock(&mut tx, s.order_id).await?;
    let enabled = crate::db::settings::get_text(&mut tx, crate::db::settings::CARRIERS)
        .await?
        .map_or_else(shared::fulfilment::CarrierSettings::all, |t| {
            shared::fulfilment::CarrierSettings::parse(&t)
        });
    if !enabled.enabled.contains(&req.carrier) {
        return Err(AppError::validation(
            "carrier_disabled",
            "The shop does not ship with this carrier",
        )
        .at("carrier"));
    }
    if s.on_hold != 0 {
        return Err(AppError::conflict(
            "on_hold",
            "This order is on hold: release it first",
        ));
    }
    let slot = slot_for(&mut tx, &s, req.carrier, req.slot).await?;
    let taken: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM shipments WHERE carrier = $1 AND tracking_number = $2 AND id <> $3",
    )
    .bind(req.carrier.as_str())
    .bind(&tracking)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    if taken.is_some() {
        return Err(AppError::validation(
            "tracking_number_taken",
            "Another parcel of this carrier has this tracking number",
        )
        .at("tracking_number"));
    }
    let who = staff(actor);
    let note = Note::Shipped {
        shipment: id,
        carrier: req.carrier,
        tracking: tracking.clone(),
    }
    .stored();
    let step = Move {
        to: ShipmentStatus::Shipped,
        only_from: &[],
        actor: &who,
        reason: &note,
        at,
    };
    status::change(&mut tx, id, step).await?;
    sqlx::query(
        "UPDATE shipments SET carrier = $1, tracking_number = $2, slot_id = $3 WHERE id = $4",
    )
    .bind(req.carrier.as_str())
    .bind(&tracking)
    .bind(slot)
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(|e| match e {
        // another shipment took the number since the check above
        sqlx::Error::Database(db) if db.is_unique_violation() => AppError::validation(
            "tracking_number_taken",
            "Another parcel of this carrier has this tracking number",
        )
        .at("tracking_number"),
        other => other.into(),
    })?;
    // the picked units leave the warehouse and the order's hold on them ends
    let document = format!("shipment:{id}");
    let ledger_reason = format!("{} {tracking}", req.carrier.as_str());
    let w = Who {
        document: &document,
        reason: &ledger_reason,
        actor: &who,
        at,
    };
    for (variant, _, picked) in shipments::lines(&mut tx, id).await? {
        let units = picked.unwrap_or(0);
        if units == 0 {
            continue;
        }
        let m = Movement::out_held(MovementKind::Shipment, variant, s.warehouse_id, units, w);
        if !stock::apply(&mut tx, &m).await? {
            return Err(sqlx::Error::Protocol(format!(
                "shipment {id} ships {units} of variant {variant} that its stock level does not hold"
            ))
            .into());
        }
        stock::adjust_reservation(&mut tx, s.order_id, variant, s.warehouse_id, -units).await?;
    }
    follow(
        &mut tx,
        &s,
        OrderStatus::Shipped,
        ShipmentStatus::holds_stock,
        &who,
        &note,
        at,
    )
    .await?;
    messages::enqueue(
        &mut tx,
        MessageKind::OrderShipped,
        &s.email,
        &format!("您的订单 {} 已发货 / Your order {} has shipped", s.number, s.number),
        &format!(
            "您的包裹已交给{}，运单号 {tracking}。\nYour parcel is on its way with {}, tracking number {tracking}.",
            req.carrier.names().0,
            req.carrier.names().1
        ),
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::ShipmentShip,
        &id.to_string(),
        Changes::new()
            .field("carrier", None::<&str>, Some(req.carrier.as_str()))
            .field("tracking_number", None::<&str>, Some(tracking.as_str())),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(tracking)
}

/// Staff confirm a parcel arrived.
pub async fn deliver(db: &Db, actor: &ActorRef, id: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let note = Note::Delivered {
        shipment: id,
        signed_by: String::new(),
        own_fleet: false,
    };
    deliver_in(&mut tx, id, &staff(actor), &note.stored(), now_millis()).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::ShipmentDeliver,
        &id.to_string(),
        Changes::new().field("status", Some("shipped"), Some("delivered")),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The delivery slot asked for a parcel, checked: only for the own fleet, and one of the
/// slots of a zone of the shipment's warehouse that covers the delivery address.
async fn slot_for(
    conn: &mut AnyConnection,
    s: &ShipmentState,
    carrier: Carrier,
    slot: Option<i64>,
) -> AppResult<Option<i64>> {
    let Some(slot) = slot else { return Ok(None) };
    let refuse =
        |problem: &str, message: &str| Err(AppError::validation(problem, message).at("slot"));
    if carrier != Carrier::OwnFleet {
        return refuse(
            "slot_not_own_fleet",
            "Delivery slots are for parcels our own fleet delivers",
        );
    }
    let zones = crate::db::fleet::zones(conn, Some(s.warehouse_id)).await?;
    let Some(owner) = zones.iter().find(|z| z.slots.iter().any(|x| x.id == slot)) else {
        return refuse(
            "no_such_slot",
            "This warehouse's fleet has no such delivery slot",
        );
    };
    let address: Option<String> =
        sqlx::query_scalar("SELECT address_json FROM orders WHERE id = $1")
            .bind(s.order_id)
            .fetch_optional(&mut *conn)
            .await?;
    let division = match address.and_then(|a| serde_json::from_str::<Address>(&a).ok()) {
        Some(Address::China { division_code, .. }) => division_code,
        _ => String::new(),
    };
    // the zone that delivers there (the closest, where zones overlap) must be the slot's
    if shared::fleet::zone_for(&zones, &division).map(|z| z.id) != Some(owner.id) {
        return refuse(
            "slot_other_zone",
            "That slot belongs to a zone that does not cover this address",
        );
    }
    Ok(Some(slot))
}

/// A parcel arrived (staff, a driver's proof of delivery, or the carrier's webhook say so),
/// inside the caller's transaction: the shipment is delivered, and the order once all of
/// its parcels are (remembering when, for completing it later).
pub async fn deliver_in(
    conn: &mut AnyConnection,
    id: i64,
    actor: &str,
    note: &str,
    at: i64,
) -> AppResult<()> {
    let s = shipment(conn, id).await?;
    let step = Move {
        to: ShipmentStatus::Delivered,
        only_from: &[],
        actor,
        reason: note,
        at,
    };
    status::change(conn, id, step).await?;
    let still_out =
        |st: ShipmentStatus| st != ShipmentStatus::Delivered && st != ShipmentStatus::Cancelled;
    if follow(conn, &s, OrderStatus::Delivered, still_out, actor, note, at).await? {
        sqlx::query("UPDATE orders SET delivered_at = $1 WHERE id = $2")
            .bind(at)
            .bind(s.order_id)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// The order moves to `to` when none of its shipments is still `pending` (then `true`);
/// otherwise the step is an event of the order's history.
async fn follow(
    conn: &mut AnyConnection,
    s: &ShipmentState,
    to: OrderStatus,
    pending: fn(ShipmentStatus) -> bool,
    actor: &str,
    note: &str,
    at: i64,
) -> AppResult<bool> {
    let left = shipments::statuses_of_order(conn, s.order_id)
        .await?
        .into_iter()
        .any(pending);
    if left {
        let order = crate::db::orders::state_by_number(conn, &s.number)
            .await?
            .ok_or(AppError::NotFound("order"))?;
        let current = order.status()?;
        status::record(conn, s.order_id, Some(current), current, actor, note, at).await?;
        Ok(false)
    } else {
        let step = Move {
            to,
            only_from: &[],
            actor,
            reason: note,
            at,
        };
        status::change(conn, s.order_id, step).await?;
        Ok(true)
    }
}
