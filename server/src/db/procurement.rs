//! The procurement repository: suppliers and their lists, the stock position each item is
//! planned from, and purchase orders with their lines and history.

use super::status::Recorded;
use shared::catalog::Localized;
use shared::ids::{VariantId, WarehouseId};
use shared::money::{Currency, Money};
use shared::procurement::orders::PurchaseOrderStatus;
use shared::procurement::purchasing::{
    number, PurchaseLineView, PurchaseOrderSummary, PurchaseParty,
};
use shared::procurement::suggest::{Offer, Position};
use shared::procurement::suppliers::{OfferDraft, OfferView, SupplierDraft, SupplierSummary};
use sqlx::AnyConnection as Conn;

impl Recorded for PurchaseOrderStatus {
    const NOUN: &'static str = "purchase order";
    const TABLE: &'static str = "purchase_orders";
    const EVENTS: &'static str = "purchase_order_events";
    const OWNER: &'static str = "purchase_order_id";
}

/// The statuses whose lines are on their way (drafts count: they are the plan, and an item
/// put on one is not suggested again).
const ON_ORDER: &str = "('draft', 'sent', 'confirmed', 'partially_received')";

fn currency(code: &str) -> Currency {
    Currency::parse(code).unwrap_or_default()
}

/// A variant's name with its options: `羽绒服 黑色 M`.
fn item_name(
    zh: &str,
    en: &str,
    color: (Option<String>, Option<String>),
    size: Option<String>,
) -> Localized {
    let with = |base: &str, color: Option<String>| {
        [Some(base.to_string()), color, size.clone()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    Localized::new(with(zh, color.0), with(en, color.1))
}

const ITEM_COLUMNS: &str = "v.sku, p.name_zh, p.name_en, v.color_zh, v.color_en, v.size";

#[derive(sqlx::FromRow)]
struct SupplierRow {
    code: String,
    name: String,
    contact_name: String,
    email: String,
    phone: String,
    address: String,
    payment_terms_days: i64,
    lead_time_days: i64,
    currency: String,
    active: i64,
}

pub async fn supplier(conn: &mut Conn, id: i64) -> Result<Option<SupplierDraft>, sqlx::Error> {
    let row: Option<SupplierRow> = sqlx::query_as(
        "SELECT code, name, contact_name, email, phone, address, payment_terms_days, lead_time_days, currency, active \
         FROM suppliers WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| SupplierDraft {
        code: r.code,
        name: r.name,
        contact_name: r.contact_name,
        email: r.email,
        phone: r.phone,
        address: r.address,
        payment_terms_days: r.payment_terms_days,
        lead_time_days: r.lead_time_days,
        currency: currency(&r.currency),
        active: r.active == 1,
    }))
}

/// The supplier with code `code`, if any.
pub async fn supplier_by_code(conn: &mut Conn, code: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM suppliers WHERE code = $1")
        .bind(code)
        .fetch_optional(conn)
        .await
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    code: String,
    name: String,
    contact_name: String,
    currency: String,
    lead_time_days: i64,
    active: i64,
    offers: i64,
    open_orders: i64,
}

/// Every supplier, active ones first, by code.
pub async fn suppliers(conn: &mut Conn) -> Result<Vec<SupplierSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "SELECT s.id, s.code, s.name, s.contact_name, s.currency, s.lead_time_days, s.active, \
         (SELECT COUNT(*) FROM supplier_offers o WHERE o.supplier_id = s.id) AS offers, \
         (SELECT COUNT(*) FROM purchase_orders po WHERE po.supplier_id = s.id AND po.status IN {ON_ORDER}) AS open_orders \
         FROM suppliers s ORDER BY s.active DESC, s.code"
    ))
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SupplierSummary {
            id: r.id,
            code: r.code,
            name: r.name,
            contact_name: r.contact_name,
            currency: currency(&r.currency),
            lead_time_days: r.lead_time_days,
            active: r.active == 1,
            offers: r.offers,
            open_orders: r.open_orders,
        })
        .collect())
}

