//! The repairs repository: what a line of an order allows (its product's warranty, a repair
//! under way), a repair with its photos and history, the back office's queue, and what the
//! order's tracking shows of its repairs.

use super::status::Recorded;
use shared::after_sales::repairs::{
    warranty_until, RepairEvent, RepairRow, RepairStatus, RepairView,
};
use shared::catalog::Localized;
use shared::list::PageRequest;
use shared::orders::OrderNumber;
use sqlx::AnyConnection as Conn;

impl Recorded for RepairStatus {
    const NOUN: &'static str = "repair";
    const TABLE: &'static str = "repairs";
    const EVENTS: &'static str = "repair_events";
    const OWNER: &'static str = "repair_id";
}

/// The statuses of a repair under way, as SQL (`RepairStatus::is_open`; the unique index
/// `repairs_one_open` of migration 0031 lists the same).
const OPEN: &str = "('requested', 'received', 'repairing')";

/// The id of order `number` when it is customer `user`'s; `None` alike for another's and
/// for none.
pub async fn order_of(
    conn: &mut Conn,
    user: i64,
    number: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM orders WHERE number = $1 AND user_id = $2")
        .bind(number)
        .bind(user)
        .fetch_optional(conn)
        .await
}

/// An order line as a repair of it needs it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RepairLine {
    pub order_line_id: i64,
    /// Its product's warranty, in days after delivery.
    pub warranty_days: i64,
}

/// Line `position` (0-based) of order `order`, with its product's warranty (none: no such
/// line).
pub async fn line(
    conn: &mut Conn,
    order: i64,
    position: u32,
) -> Result<Option<RepairLine>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.id AS order_line_id, p.warranty_days FROM order_lines l \
         JOIN product_variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id \
         WHERE l.order_id = $1 ORDER BY l.id LIMIT 1 OFFSET $2",
    )
    .bind(order)
    .bind(i64::from(position))
    .fetch_optional(conn)
    .await
}

/// Whether a repair of order line `order_line` is under way.
pub async fn open_on_line(conn: &mut Conn, order_line: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM repairs WHERE order_line_id = $1 AND status IN {OPEN}"
    ))
    .bind(order_line)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// A repair as it is asked for.
pub struct NewRepair<'a> {
    pub order: i64,
    pub order_line: i64,
    pub user: i64,
    pub description: &'a str,
    pub at: i64,
}

/// A new requested repair; its id.
pub async fn insert(conn: &mut Conn, r: &NewRepair<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO repairs (order_id, order_line_id, user_id, description, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'requested', $5, $5) RETURNING id",
    )
    .bind(r.order)
    .bind(r.order_line)
    .bind(r.user)
    .bind(r.description)
    .bind(r.at)
    .fetch_one(conn)
    .await
}

/// Shows picture `key` with repair `repair` at `position`; `false` when it was not uploaded
/// for order `order`.
pub async fn attach_photo(
    conn: &mut Conn,
    order: i64,
    repair: i64,
    position: i64,
    key: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO repair_photos (repair_id, position, key, width) \
         SELECT $1, $2, key, width FROM order_photos WHERE order_id = $3 AND key = $4",
    )
    .bind(repair)
    .bind(position)
    .bind(order)
    .bind(key)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

async fn photos(conn: &mut Conn, repair: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT key, width FROM repair_photos WHERE repair_id = $1 ORDER BY position",
    )
    .bind(repair)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(key, width)| crate::media::url(&key, width))
        .collect())
}

/// What the workflows read of a repair before they change it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RepairState {
    pub id: i64,
    pub order_id: i64,
    pub status: String,
}

pub async fn state(conn: &mut Conn, id: i64) -> Result<Option<RepairState>, sqlx::Error> {
    sqlx::query_as("SELECT id, order_id, status FROM repairs WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// What staff last wrote for the customer of repair `id`.
pub async fn set_note(conn: &mut Conn, id: i64, note: &str, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE repairs SET staff_note = $1, updated_at = $2 WHERE id = $3")
        .bind(note)
        .bind(at)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// The repairs of order `order`, oldest first.
pub async fn ids_of_order(conn: &mut Conn, order: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM repairs WHERE order_id = $1 ORDER BY id")
        .bind(order)
        .fetch_all(conn)
        .await
}

/// The history of repair `id`, oldest first, as its customer reads it.
pub async fn events(conn: &mut Conn, id: i64) -> Result<Vec<RepairEvent>, sqlx::Error> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT to_status, note, at FROM repair_events WHERE repair_id = $1 ORDER BY at, id",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(status, note, at)| {
            Some(RepairEvent {
                status: RepairStatus::parse(&status)?,
                at,
                note,
            })
        })
        .collect())
}

