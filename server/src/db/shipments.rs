//! The shipment repository: shipments (one per seller and warehouse of an order), their
//! lines, and what the fulfilment pages read about them and their warehouses.

use shared::catalog::Localized;
use shared::checkout::Address;
use shared::fulfilment::{
    Carrier, PackageSize, ShipmentDetail, ShipmentLine, ShipmentRow, ShipmentStatus, WarehouseView,
};
use shared::ids::{SellerId, VariantId, WarehouseId};
use shared::orders::OrderNumber;
use sqlx::AnyConnection as Conn;

/// The recipient's name on an order's stored address.
pub fn recipient(address_json: &str) -> (String, Option<Address>) {
    match serde_json::from_str::<Address>(address_json) {
        Ok(a) => {
            let name = match &a {
                Address::China { recipient, .. } | Address::International { recipient, .. } => {
                    recipient.clone()
                }
            };
            (name, Some(a))
        }
        Err(_) => (String::new(), None),
    }
}

#[derive(sqlx::FromRow)]
struct WarehouseRecord {
    id: i64,
    seller_id: i64,
    code: String,
    name_zh: String,
    name_en: String,
    province: String,
    address: String,
    waiting: i64,
}

pub async fn warehouses(conn: &mut Conn) -> Result<Vec<WarehouseView>, sqlx::Error> {
    let rows: Vec<WarehouseRecord> = sqlx::query_as(
        "SELECT w.id, w.seller_id, w.code, w.name_zh, w.name_en, w.province, w.address, \
         (SELECT COUNT(*) FROM shipments s WHERE s.warehouse_id = w.id AND s.status = 'allocated') AS waiting \
         FROM warehouses w ORDER BY w.id",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|w| WarehouseView {
            id: WarehouseId(w.id),
            seller: SellerId(w.seller_id),
            code: w.code,
            name: Localized::new(w.name_zh, w.name_en),
            province: w.province,
            address: w.address,
            waiting: u32::try_from(w.waiting).unwrap_or(u32::MAX),
        })
        .collect())
}

/// A new shipment of `order` from `warehouse` with its lines; returns its id.
pub async fn insert(
    conn: &mut Conn,
    order: i64,
    seller: i64,
    warehouse: i64,
    lines: &[(i64, i64)],
    at: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO shipments (order_id, seller_id, warehouse_id, status, created_at, updated_at) \
         VALUES ($1, $2, $3, 'allocated', $4, $4) RETURNING id",
    )
    .bind(order)
    .bind(seller)
    .bind(warehouse)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    for &(variant, quantity) in lines {
        sqlx::query(
            "INSERT INTO shipment_lines (shipment_id, variant_id, quantity) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(variant)
        .bind(quantity)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// What a workflow needs of a shipment: its order, warehouse, seller and status.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ShipmentState {
    pub id: i64,
    pub order_id: i64,
    pub number: String,
    pub warehouse_id: i64,
    pub seller_id: i64,
    pub status: String,
    pub on_hold: i64,
    pub email: String,
}

pub async fn state(conn: &mut Conn, id: i64) -> Result<Option<ShipmentState>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, s.order_id, o.number, s.warehouse_id, s.seller_id, s.status, o.on_hold, o.email \
         FROM shipments s JOIN orders o ON o.id = s.order_id WHERE s.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// A shipment's lines as `(variant, quantity, picked)`, in variant order.
pub async fn lines(
    conn: &mut Conn,
    shipment: i64,
) -> Result<Vec<(i64, i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT variant_id, quantity, picked FROM shipment_lines WHERE shipment_id = $1 ORDER BY variant_id",
    )
    .bind(shipment)
    .fetch_all(conn)
    .await
}

/// The statuses of an order's shipments.
pub async fn statuses_of_order(
    conn: &mut Conn,
    order: i64,
) -> Result<Vec<ShipmentStatus>, sqlx::Error> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT status FROM shipments WHERE order_id = $1 ORDER BY id")
            .bind(order)
            .fetch_all(conn)
            .await?;
    Ok(rows
        .iter()
        .filter_map(|s| ShipmentStatus::parse(s))
        .collect())
}

#[derive(sqlx::FromRow)]
struct RowRecord {
    id: i64,
    number: String,
    warehouse_id: i64,
    code: String,
    status: String,
    short: i64,
    carrier: Option<String>,
    tracking_number: Option<String>,
    units: i64,
    address_json: String,
    pick_list_id: Option<i64>,
    updated_at: i64,
}

const ROW_SELECT: &str = "SELECT s.id, o.number, s.warehouse_id, w.code, s.status, s.short, s.carrier, \
     s.tracking_number, CAST(COALESCE((SELECT SUM(l.quantity) FROM shipment_lines l WHERE l.shipment_id = s.id), 0) AS BIGINT) AS units, \
     o.address_json, s.pick_list_id, s.updated_at \
     FROM shipments s JOIN orders o ON o.id = s.order_id JOIN warehouses w ON w.id = s.warehouse_id";

