//! The pick-list repository: a list per warehouse batch, one line per variant with its bin,
//! and what the picker found.

use shared::catalog::Localized;
use shared::fulfilment::{PickLine, PickListDetail, PickListRow, PickListStatus};
use shared::ids::{VariantId, WarehouseId};
use sqlx::AnyConnection as Conn;

/// A new open list for `warehouse`; returns its id.
pub async fn insert(
    conn: &mut Conn,
    warehouse: i64,
    actor: &str,
    at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO pick_lists (warehouse_id, status, created_by, created_at, updated_at) \
         VALUES ($1, 'open', $2, $3, $3) RETURNING id",
    )
    .bind(warehouse)
    .bind(actor)
    .bind(at)
    .fetch_one(conn)
    .await
}

/// Its lines from its shipments: each variant's units summed, with its bin in the warehouse.
pub async fn fill_lines(conn: &mut Conn, list: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO pick_list_lines (pick_list_id, variant_id, bin_code, quantity) \
         SELECT s.pick_list_id, l.variant_id, MIN(b.code), SUM(l.quantity) FROM shipments s \
         JOIN shipment_lines l ON l.shipment_id = s.id \
         LEFT JOIN stock_levels sl ON sl.variant_id = l.variant_id AND sl.warehouse_id = s.warehouse_id \
         LEFT JOIN warehouse_bins b ON b.id = sl.bin_id \
         WHERE s.pick_list_id = $1 GROUP BY s.pick_list_id, l.variant_id",
    )
    .bind(list)
    .execute(conn)
    .await
    .map(|_| ())
}

/// The list's warehouse and status, when it exists.
pub async fn state(
    conn: &mut Conn,
    list: i64,
) -> Result<Option<(i64, PickListStatus)>, sqlx::Error> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT warehouse_id, status FROM pick_lists WHERE id = $1")
            .bind(list)
            .fetch_optional(conn)
            .await?;
    Ok(row.and_then(|(w, s)| Some((w, PickListStatus::parse(&s)?))))
}

/// Records what was found of one line of an open list. `false`: no such line.
pub async fn record(
    conn: &mut Conn,
    list: i64,
    variant: i64,
    picked: i64,
    actor: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE pick_list_lines SET picked = $1, picked_by = $2 WHERE pick_list_id = $3 AND variant_id = $4",
    )
    .bind(picked)
    .bind(actor)
    .bind(list)
    .bind(variant)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A line's quantity, when the list has that variant.
pub async fn line_quantity(
    conn: &mut Conn,
    list: i64,
    variant: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT quantity FROM pick_list_lines WHERE pick_list_id = $1 AND variant_id = $2",
    )
    .bind(list)
    .bind(variant)
    .fetch_optional(conn)
    .await
}

/// `(variant, picked)` of every line; `picked` none while uncounted.
pub async fn counts(conn: &mut Conn, list: i64) -> Result<Vec<(i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as("SELECT variant_id, picked FROM pick_list_lines WHERE pick_list_id = $1 ORDER BY variant_id")
        .bind(list)
        .fetch_all(conn)
        .await
}

pub async fn close(conn: &mut Conn, list: i64, at: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE pick_lists SET status = 'done', updated_at = $1 WHERE id = $2 AND status = 'open'",
    )
    .bind(at)
    .bind(list)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct ListRecord {
    id: i64,
    warehouse_id: i64,
    code: String,
    status: String,
    shipments: i64,
    lines: i64,
    lines_done: i64,
    units: i64,
    created_at: i64,
    created_by: String,
}