/// "黑色 · M": a variant's colour and size, those it has.
fn variant_label(color: Option<&str>, size: Option<&str>) -> String {
    [color, size]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

#[derive(sqlx::FromRow)]
struct ViewRow {
    id: i64,
    number: String,
    line: i64,
    sku: String,
    name_zh: String,
    name_en: String,
    color_zh: Option<String>,
    color_en: Option<String>,
    size: Option<String>,
    description: String,
    status: String,
    staff_note: String,
    created_at: i64,
}

/// Repair `id` with its line, photos and history.
pub async fn view(conn: &mut Conn, id: i64) -> Result<Option<RepairView>, sqlx::Error> {
    let row: Option<ViewRow> = sqlx::query_as(
        "SELECT r.id, o.number, \
         (SELECT COUNT(*) FROM order_lines x WHERE x.order_id = r.order_id AND x.id < r.order_line_id) AS line, \
         l.sku, l.name_zh, l.name_en, v.color_zh, v.color_en, v.size, r.description, r.status, r.staff_note, r.created_at \
         FROM repairs r JOIN orders o ON o.id = r.order_id JOIN order_lines l ON l.id = r.order_line_id \
         LEFT JOIN product_variants v ON v.id = l.variant_id WHERE r.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let (Some(status), Some(order)) = (
        RepairStatus::parse(&r.status),
        OrderNumber::parse(&r.number),
    ) else {
        return Err(sqlx::Error::Decode("a repair row does not decode".into()));
    };
    let photos = photos(conn, id).await?;
    let events = events(conn, id).await?;
    Ok(Some(RepairView {
        id: r.id,
        order,
        line: u32::try_from(r.line).unwrap_or(0),
        sku: r.sku,
        name: Localized::new(r.name_zh, r.name_en),
        variant: Localized::new(
            variant_label(r.color_zh.as_deref(), r.size.as_deref()),
            variant_label(r.color_en.as_deref(), r.size.as_deref()),
        ),
        description: r.description,
        status,
        photos,
        staff_note: r.staff_note,
        created_at: r.created_at,
        events,
    }))
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    id: i64,
    number: String,
    sku: String,
    name_zh: String,
    name_en: String,
    status: String,
    customer: String,
    created_at: i64,
    updated_at: i64,
}

/// One page of repairs for staff, newest first, of `status` when given; and how many.
pub async fn list(
    conn: &mut Conn,
    status: Option<RepairStatus>,
    page: PageRequest,
) -> Result<(Vec<RepairRow>, i64), sqlx::Error> {
    let status = status.map_or("", RepairStatus::as_str);
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM repairs WHERE ($1 = '' OR status = $1)")
            .bind(status)
            .fetch_one(&mut *conn)
            .await?;
    let rows: Vec<QueueRow> = sqlx::query_as(
        "SELECT r.id, o.number, l.sku, l.name_zh, l.name_en, r.status, u.display_name AS customer, \
         r.created_at, r.updated_at FROM repairs r JOIN orders o ON o.id = r.order_id \
         JOIN order_lines l ON l.id = r.order_line_id JOIN users u ON u.id = r.user_id \
         WHERE ($1 = '' OR r.status = $1) ORDER BY r.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(status)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(conn)
    .await?;
    let items = rows
        .into_iter()
        .filter_map(|r| {
            Some(RepairRow {
                id: r.id,
                order: OrderNumber::parse(&r.number)?,
                sku: r.sku,
                name: Localized::new(r.name_zh, r.name_en),
                status: RepairStatus::parse(&r.status)?,
                customer: r.customer,
                created_at: r.created_at,
                updated_at: r.updated_at,
            })
        })
        .collect();
    Ok((items, total))
}

#[derive(sqlx::FromRow)]
struct WarrantyRow {
    warranty_days: i64,
    open_repairs: i64,
}

/// Per line of order `order` (in the order's order): until when a repair may be asked at
/// `now` — none when the order is not delivered, the warranty is over, or a repair of the
/// line is under way.
pub async fn repair_until(
    conn: &mut Conn,
    order: i64,
    now: i64,
) -> Result<Vec<Option<i64>>, sqlx::Error> {
    let Some(delivered) = super::returns::delivered_at(conn, order).await? else {
        return Ok(Vec::new());
    };
    let rows: Vec<WarrantyRow> = sqlx::query_as(&format!(
        "SELECT p.warranty_days, \
         (SELECT COUNT(*) FROM repairs r WHERE r.order_line_id = l.id AND r.status IN {OPEN}) AS open_repairs \
         FROM order_lines l JOIN product_variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id \
         WHERE l.order_id = $1 ORDER BY l.id"
    ))
    .bind(order)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            Some(warranty_until(delivered, r.warranty_days))
                .filter(|until| *until >= now && r.open_repairs == 0)
        })
        .collect())
}

/// The longest warranty of the products of order `order`, in days (the default when it
/// has no lines).
pub async fn longest_warranty(conn: &mut Conn, order: i64) -> Result<i64, sqlx::Error> {
    let days: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(p.warranty_days) FROM order_lines l JOIN product_variants v ON v.id = l.variant_id \
         JOIN products p ON p.id = v.product_id WHERE l.order_id = $1",
    )
    .bind(order)
    .fetch_one(conn)
    .await?;
    Ok(days.unwrap_or(shared::after_sales::repairs::DEFAULT_WARRANTY_DAYS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_variant_is_labelled_by_what_it_has() {
        assert_eq!(variant_label(Some("黑色"), Some("M")), "黑色 · M");
        assert_eq!(variant_label(None, Some("42")), "42");
        assert_eq!(variant_label(Some("Red"), None), "Red");
        assert_eq!(variant_label(None, Some(" ")), "");
        assert_eq!(variant_label(None, None), "");
    }
}
