//! What a customer reads of their own orders: their history page by page, and one order's
//! tracking — its parcels and the timeline `shared::orders::tracking` tells from the
//! order's and the parcels' histories.

use super::{orders, refunds, repairs, returns, shipments, status};
use shared::catalog::Localized;
use shared::checkout::OrderView;
use shared::fulfilment::ShipmentStatus;
use shared::list::PageRequest;
use shared::money::{Currency, Money};
use shared::orders::tracking::{self, MyOrderRow, OrderTracking, Parcel};
use shared::orders::{OrderNumber, OrderStatus};
use sqlx::AnyConnection as Conn;

/// The id of order `number` when it is the buyer's: the signed-in `user`'s, or the one
/// whose access token hashes to `token_hash`. `None` alike for another's and for none.
pub async fn owned(
    conn: &mut Conn,
    number: &str,
    user: Option<i64>,
    token_hash: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM orders WHERE number = $1 AND (user_id = $2 OR access_token_hash = $3)",
    )
    .bind(number)
    .bind(user)
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

/// The variants order `id` bought, with their quantities, in its lines' order.
pub async fn ordered(conn: &mut Conn, id: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT variant_id, quantity FROM order_lines WHERE order_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(conn)
        .await
}

/// Order `id` (whose buyer view is `view`) as its customer follows it; returns may be
/// asked for `window_days` after delivery.
pub async fn load(
    conn: &mut Conn,
    id: i64,
    view: OrderView,
    window_days: i64,
) -> Result<OrderTracking, sqlx::Error> {
    let (allocated, replaces): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT allocated_at, replaces_return_id FROM orders WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    let events = status::history::<OrderStatus>(conn, id).await?;
    let mut parcels = Vec::new();
    let rows = shipments::rows_where(conn, shipments::Owner::Order, id).await?;
    for row in rows
        .into_iter()
        .filter(|r| r.status != ShipmentStatus::Cancelled)
    {
        let parcel = Parcel {
            number: u32::try_from(parcels.len() + 1).unwrap_or(u32::MAX),
            status: row.status,
            carrier: row.carrier,
            tracking_number: row.tracking_number,
            units: row.units,
        };
        let history = status::history::<ShipmentStatus>(conn, row.id).await?;
        parcels.push((parcel, history));
    }
    let mut returns = Vec::new();
    let mut return_events = Vec::new();
    for ret in returns::ids_of_order(conn, id).await? {
        let share = returns::share_of(conn, ret).await?.unwrap_or(0);
        if let Some(mut v) = returns::view(conn, ret, share).await? {
            // the timeline tells the steps; who on the staff did them is not the customer's
            return_events.push((ret, std::mem::take(&mut v.history)));
            returns.push(v);
        }
    }
    let return_until = returns::delivered_at(conn, id)
        .await?
        .map(|at| shared::after_sales::returns::return_until(at, window_days))
        .filter(|until| *until >= crate::db::now_millis())
        // a replacement goes back through customer service, not the return form
        .filter(|_| replaces.is_none());
    let (mut returnable, mut exchange_options) = (Vec::new(), Vec::new());
    if return_until.is_some() {
        for l in returns::order_lines(conn, id).await? {
            let left = (l.quantity - l.returned).max(0);
            returnable.push(left);
            exchange_options.push(if left > 0 {
                returns::exchange_options(conn, l.variant_id, l.unit_price).await?
            } else {
                Vec::new()
            });
        }
    }
    let mut order_repairs = Vec::new();
    let mut repair_events = Vec::new();
    for repair in repairs::ids_of_order(conn, id).await? {
        if let Some(v) = repairs::view(conn, repair).await? {
            repair_events.push((repair, v.events.clone()));
            order_repairs.push(v);
        }
    }
    let repair_until = repairs::repair_until(conn, id, crate::db::now_millis()).await?;
    let currency = view.totals.total.currency;
    let paid = refunds::paid(conn, id).await?;
    let refunded = refunds::refunded(conn, id, false).await?;
    Ok(OrderTracking {
        timeline: tracking::with_repairs(
            tracking::timeline(&events, &parcels, &return_events),
            &repair_events,
        ),
        parcels: parcels.into_iter().map(|(p, _)| p).collect(),
        paid: Money::new(paid, currency),
        refunded: Money::new(refunded, currency),
        can_cancel: tracking::customer_may_cancel(
            view.status,
            allocated.is_some(),
            view.payment_method,
            replaces.is_some(),
        ),
        order: view,
        returns,
        returnable,
        return_until,
        repairs: order_repairs,
        repair_until,
        exchange_options,
    })
}