pub async fn insert_supplier(
    conn: &mut Conn,
    d: &SupplierDraft,
    at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO suppliers (code, name, contact_name, email, phone, address, payment_terms_days, lead_time_days, currency, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
    )
    .bind(&d.code)
    .bind(&d.name)
    .bind(&d.contact_name)
    .bind(&d.email)
    .bind(&d.phone)
    .bind(&d.address)
    .bind(d.payment_terms_days)
    .bind(d.lead_time_days)
    .bind(d.currency.code())
    .bind(i64::from(d.active))
    .bind(at)
    .fetch_one(conn)
    .await
}

pub async fn update_supplier(
    conn: &mut Conn,
    id: i64,
    d: &SupplierDraft,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE suppliers SET code = $1, name = $2, contact_name = $3, email = $4, phone = $5, address = $6, \
         payment_terms_days = $7, lead_time_days = $8, currency = $9, active = $10, updated_at = $11 WHERE id = $12",
    )
    .bind(&d.code)
    .bind(&d.name)
    .bind(&d.contact_name)
    .bind(&d.email)
    .bind(&d.phone)
    .bind(&d.address)
    .bind(d.payment_terms_days)
    .bind(d.lead_time_days)
    .bind(d.currency.code())
    .bind(i64::from(d.active))
    .bind(at)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The variant with SKU `sku`, if any.
pub async fn variant_by_sku(conn: &mut Conn, sku: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM product_variants WHERE sku = $1")
        .bind(sku)
        .fetch_optional(conn)
        .await
}

