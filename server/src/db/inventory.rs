//! The inventory repository: stock per warehouse and bin with what is in transit, reorder
//! points, transfers, stocktakes and the valuation report.

use crate::db::{Arg, SqlBuilder};
use shared::catalog::Localized;
use shared::ids::{VariantId, WarehouseId};
use shared::money::{Currency, Money};
use shared::stock::{is_low, turnover_hundredths, ItemKind, StocktakeStatus, TransferStatus};
use shared::stock_views::{
    StockRow, StocktakeLineView, StocktakeView, TransferLineView, TransferView, ValuationRow,
};
use sqlx::AnyConnection as Conn;

#[derive(sqlx::FromRow)]
struct StockRecord {
    variant_id: i64,
    sku: String,
    name_zh: String,
    name_en: String,
    item_kind: String,
    warehouse_id: i64,
    code: String,
    bin: Option<String>,
    on_hand: i64,
    reserved: i64,
    in_transit: i64,
    reorder_point: Option<i64>,
}

/// Stock levels by warehouse and SKU, with the total count.
pub struct StockFilter {
    pub warehouse: Option<WarehouseId>,
    pub kind: Option<ItemKind>,
    pub low: bool,
    pub q: Option<String>,
}

pub async fn stock(
    conn: &mut Conn,
    f: &StockFilter,
    page: shared::list::PageRequest,
) -> Result<(Vec<StockRow>, i64), sqlx::Error> {
    let mut w = SqlBuilder::default();
    w.push(
        " FROM stock_levels s JOIN product_variants v ON v.id = s.variant_id JOIN products p ON p.id = v.product_id \
         JOIN warehouses wh ON wh.id = s.warehouse_id LEFT JOIN warehouse_bins b ON b.id = s.bin_id WHERE 1 = 1",
    );
    if let Some(wid) = f.warehouse {
        w.push(" AND s.warehouse_id = ").bind(Arg::Int(wid.0));
    }
    if let Some(kind) = f.kind {
        w.push(" AND p.item_kind = ")
            .bind(Arg::Text(kind.as_str().into()));
    }
    if f.low {
        w.push(" AND s.reorder_point IS NOT NULL AND s.on_hand - s.reserved <= s.reorder_point");
    }
    if let Some(q) = &f.q {
        let like = format!("%{}%", q.to_lowercase());
        w.push(" AND (LOWER(v.sku) LIKE ")
            .bind(Arg::Text(like.clone()))
            .push(" OR LOWER(p.name_en) LIKE ")
            .bind(Arg::Text(like.clone()))
            .push(" OR p.name_zh LIKE ")
            .bind(Arg::Text(like))
            .push(")");
    }
    let count = SqlBuilder {
        sql: format!("SELECT COUNT(*){}", w.sql),
        args: w.args.clone(),
    };
    let total: i64 = count.query_scalar().fetch_one(&mut *conn).await?;
    let mut rows = SqlBuilder {
        sql: format!(
            "SELECT s.variant_id, v.sku, p.name_zh, p.name_en, p.item_kind, s.warehouse_id, wh.code, b.code AS bin, \
             s.on_hand, s.reserved, \
             CAST(COALESCE((SELECT SUM(l.quantity) FROM transfer_lines l JOIN transfers t ON t.id = l.transfer_id \
               WHERE t.status = 'shipped' AND t.to_warehouse_id = s.warehouse_id AND l.variant_id = s.variant_id), 0) AS BIGINT) AS in_transit, \
             s.reorder_point{}",
            w.sql
        ),
        args: w.args,
    };
    rows.push(" ORDER BY wh.code, v.sku LIMIT ")
        .bind(Arg::Int(page.limit()))
        .push(" OFFSET ")
        .bind(Arg::Int(page.offset()));
    let found: Vec<StockRecord> = rows.query_as().fetch_all(conn).await?;
    Ok((
        found
            .into_iter()
            .map(|r| {
                let available = r.on_hand - r.reserved;
                StockRow {
                    variant: VariantId(r.variant_id),
                    sku: r.sku,
                    name: Localized::new(r.name_zh, r.name_en),
                    kind: ItemKind::parse(&r.item_kind).unwrap_or(ItemKind::FinishedGood),
                    warehouse: WarehouseId(r.warehouse_id),
                    warehouse_code: r.code,
                    bin: r.bin,
                    on_hand: r.on_hand,
                    reserved: r.reserved,
                    available,
                    in_transit: r.in_transit,
                    reorder_point: r.reorder_point,
                    low: is_low(available, r.reorder_point),
                }
            })
            .collect(),
        total,
    ))
}