/// Order `number` as its buyer sees it (no owner check: the caller made it).
pub async fn view(conn: &mut Conn, number: &str) -> Result<Option<OrderView>, sqlx::Error> {
    Ok(orders::staff_view(conn, number).await?.map(|mut v| {
        v.region = crate::divisions::region(&v.address);
        v
    }))
}

#[derive(sqlx::FromRow)]
struct Row {
    number: String,
    created_at: i64,
    status: String,
    grand_total: i64,
    currency: String,
    units: i64,
    lines: i64,
    name_zh: Option<String>,
    name_en: Option<String>,
    image: Option<String>,
}

/// One page of `user`'s orders, newest first, and how many match in all: of `status`,
/// and with `q` as the order number or in a product name of a line.
pub async fn mine(
    conn: &mut Conn,
    user: i64,
    status: Option<OrderStatus>,
    q: Option<&str>,
    page: PageRequest,
) -> Result<(Vec<MyOrderRow>, i64), sqlx::Error> {
    use crate::db::{Arg, SqlBuilder};
    let mut where_ = SqlBuilder::default();
    where_
        .push(" FROM orders o WHERE o.user_id = ")
        .bind(Arg::Int(user));
    if let Some(s) = status {
        where_
            .push(" AND o.status = ")
            .bind(Arg::Text(s.as_str().into()));
    }
    if let Some(q) = q {
        let pattern = format!("%{}%", q.to_lowercase());
        where_
            .push(" AND (o.number = ")
            .bind(Arg::Text(q.to_uppercase()))
            .push(" OR EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND (LOWER(l.name_en) LIKE ")
            .bind(Arg::Text(pattern.clone()))
            .push(" OR LOWER(l.name_zh) LIKE ")
            .bind(Arg::Text(pattern))
            .push(")))");
    }
    let count = SqlBuilder {
        sql: format!("SELECT COUNT(*){}", where_.sql),
        args: where_.args.clone(),
    };
    let total: i64 = count.query_scalar().fetch_one(&mut *conn).await?;
    let mut rows = SqlBuilder {
        sql: format!(
            "SELECT o.number, o.created_at, o.status, o.grand_total, o.currency, \
             CAST((SELECT COALESCE(SUM(quantity), 0) FROM order_lines WHERE order_id = o.id) AS BIGINT) AS units, \
             (SELECT COUNT(*) FROM order_lines WHERE order_id = o.id) AS lines, \
             (SELECT name_zh FROM order_lines WHERE order_id = o.id ORDER BY id LIMIT 1) AS name_zh, \
             (SELECT name_en FROM order_lines WHERE order_id = o.id ORDER BY id LIMIT 1) AS name_en, \
             (SELECT i.url FROM order_lines l JOIN product_variants v ON v.id = l.variant_id \
              JOIN product_images i ON i.product_id = v.product_id WHERE l.order_id = o.id \
              ORDER BY l.id, i.position LIMIT 1) AS image{}",
            where_.sql
        ),
        args: where_.args,
    };
    rows.push(" ORDER BY o.id DESC LIMIT ")
        .bind(Arg::Int(page.limit()))
        .push(" OFFSET ")
        .bind(Arg::Int(page.offset()));
    let found: Vec<Row> = rows.query_as().fetch_all(conn).await?;
    let items = found
        .into_iter()
        .filter_map(|r| {
            Some(MyOrderRow {
                number: OrderNumber::parse(&r.number)?,
                created_at: r.created_at,
                status: OrderStatus::parse(&r.status)?,
                total: Money::new(
                    r.grand_total,
                    Currency::parse(&r.currency).unwrap_or_default(),
                ),
                units: r.units,
                lines: r.lines,
                name: Localized::new(r.name_zh.unwrap_or_default(), r.name_en.unwrap_or_default()),
                image: r.image,
            })
        })
        .collect();
    Ok((items, total))
}
