//! The returns repository: a return, its lines, what its order's lines allow, and the
//! views for the customer and for staff.

use super::status;
use shared::after_sales::returns::{
    ExchangeOption, Resolution, ReturnLineView, ReturnReason, ReturnStatus, ReturnView, Returnable,
};
use shared::after_sales::share::{Bill, Line};
use shared::catalog::Localized;
use shared::ids::VariantId;
use shared::money::{Currency, Money};
use shared::orders::OrderNumber;
use sqlx::AnyConnection as Conn;

/// One line of an order, as returns need it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrderLine {
    pub id: i64,
    pub variant_id: i64,
    pub seller_id: i64,
    pub quantity: i64,
    pub unit_price: i64,
    pub line_total: i64,
    /// Units of it in other returns that are open or gave something back.
    pub returned: i64,
}

/// The order's lines in their order, each with its units already being returned: in
/// returns still open or refunded, and in closed ones whose goods came back (the shop holds
/// them).
pub async fn order_lines(conn: &mut Conn, order: i64) -> Result<Vec<OrderLine>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.id, l.variant_id, l.seller_id, l.quantity, l.unit_price, l.line_total, \
         CAST(COALESCE((SELECT SUM(rl.quantity) FROM return_lines rl JOIN returns r ON r.id = rl.return_id \
           WHERE rl.order_line_id = l.id \
           AND NOT (r.status IN ('rejected', 'closed') AND r.warehouse_id IS NULL)), 0) AS BIGINT) AS returned \
         FROM order_lines l WHERE l.order_id = $1 ORDER BY l.id",
    )
    .bind(order)
    .fetch_all(conn)
    .await
}

/// What returns can ask of these lines once the order is delivered.
pub fn returnable(lines: &[OrderLine]) -> Vec<Returnable> {
    lines
        .iter()
        .map(|l| Returnable {
            delivered: l.quantity,
            returned: l.returned,
        })
        .collect()
}

/// The figures of order `order` a return's share is measured against.
pub async fn bill(conn: &mut Conn, order: i64, lines: &[OrderLine]) -> Result<Bill, sqlx::Error> {
    let (discount, tax, shipping): (i64, i64, i64) = sqlx::query_as(
        "SELECT discount_total, tax_total, shipping_total FROM orders WHERE id = $1",
    )
    .bind(order)
    .fetch_one(conn)
    .await?;
    Ok(Bill {
        lines: lines
            .iter()
            .map(|l| Line {
                quantity: l.quantity,
                total: l.line_total,
            })
            .collect(),
        discount,
        tax,
        shipping,
    })
}

pub struct NewReturn<'a> {
    pub order: i64,
    pub reason: ReturnReason,
    pub comment: &'a str,
    pub resolution: Resolution,
    pub exchange_for: Option<i64>,
    pub requested_by: &'a str,
    pub at: i64,
}

pub async fn insert(conn: &mut Conn, r: &NewReturn<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO returns (order_id, status, reason, comment, resolution, exchange_variant_id, requested_by, created_at, updated_at) \
         VALUES ($1, 'requested', $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(r.order)
    .bind(r.reason.as_str())
    .bind(r.comment)
    .bind(r.resolution.as_str())
    .bind(r.exchange_for)
    .bind(r.requested_by)
    .bind(r.at)
    .fetch_one(conn)
    .await
}

pub async fn insert_line(
    conn: &mut Conn,
    ret: i64,
    line: &OrderLine,
    quantity: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO return_lines (return_id, order_line_id, variant_id, quantity) VALUES ($1, $2, $3, $4)",
    )
    .bind(ret)
    .bind(line.id)
    .bind(line.variant_id)
    .bind(quantity)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Keeps a picture uploaded for order `order`.
pub async fn keep_photo(
    conn: &mut Conn,
    order: i64,
    key: &str,
    width: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO order_photos (order_id, key, width, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (order_id, key) DO NOTHING",
    )
    .bind(order)
    .bind(key)
    .bind(width)
    .bind(at)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Shows picture `key` with return `ret` at `position`; `false` when it was not uploaded
/// for the return's order `order`.
pub async fn attach_photo(
    conn: &mut Conn,
    order: i64,
    ret: i64,
    position: i64,
    key: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO return_photos (return_id, position, key, width) \
         SELECT $1, $2, key, width FROM order_photos WHERE order_id = $3 AND key = $4",
    )
    .bind(ret)
    .bind(position)
    .bind(order)
    .bind(key)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

async fn photos(conn: &mut Conn, ret: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT key, width FROM return_photos WHERE return_id = $1 ORDER BY position",
    )
    .bind(ret)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(key, width)| crate::media::url(&key, width))
        .collect())
}

