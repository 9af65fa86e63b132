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
    let paid = repo::paid(&mut tx, order.id).await?;
    let refunded = repo::refunded(&mut tx, order.id, true).await?;
    check_refund(paid, refunded, req.amount).map_err(|p| match p {
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
    let who = format!("staff:{}", actor.id);
    let money = Money::new(req.amount, Currency::parse(&currency).unwrap_or_default());
    let row = Row {
        order: order.id,
        payment: if card {
            repo::card_payment(&mut tx, order.id).await?
        } else {
            None
        },
        provider: if card { "sandbox" } else { "offline" },
        reference: &reference,
        amount: req.amount,
        currency: &currency,
        status: if card {
            RefundStatus::Pending
        } else {
            RefundStatus::Succeeded
        },
        reason: &reason,
        by: actor.id.0,
        at,
    };
    let id = repo::insert(&mut tx, &row).await?;
    idempotency::store_idempotent_response(&mut tx, &key, 201, &id.to_string()).await?;
    let current = order.status()?;
    let note = Note::RefundAsked {
        amount: money,
        card,
        reason: reason.clone(),
    }
    .stored();
    status::record(&mut tx, order.id, Some(current), current, &who, &note, at).await?;
    if !card {
        mark_refunded_if_all_back(&mut tx, order.id, &who, at).await?;
    }
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
    if card {
        sandbox::refund(state, &reference, number.as_str(), req.amount, &currency).await;
    }
    Ok(id)
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
