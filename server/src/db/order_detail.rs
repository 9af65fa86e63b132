//! One order as staff see it: the buyer's view plus its history, shipments, notes, flags
//! and the buyer's other orders.

use super::{orders, refunds, shipments};
use shared::orders::OrderDetail;
use sqlx::AnyConnection as Conn;

pub async fn load(conn: &mut Conn, number: &str) -> Result<Option<OrderDetail>, sqlx::Error> {
    let Some(view) = orders::staff_view(conn, number).await? else {
        return Ok(None);
    };
    let Some(state) = orders::state_by_number(conn, number).await? else {
        return Ok(None);
    };
    let short_pick: i64 = sqlx::query_scalar("SELECT short_pick FROM orders WHERE id = $1")
        .bind(state.id)
        .fetch_one(&mut *conn)
        .await?;
    let events = super::status::history::<shared::orders::OrderStatus>(conn, state.id).await?;
    let shipment_rows = shipments::rows_where(conn, shipments::Owner::Order, state.id).await?;
    let notes = orders::notes(conn, state.id).await?;
    let other_orders = orders::others_of(conn, &state.email, number).await?;
    let currency = view.totals.total.currency;
    let paid = refunds::paid(conn, state.id).await?;
    let refunded = refunds::refunded(conn, state.id, false).await?;
    let refund_rows = refunds::of_order(conn, state.id).await?;
    Ok(Some(OrderDetail {
        region: crate::divisions::region(&view.address),
        number: view.number,
        status: view.status,
        payment_method: view.payment_method,
        shipping_method: view.shipping_method,
        created_at: view.created_at,
        email: state.email,
        totals: view.totals,
        coupon_code: view.coupon_code,
        address: view.address,
        lines: view.lines,
        on_hold: state.on_hold != 0,
        allocated: state.allocated_at.is_some(),
        short_pick: short_pick != 0,
        shipments: shipment_rows,
        paid: shared::money::Money::new(paid, currency),
        refunded: shared::money::Money::new(refunded, currency),
        refunds: refund_rows,
        events,
        notes,
        other_orders,
    }))
}