/// What the workflows read of a return before they change it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReturnState {
    pub id: i64,
    pub order_id: i64,
    pub status: String,
    pub reason: String,
    pub resolution: String,
    pub warehouse_id: Option<i64>,
    pub exchange_variant_id: Option<i64>,
}

impl ReturnState {
    pub fn status(&self) -> Result<ReturnStatus, sqlx::Error> {
        ReturnStatus::parse(&self.status)
            .ok_or_else(|| sqlx::Error::Decode("a return with an unknown status".into()))
    }

    pub fn reason(&self) -> ReturnReason {
        ReturnReason::parse(&self.reason).unwrap_or(ReturnReason::Other)
    }
}

pub async fn state(conn: &mut Conn, id: i64) -> Result<Option<ReturnState>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, order_id, status, reason, resolution, warehouse_id, exchange_variant_id FROM returns WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// A return's lines: `(order line position, order line, units)` with what inspection set.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LineRow {
    pub order_line_id: i64,
    pub variant_id: i64,
    pub quantity: i64,
    pub restocked: i64,
    pub scrapped: i64,
    pub to_supplier: i64,
    pub sku: String,
    pub name_zh: String,
    pub name_en: String,
}

pub async fn lines(conn: &mut Conn, ret: i64) -> Result<Vec<LineRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT rl.order_line_id, rl.variant_id, rl.quantity, rl.restocked, rl.scrapped, rl.to_supplier, \
         l.sku, l.name_zh, l.name_en FROM return_lines rl JOIN order_lines l ON l.id = rl.order_line_id \
         WHERE rl.return_id = $1 ORDER BY rl.order_line_id",
    )
    .bind(ret)
    .fetch_all(conn)
    .await
}

/// The units of each order line in returns refunded (the refund not refused), before the
/// refund `before` when given (a return's own share is measured against those before it).
pub async fn refunded_units(
    conn: &mut Conn,
    order: i64,
    before: Option<i64>,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT rl.order_line_id, CAST(SUM(rl.quantity) AS BIGINT) FROM return_lines rl \
         JOIN returns r ON r.id = rl.return_id JOIN refunds f ON f.id = r.refund_id \
         WHERE r.order_id = $1 AND f.status IN ('pending', 'succeeded') AND ($2 = 0 OR f.id < $2) \
         GROUP BY rl.order_line_id",
    )
    .bind(order)
    .bind(before.unwrap_or(0))
    .fetch_all(conn)
    .await
}

/// The return refund `refund` was for, if any.
pub async fn of_refund(conn: &mut Conn, refund: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM returns WHERE refund_id = $1")
        .bind(refund)
        .fetch_optional(conn)
        .await
}

/// The return's refund was refused: it has none.
pub async fn forget_refund(conn: &mut Conn, ret: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE returns SET refund_id = NULL, updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(ret)
        .execute(conn)
        .await
        .map(|_| ())
}

/// How many photos were uploaded for order `order`.
pub async fn photos_of_order(conn: &mut Conn, order: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM order_photos WHERE order_id = $1")
        .bind(order)
        .fetch_one(conn)
        .await
}

/// The returns of order `order`, oldest first.
pub async fn ids_of_order(conn: &mut Conn, order: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM returns WHERE order_id = $1 ORDER BY id")
        .bind(order)
        .fetch_all(conn)
        .await
}

/// When order `order` was delivered, if it is (delivered or completed).
pub async fn delivered_at(conn: &mut Conn, order: i64) -> Result<Option<i64>, sqlx::Error> {
    let (status, at): (String, Option<i64>) =
        sqlx::query_as("SELECT status, delivered_at FROM orders WHERE id = $1")
            .bind(order)
            .fetch_one(conn)
            .await?;
    let delivered = matches!(
        shared::orders::OrderStatus::parse(&status),
        Some(shared::orders::OrderStatus::Delivered | shared::orders::OrderStatus::Completed)
    );
    Ok(at.filter(|_| delivered))
}

/// The code of `warehouse` when it belongs to the seller of every line of return `ret`.
pub async fn receiving_warehouse(
    conn: &mut Conn,
    ret: i64,
    warehouse: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT w.code FROM warehouses w WHERE w.id = $1 AND NOT EXISTS (\
           SELECT 1 FROM return_lines rl JOIN order_lines l ON l.id = rl.order_line_id \
           WHERE rl.return_id = $2 AND l.seller_id <> w.seller_id)",
    )
    .bind(warehouse)
    .bind(ret)
    .fetch_optional(conn)
    .await
}

