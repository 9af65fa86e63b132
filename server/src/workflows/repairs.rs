//! Repairs under warranty (保修维修): a signed-in customer asks for a line of their
//! delivered order to be repaired while its product's warranty runs, saying what is wrong,
//! with photos; one repair of a line is under way at a time. Staff receive the item, repair
//! it and send it back (the note names the return parcel), then close the repair — or
//! reject a request the warranty does not cover, with the reason. Every step is a repair
//! event (the customer's timeline), a message to the customer and, for staff, an audit
//! entry, in one transaction that locks the order first, as returns do.

use crate::db::audit::{self, ActorRef};
use crate::db::messages::{self, MessageKind};
use crate::db::repairs::{self as repo, RepairState};
use crate::db::status::{self, Move};
use crate::db::{now_millis, orders, returns, Db, WriteTx};
use crate::error::{AppError, AppResult};
use crate::workflows::order_actions::text;
use shared::after_sales::repairs::{
    check_repair, check_warranty, NewRepair, RepairProblem, RepairStatus, MAX_NOTE,
};
use shared::audit::{AuditAction, Changes};
use sqlx::AnyConnection;

pub(crate) fn problem(p: RepairProblem) -> AppError {
    if p.is_conflict() {
        AppError::conflict(p.code(), p.to_string())
    } else {
        AppError::validation(p.code(), p.to_string()).at(p.field())
    }
}

/// Customer `user` asks for a repair of line `req.line` of their order `order` (whose
/// buyer the caller checked): the order delivered, the line its own, its product's
/// warranty still running, no other repair of the line under way, and each photo uploaded
/// for the order. Returns the repair's id.
pub async fn request(db: &Db, user: i64, order: i64, req: &NewRepair) -> AppResult<i64> {
    check_repair(req).map_err(problem)?;
    let description = req.description.trim();
    let mut tx = db.begin_write().await?;
    orders::lock(&mut tx, order).await?;
    let (email, number): (String, String) =
        sqlx::query_as("SELECT email, number FROM orders WHERE id = $1")
            .bind(order)
            .fetch_one(&mut *tx)
            .await?;
    let delivered_at = returns::delivered_at(&mut tx, order).await?;
    if delivered_at.is_none() {
        return Err(problem(RepairProblem::NotDelivered));
    }
    let line = repo::line(&mut tx, order, req.line)
        .await?
        .ok_or(problem(RepairProblem::Line))?;
    let at = now_millis();
    check_warranty(at, delivered_at, line.warranty_days).map_err(problem)?;
    if repo::open_on_line(&mut tx, line.order_line_id).await? {
        return Err(problem(RepairProblem::AlreadyOpen));
    }
    let id = repo::insert(
        &mut tx,
        &repo::NewRepair {
            order,
            order_line: line.order_line_id,
            user,
            description,
            at,
        },
    )
    .await?;
    for (position, key) in req.photos.iter().enumerate() {
        let position = i64::try_from(position).unwrap_or(0);
        if !repo::attach_photo(&mut tx, order, id, position, key).await? {
            return Err(problem(RepairProblem::Photos));
        }
    }
    let who = format!("customer:{user}");
    status::record(&mut tx, id, None, RepairStatus::Requested, &who, "", at).await?;
    tell(&mut tx, &email, &number, id, RepairStatus::Requested, "").await?;
    tx.commit().await?;
    Ok(id)
}

/// How long after delivery a photo for a repair of order `order` may be uploaded: its
/// products' longest warranty, in days (`POST /orders/{number}/photos?purpose=repair`).
pub async fn photo_window(conn: &mut AnyConnection, order: i64) -> AppResult<i64> {
    Ok(repo::longest_warranty(conn, order).await?)
}

