//! Returns (退货): a customer asks from a delivered order within the return window;
//! customer service approves (with instructions) or rejects (with a reason); the warehouse
//! receives the goods and inspects each unit — restocked units go back on the books through
//! the stock ledger, scrapped ones and those kept for the supplier are recorded per line —
//! and the refund goes through the order's payment, the return's share of the lines less
//! their part of the discount (`shared::after_sales::share`), never beyond what was paid.
//! Every step is a return event (the customer's timeline), a message to the customer and,
//! for staff, an audit entry. Each step locks the order first, as refunds do.

use crate::db::audit::{self, ActorRef};
use crate::db::messages::{self, MessageKind};
use crate::db::returns::{self as repo, Column, OrderLine};
use crate::db::status::{self, Move};
use crate::db::stock::{self, Movement};
use crate::db::{now_millis, orders, WriteTx};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::workflows::order_actions::text;
use crate::workflows::refund;
use shared::after_sales::returns::{
    check_exchange, check_inspection, check_return, check_window, Exchanged, InspectReturn,
    NewReturn, ReturnProblem, ReturnStatus,
};
use shared::audit::{AuditAction, Changes};
use shared::ids::VariantId;
use shared::orders::OrderNumber;
use shared::stock::MovementKind;
use sqlx::AnyConnection;

fn problem(p: ReturnProblem) -> AppError {
    match p {
        ReturnProblem::NotDelivered | ReturnProblem::WindowClosed => {
            AppError::conflict(code(p), p.to_string())
        }
        _ => AppError::rule(p).at(p.field()),
    }
}

fn code(p: ReturnProblem) -> &'static str {
    match p {
        ReturnProblem::NotDelivered => "not_delivered",
        ReturnProblem::WindowClosed => "window_closed",
        ReturnProblem::Lines => "lines",
        ReturnProblem::Quantity => "quantity",
        ReturnProblem::CommentTooLong => "comment_too_long",
        ReturnProblem::Photos => "photos",
        ReturnProblem::Exchange => "exchange",
    }
}

/// A customer's return of order `id` (whose buyer the caller checked) within `window_days`
/// of its delivery; `who` is the history's actor (`customer:<id>`, or `guest` for whoever
/// holds the order's link).
/// Returns its id.
pub async fn request(
    db: &crate::db::Db,
    id: i64,
    req: &NewReturn,
    who: &str,
    window_days: i64,
) -> AppResult<i64> {
    let comment = req
        .comment
        .trim()
        .trim_start_matches('§')
        .trim()
        .to_string();
    let mut tx = db.begin_write().await?;
    orders::lock(&mut tx, id).await?;
    let (email, number, replaces): (String, String, Option<i64>) =
        sqlx::query_as("SELECT email, number, replaces_return_id FROM orders WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if replaces.is_some() {
        return Err(AppError::conflict(
            "replacement",
            "This order replaced a return: write to customer service about it",
        ));
    }
    let delivered_at = repo::delivered_at(&mut tx, id).await?;
    let lines = repo::order_lines(&mut tx, id).await?;
    check_return(
        req,
        &repo::returnable(&lines),
        delivered_at,
        now_millis(),
        window_days,
    )
    .map_err(problem)?;
    if let (Some(wanted), [asked]) = (req.exchange_for, req.lines.as_slice()) {
        let line = &lines[asked.line as usize];
        let given_back = Exchanged {
            product: repo::product_of(&mut tx, line.variant_id).await?,
            variant: VariantId(line.variant_id),
            unit_paid: line.unit_price,
        };
        let wanted_is = repo::for_sale(&mut tx, wanted.0).await?;
        check_exchange(given_back, wanted, wanted_is).map_err(problem)?;
    }
    let at = now_millis();
    let ret = repo::insert(
        &mut tx,
        &repo::NewReturn {
            order: id,
            reason: req.reason,
            comment: &comment,
            resolution: req.resolution,
            exchange_for: req.exchange_for.map(|v| v.0),
            requested_by: who,
            at,
        },
    )
    .await?;
    for l in &req.lines {
        let line = &lines[l.line as usize];
        repo::insert_line(&mut tx, ret, line, i64::from(l.quantity)).await?;
    }
    for (position, key) in req.photos.iter().enumerate() {
        let position = i64::try_from(position).unwrap_or(0);
        if !repo::attach_photo(&mut tx, id, ret, position, key).await? {
            return Err(problem(ReturnProblem::Photos));
        }
    }
    status::record::<ReturnStatus>(
        &mut tx,
        ret,
        None,
        ReturnStatus::Requested,
        who,
        &comment,
        at,
    )
    .await?;
    tell(&mut tx, &email, &number, ret, ReturnStatus::Requested, "").await?;
    tx.commit().await?;
    Ok(ret)
}