/// Sets one column of return `ret` (`warehouse_id`, `refund_id`, `staff_note`) and its
/// time of change.
pub async fn set<T>(
    conn: &mut Conn,
    ret: i64,
    column: Column,
    value: T,
    at: i64,
) -> Result<(), sqlx::Error>
where
    T: for<'q> sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any> + Send,
{
    let column = match column {
        Column::Warehouse => "warehouse_id",
        Column::Refund => "refund_id",
        Column::StaffNote => "staff_note",
        Column::Replacement => "replacement_order_id",
    };
    sqlx::query(&format!(
        "UPDATE returns SET {column} = $1, updated_at = $2 WHERE id = $3"
    ))
    .bind(value)
    .bind(at)
    .bind(ret)
    .execute(conn)
    .await
    .map(|_| ())
}

/// The columns [`set`] changes.
#[derive(Debug, Clone, Copy)]
pub enum Column {
    Warehouse,
    Refund,
    StaffNote,
    Replacement,
}

/// The product of variant `variant` (the returned one, whatever its state now).
pub async fn product_of(conn: &mut Conn, variant: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT product_id FROM product_variants WHERE id = $1")
        .bind(variant)
        .fetch_one(conn)
        .await
}

/// The product and the price now of variant `variant`, if it is for sale (an exchange's
/// wanted variant).
pub async fn for_sale(conn: &mut Conn, variant: i64) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT v.product_id, v.price FROM product_variants v JOIN products p ON p.id = v.product_id \
         WHERE v.id = $1 AND p.status = 'active' AND p.item_kind = 'finished_good'",
    )
    .bind(variant)
    .fetch_optional(conn)
    .await
}

#[derive(sqlx::FromRow)]
struct OptionRow {
    id: i64,
    sku: String,
    color_zh: Option<String>,
    color_en: Option<String>,
    size: Option<String>,
}

/// The other sizes and colours of variant `variant`'s product that are for sale at most at
/// `unit_paid` and have units free in some warehouse now: what an exchange of it may ask
/// for (`shared::after_sales::returns::check_exchange`).
pub async fn exchange_options(
    conn: &mut Conn,
    variant: i64,
    unit_paid: i64,
) -> Result<Vec<ExchangeOption>, sqlx::Error> {
    let rows: Vec<OptionRow> = sqlx::query_as(
        "SELECT o.id, o.sku, o.color_zh, o.color_en, o.size FROM product_variants v \
         JOIN product_variants o ON o.product_id = v.product_id AND o.id <> v.id \
         JOIN products p ON p.id = o.product_id \
         WHERE v.id = $1 AND o.price <= $2 AND p.status = 'active' AND p.item_kind = 'finished_good' \
         AND EXISTS (SELECT 1 FROM stock_levels s WHERE s.variant_id = o.id AND s.on_hand - s.reserved > 0) \
         ORDER BY o.position, o.id",
    )
    .bind(variant)
    .bind(unit_paid)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ExchangeOption {
            variant: VariantId(r.id),
            sku: r.sku,
            color: r
                .color_zh
                .zip(r.color_en)
                .map(|(zh, en)| Localized::new(zh, en)),
            size: r.size,
        })
        .collect())
}

/// What inspection decided for the units of one line of return `ret`.
pub async fn set_outcome(
    conn: &mut Conn,
    ret: i64,
    order_line: i64,
    judged: &shared::after_sales::returns::InspectedLine,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE return_lines SET restocked = $1, scrapped = $2, to_supplier = $3 WHERE return_id = $4 AND order_line_id = $5",
    )
    .bind(i64::from(judged.restock))
    .bind(i64::from(judged.scrap))
    .bind(i64::from(judged.to_supplier))
    .bind(ret)
    .bind(order_line)
    .execute(conn)
    .await
    .map(|_| ())
}