/// What a staff step records, and whether it needs a note for the customer.
fn step_of(to: RepairStatus) -> AppResult<(AuditAction, bool)> {
    Ok(match to {
        RepairStatus::Received => (AuditAction::RepairReceive, false),
        RepairStatus::Repairing => (AuditAction::RepairStart, false),
        // the return parcel's carrier and tracking number
        RepairStatus::Returned => (AuditAction::RepairReturn, true),
        RepairStatus::Closed => (AuditAction::RepairClose, false),
        // why the warranty does not cover it
        RepairStatus::Rejected => (AuditAction::RepairReject, true),
        RepairStatus::Requested => {
            return Err(AppError::conflict(
                "illegal_transition",
                "Only its customer asks for a repair",
            ))
        }
    })
}

/// A note staff may leave empty, trimmed, a leading `§` dropped (typed text never passes
/// for a system note).
fn optional_note(note: &str) -> String {
    note.trim().trim_start_matches('§').trim().to_string()
}

/// Moves repair `id` to `to` as staff, with `note` for the customer (needed to send the
/// item back and to reject a request; optional otherwise): the event, the audit entry, the
/// note kept on the repair, and the message.
pub async fn advance(
    db: &Db,
    actor: &ActorRef,
    id: i64,
    to: RepairStatus,
    note: &str,
) -> AppResult<()> {
    let (action, needs_note) = step_of(to)?;
    // as typed, not only once trimmed: the API's schema says so
    if note.chars().count() > MAX_NOTE {
        return Err(
            AppError::validation("note", format!("Write at most {MAX_NOTE} characters")).at("note"),
        );
    }
    let note = if needs_note {
        text(note, "note", MAX_NOTE)?
    } else {
        optional_note(note)
    };
    let (mut tx, repair, order) = locked(db, id).await?;
    let who = format!("staff:{}", actor.id);
    let at = now_millis();
    let from = status::change(
        &mut tx,
        repair.id,
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
        action,
        &repair.id.to_string(),
        Changes::new().field("status", Some(from.as_str()), Some(to.as_str())),
        &note,
    )
    .await?;
    if !note.is_empty() {
        repo::set_note(&mut tx, repair.id, &note, at).await?;
    }
    tell(&mut tx, &order.email, &order.number, repair.id, to, &note).await?;
    tx.commit().await?;
    Ok(())
}

/// Repair `id` with its order locked, in a new write transaction.
async fn locked(
    db: &Db,
    id: i64,
) -> AppResult<(WriteTx, RepairState, crate::db::orders::OrderState)> {
    let mut tx = db.begin_write().await?;
    let found = repo::state(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("repair"))?;
    orders::lock(&mut tx, found.order_id).await?;
    // read again under the lock: a step racing this one has finished
    let repair = repo::state(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("repair"))?;
    let number: String = sqlx::query_scalar("SELECT number FROM orders WHERE id = $1")
        .bind(repair.order_id)
        .fetch_one(&mut *tx)
        .await?;
    let order = orders::state_by_number(&mut tx, &number)
        .await?
        .ok_or(AppError::NotFound("order"))?;
    Ok((tx, repair, order))
}

/// Tells the customer what became of their repair (the outbox, in both languages; an
/// after-sales update, so it goes unless they turned order updates off).
async fn tell(
    conn: &mut AnyConnection,
    email: &str,
    number: &str,
    id: i64,
    to: RepairStatus,
    note: &str,
) -> AppResult<()> {
    let (zh, en) = match to {
        RepairStatus::Requested => ("已收到您的维修申请", "We have your repair request"),
        RepairStatus::Received => ("维修商品已签收", "Your item has arrived for repair"),
        RepairStatus::Repairing => ("商品正在维修", "Your item is being repaired"),
        RepairStatus::Returned => (
            "维修完成，商品已寄回",
            "Your item is repaired and on its way back",
        ),
        RepairStatus::Closed => ("维修已完成", "Your repair is complete"),
        RepairStatus::Rejected => ("维修申请未通过", "Your repair is not covered"),
    };
    let body = format!(
        "订单 {number} 的维修 #{id}：{zh}。{note}\nRepair #{id} of order {number}: {en}. {note}\n/orders/{number}"
    );
    messages::enqueue(
        conn,
        MessageKind::ReturnUpdate,
        email,
        &format!("{zh} / {en} · {number}"),
        &body,
    )
    .await?;
    Ok(())
}