/// Sets a level's reorder point; the one it had before, or `None` without such a level.
pub async fn set_reorder_point(
    conn: &mut Conn,
    warehouse: i64,
    variant: i64,
    point: Option<i64>,
) -> Result<Option<Option<i64>>, sqlx::Error> {
    let before: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT reorder_point FROM stock_levels WHERE warehouse_id = $1 AND variant_id = $2",
    )
    .bind(warehouse)
    .bind(variant)
    .fetch_optional(&mut *conn)
    .await?;
    if before.is_some() {
        sqlx::query("UPDATE stock_levels SET reorder_point = $1 WHERE warehouse_id = $2 AND variant_id = $3")
            .bind(point)
            .bind(warehouse)
            .bind(variant)
            .execute(conn)
            .await?;
    }
    Ok(before)
}

#[derive(sqlx::FromRow)]
struct TransferRecord {
    id: i64,
    from_warehouse_id: i64,
    from_code: String,
    to_warehouse_id: i64,
    to_code: String,
    status: String,
    note: String,
    units: i64,
    created_at: i64,
}

const TRANSFER_SELECT: &str = "SELECT t.id, t.from_warehouse_id, f.code AS from_code, t.to_warehouse_id, d.code AS to_code, t.status, t.note, \
     CAST(COALESCE((SELECT SUM(l.quantity) FROM transfer_lines l WHERE l.transfer_id = t.id), 0) AS BIGINT) AS units, t.created_at \
     FROM transfers t JOIN warehouses f ON f.id = t.from_warehouse_id JOIN warehouses d ON d.id = t.to_warehouse_id";

fn transfer_of(r: TransferRecord) -> TransferView {
    TransferView {
        id: r.id,
        from: WarehouseId(r.from_warehouse_id),
        from_code: r.from_code,
        to: WarehouseId(r.to_warehouse_id),
        to_code: r.to_code,
        status: TransferStatus::parse(&r.status).unwrap_or(TransferStatus::Requested),
        note: r.note,
        units: r.units,
        created_at: r.created_at,
        lines: Vec::new(),
        events: Vec::new(),
    }
}

/// Transfers, newest first (without lines and history).
pub async fn transfers(
    conn: &mut Conn,
    page: shared::list::PageRequest,
) -> Result<(Vec<TransferView>, i64), sqlx::Error> {
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM transfers")
        .fetch_one(&mut *conn)
        .await?;
    let rows: Vec<TransferRecord> = sqlx::query_as(&format!(
        "{TRANSFER_SELECT} ORDER BY t.id DESC LIMIT $1 OFFSET $2"
    ))
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(conn)
    .await?;
    Ok((rows.into_iter().map(transfer_of).collect(), total))
}

