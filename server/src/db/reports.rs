//! The dashboard's figures as indexed aggregate queries over the orders (`orders_created`,
//! `orders_email_created`): a period and the one before it are read together, one query
//! per kind of figure. The definitions are in `shared::reports`.

use crate::db::Db;
use shared::catalog::{Localized, StockStatus};
use shared::checkout::PaymentMethod;
use shared::ids::{ProductId, VariantId};
use shared::money::Currency;
use shared::orders::OrderStatus;
use shared::reports::{
    fill_days, shop_day, Dashboard, Figures, LowStock, Period, StatusCount, TopProduct, Waiting,
    WaitingCount,
};
use shared::time::SHOP_UTC_OFFSET_HOURS;
use std::collections::HashMap;

const DAY_MS: i64 = 86_400_000;

/// `'paid', 'processing', …`: the statuses that are sales, for `IN (…)`. An exchange's
/// replacement order is never one: the queries leave out orders with a `replaces_return_id`.
fn sales() -> String {
    OrderStatus::ALL
        .into_iter()
        .filter(|s| s.counts_as_sale())
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The whole dashboard for `period` (and the period before it).
pub async fn dashboard(db: &Db, period: Period) -> Result<Dashboard, sqlx::Error> {
    let previous = period.previous();
    let (start, end) = period.range();
    let (before_start, _) = previous.range();
    // independent queries, each on its own connection, at once
    let (
        days,
        units,
        statuses,
        now_customers,
        then_customers,
        (low_stock, low_stock_total),
        top,
        waiting,
    ) = tokio::try_join!(
        sales_per_day(db, before_start, end),
        units(db, before_start, start, end),
        statuses(db, before_start, start, end),
        customers(db, start, end),
        customers(db, before_start, start),
        low_stock(db),
        top_products(db, start, end),
        waiting(db),
    )?;
    let (now_days, then_days): (Vec<_>, Vec<_>) =
        days.into_iter().partition(|(d, _, _)| *d >= period.first);
    let mut current = totals(&now_days);
    let mut before = totals(&then_days);

    for (is_current, units) in units {
        pick(&mut current, &mut before, is_current).units = units;
    }
    let mut by_status = Vec::new();
    for (is_current, status, n) in statuses {
        if status == OrderStatus::Cancelled {
            pick(&mut current, &mut before, is_current).cancellations = n;
        }
        if is_current {
            by_status.push(StatusCount { status, orders: n });
        }
    }
    by_status.sort_by_key(|s| OrderStatus::ALL.iter().position(|x| *x == s.status));
    for (figures, (all, new)) in [(&mut current, now_customers), (&mut before, then_customers)] {
        figures.new_customers = new;
        figures.returning_customers = all - new;
    }
    Ok(Dashboard {
        currency: Currency::CNY,
        period,
        previous,
        current,
        before,
        days: fill_days(&period, &now_days),
        previous_days: fill_days(&previous, &then_days),
        by_status,
        top_products: top,
        low_stock,
        low_stock_total,
        waiting,
    })
}

fn pick<'a>(
    current: &'a mut Figures,
    before: &'a mut Figures,
    is_current: bool,
) -> &'a mut Figures {
    if is_current {
        current
    } else {
        before
    }
}

fn totals(days: &[(time::Date, i64, i64)]) -> Figures {
    let (revenue, orders) = days.iter().fold((0, 0), |(r, o), d| (r + d.1, o + d.2));
    Figures {
        revenue,
        orders,
        average_order_value: Figures::average(revenue, orders),
        ..Figures::default()
    }
}

/// `(shop day, revenue, orders)` of the sales in `[start, end)`.
async fn sales_per_day(
    db: &Db,
    start: i64,
    end: i64,
) -> Result<Vec<(time::Date, i64, i64)>, sqlx::Error> {
    // a connection of its own: the dashboard's queries run side by side
    let mut conn = db.pool.acquire().await?;
    let c = &mut *conn;
    let offset = SHOP_UTC_OFFSET_HOURS * 3_600_000;
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT (created_at + $3) / {DAY_MS} AS day, CAST(SUM(grand_total) AS BIGINT), COUNT(*) \
         FROM orders WHERE created_at >= $1 AND created_at < $2 AND status IN ({}) AND replaces_return_id IS NULL GROUP BY 1",
        sales()
    ))
    .bind(start)
    .bind(end)
    .bind(offset)
    .fetch_all(c)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(day, revenue, orders)| (shop_day(day * DAY_MS - offset), revenue, orders))
        .collect())
}