/// What return `id` gives back by the rule, after the returns of its order refunded before.
pub async fn share_of(conn: &mut Conn, id: i64) -> Result<Option<i64>, sqlx::Error> {
    let Some(ret) = state(conn, id).await? else {
        return Ok(None);
    };
    let all = order_lines(conn, ret.order_id).await?;
    let bill = bill(conn, ret.order_id, &all).await?;
    // refunded already: measured against the refunds before its own, as it was then
    let own: Option<i64> = sqlx::query_scalar("SELECT refund_id FROM returns WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let refunded = refunded_units(conn, ret.order_id, own).await?;
    let mine = lines(conn, id).await?;
    let mut before = Vec::with_capacity(all.len());
    let mut now = Vec::with_capacity(all.len());
    for l in &all {
        let back = refunded
            .iter()
            .find(|(line, _)| *line == l.id)
            .map_or(0, |(_, q)| *q);
        let this = mine
            .iter()
            .find(|m| m.order_line_id == l.id)
            .map_or(0, |m| m.quantity);
        before.push(back);
        now.push(this);
    }
    let rule = shared::after_sales::share::share;
    Ok(Some(
        rule(&bill, &before, &now, ret.reason().shops_fault()).refund(),
    ))
}

#[derive(sqlx::FromRow)]
struct ViewRow {
    id: i64,
    order_id: i64,
    number: String,
    status: String,
    reason: String,
    comment: String,
    resolution: String,
    exchange_variant_id: Option<i64>,
    exchange_sku: Option<String>,
    staff_note: String,
    currency: String,
    warehouse: Option<String>,
    refunded: Option<i64>,
    replacement: Option<String>,
    created_at: i64,
}

/// Return `id` with its lines, share and history; `share` is what the rule gives it.
pub async fn view(conn: &mut Conn, id: i64, share: i64) -> Result<Option<ReturnView>, sqlx::Error> {
    let row: Option<ViewRow> = sqlx::query_as(
        "SELECT r.id, r.order_id, o.number, r.status, r.reason, r.comment, r.resolution, r.exchange_variant_id, xv.sku AS exchange_sku, r.staff_note, \
         o.currency, w.code AS warehouse, f.amount AS refunded, x.number AS replacement, r.created_at \
         FROM returns r JOIN orders o ON o.id = r.order_id LEFT JOIN warehouses w ON w.id = r.warehouse_id \
         LEFT JOIN refunds f ON f.id = r.refund_id AND f.status = 'succeeded' \
         LEFT JOIN orders x ON x.id = r.replacement_order_id \
         LEFT JOIN product_variants xv ON xv.id = r.exchange_variant_id WHERE r.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let positions: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM order_lines WHERE order_id = $1 ORDER BY id")
            .bind(r.order_id)
            .fetch_all(&mut *conn)
            .await?;
    let currency = Currency::parse(&r.currency).unwrap_or_default();
    let lines = lines(conn, id)
        .await?
        .into_iter()
        .map(|l| ReturnLineView {
            line: positions
                .iter()
                .position(|p| *p == l.order_line_id)
                .and_then(|p| u32::try_from(p).ok())
                .unwrap_or(0),
            sku: l.sku,
            name: Localized::new(l.name_zh, l.name_en),
            quantity: l.quantity,
            restocked: l.restocked,
            scrapped: l.scrapped,
            to_supplier: l.to_supplier,
        })
        .collect();
    let history = status::history::<ReturnStatus>(&mut *conn, id).await?;
    let photos = photos(conn, id).await?;
    let (Some(status), Some(order), Some(resolution)) = (
        ReturnStatus::parse(&r.status),
        OrderNumber::parse(&r.number),
        Resolution::parse(&r.resolution),
    ) else {
        return Err(sqlx::Error::Decode("a return row does not decode".into()));
    };
    Ok(Some(ReturnView {
        id: r.id,
        order,
        status,
        reason: ReturnReason::parse(&r.reason).unwrap_or(ReturnReason::Other),
        comment: r.comment,
        resolution,
        exchange_for: r.exchange_variant_id.map(VariantId),
        exchange_sku: r.exchange_sku,
        staff_note: r.staff_note,
        photos,
        lines,
        share: Money::new(share, currency),
        refunded: Money::new(r.refunded.unwrap_or(0), currency),
        warehouse: r.warehouse,
        replacement: r.replacement.as_deref().and_then(OrderNumber::parse),
        created_at: r.created_at,
        history,
    }))
}

/// One page of returns for staff, newest first, of `status` when given; and how many.
pub async fn list(
    conn: &mut Conn,
    status: Option<ReturnStatus>,
    page: shared::list::PageRequest,
) -> Result<(Vec<i64>, i64), sqlx::Error> {
    let filter = status.map_or(String::new(), |s| {
        format!(" WHERE status = '{}'", s.as_str())
    });
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM returns{filter}"))
        .fetch_one(&mut *conn)
        .await?;
    let ids = sqlx::query_scalar(&format!(
        "SELECT id FROM returns{filter} ORDER BY id DESC LIMIT $1 OFFSET $2"
    ))
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(conn)
    .await?;
    Ok((ids, total))
}