/// Replaces supplier `supplier`'s list with `offers` (each with its variant's id).
pub async fn replace_offers(
    conn: &mut Conn,
    supplier: i64,
    offers: &[(i64, OfferDraft)],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM supplier_offers WHERE supplier_id = $1")
        .bind(supplier)
        .execute(&mut *conn)
        .await?;
    for (variant, o) in offers {
        sqlx::query(
            "INSERT INTO supplier_offers (supplier_id, variant_id, unit_cost, min_order, pack, lead_time_days) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(supplier)
        .bind(variant)
        .bind(o.unit_cost)
        .bind(o.min_order)
        .bind(o.pack)
        .bind(o.lead_time_days)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct OfferRow {
    variant_id: i64,
    sku: String,
    name_zh: String,
    name_en: String,
    color_zh: Option<String>,
    color_en: Option<String>,
    size: Option<String>,
    item_kind: String,
    unit_cost: i64,
    min_order: i64,
    pack: i64,
    lead_time_days: Option<i64>,
    currency: String,
}

/// Supplier `supplier`'s list, by SKU.
pub async fn offers(conn: &mut Conn, supplier: i64) -> Result<Vec<OfferView>, sqlx::Error> {
    let rows: Vec<OfferRow> = sqlx::query_as(&format!(
        "SELECT o.variant_id, {ITEM_COLUMNS}, p.item_kind, o.unit_cost, o.min_order, o.pack, o.lead_time_days, s.currency \
         FROM supplier_offers o JOIN suppliers s ON s.id = o.supplier_id \
         JOIN product_variants v ON v.id = o.variant_id JOIN products p ON p.id = v.product_id \
         WHERE o.supplier_id = $1 ORDER BY v.sku"
    ))
    .bind(supplier)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| OfferView {
            variant: VariantId(r.variant_id),
            sku: r.sku,
            name: item_name(&r.name_zh, &r.name_en, (r.color_zh, r.color_en), r.size),
            raw_material: r.item_kind == "raw_material",
            unit_cost: Money::new(r.unit_cost, currency(&r.currency)),
            min_order: r.min_order,
            pack: r.pack,
            lead_time_days: r.lead_time_days,
        })
        .collect())
}

/// What the planner knows of an item: its position, name and its active suppliers' offers.
pub struct Planned {
    pub position: Position,
    pub sku: String,
    pub name: Localized,
    pub raw_material: bool,
    pub offers: Vec<Offer>,
}

#[derive(sqlx::FromRow)]
struct PositionRow {
    variant_id: i64,
    sku: String,
    name_zh: String,
    name_en: String,
    color_zh: Option<String>,
    color_en: Option<String>,
    size: Option<String>,
    item_kind: String,
    on_hand: i64,
    reserved: i64,
    reorder_point: i64,
    in_transit: i64,
    on_order: i64,
    used: i64,
}

#[derive(sqlx::FromRow)]
struct PlanOfferRow {
    variant_id: i64,
    supplier_id: i64,
    unit_cost: i64,
    min_order: i64,
    pack: i64,
    lead_time_days: i64,
}

/// Every item an active supplier sells in `currency`, with its position across all
/// warehouses at `now` (sales of the 30 days before) and those suppliers' offers.
pub async fn planned(
    conn: &mut Conn,
    currency: Currency,
    now: i64,
) -> Result<Vec<Planned>, sqlx::Error> {
    let since = now - 30 * 24 * 3_600_000;
    let rows: Vec<PositionRow> = sqlx::query_as(&format!(
        "SELECT v.id AS variant_id, {ITEM_COLUMNS}, p.item_kind, \
         CAST(COALESCE((SELECT SUM(l.on_hand) FROM stock_levels l WHERE l.variant_id = v.id), 0) AS BIGINT) AS on_hand, \
         CAST(COALESCE((SELECT SUM(l.reserved) FROM stock_levels l WHERE l.variant_id = v.id), 0) AS BIGINT) AS reserved, \
         CAST(COALESCE((SELECT SUM(l.reorder_point) FROM stock_levels l WHERE l.variant_id = v.id), 0) AS BIGINT) AS reorder_point, \
         CAST(COALESCE((SELECT SUM(t.quantity) FROM transfer_lines t JOIN transfers tr ON tr.id = t.transfer_id \
                   WHERE t.variant_id = v.id AND tr.status = 'shipped'), 0) AS BIGINT) AS in_transit, \
         CAST(COALESCE((SELECT SUM(pl.quantity - pl.received) FROM purchase_order_lines pl JOIN purchase_orders po ON po.id = pl.purchase_order_id \
                   WHERE pl.variant_id = v.id AND po.status IN {ON_ORDER} AND pl.quantity > pl.received), 0) AS BIGINT) AS on_order, \
         CAST(COALESCE((SELECT SUM(m.quantity) FROM stock_movements m WHERE m.variant_id = v.id AND m.kind = 'shipment' AND m.at >= $1), 0) AS BIGINT) AS used \
         FROM product_variants v JOIN products p ON p.id = v.product_id \
         WHERE EXISTS (SELECT 1 FROM supplier_offers o JOIN suppliers s ON s.id = o.supplier_id \
                       WHERE o.variant_id = v.id AND s.active = 1 AND s.currency = $2) \
         ORDER BY v.sku"
    ))
    .bind(since)
    .bind(currency.code())
    .fetch_all(&mut *conn)
    .await?;
    let offers: Vec<PlanOfferRow> = sqlx::query_as(
        "SELECT o.variant_id, o.supplier_id, o.unit_cost, o.min_order, o.pack, COALESCE(o.lead_time_days, s.lead_time_days) AS lead_time_days \
         FROM supplier_offers o JOIN suppliers s ON s.id = o.supplier_id WHERE s.active = 1 AND s.currency = $1",
    )
    .bind(currency.code())
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Planned {
            position: Position {
                item: r.variant_id,
                on_hand: r.on_hand + r.in_transit,
                reserved: r.reserved,
                open_demand: 0,
                on_order: r.on_order,
                reorder_point: r.reorder_point,
                used_30_days: r.used,
            },
            offers: offers
                .iter()
                .filter(|o| o.variant_id == r.variant_id)
                .map(|o| Offer {
                    supplier: o.supplier_id,
                    unit_cost: o.unit_cost,
                    min_order: o.min_order,
                    pack: o.pack,
                    lead_time_days: o.lead_time_days,
                })
                .collect(),
            sku: r.sku,
            name: item_name(&r.name_zh, &r.name_en, (r.color_zh, r.color_en), r.size),
            raw_material: r.item_kind == "raw_material",
        })
        .collect())
}

