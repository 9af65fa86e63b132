//! Refunds (退款): checked and written in one transaction with the order locked, so that two
//! refunds asked for at once never give back more than was paid. A card order is refunded
//! through its gateway, which answers with a signed webhook (`settle`); a bank-transfer or
//! cash-on-delivery order is paid back by transfer and the refund is recorded as done. Once
//! everything paid has gone back, the order becomes refunded where its state machine allows.

use crate::auth::tokens::new_token;
use crate::db::audit::{self, ActorRef};
use crate::db::refunds::{self as repo, NewRefund as Row};
use crate::db::status::{self, Move, Refused};
use crate::db::{idempotency, now_millis};
use crate::error::{AppError, AppResult};
use crate::payments::sandbox;
use crate::state::AppState;
use crate::workflows::allocate::order_by_number;
use shared::audit::{AuditAction, Changes};
use shared::checkout::PaymentMethod;
use shared::money::{Currency, Money};
use shared::orders::note::Note;
use shared::orders::refund::{check_refund, NewRefund, RefundProblem, RefundStatus};
use shared::orders::{OrderNumber, OrderStatus};
use sqlx::AnyConnection;

/// A refund asked for by staff under an `Idempotency-Key`; returns its id. The same key
/// again returns the first refund's id without a second refund; with another request, 422.
pub async fn refund(
    state: &AppState,
    actor: &ActorRef,
    number: &OrderNumber,
    req: &NewRefund,
    key: &str,
) -> AppResult<i64> {
    let reason = crate::workflows::order_actions::text(&req.reason, "reason", 500)?;
    let mut tx = state.db.begin_write().await?;
    // refund keys live beside order keys, apart by their prefix
    let key = format!("refund:{key}");
    let request_hash =
        crate::auth::tokens::hash_token(&format!("{}|{number}|{}|{reason}", actor.id, req.amount));
    if let Some((hash, _, body)) =
        idempotency::claim_idempotency_key(&mut tx, &key, &request_hash, now_millis()).await?
    {
        if hash != request_hash {
            return Err(AppError::validation(
                "idempotency_key_reused",
                "this Idempotency-Key was used for a different refund",
            ));
        }
        tx.rollback().await?;
        return body.parse().map_err(|_| {
            AppError::conflict(
                "refund_in_progress",
                "This refund is being made: reload the order",
            )
        });
    }
    let order = order_by_number(&mut tx, number).await?;
    crate::db::orders::lock(&mut tx, order.id).await?;
    let refunded = repo::refunded(&mut tx, order.id, true).await?;
    let who = format!("staff:{}", actor.id);
    let asked = ask(&mut tx, &order, req.amount, &reason, &who, Some(actor.id.0)).await?;
    idempotency::store_idempotent_response(&mut tx, &key, 201, &asked.id.to_string()).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::OrderRefund,
        number.as_str(),
        Changes::new().field(
            "refunded",
            Some(refunded.to_string()),
            Some((refunded + req.amount).to_string()),
        ),
        &reason,
    )
    .await?;
    tx.commit().await?;
    send(state, &asked, number).await;
    Ok(asked.id)
}

/// A refund written, for [`send`] to hand to the gateway once its transaction commits.
pub struct Asked {
    pub id: i64,
    reference: String,
    amount: i64,
    currency: String,
    card: bool,
}

/// Writes a refund of `amount` for `order` (locked by the caller, in its transaction):
/// checked against what was paid less what has gone back or is on its way, so that two
/// refunds at once never give back more than was paid. `who` is the history's actor,
/// `by` the user who asked.
pub async fn ask(
    tx: &mut AnyConnection,
    order: &crate::db::orders::OrderState,
    amount: i64,
    reason: &str,
    who: &str,
    by: Option<i64>,
) -> AppResult<Asked> {
    let paid = repo::paid(tx, order.id).await?;
    let refunded = repo::refunded(tx, order.id, true).await?;
    check_refund(paid, refunded, amount).map_err(|p| match p {
        RefundProblem::NotPaid => AppError::conflict("not_paid", p.to_string()),
        _ => AppError::rule(p).at("amount"),
    })?;
    let currency: String = sqlx::query_scalar("SELECT currency FROM orders WHERE id = $1")
        .bind(order.id)
        .fetch_one(&mut *tx)
        .await?;
    let card = order.payment_method()? == PaymentMethod::Card;
    let reference = format!("rf_{}", new_token());
    let at = now_millis();
    let money = Money::new(amount, Currency::parse(&currency).unwrap_or_default());
    let row = Row {
        order: order.id,
        payment: if card {
            repo::card_payment(tx, order.id).await?
        } else {
            None
        },
        provider: if card { "sandbox" } else { "offline" },
        reference: &reference,
        amount,
        currency: &currency,
        status: if card {
            RefundStatus::Pending
        } else {
            RefundStatus::Succeeded
        },
        reason,
        by,
        at,
    };
    let id = repo::insert(tx, &row).await?;
    let current = orders_status(tx, order.id).await?;
    let note = Note::RefundAsked {
        amount: money,
        card,
        reason: reason.to_string(),
    }
    .stored();
    status::record(tx, order.id, Some(current), current, who, &note, at).await?;
    if !card {
        mark_refunded_if_all_back(tx, order.id, who, at).await?;
    }
    Ok(Asked {
        id,
        reference,
        amount,
        currency,
        card,
    })
}