/// Units sold, `(in the current period, units)`; `mid` is where the current one starts.
async fn units(db: &Db, start: i64, mid: i64, end: i64) -> Result<Vec<(bool, i64)>, sqlx::Error> {
    // a connection of its own: the dashboard's queries run side by side
    let mut conn = db.pool.acquire().await?;
    let c = &mut *conn;
    let rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT CASE WHEN o.created_at >= $2 THEN 1 ELSE 0 END, CAST(SUM(l.quantity) AS BIGINT) \
         FROM orders o JOIN order_lines l ON l.order_id = o.id \
         WHERE o.created_at >= $1 AND o.created_at < $3 AND o.status IN ({}) AND o.replaces_return_id IS NULL GROUP BY 1",
        sales()
    ))
    .bind(start)
    .bind(mid)
    .bind(end)
    .fetch_all(c)
    .await?;
    Ok(rows.into_iter().map(|(cur, n)| (cur == 1, n)).collect())
}

/// Orders placed, by status now: `(in the current period, status, orders)`.
async fn statuses(
    db: &Db,
    start: i64,
    mid: i64,
    end: i64,
) -> Result<Vec<(bool, OrderStatus, i64)>, sqlx::Error> {
    // a connection of its own: the dashboard's queries run side by side
    let mut conn = db.pool.acquire().await?;
    let c = &mut *conn;
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT CASE WHEN created_at >= $2 THEN 1 ELSE 0 END, status, COUNT(*) FROM orders \
         WHERE created_at >= $1 AND created_at < $3 GROUP BY 1, 2",
    )
    .bind(start)
    .bind(mid)
    .bind(end)
    .fetch_all(c)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(cur, s, n)| OrderStatus::parse(&s).map(|s| (cur == 1, s, n)))
        .collect())
}

/// `(customers with a sale in [start, end), of them without a sale before)`.
async fn customers(db: &Db, start: i64, end: i64) -> Result<(i64, i64), sqlx::Error> {
    // a connection of its own: the dashboard's queries run side by side
    let mut conn = db.pool.acquire().await?;
    let c = &mut *conn;
    let sales = sales();
    sqlx::query_as(&format!(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM orders p \
             WHERE p.email = c.email AND p.created_at < $1 AND p.status IN ({sales}) AND p.replaces_return_id IS NULL) \
             THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM (SELECT DISTINCT email FROM orders WHERE created_at >= $1 AND created_at < $2 \
             AND status IN ({sales}) AND replaces_return_id IS NULL) c"
    ))
    .bind(start)
    .bind(end)
    .fetch_one(c)
    .await
}

/// The 10 products with the most revenue from their lines (before order discounts).
async fn top_products(db: &Db, start: i64, end: i64) -> Result<Vec<TopProduct>, sqlx::Error> {
    // a connection of its own: the dashboard's queries run side by side
    let mut conn = db.pool.acquire().await?;
    let c = &mut *conn;
    let rows: Vec<(i64, String, String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT t.product_id, p.name_zh, p.name_en, t.revenue, t.units FROM ( \
             SELECT v.product_id, CAST(SUM(l.line_total) AS BIGINT) AS revenue, \
                 CAST(SUM(l.quantity) AS BIGINT) AS units \
             FROM orders o JOIN order_lines l ON l.order_id = o.id \
             JOIN product_variants v ON v.id = l.variant_id \
             WHERE o.created_at >= $1 AND o.created_at < $2 AND o.status IN ({}) AND o.replaces_return_id IS NULL \
             GROUP BY v.product_id ORDER BY revenue DESC, v.product_id LIMIT 10) t \
         JOIN products p ON p.id = t.product_id ORDER BY t.revenue DESC, t.product_id",
        sales()
    ))
    .bind(start)
    .bind(end)
    .fetch_all(c)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, zh, en, revenue, units)| TopProduct {
            id: ProductId(id),
            name: Localized::new(zh, en),
            revenue,
            units,
        })
        .collect())
}