/// The return `id` with its order locked, in a new write transaction.
async fn locked(
    db: &crate::db::Db,
    id: i64,
) -> AppResult<(WriteTx, repo::ReturnState, crate::db::orders::OrderState)> {
    let mut tx = db.begin_write().await?;
    let found = repo::state(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("return"))?;
    orders::lock(&mut tx, found.order_id).await?;
    // read again under the lock: a step racing this one has finished
    let ret = repo::state(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("return"))?;
    let number: String = sqlx::query_scalar("SELECT number FROM orders WHERE id = $1")
        .bind(ret.order_id)
        .fetch_one(&mut *tx)
        .await?;
    let order = orders::state_by_number(&mut tx, &number)
        .await?
        .ok_or(AppError::NotFound("order"))?;
    Ok((tx, ret, order))
}

/// Moves the return to `to` as staff, with the note the customer reads, an audit entry
/// and a message.
async fn step(
    tx: &mut AnyConnection,
    actor: &ActorRef,
    ret: &repo::ReturnState,
    order: &crate::db::orders::OrderState,
    to: ReturnStatus,
    note: &str,
    action: AuditAction,
) -> AppResult<()> {
    let who = format!("staff:{}", actor.id);
    let at = now_millis();
    let from = status::change(
        tx,
        ret.id,
        Move {
            to,
            only_from: &[],
            actor: &who,
            reason: note,
            at,
        },
    )
    .await?;
    audit::record(
        tx,
        actor,
        action,
        &ret.id.to_string(),
        Changes::new().field("status", Some(from.as_str()), Some(to.as_str())),
        note,
    )
    .await?;
    tell(tx, &order.email, &order.number, ret.id, to, note).await?;
    Ok(())
}

/// Approve (with the return instructions) or reject (with the reason) a requested return.
pub async fn decide(
    db: &crate::db::Db,
    actor: &ActorRef,
    id: i64,
    approve: bool,
    note: &str,
) -> AppResult<()> {
    if approve {
        with_note(
            db,
            actor,
            id,
            ReturnStatus::Approved,
            note,
            AuditAction::ReturnApprove,
        )
        .await
    } else {
        with_note(
            db,
            actor,
            id,
            ReturnStatus::Rejected,
            note,
            AuditAction::ReturnReject,
        )
        .await
    }
}

/// Closes a return without a refund (withdrawn, never sent, or kept after inspection).
pub async fn close(db: &crate::db::Db, actor: &ActorRef, id: i64, note: &str) -> AppResult<()> {
    with_note(
        db,
        actor,
        id,
        ReturnStatus::Closed,
        note,
        AuditAction::ReturnClose,
    )
    .await
}

/// A step whose typed note the customer reads, kept on the return as its staff note.
async fn with_note(
    db: &crate::db::Db,
    actor: &ActorRef,
    id: i64,
    to: ReturnStatus,
    note: &str,
    action: AuditAction,
) -> AppResult<()> {
    let note = text(note, "note", 500)?;
    let (mut tx, ret, order) = locked(db, id).await?;
    step(&mut tx, actor, &ret, &order, to, &note, action).await?;
    repo::set(&mut tx, id, Column::StaffNote, note, now_millis()).await?;
    tx.commit().await?;
    Ok(())
}

/// The goods of an approved return arrived at `warehouse` (one of the seller's own).
pub async fn receive(
    db: &crate::db::Db,
    actor: &ActorRef,
    id: i64,
    warehouse: i64,
) -> AppResult<()> {
    let (mut tx, ret, order) = locked(db, id).await?;
    let Some(code) = repo::receiving_warehouse(&mut tx, id, warehouse).await? else {
        return Err(AppError::validation(
            "warehouse",
            "Receive the goods into a warehouse of the seller who sold them",
        )
        .at("warehouse"));
    };
    let note = shared::orders::note::Note::ReturnReceived { warehouse: code }.stored();
    let action = AuditAction::ReturnReceive;
    step(
        &mut tx,
        actor,
        &ret,
        &order,
        ReturnStatus::Received,
        &note,
        action,
    )
    .await?;
    repo::set(&mut tx, id, Column::Warehouse, warehouse, now_millis()).await?;
    tx.commit().await?;
    Ok(())
}