pub async fn transfer(conn: &mut Conn, id: i64) -> Result<Option<TransferView>, sqlx::Error> {
    let row: Option<TransferRecord> = sqlx::query_as(&format!("{TRANSFER_SELECT} WHERE t.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let mut view = transfer_of(row);
    let lines: Vec<(i64, String, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT l.variant_id, v.sku, p.name_zh, p.name_en, l.quantity, l.received FROM transfer_lines l \
         JOIN product_variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id WHERE l.transfer_id = $1 ORDER BY v.sku",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    view.lines = lines
        .into_iter()
        .map(
            |(variant, sku, zh, en, quantity, received)| TransferLineView {
                variant: VariantId(variant),
                sku,
                name: Localized::new(zh, en),
                quantity,
                received,
            },
        )
        .collect();
    view.events = super::status::history::<TransferStatus>(conn, id).await?;
    Ok(Some(view))
}

#[derive(sqlx::FromRow)]
struct StocktakeRecord {
    id: i64,
    warehouse_id: i64,
    code: String,
    zone: Option<String>,
    status: String,
    lines_counted: i64,
    lines_total: i64,
    created_at: i64,
}

const STOCKTAKE_SELECT: &str = "SELECT s.id, s.warehouse_id, w.code, s.zone, s.status, \
     (SELECT COUNT(*) FROM stocktake_lines l WHERE l.stocktake_id = s.id AND l.counted IS NOT NULL) AS lines_counted, \
     (SELECT COUNT(*) FROM stocktake_lines l WHERE l.stocktake_id = s.id) AS lines_total, s.created_at \
     FROM stocktakes s JOIN warehouses w ON w.id = s.warehouse_id";

fn stocktake_of(r: StocktakeRecord) -> StocktakeView {
    StocktakeView {
        id: r.id,
        warehouse: WarehouseId(r.warehouse_id),
        warehouse_code: r.code,
        zone: r.zone,
        status: StocktakeStatus::parse(&r.status).unwrap_or(StocktakeStatus::Counting),
        lines_counted: r.lines_counted,
        lines_total: r.lines_total,
        created_at: r.created_at,
        lines: Vec::new(),
        events: Vec::new(),
    }
}

pub async fn stocktakes(
    conn: &mut Conn,
    page: shared::list::PageRequest,
) -> Result<(Vec<StocktakeView>, i64), sqlx::Error> {
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM stocktakes")
        .fetch_one(&mut *conn)
        .await?;
    let rows: Vec<StocktakeRecord> = sqlx::query_as(&format!(
        "{STOCKTAKE_SELECT} ORDER BY s.id DESC LIMIT $1 OFFSET $2"
    ))
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(conn)
    .await?;
    Ok((rows.into_iter().map(stocktake_of).collect(), total))
}

type CountRecord = (
    i64,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    i64,
    Option<i64>,
    Option<i64>,
);

pub async fn stocktake(conn: &mut Conn, id: i64) -> Result<Option<StocktakeView>, sqlx::Error> {
    let row: Option<StocktakeRecord> =
        sqlx::query_as(&format!("{STOCKTAKE_SELECT} WHERE s.id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let mut view = stocktake_of(row);
    let lines: Vec<CountRecord> = sqlx::query_as(
        "SELECT l.variant_id, v.sku, v.barcode, p.name_zh, p.name_en, l.bin_code, l.expected, l.counted, l.book_at_count \
         FROM stocktake_lines l JOIN product_variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id \
         WHERE l.stocktake_id = $1 ORDER BY CASE WHEN l.bin_code IS NULL THEN 1 ELSE 0 END, l.bin_code, v.sku",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    view.lines = lines
        .into_iter()
        .map(
            |(variant, sku, barcode, zh, en, bin, expected, counted, book)| StocktakeLineView {
                variant: VariantId(variant),
                sku,
                barcode,
                name: Localized::new(zh, en),
                bin,
                expected,
                counted,
                book_at_count: book,
                variance: counted
                    .zip(book)
                    .map(|(c, b)| shared::stock::variance(c, b)),
            },
        )
        .collect();
    view.events = super::status::history::<StocktakeStatus>(conn, id).await?;
    Ok(Some(view))
}

#[derive(sqlx::FromRow)]
struct ValuationRecord {
    name_zh: String,
    name_en: String,
    item_kind: String,
    units: i64,
    value: i64,
    cost_of_sales: i64,
}

/// Stock value (on hand × cost) and the last 30 days' cost of sales, per category and kind.
pub async fn valuation(conn: &mut Conn, since: i64) -> Result<Vec<ValuationRow>, sqlx::Error> {
    let rows: Vec<ValuationRecord> = sqlx::query_as(
        "SELECT c.name_zh, c.name_en, p.item_kind, \
         CAST(COALESCE(SUM(s.on_hand), 0) AS BIGINT) AS units, \
         CAST(COALESCE(SUM(s.on_hand * COALESCE(v.cost, 0)), 0) AS BIGINT) AS value, \
         CAST(COALESCE(SUM((SELECT COALESCE(SUM(m.quantity), 0) FROM stock_movements m WHERE m.variant_id = s.variant_id \
           AND m.warehouse_id = s.warehouse_id AND m.kind = 'shipment' AND m.at >= $1) * COALESCE(v.cost, 0)), 0) AS BIGINT) AS cost_of_sales \
         FROM stock_levels s JOIN product_variants v ON v.id = s.variant_id JOIN products p ON p.id = v.product_id \
         JOIN categories c ON c.id = p.category_id \
         GROUP BY c.id, c.name_zh, c.name_en, p.item_kind ORDER BY p.item_kind, value DESC, c.id",
    )
    .bind(since)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ValuationRow {
            category: Localized::new(r.name_zh, r.name_en),
            kind: ItemKind::parse(&r.item_kind).unwrap_or(ItemKind::FinishedGood),
            units: r.units,
            value: Money::new(r.value, Currency::CNY),
            cost_of_sales: Money::new(r.cost_of_sales, Currency::CNY),
            turnover_hundredths: turnover_hundredths(r.cost_of_sales, r.value),
        })
        .collect())
}