type LowRow = (
    i64,
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
);

/// Published products' variants with at most the low-stock threshold available: the 10
/// lowest and how many there are.
async fn low_stock(db: &Db) -> Result<(Vec<LowStock>, i64), sqlx::Error> {
    // a connection of its own: the dashboard's queries run side by side
    let mut conn = db.pool.acquire().await?;
    let c = &mut *conn;
    let low = format!(
        "SELECT v.id, v.product_id, v.sku, p.name_zh, p.name_en, v.color_zh, v.color_en, v.size, \
             CAST(COALESCE(SUM(s.on_hand - s.reserved), 0) AS BIGINT) AS available \
         FROM product_variants v JOIN products p ON p.id = v.product_id \
         LEFT JOIN stock_levels s ON s.variant_id = v.id WHERE p.status = 'active' \
         GROUP BY v.id, v.product_id, v.sku, p.name_zh, p.name_en, v.color_zh, v.color_en, v.size \
         HAVING COALESCE(SUM(s.on_hand - s.reserved), 0) <= {}",
        StockStatus::LOW_THRESHOLD
    );
    let rows: Vec<LowRow> = sqlx::query_as(&format!("{low} ORDER BY available, v.id LIMIT 10"))
        .fetch_all(&mut *c)
        .await?;
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM ({low}) x"))
        .fetch_one(&mut *c)
        .await?;
    let items = rows
        .into_iter()
        .map(
            |(id, product, sku, zh, en, color_zh, color_en, size, available)| {
                let options = |color: Option<String>| {
                    color
                        .into_iter()
                        .chain(size.clone())
                        .collect::<Vec<_>>()
                        .join(" / ")
                };
                LowStock {
                    variant_id: VariantId(id),
                    product_id: ProductId(product),
                    sku,
                    name: Localized::new(zh, en),
                    options: Localized::new(options(color_zh), options(color_en)),
                    available: available.max(0),
                }
            },
        )
        .collect();
    Ok((items, total))
}

/// Orders waiting for someone in the shop, with the oldest of each kind.
async fn waiting(db: &Db) -> Result<Vec<WaitingCount>, sqlx::Error> {
    // a connection of its own: the dashboard's queries run side by side
    let mut conn = db.pool.acquire().await?;
    let c = &mut *conn;
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT status, payment_method, COUNT(*), MIN(created_at) FROM orders \
         WHERE status IN ('pending_payment', 'paid', 'processing') GROUP BY status, payment_method",
    )
    .fetch_all(c)
    .await?;
    let mut by: HashMap<Waiting, (i64, Option<i64>)> = HashMap::new();
    for (status, method, n, oldest) in rows {
        let method = PaymentMethod::parse(&method);
        let kind = match (OrderStatus::parse(&status), method) {
            (Some(OrderStatus::PendingPayment), Some(PaymentMethod::BankTransfer)) => {
                Waiting::TransferToConfirm
            }
            (Some(OrderStatus::PendingPayment), Some(PaymentMethod::CashOnDelivery))
            | (Some(OrderStatus::Paid), _) => Waiting::ToPrepare,
            (Some(OrderStatus::Processing), _) => Waiting::ToShip,
            // card payments still open wait for the shopper, not the shop
            _ => continue,
        };
        let entry = by.entry(kind).or_insert((0, None));
        entry.0 += n;
        entry.1 = Some(entry.1.map_or(oldest, |o| o.min(oldest)));
    }
    Ok([
        Waiting::TransferToConfirm,
        Waiting::ToPrepare,
        Waiting::ToShip,
    ]
    .into_iter()
    .map(|waiting| {
        let (orders, oldest) = by.get(&waiting).copied().unwrap_or((0, None));
        WaitingCount {
            waiting,
            orders,
            oldest,
        }
    })
    .collect())
}
