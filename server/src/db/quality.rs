//! The product quality report (退货与质量) as two aggregate queries: the units of the
//! orders delivered in the period per product (`orders_delivered`: status, delivered_at),
//! and the lines of the returns asked for in the period per product, reason, status and
//! whether their goods came back. The definitions and the arithmetic (rates, the top
//! reason, the order of the rows) are `shared::reports`'s.

use crate::db::Db;
use shared::after_sales::returns::{ReturnReason, ReturnStatus};
use shared::catalog::Localized;
use shared::ids::ProductId;
use shared::orders::OrderStatus;
use shared::reports::{quality_rows, Period, ProductQuality, QualityReport, ReturnedUnits};
use std::collections::HashMap;

/// `'delivered', 'completed', 'refunded'`: the statuses an order delivered can be in now,
/// for `IN (…)` (an order refunded before it shipped has no `delivered_at`).
fn delivered_statuses() -> String {
    [
        OrderStatus::Delivered,
        OrderStatus::Completed,
        OrderStatus::Refunded,
    ]
    .into_iter()
    .map(|s| format!("'{}'", s.as_str()))
    .collect::<Vec<_>>()
    .join(", ")
}

/// The report for `period`.
pub async fn report(db: &Db, period: Period) -> Result<QualityReport, sqlx::Error> {
    let (start, end) = period.range();
    // independent queries, each on a connection of its own, at once
    let (delivered, returned) = tokio::try_join!(
        delivered_units(db, start, end),
        return_groups(db, start, end)
    )?;
    let mut names: HashMap<ProductId, Localized> = HashMap::new();
    let delivered: Vec<(ProductId, i64)> = delivered
        .into_iter()
        .map(|(id, zh, en, units)| {
            names.insert(ProductId(id), Localized::new(zh, en));
            (ProductId(id), units)
        })
        .collect();
    let mut returns = Vec::with_capacity(returned.len());
    for row in returned {
        let (id, zh, en, reason, status, came_back, units, restocked, scrapped, to_supplier) = row;
        // the columns' CHECK constraints keep both lists; a value from a newer version is
        // left out rather than failing the report
        let (Some(reason), Some(status)) =
            (ReturnReason::parse(&reason), ReturnStatus::parse(&status))
        else {
            continue;
        };
        names.insert(ProductId(id), Localized::new(zh, en));
        returns.push((
            ProductId(id),
            ReturnedUnits {
                reason,
                status,
                came_back: came_back == 1,
                units,
                restocked,
                scrapped,
                to_supplier,
            },
        ));
    }
    let (rows, total) = quality_rows(&delivered, &returns);
    Ok(QualityReport {
        period,
        products: rows
            .into_iter()
            .map(|(id, figures)| ProductQuality {
                id,
                name: names.remove(&id).unwrap_or_default(),
                figures,
            })
            .collect(),
        total,
    })
}

/// `(product, name_zh, name_en, units)` on the lines of the orders delivered in
/// `[start, end)`.
async fn delivered_units(
    db: &Db,
    start: i64,
    end: i64,
) -> Result<Vec<(i64, String, String, i64)>, sqlx::Error> {
    // a connection of its own: the report's queries run side by side
    let mut conn = db.pool.acquire().await?;
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT v.product_id, p.name_zh, p.name_en, CAST(SUM(l.quantity) AS BIGINT) \
         FROM orders o JOIN order_lines l ON l.order_id = o.id \
         JOIN product_variants v ON v.id = l.variant_id \
         JOIN products p ON p.id = v.product_id \
         WHERE o.status IN ({}) AND o.replaces_return_id IS NULL AND o.delivered_at >= $1 AND o.delivered_at < $2 \
         GROUP BY v.product_id, p.name_zh, p.name_en",
        delivered_statuses()
    ))
    .bind(start)
    .bind(end)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows)
}

type ReturnRow = (i64, String, String, String, String, i64, i64, i64, i64, i64);

/// The lines of the returns asked for in `[start, end)`, summed per product, reason,
/// status and whether the goods came back (a return names the warehouse that received
/// them, and only then): `(product, name_zh, name_en, reason, status, came back 0/1,
/// units, restocked, scrapped, to_supplier)`.
async fn return_groups(db: &Db, start: i64, end: i64) -> Result<Vec<ReturnRow>, sqlx::Error> {
    // a connection of its own: the report's queries run side by side
    let mut conn = db.pool.acquire().await?;
    let rows: Vec<ReturnRow> = sqlx::query_as(
        "SELECT v.product_id, p.name_zh, p.name_en, r.reason, r.status, \
             CASE WHEN r.warehouse_id IS NULL THEN 0 ELSE 1 END, \
             CAST(SUM(rl.quantity) AS BIGINT), CAST(SUM(rl.restocked) AS BIGINT), \
             CAST(SUM(rl.scrapped) AS BIGINT), CAST(SUM(rl.to_supplier) AS BIGINT) \
         FROM returns r JOIN return_lines rl ON rl.return_id = r.id \
         JOIN product_variants v ON v.id = rl.variant_id \
         JOIN products p ON p.id = v.product_id \
         WHERE r.created_at >= $1 AND r.created_at < $2 \
         GROUP BY 1, 2, 3, 4, 5, 6",
    )
    .bind(start)
    .bind(end)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows)
}