const LIST_SELECT: &str = "SELECT p.id, p.warehouse_id, w.code, p.status, \
     (SELECT COUNT(*) FROM shipments s WHERE s.pick_list_id = p.id) AS shipments, \
     (SELECT COUNT(*) FROM pick_list_lines l WHERE l.pick_list_id = p.id) AS lines, \
     (SELECT COUNT(*) FROM pick_list_lines l WHERE l.pick_list_id = p.id AND l.picked IS NOT NULL) AS lines_done, \
     CAST(COALESCE((SELECT SUM(l.quantity) FROM pick_list_lines l WHERE l.pick_list_id = p.id), 0) AS BIGINT) AS units, \
     p.created_at, COALESCE(u.display_name, p.created_by) AS created_by \
     FROM pick_lists p JOIN warehouses w ON w.id = p.warehouse_id \
     LEFT JOIN users u ON p.created_by = 'staff:' || CAST(u.id AS TEXT)";

fn to_row(r: ListRecord) -> PickListRow {
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    PickListRow {
        id: r.id,
        warehouse: WarehouseId(r.warehouse_id),
        warehouse_code: r.code,
        status: PickListStatus::parse(&r.status).unwrap_or(PickListStatus::Open),
        shipments: n(r.shipments),
        lines: n(r.lines),
        lines_done: n(r.lines_done),
        units: n(r.units),
        created_at: r.created_at,
        created_by: r.created_by,
    }
}

/// Newest first: the open ones of every warehouse and the last done ones.
pub async fn list(
    conn: &mut Conn,
    status: Option<PickListStatus>,
    page: shared::list::PageRequest,
) -> Result<(Vec<PickListRow>, i64), sqlx::Error> {
    let status = status.map(PickListStatus::as_str);
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM pick_lists p WHERE ($1 IS NULL OR p.status = $1)")
            .bind(status)
            .fetch_one(&mut *conn)
            .await?;
    let rows: Vec<ListRecord> = sqlx::query_as(&format!(
        "{LIST_SELECT} WHERE ($1 IS NULL OR p.status = $1) ORDER BY p.id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(status)
    .bind(i64::from(page.page_size))
    .bind(page.offset())
    .fetch_all(conn)
    .await?;
    Ok((rows.into_iter().map(to_row).collect(), total))
}

type LineRecord = (
    i64,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    Option<i64>,
);

pub async fn detail(conn: &mut Conn, id: i64) -> Result<Option<PickListDetail>, sqlx::Error> {
    let row: Option<ListRecord> = sqlx::query_as(&format!("{LIST_SELECT} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let (zh, en): (String, String) =
        sqlx::query_as("SELECT name_zh, name_en FROM warehouses WHERE id = $1")
            .bind(row.warehouse_id)
            .fetch_one(&mut *conn)
            .await?;
    // the picker's walk: by bin code (the bins without a code last), then SKU
    let lines: Vec<LineRecord> = sqlx::query_as(
        "SELECT l.variant_id, v.sku, v.barcode, p.name_zh, p.name_en, v.color_zh, v.color_en, v.size, l.bin_code, l.quantity, l.picked \
         FROM pick_list_lines l JOIN product_variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id \
         WHERE l.pick_list_id = $1 ORDER BY CASE WHEN l.bin_code IS NULL THEN 1 ELSE 0 END, l.bin_code, v.sku",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let orders = super::shipments::rows_where(conn, super::shipments::Owner::PickList, id).await?;
    Ok(Some(PickListDetail {
        row: to_row(row),
        warehouse_name: Localized::new(zh, en),
        lines: lines
            .into_iter()
            .map(
                |(
                    variant,
                    sku,
                    barcode,
                    zh,
                    en,
                    color_zh,
                    color_en,
                    size,
                    bin,
                    quantity,
                    picked,
                )| PickLine {
                    variant: VariantId(variant),
                    sku,
                    barcode,
                    name: Localized::new(zh, en),
                    option: Localized::new(
                        option_text(color_zh, size.clone()),
                        option_text(color_en, size),
                    ),
                    bin,
                    quantity: u32::try_from(quantity).unwrap_or(0),
                    picked: picked.and_then(|p| u32::try_from(p).ok()),
                },
            )
            .collect(),
        orders,
    }))
}

/// "红色 / M": a variant's colour and size, those it has.
fn option_text(color: Option<String>, size: Option<String>) -> String {
    [color, size]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" / ")
}