/// Inspection of a received return: each unit restocked (back into the warehouse's stock
/// through the ledger), scrapped or kept for the supplier.
pub async fn inspect(
    db: &crate::db::Db,
    actor: &ActorRef,
    id: i64,
    req: &InspectReturn,
) -> AppResult<()> {
    let (mut tx, ret, order) = locked(db, id).await?;
    let lines = repo::lines(&mut tx, id).await?;
    let all = repo::order_lines(&mut tx, ret.order_id).await?;
    let position = |line: i64| {
        all.iter()
            .position(|l| l.id == line)
            .and_then(|p| u32::try_from(p).ok())
            .unwrap_or(u32::MAX)
    };
    let units: Vec<(u32, i64)> = lines
        .iter()
        .map(|l| (position(l.order_line_id), l.quantity))
        .collect();
    check_inspection(req, &units).map_err(problem)?;
    let note = shared::orders::note::Note::ReturnInspected {
        restocked: req.lines.iter().map(|l| i64::from(l.restock)).sum(),
        scrapped: req.lines.iter().map(|l| i64::from(l.scrap)).sum(),
        to_supplier: req.lines.iter().map(|l| i64::from(l.to_supplier)).sum(),
    }
    .stored();
    let action = AuditAction::ReturnInspect;
    step(
        &mut tx,
        actor,
        &ret,
        &order,
        ReturnStatus::Inspected,
        &note,
        action,
    )
    .await?;
    let warehouse = ret
        .warehouse_id
        .ok_or_else(|| sqlx::Error::Protocol(format!("return {id} was received nowhere")))?;
    let (document, who, at) = (
        format!("return:{id}"),
        format!("staff:{}", actor.id),
        now_millis(),
    );
    for l in &lines {
        let judged = req
            .lines
            .iter()
            .find(|j| j.line == position(l.order_line_id))
            .copied()
            .ok_or_else(|| AppError::rule(ReturnProblem::Lines).at("lines"))?;
        repo::set_outcome(&mut tx, id, l.order_line_id, &judged).await?;
        if judged.restock == 0 {
            continue;
        }
        let seller = all
            .iter()
            .find(|o| o.id == l.order_line_id)
            .map_or(1, |o: &OrderLine| o.seller_id);
        stock::ensure_level(&mut tx, l.variant_id, warehouse, seller).await?;
        let units = i64::from(judged.restock);
        let m = Movement {
            variant: l.variant_id,
            warehouse,
            kind: MovementKind::Return,
            quantity: units,
            on_hand: units,
            reserved: 0,
            document: &document,
            reason: "restocked after inspection",
            actor: &who,
            at,
        };
        if !stock::apply(&mut tx, &m).await? {
            return Err(sqlx::Error::Protocol(format!(
                "return {id}: the stock level of variant {} took no units",
                l.variant_id
            ))
            .into());
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Refunds an inspected return through the order's payment: `amount` up to its share (none:
/// all of it), never beyond what the order took and has not given back.
pub async fn refund(
    state: &AppState,
    actor: &ActorRef,
    id: i64,
    amount: Option<i64>,
) -> AppResult<()> {
    let (mut tx, ret, order) = locked(&state.db, id).await?;
    if ret.status()? != ReturnStatus::Inspected {
        return Err(AppError::conflict(
            "not_inspected",
            "Refund a return once its goods are received and inspected",
        ));
    }
    let share = repo::share_of(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("return"))?;
    let amount = amount.unwrap_or(share);
    if amount <= 0 || amount > share {
        return Err(AppError::validation(
            "amount",
            format!("Refund 1 to {share} (in fen): this return's share of what was paid"),
        )
        .at("amount"));
    }
    let who = format!("staff:{}", actor.id);
    let reason = format!("Return #{id}");
    let asked = refund::ask(&mut tx, &order, amount, &reason, &who, Some(actor.id.0)).await?;
    repo::set(&mut tx, id, Column::Refund, asked.id, now_millis()).await?;
    let note = shared::orders::note::Note::ReturnRefunded {
        amount: shared::money::Money::new(
            amount,
            shared::money::Currency::parse(&order_currency(&mut tx, ret.order_id).await?)
                .unwrap_or_default(),
        ),
    }
    .stored();
    let action = AuditAction::ReturnRefund;
    step(
        &mut tx,
        actor,
        &ret,
        &order,
        ReturnStatus::Refunded,
        &note,
        action,
    )
    .await?;
    tx.commit().await?;
    let number = OrderNumber::parse(&order.number).ok_or(AppError::NotFound("order"))?;
    refund::send(state, &asked, &number).await;
    Ok(())
}

/// Sends the exchange of an inspected return (换货): a replacement order for the size or
/// colour the customer asked for, to the order's address, with the returned units' count
/// reserved now and nothing to pay (the customer paid for the product with the first
/// order). The replacement goes through allocation, picking and shipping like any order;
/// the return's customer sees its number on their timeline.
/// Returns the replacement's number.
pub async fn exchange(db: &crate::db::Db, actor: &ActorRef, id: i64) -> AppResult<OrderNumber> {
    let (mut tx, ret, order) = locked(db, id).await?;
    if ret.status()? != ReturnStatus::Inspected {
        return Err(AppError::conflict(
            "not_inspected",
            "Send the exchange once the goods are received and inspected",
        ));
    }
    let Some(wanted) = ret.exchange_variant_id else {
        return Err(AppError::conflict(
            "not_an_exchange",
            "This return asked for a refund, not an exchange",
        ));
    };
    let units: i64 = repo::lines(&mut tx, id)
        .await?
        .iter()
        .map(|l| l.quantity)
        .sum();
    let Some((mut variant, stock)) = orders::variant_for_sale(&mut tx, wanted).await? else {
        return Err(AppError::conflict(
            "exchange_unavailable",
            "That size or colour is no longer for sale: refund the return instead",
        ));
    };
    let mut reservations = Vec::new();
    let remaining = orders::reserve(&mut tx, wanted, stock, units, &mut reservations).await?;
    if remaining > 0 {
        return Err(AppError::conflict(
            "out_of_stock",
            format!(
                "Only {} of {} are free now: wait for stock, or refund the return",
                units - remaining,
                variant.sku
            ),
        ));
    }
    let first: (Option<i64>, String, String) =
        sqlx::query_as("SELECT user_id, shipping_method, currency FROM orders WHERE id = $1")
            .bind(ret.order_id)
            .fetch_one(&mut *tx)
            .await?;
    let (user_id, shipping_method, currency) = first;
    let currency = shared::money::Currency::parse(&currency).unwrap_or_default();
    let zero = shared::money::Money::zero(currency);
    let totals = shared::pricing::Totals {
        items: zero,
        discount: zero,
        shipping: zero,
        tax_included: zero,
        total: zero,
    };
    let now = now_millis();
    let number = crate::workflows::place_order::new_number(&mut tx, now).await?;
    // the status step under the order's lock makes the exchange happen once; the written
    // order keeps a key of its own, with spaces no client's Idempotency-Key may hold
    // (visible ASCII only), so that nobody can claim it first
    let key = format!("return {id} exchange {number}");
    if crate::db::idempotency::claim_idempotency_key(&mut tx, &key, &key, now)
        .await?
        .is_some()
    {
        return Err(AppError::conflict(
            "raced",
            "This exchange has been sent already",
        ));
    }
    variant.price = 0;
    // the link opens the replacement for a guest too, as the first order's did
    let token = crate::auth::tokens::new_token();
    let (zh, en) = (variant.name_zh.clone(), variant.name_en.clone());
    let who = format!("staff:{}", actor.id);
    let subject = format!("换货订单 {number} / Replacement order {number}");
    let text = format!(
        "退货 #{id}（订单 {first}）的换货：{zh} {sku} × {units}，无需付款。\n\
         The exchange of return #{id} (order {first}): {en} {sku} × {units}, nothing to pay.\n\
         /orders/{number}?token={token}",
        first = order.number,
        sku = variant.sku,
    );
    let body = serde_json::json!({ "number": number.as_str() }).to_string();
    let method = shared::checkout::PaymentMethod::parse(&order.payment_method)
        .unwrap_or(shared::checkout::PaymentMethod::CashOnDelivery);
    let replacement = crate::db::placed_order::insert_placed(
        &mut tx,
        &crate::db::placed_order::PlacedRows {
            order: orders::NewOrder {
                number: number.as_str(),
                user_id,
                email: &order.email,
                // nothing to pay, so paid in full: the warehouse can allocate it
                status: shared::orders::OrderStatus::Paid,
                payment_method: method,
                currency,
                totals: &totals,
                coupon_code: None,
                shipping_method: &shipping_method,
                address_json: &order.address_json,
                pay_by: None,
                access_token_hash: &crate::auth::tokens::hash_token(&token),
                now,
            },
            lines: &[(variant, units)],
            reservations: &reservations,
            actor: &who,
            coupon: None,
            message: (&subject, &text),
            answer: (&key, &body),
        },
    )
    .await?;
    let note = shared::orders::note::Note::ReturnExchanged {
        replacement: number.as_str().to_string(),
    }
    .stored();
    step(
        &mut tx,
        actor,
        &ret,
        &order,
        ReturnStatus::Exchanged,
        &note,
        AuditAction::ReturnExchange,
    )
    .await?;
    repo::set(&mut tx, id, Column::Replacement, replacement, now).await?;
    orders::mark_replacement(&mut tx, replacement, id).await?;
    tx.commit().await?;
    Ok(number)
}

/// Order `order` was cancelled in the caller's transaction: when it is an exchange's
/// replacement, its return goes back to inspected (to be refunded, or sent again) and
/// forgets the replacement.
pub(crate) async fn replacement_cancelled(
    tx: &mut AnyConnection,
    order: i64,
    who: &str,
    at: i64,
) -> AppResult<()> {
    let replaces: Option<i64> =
        sqlx::query_scalar("SELECT replaces_return_id FROM orders WHERE id = $1")
            .bind(order)
            .fetch_one(&mut *tx)
            .await?;
    let Some(ret) = replaces else {
        return Ok(());
    };
    let step = Move {
        to: ReturnStatus::Inspected,
        only_from: &[ReturnStatus::Exchanged],
        actor: who,
        reason: "replacement order cancelled",
        at,
    };
    status::change(tx, ret, step).await?;
    repo::set(tx, ret, Column::Replacement, None::<i64>, at).await?;
    Ok(())
}

async fn order_currency(conn: &mut AnyConnection, order: i64) -> AppResult<String> {
    Ok(
        sqlx::query_scalar("SELECT currency FROM orders WHERE id = $1")
            .bind(order)
            .fetch_one(conn)
            .await?,
    )
}

/// Tells the customer what became of their return (the outbox, in both languages).
async fn tell(
    conn: &mut AnyConnection,
    email: &str,
    number: &str,
    ret: i64,
    to: ReturnStatus,
    note: &str,
) -> AppResult<()> {
    let (zh, en) = match to {
        ReturnStatus::Requested => ("已收到您的退货申请", "We have your return request"),
        ReturnStatus::Approved => ("退货申请已通过", "Your return is approved"),
        ReturnStatus::Rejected => ("退货申请未通过", "Your return was not approved"),
        ReturnStatus::Received => ("退货已签收", "Your return has arrived"),
        ReturnStatus::Inspected => ("退货已质检", "Your return has been inspected"),
        ReturnStatus::Refunded => ("退款已发起", "Your refund is on its way"),
        ReturnStatus::Exchanged => ("换货已发出", "Your replacement is on its way"),
        ReturnStatus::Closed => ("退货已关闭", "Your return is closed"),
    };
    // what staff typed reaches the customer; a system note is told by the subject alone
    let said = if note.starts_with('§') { "" } else { note };
    let body = format!(
        "订单 {number} 的退货 #{ret}：{zh}。{said}\nReturn #{ret} of order {number}: {en}. {said}\n/orders/{number}"
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

/// The gateway refused the refund `refund`: a return it was for goes back to inspected, to
/// be refunded again (by card once more, or by hand).
pub async fn refund_refused(
    conn: &mut AnyConnection,
    refund: i64,
    amount: shared::money::Money,
    at: i64,
) -> AppResult<()> {
    let Some(ret) = repo::of_refund(conn, refund).await? else {
        return Ok(());
    };
    repo::forget_refund(conn, ret, at).await?;
    let note = shared::orders::note::Note::RefundRefused { amount }.stored();
    let step = Move {
        to: ReturnStatus::Inspected,
        only_from: &[ReturnStatus::Refunded],
        actor: "payment:sandbox",
        reason: &note,
        at,
    };
    status::change(conn, ret, step).await?;
    Ok(())
}

/// Whether one more photo may be uploaded for order `order`: delivered, within the return
/// window, and fewer than twice a return's photos uploaded for it so far.
pub async fn may_add_photo(
    conn: &mut AnyConnection,
    order: i64,
    window_days: i64,
) -> AppResult<()> {
    let delivered_at = repo::delivered_at(conn, order).await?;
    check_window(delivered_at, now_millis(), window_days).map_err(problem)?;
    let kept = repo::photos_of_order(conn, order).await?;
    if kept >= 2 * i64::try_from(shared::after_sales::returns::MAX_PHOTOS).unwrap_or(6) {
        return Err(problem(ReturnProblem::Photos));
    }
    Ok(())
}