/// Hands a card refund to its gateway (after its transaction committed); the gateway's
/// webhook settles it. A refund paid back by transfer was done when it was written.
pub async fn send(state: &AppState, asked: &Asked, number: &OrderNumber) {
    if asked.card {
        sandbox::refund(
            state,
            &asked.reference,
            number.as_str(),
            asked.amount,
            &asked.currency,
        )
        .await;
    }
}

/// The gateway's answer about a refund (from its signed webhook).
pub async fn settle(
    conn: &mut AnyConnection,
    reference: &str,
    amount: i64,
    currency: &str,
    succeeded: bool,
) -> AppResult<&'static str> {
    let Some((id, order, expected, expected_currency)) = repo::pending(conn, reference).await?
    else {
        return Ok("no pending refund");
    };
    if amount != expected || currency != expected_currency {
        return Err(AppError::InvalidInput {
            field: None,
            message: "The amount does not match the refund".into(),
        });
    }
    let at = now_millis();
    let status = if succeeded {
        RefundStatus::Succeeded
    } else {
        RefundStatus::Failed
    };
    if !repo::settle(conn, id, status, at).await? {
        return Ok("already settled");
    }
    let current = orders_status(conn, order).await?;
    let money = Money::new(amount, Currency::parse(currency).unwrap_or_default());
    let note = if succeeded {
        Note::RefundReturned { amount: money }
    } else {
        Note::RefundRefused { amount: money }
    }
    .stored();
    status::record(
        conn,
        order,
        Some(current),
        current,
        "payment:sandbox",
        &note,
        at,
    )
    .await?;
    if succeeded {
        mark_refunded_if_all_back(conn, order, "payment:sandbox", at).await?;
    } else {
        crate::workflows::returns::refund_refused(conn, id, money, at).await?;
    }
    Ok("ok")
}

async fn orders_status(conn: &mut AnyConnection, order: i64) -> AppResult<OrderStatus> {
    let text: String = sqlx::query_scalar("SELECT status FROM orders WHERE id = $1")
        .bind(order)
        .fetch_one(conn)
        .await?;
    OrderStatus::parse(&text)
        .ok_or_else(|| sqlx::Error::Decode("an unknown order status".into()).into())
}

/// Everything paid has gone back: the order becomes refunded where the rule allows it (an
/// order still in the warehouse is cancelled by staff instead, which the history suggests).
async fn mark_refunded_if_all_back(
    conn: &mut AnyConnection,
    order: i64,
    actor: &str,
    at: i64,
) -> AppResult<()> {
    let paid = repo::paid(conn, order).await?;
    if paid <= 0 || repo::refunded(conn, order, false).await? < paid {
        return Ok(());
    }
    let step = Move {
        to: OrderStatus::Refunded,
        only_from: &[],
        actor,
        reason: &Note::RefundedInFull.stored(),
        at,
    };
    match status::change(conn, order, step).await {
        Ok(from) => {
            // refunded before anything was allocated: its stock and coupon use go back, as
            // a cancellation's would (nothing will ship)
            if from.holds_reservation() {
                crate::db::orders::release_reservations(conn, order, actor, "refunded in full", at)
                    .await?;
                crate::db::coupons::return_coupon_use(conn, order).await?;
            }
            Ok(())
        }
        Err(Refused::Illegal { from, .. }) => {
            let note = Note::RefundedInFull.stored();
            status::record(conn, order, Some(from), from, actor, &note, at).await?;
            Ok(())
        }
        Err(other) => Err(other.into()),
    }
}