/// Supplier `supplier`'s price for `variant` and its lead time, when it is on their list
/// and they are active.
pub async fn offer_of(
    conn: &mut Conn,
    supplier: i64,
    variant: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.unit_cost, COALESCE(o.lead_time_days, s.lead_time_days) FROM supplier_offers o \
         JOIN suppliers s ON s.id = o.supplier_id WHERE o.supplier_id = $1 AND o.variant_id = $2 AND s.active = 1",
    )
    .bind(supplier)
    .bind(variant)
    .fetch_optional(conn)
    .await
}

/// An active supplier's currency.
pub async fn active_currency(
    conn: &mut Conn,
    supplier: i64,
) -> Result<Option<Currency>, sqlx::Error> {
    let code: Option<String> =
        sqlx::query_scalar("SELECT currency FROM suppliers WHERE id = $1 AND active = 1")
            .bind(supplier)
            .fetch_optional(conn)
            .await?;
    Ok(code.as_deref().map(currency))
}

/// The head of a purchase order as its workflow needs it.
#[derive(Debug, sqlx::FromRow)]
pub struct Head {
    pub status: String,
    pub supplier_id: i64,
    pub currency: String,
    pub total: i64,
    pub written_by: i64,
    pub approved_by: Option<i64>,
}

pub async fn head(conn: &mut Conn, id: i64, lock: bool) -> Result<Option<Head>, sqlx::Error> {
    let lock = if lock && conn.backend_name() == "PostgreSQL" {
        " FOR UPDATE"
    } else {
        ""
    };
    sqlx::query_as(&format!(
        "SELECT status, supplier_id, currency, total, written_by, approved_by FROM purchase_orders WHERE id = $1{lock}"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// A new draft of `supplier` for `warehouse`, written by `user`.
pub struct NewOrder<'a> {
    pub supplier: i64,
    pub warehouse: i64,
    pub currency: Currency,
    pub note: &'a str,
    pub user: i64,
    pub at: i64,
}

pub async fn insert_order(conn: &mut Conn, o: &NewOrder<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO purchase_orders (supplier_id, warehouse_id, currency, status, total, note, created_by, written_by, created_at, updated_at) \
         VALUES ($1, $2, $3, 'draft', 0, $4, $5, $5, $6, $6) RETURNING id",
    )
    .bind(o.supplier)
    .bind(o.warehouse)
    .bind(o.currency.code())
    .bind(o.note)
    .bind(o.user)
    .bind(o.at)
    .fetch_one(conn)
    .await
}

/// Makes `lines` (variant, quantity, unit cost) the draft's, its total theirs, its writer
/// `user`, and withdraws any approval (it approved other lines).
pub async fn set_lines(
    conn: &mut Conn,
    id: i64,
    lines: &[(i64, i64, i64)],
    warehouse: i64,
    note: &str,
    user: i64,
    at: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query("DELETE FROM purchase_order_lines WHERE purchase_order_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (position, (variant, quantity, cost)) in lines.iter().enumerate() {
        sqlx::query(
            "INSERT INTO purchase_order_lines (purchase_order_id, position, variant_id, quantity, unit_cost) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(i64::try_from(position).unwrap_or(0))
        .bind(variant)
        .bind(quantity)
        .bind(cost)
        .execute(&mut *conn)
        .await?;
    }
    let total: i64 = lines.iter().map(|(_, q, c)| q * c).sum();
    sqlx::query(
        "UPDATE purchase_orders SET total = $1, warehouse_id = $2, note = $3, written_by = $4, approved_by = NULL, approved_at = NULL, updated_at = $5 WHERE id = $6",
    )
    .bind(total)
    .bind(warehouse)
    .bind(note)
    .bind(user)
    .bind(at)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(total)
}

pub async fn approve(conn: &mut Conn, id: i64, user: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE purchase_orders SET approved_by = $1, approved_at = $2, updated_at = $2 WHERE id = $3")
        .bind(user)
        .bind(at)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Sent at `at`: each line is expected after its lead time from the supplier's list (the
/// supplier's confirmation sets the date they promise).
pub async fn mark_sent(conn: &mut Conn, id: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE purchase_orders SET sent_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE purchase_order_lines SET expected_at = $1 + 86400000 * COALESCE( \
           (SELECT COALESCE(o.lead_time_days, s.lead_time_days) FROM purchase_orders po \
            JOIN suppliers s ON s.id = po.supplier_id \
            LEFT JOIN supplier_offers o ON o.supplier_id = po.supplier_id AND o.variant_id = purchase_order_lines.variant_id \
            WHERE po.id = purchase_order_lines.purchase_order_id), 0) \
         WHERE purchase_order_id = $2",
    )
    .bind(at)
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ())
}

/// The units of each line of purchase order `id`, in order.
pub async fn line_quantities(conn: &mut Conn, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT quantity FROM purchase_order_lines WHERE purchase_order_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(conn)
    .await
}

/// Units received against purchase order `id`, all lines together.
pub async fn received_units(conn: &mut Conn, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT CAST(COALESCE(SUM(received), 0) AS BIGINT) FROM purchase_order_lines WHERE purchase_order_id = $1")
        .bind(id)
        .fetch_one(conn)
        .await
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    id: i64,
    status: String,
    supplier_id: i64,
    supplier_name: String,
    wh_zh: String,
    wh_en: String,
    total: i64,
    currency: String,
    lines: i64,
    created_at: i64,
    expected_at: Option<i64>,
    late: i64,
    approved_by: Option<i64>,
}

/// Purchase orders (of one status when given), newest first, at `now` for lateness;
/// `threshold` says which drafts wait for approval.
pub async fn orders(
    conn: &mut Conn,
    status: Option<PurchaseOrderStatus>,
    now: i64,
    threshold: i64,
) -> Result<Vec<PurchaseOrderSummary>, sqlx::Error> {
    let rows: Vec<OrderRow> = sqlx::query_as(
        "SELECT po.id, po.status, po.supplier_id, s.name AS supplier_name, w.name_zh AS wh_zh, w.name_en AS wh_en, \
         po.total, po.currency, po.approved_by, po.created_at, \
         (SELECT COUNT(*) FROM purchase_order_lines l WHERE l.purchase_order_id = po.id) AS lines, \
         (SELECT MAX(l.expected_at) FROM purchase_order_lines l WHERE l.purchase_order_id = po.id) AS expected_at, \
         (SELECT COUNT(*) FROM purchase_order_lines l WHERE l.purchase_order_id = po.id AND l.expected_at < $1 AND l.received < l.quantity \
            AND po.status IN ('sent', 'confirmed', 'partially_received')) AS late \
         FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id JOIN warehouses w ON w.id = po.warehouse_id \
         WHERE ($2 IS NULL OR po.status = $2) ORDER BY po.id DESC LIMIT 500",
    )
    .bind(now)
    .bind(status.map(PurchaseOrderStatus::as_str))
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let status =
                PurchaseOrderStatus::parse(&r.status).unwrap_or(PurchaseOrderStatus::Draft);
            PurchaseOrderSummary {
                id: r.id,
                number: number(r.id),
                status,
                supplier: r.supplier_id,
                supplier_name: r.supplier_name,
                warehouse_name: Localized::new(r.wh_zh, r.wh_en),
                total: Money::new(r.total, currency(&r.currency)),
                lines: r.lines,
                created_at: r.created_at,
                expected_at: r.expected_at,
                late: r.late > 0,
                awaiting_approval: status == PurchaseOrderStatus::Draft
                    && r.approved_by.is_none()
                    && shared::procurement::orders::needs_approval(
                        r.total,
                        shared::procurement::orders::threshold_for(
                            threshold,
                            currency(&r.currency),
                            Currency::default(),
                        ),
                    ),
            }
        })
        .collect())
}