fn to_row(r: RowRecord) -> Result<ShipmentRow, sqlx::Error> {
    let (Some(order), Some(status)) = (
        OrderNumber::parse(&r.number),
        ShipmentStatus::parse(&r.status),
    ) else {
        return Err(sqlx::Error::Decode(
            format!("shipment {} does not decode", r.id).into(),
        ));
    };
    Ok(ShipmentRow {
        id: r.id,
        order,
        warehouse: WarehouseId(r.warehouse_id),
        warehouse_code: r.code,
        status,
        short: r.short != 0,
        carrier: r.carrier.as_deref().and_then(Carrier::parse),
        tracking_number: r.tracking_number,
        units: u32::try_from(r.units).unwrap_or(0),
        recipient: recipient(&r.address_json).0,
        pick_list: r.pick_list_id,
        updated_at: r.updated_at,
    })
}

/// Shipments by status and warehouse, newest first, with the total count.
pub async fn list(
    conn: &mut Conn,
    status: Option<ShipmentStatus>,
    warehouse: Option<WarehouseId>,
    page: shared::list::PageRequest,
) -> Result<(Vec<ShipmentRow>, i64), sqlx::Error> {
    let filter = " WHERE ($1 IS NULL OR s.status = $1) AND ($2 IS NULL OR s.warehouse_id = $2)";
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM shipments s{filter}"))
        .bind(status.map(ShipmentStatus::as_str))
        .bind(warehouse.map(|w| w.0))
        .fetch_one(&mut *conn)
        .await?;
    let rows: Vec<RowRecord> = sqlx::query_as(&format!(
        "{ROW_SELECT}{filter} ORDER BY s.id DESC LIMIT $3 OFFSET $4"
    ))
    .bind(status.map(ShipmentStatus::as_str))
    .bind(warehouse.map(|w| w.0))
    .bind(i64::from(page.page_size))
    .bind(page.offset())
    .fetch_all(conn)
    .await?;
    Ok((
        rows.into_iter().map(to_row).collect::<Result<_, _>>()?,
        total,
    ))
}

/// The shipments of an order, or of a pick list, oldest first.
pub async fn rows_where(
    conn: &mut Conn,
    column: Owner,
    id: i64,
) -> Result<Vec<ShipmentRow>, sqlx::Error> {
    let column = match column {
        Owner::Order => "s.order_id",
        Owner::PickList => "s.pick_list_id",
    };
    let rows: Vec<RowRecord> =
        sqlx::query_as(&format!("{ROW_SELECT} WHERE {column} = $1 ORDER BY s.id"))
            .bind(id)
            .fetch_all(conn)
            .await?;
    rows.into_iter().map(to_row).collect()
}

/// What [`rows_where`] selects by.
#[derive(Debug, Clone, Copy)]
pub enum Owner {
    Order,
    PickList,
}

#[derive(sqlx::FromRow)]
struct DetailRecord {
    seller_id: i64,
    name_zh: String,
    name_en: String,
    address: String,
    seller_zh: String,
    seller_en: String,
    address_json: String,
    shipping_method: String,
    package: Option<String>,
    weight_grams: Option<i64>,
    created_at: i64,
}

type LineRecord = (
    i64,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    i64,
    Option<i64>,
);

pub async fn detail(conn: &mut Conn, id: i64) -> Result<Option<ShipmentDetail>, sqlx::Error> {
    let row: Option<RowRecord> = sqlx::query_as(&format!("{ROW_SELECT} WHERE s.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let d: DetailRecord = sqlx::query_as(
        "SELECT s.seller_id, w.name_zh, w.name_en, w.address, se.name_zh AS seller_zh, se.name_en AS seller_en, o.address_json, \
         o.shipping_method, s.package, s.weight_grams, s.created_at FROM shipments s \
         JOIN orders o ON o.id = s.order_id JOIN warehouses w ON w.id = s.warehouse_id \
         JOIN sellers se ON se.id = s.seller_id WHERE s.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let lines: Vec<LineRecord> = sqlx::query_as(
        "SELECT l.variant_id, v.sku, v.barcode, p.name_zh, p.name_en, b.code, l.quantity, l.picked \
         FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id \
         JOIN product_variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id \
         LEFT JOIN stock_levels sl ON sl.variant_id = l.variant_id AND sl.warehouse_id = s.warehouse_id \
         LEFT JOIN warehouse_bins b ON b.id = sl.bin_id WHERE l.shipment_id = $1 ORDER BY b.code, v.sku",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let events = super::status::history::<ShipmentStatus>(conn, id).await?;
    let (_, address) = recipient(&d.address_json);
    let Some(address) = address else {
        return Err(sqlx::Error::Decode(
            format!("the address of shipment {id} does not decode").into(),
        ));
    };
    Ok(Some(ShipmentDetail {
        region: crate::divisions::region(&address),
        row: to_row(row)?,
        seller: SellerId(d.seller_id),
        warehouse_name: Localized::new(d.name_zh, d.name_en),
        warehouse_address: d.address,
        seller_name: Localized::new(d.seller_zh, d.seller_en),
        address,
        shipping_method: d.shipping_method,
        package: d.package.as_deref().and_then(PackageSize::parse),
        weight_grams: d.weight_grams.and_then(|g| u32::try_from(g).ok()),
        lines: lines
            .into_iter()
            .map(
                |(variant, sku, barcode, zh, en, bin, quantity, picked)| ShipmentLine {
                    variant: VariantId(variant),
                    sku,
                    barcode,
                    name: Localized::new(zh, en),
                    bin,
                    quantity: u32::try_from(quantity).unwrap_or(0),
                    picked: picked.and_then(|p| u32::try_from(p).ok()),
                },
            )
            .collect(),
        events,
        created_at: d.created_at,
    }))
}
