//! What customers do to their own orders: cancel one no warehouse has yet (a card payment
//! goes back at once through its gateway; `customer_may_cancel` leaves a paid bank
//! transfer to customer service, who pay it back by hand), and put an order's lines back
//! in the cart at today's prices.

use crate::db::{carts, now_millis, orders, refunds, tracking};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::workflows::{order_actions, refund};
use shared::cart::{self, CartItem};
use shared::ids::VariantId;
use shared::orders::note::Note;
use shared::orders::tracking::customer_may_cancel;
use shared::orders::OrderNumber;
use shared::pricing::Quantity;

/// Cancels order `id` (numbered `number`, whose buyer the caller checked) for its customer:
/// `user` when signed in, `None` for a guest holding the order's link.
pub async fn cancel(
    state: &AppState,
    id: i64,
    number: &OrderNumber,
    user: Option<i64>,
) -> AppResult<()> {
    let mut tx = state.db.begin_write().await?;
    orders::lock(&mut tx, id).await?;
    let order = orders::state_by_number(&mut tx, number.as_str())
        .await?
        .ok_or(AppError::NotFound("order"))?;
    let (status, payment) = (order.status()?, order.payment_method()?);
    let replacement = order.replaces_return_id.is_some();
    if !customer_may_cancel(status, order.allocated_at.is_some(), payment, replacement) {
        return Err(AppError::conflict(
            "not_cancellable",
            "This order can no longer be cancelled here: ask customer service, or return it once it arrives",
        ));
    }
    let at = now_millis();
    // as placing writes it: the account, or the guest holding the link
    let who = user.map_or_else(
        || format!("guest:{}", order.email),
        |u| format!("customer:{u}"),
    );
    let note = Note::CancelledByCustomer.stored();
    order_actions::cancel_in(&mut tx, id, &who, &note, at).await?;
    let due = refunds::paid(&mut tx, id).await? - refunds::refunded(&mut tx, id, true).await?;
    let asked = if due > 0 {
        let reason = "Cancelled by the customer before allocation";
        Some(refund::ask(&mut tx, &order, due, reason, &who, user).await?)
    } else {
        None
    };
    tx.commit().await?;
    if let Some(asked) = asked {
        refund::send(state, &asked, number).await;
    }
    Ok(())
}

/// Puts the lines of order `id` still for sale into `user`'s cart, each at today's price;
/// answers the cart. 422 when none is for sale any more.
pub async fn reorder(state: &AppState, id: i64, user: i64) -> AppResult<Vec<CartItem>> {
    let mut conn = state.db.pool.acquire().await?;
    let mut again = Vec::new();
    for (variant, quantity) in tracking::ordered(&mut conn, id).await? {
        let Some(price) = carts::current_price(&mut conn, variant).await? else {
            continue;
        };
        let units = u32::try_from(quantity.clamp(1, i64::from(Quantity::MAX))).unwrap_or(1);
        let Ok(quantity) = Quantity::new(units) else {
            continue;
        };
        again.push(CartItem {
            variant_id: VariantId(variant),
            quantity,
            seen_price: Some(price),
        });
    }
    drop(conn);
    if again.is_empty() {
        return Err(AppError::validation(
            "nothing_to_reorder",
            "None of this order's items is for sale any more",
        ));
    }
    crate::api::cart::change_cart(state, user, |items| {
        let added = again
            .into_iter()
            .filter(|item| cart::add_item(items, item.clone()))
            .count();
        if added == 0 {
            return Err(AppError::validation(
                "cart_full",
                format!("a cart holds at most {} different items", cart::MAX_LINES),
            ));
        }
        Ok(())
    })
    .await
    .map(|json| json.0)
}