/// Everything of purchase order `id` but its lines and events.
#[derive(sqlx::FromRow)]
pub struct OrderHeadRow {
    pub status: String,
    pub warehouse_id: i64,
    pub wh_zh: String,
    pub wh_en: String,
    pub currency: String,
    pub total: i64,
    pub note: String,
    pub created_at: i64,
    pub writer: String,
    pub approver: Option<String>,
    pub approved_at: Option<i64>,
    pub sent_at: Option<i64>,
    pub supplier_id: i64,
    pub code: String,
    pub name: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub payment_terms_days: i64,
}

impl OrderHeadRow {
    pub fn party(&self) -> PurchaseParty {
        PurchaseParty {
            id: self.supplier_id,
            code: self.code.clone(),
            name: self.name.clone(),
            contact_name: self.contact_name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            address: self.address.clone(),
            payment_terms_days: self.payment_terms_days,
        }
    }

    pub fn warehouse(&self) -> (WarehouseId, Localized) {
        (
            WarehouseId(self.warehouse_id),
            Localized::new(self.wh_zh.clone(), self.wh_en.clone()),
        )
    }

    pub fn currency(&self) -> Currency {
        currency(&self.currency)
    }
}

pub async fn order_head(conn: &mut Conn, id: i64) -> Result<Option<OrderHeadRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT po.status, po.warehouse_id, w.name_zh AS wh_zh, w.name_en AS wh_en, po.currency, po.total, po.note, po.created_at, \
         wu.display_name AS writer, au.display_name AS approver, po.approved_at, po.sent_at, \
         s.id AS supplier_id, s.code, s.name, s.contact_name, s.email, s.phone, s.address, s.payment_terms_days \
         FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id JOIN warehouses w ON w.id = po.warehouse_id \
         JOIN users wu ON wu.id = po.written_by LEFT JOIN users au ON au.id = po.approved_by WHERE po.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

#[derive(sqlx::FromRow)]
struct LineRow {
    variant_id: i64,
    sku: String,
    name_zh: String,
    name_en: String,
    color_zh: Option<String>,
    color_en: Option<String>,
    size: Option<String>,
    quantity: i64,
    unit_cost: i64,
    promised_at: Option<i64>,
    expected_at: Option<i64>,
    proposed_quantity: Option<i64>,
    announced: i64,
    received: i64,
}

pub async fn lines(
    conn: &mut Conn,
    id: i64,
    cur: Currency,
) -> Result<Vec<PurchaseLineView>, sqlx::Error> {
    let rows: Vec<LineRow> = sqlx::query_as(&format!(
        "SELECT l.variant_id, {ITEM_COLUMNS}, l.quantity, l.unit_cost, l.promised_at, l.expected_at, l.proposed_quantity, l.received, \
         CAST(COALESCE((SELECT SUM(al.quantity) FROM asn_lines al JOIN asns a ON a.id = al.asn_id \
           WHERE a.purchase_order_id = l.purchase_order_id AND al.variant_id = l.variant_id), 0) AS BIGINT) AS announced \
         FROM purchase_order_lines l JOIN product_variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id \
         WHERE l.purchase_order_id = $1 ORDER BY l.position"
    ))
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PurchaseLineView {
            variant: VariantId(r.variant_id),
            sku: r.sku,
            name: item_name(&r.name_zh, &r.name_en, (r.color_zh, r.color_en), r.size),
            quantity: r.quantity,
            unit_cost: Money::new(r.unit_cost, cur),
            amount: Money::new(r.unit_cost * r.quantity, cur),
            promised_at: r.promised_at,
            expected_at: r.expected_at,
            proposed_quantity: r.proposed_quantity,
            announced: r.announced,
            received: r.received,
        })
        .collect())
}
