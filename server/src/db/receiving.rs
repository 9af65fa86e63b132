//! The receiving repository: inspection plans, goods receipts with their lines, the inbound
//! ledger, return-to-supplier documents, and where an item is put away.

use shared::catalog::Localized;
use shared::ids::{VariantId, WarehouseId};
use shared::money::{Currency, Money};
use shared::procurement::purchasing::number;
use shared::procurement::receiving::{
    receipt_number, CharacteristicResult, ReceiptLineView, ReceiptStatus, ReceiptSummary,
    ReceiptView, RejectTo, DEFAULT_PLAN,
};
use shared::procurement::sampling::{sample, Aql, InspectionPlan, Verdict};
use sqlx::AnyConnection as Conn;

/// A plan as stored: its mode and AQL.
pub fn plan_of(mode: &str, aql: Option<i64>) -> InspectionPlan {
    match (mode, aql.and_then(|a| u32::try_from(a).ok())) {
        ("sampled", Some(a)) => InspectionPlan::Sampled { aql: Aql(a) },
        ("full", _) => InspectionPlan::Full,
        _ => DEFAULT_PLAN,
    }
}

fn stored(plan: InspectionPlan) -> (&'static str, Option<i64>) {
    match plan {
        InspectionPlan::Full => ("full", None),
        InspectionPlan::Sampled { aql } => ("sampled", Some(i64::from(aql.0))),
    }
}

/// Product `product`'s plan and characteristics (the default plan when it has none).
pub async fn plan(
    conn: &mut Conn,
    product: i64,
) -> Result<(InspectionPlan, Vec<String>), sqlx::Error> {
    let row: Option<(String, Option<i64>, String)> = sqlx::query_as(
        "SELECT mode, aql, characteristics FROM inspection_plans WHERE product_id = $1",
    )
    .bind(product)
    .fetch_optional(conn)
    .await?;
    Ok(match row {
        Some((mode, aql, c)) => (
            plan_of(&mode, aql),
            c.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
        ),
        None => (DEFAULT_PLAN, Vec::new()),
    })
}

pub async fn set_plan(
    conn: &mut Conn,
    product: i64,
    plan: InspectionPlan,
    characteristics: &[String],
) -> Result<(), sqlx::Error> {
    let (mode, aql) = stored(plan);
    sqlx::query(
        "INSERT INTO inspection_plans (product_id, mode, aql, characteristics) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (product_id) DO UPDATE SET mode = excluded.mode, aql = excluded.aql, characteristics = excluded.characteristics",
    )
    .bind(product)
    .bind(mode)
    .bind(aql)
    .bind(characteristics.join("\n"))
    .execute(conn)
    .await
    .map(|_| ())
}

pub async fn product_exists(conn: &mut Conn, product: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE id = $1")
        .bind(product)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// The product of variant `variant`.
pub async fn product_of(conn: &mut Conn, variant: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT product_id FROM product_variants WHERE id = $1")
        .bind(variant)
        .fetch_one(conn)
        .await
}

/// Purchase order `id`'s lines: item, units ordered, units received, unit cost.
pub async fn order_lines(
    conn: &mut Conn,
    id: i64,
) -> Result<Vec<(i64, i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT variant_id, quantity, received, unit_cost FROM purchase_order_lines WHERE purchase_order_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(conn)
    .await
}

pub async fn add_received(
    conn: &mut Conn,
    id: i64,
    variant: i64,
    quantity: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE purchase_order_lines SET received = received + $1 WHERE purchase_order_id = $2 AND variant_id = $3")
        .bind(quantity)
        .bind(id)
        .bind(variant)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Marks shipping notice `asn` of order `order` received; `false` when it is not the
/// order's or was received already.
pub async fn receive_asn(conn: &mut Conn, order: i64, asn: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE asns SET status = 'received' WHERE id = $1 AND purchase_order_id = $2 AND status = 'announced'")
        .bind(asn)
        .bind(order)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub struct NewReceipt<'a> {
    pub order: i64,
    pub asn: Option<i64>,
    pub warehouse: i64,
    pub note: &'a str,
    pub user: i64,
    pub at: i64,
}

pub async fn insert_receipt(conn: &mut Conn, r: &NewReceipt<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO receipts (purchase_order_id, asn_id, warehouse_id, status, note, received_by, received_at) \
         VALUES ($1, $2, $3, 'received', $4, $5, $6) RETURNING id",
    )
    .bind(r.order)
    .bind(r.asn)
    .bind(r.warehouse)
    .bind(r.note)
    .bind(r.user)
    .bind(r.at)
    .fetch_one(conn)
    .await
}

/// A line of a new receipt.
pub struct NewLine {
    pub position: i64,
    pub variant: i64,
    pub expected: i64,
    pub quantity: i64,
    pub unit_cost: i64,
    pub plan: InspectionPlan,
}

pub async fn insert_line(conn: &mut Conn, receipt: i64, l: &NewLine) -> Result<(), sqlx::Error> {
    let (mode, aql) = stored(l.plan);
    sqlx::query(
        "INSERT INTO receipt_lines (receipt_id, position, variant_id, expected, quantity, unit_cost, plan_mode, plan_aql) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(receipt)
    .bind(l.position)
    .bind(l.variant)
    .bind(l.expected)
    .bind(l.quantity)
    .bind(l.unit_cost)
    .bind(mode)
    .bind(aql)
    .execute(conn)
    .await
    .map(|_| ())
}

/// One row of the inbound ledger: `quantity` units of `variant` of receipt `receipt`
/// were `kind` (into `bin`, for a put-away) by `actor` at `at`.
pub struct Inbound<'a> {
    pub receipt: i64,
    pub variant: i64,
    pub kind: &'a str,
    pub quantity: i64,
    pub bin: Option<&'a str>,
    pub actor: &'a str,
    pub at: i64,
}

pub async fn movement(conn: &mut Conn, m: &Inbound<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO inbound_movements (receipt_id, variant_id, kind, quantity, bin_code, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(m.receipt)
    .bind(m.variant)
    .bind(m.kind)
    .bind(m.quantity)
    .bind(m.bin)
    .bind(m.actor)
    .bind(m.at)
    .execute(conn)
    .await
    .map(|_| ())
}

/// A receipt's status and warehouse, locked for a change on PostgreSQL.
pub async fn head(conn: &mut Conn, id: i64) -> Result<Option<(String, i64, i64)>, sqlx::Error> {
    let lock = if conn.backend_name() == "PostgreSQL" {
        " FOR UPDATE"
    } else {
        ""
    };
    sqlx::query_as(&format!(
        "SELECT status, warehouse_id, purchase_order_id FROM receipts WHERE id = $1{lock}"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub async fn set_status(
    conn: &mut Conn,
    id: i64,
    status: ReceiptStatus,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE receipts SET status = $1 WHERE id = $2")
        .bind(status.as_str())
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// The decision on line `variant` of receipt `id`.
pub struct Decision<'a> {
    pub variant: i64,
    pub inspected: i64,
    pub defective: i64,
    pub concession: bool,
    pub accepted: i64,
    pub rejected: i64,
    pub rejected_to: RejectTo,
    pub results: &'a [CharacteristicResult],
}

fn results_text(results: &[CharacteristicResult]) -> String {
    results
        .iter()
        .map(|r| {
            let clean = |t: &str| t.replace(['\t', '\n'], " ");
            format!(
                "{}\t{}\t{}",
                clean(&r.characteristic),
                u8::from(r.passed),
                clean(&r.note)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn results_of(text: &str) -> Vec<CharacteristicResult> {
    text.lines()
        .filter_map(|l| {
            let mut parts = l.splitn(3, '\t');
            Some(CharacteristicResult {
                characteristic: parts.next()?.to_string(),
                passed: parts.next()? == "1",
                note: parts.next().unwrap_or_default().to_string(),
            })
        })
        .collect()
}

pub async fn decide(conn: &mut Conn, id: i64, d: &Decision<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE receipt_lines SET inspected = $1, defective = $2, concession = $3, accepted = $4, rejected = $5, \
         rejected_to = $6, results = $7 WHERE receipt_id = $8 AND variant_id = $9",
    )
    .bind(d.inspected)
    .bind(d.defective)
    .bind(i64::from(d.concession))
    .bind(d.accepted)
    .bind(d.rejected)
    .bind((d.rejected > 0).then(|| d.rejected_to.as_str()))
    .bind(results_text(d.results))
    .bind(id)
    .bind(d.variant)
    .execute(conn)
    .await
    .map(|_| ())
}

/// A return-to-supplier document of receipt `receipt` with `lines` (item, units, cost).
pub async fn insert_supplier_return(
    conn: &mut Conn,
    receipt: i64,
    supplier: i64,
    lines: &[(i64, i64, i64)],
    at: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO supplier_returns (receipt_id, supplier_id, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(receipt)
    .bind(supplier)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    for (variant, quantity, cost) in lines {
        sqlx::query(
            "INSERT INTO supplier_return_lines (supplier_return_id, variant_id, quantity, unit_cost) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(variant)
        .bind(quantity)
        .bind(cost)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// Receipt `id`'s lines as inspected: item, units arrived, accepted, unit cost.
pub async fn accepted_lines(
    conn: &mut Conn,
    id: i64,
) -> Result<Vec<(i64, i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT variant_id, quantity, COALESCE(accepted, 0), unit_cost FROM receipt_lines WHERE receipt_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(conn)
    .await
}

/// The bin of `code` in `warehouse`.
pub async fn bin(conn: &mut Conn, warehouse: i64, code: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM warehouse_bins WHERE warehouse_id = $1 AND code = $2")
        .bind(warehouse)
        .bind(code)
        .fetch_optional(conn)
        .await
}

/// The item's stock level in `warehouse`: (its bin, if any); none when it has no level there.
pub async fn level_bin(
    conn: &mut Conn,
    variant: i64,
    warehouse: i64,
) -> Result<Option<Option<i64>>, sqlx::Error> {
    let row: Option<(Option<i64>,)> = sqlx::query_as(
        "SELECT bin_id FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2",
    )
    .bind(variant)
    .bind(warehouse)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(b,)| b))
}

/// Whether another item lives in bin `bin`.
pub async fn bin_taken(conn: &mut Conn, bin: i64, variant: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM stock_levels WHERE bin_id = $1 AND variant_id <> $2",
    )
    .bind(bin)
    .bind(variant)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// Gives the item a level in `warehouse` (none yet) or its first bin.
pub async fn place(
    conn: &mut Conn,
    variant: i64,
    warehouse: i64,
    bin: i64,
    exists: bool,
) -> Result<(), sqlx::Error> {
    if exists {
        sqlx::query(
            "UPDATE stock_levels SET bin_id = $1 WHERE variant_id = $2 AND warehouse_id = $3",
        )
        .bind(bin)
        .bind(variant)
        .bind(warehouse)
        .execute(conn)
        .await
        .map(|_| ())
    } else {
        sqlx::query(
            "INSERT INTO stock_levels (variant_id, warehouse_id, on_hand, reserved, seller_id, bin_id) \
             SELECT id, $2, 0, 0, seller_id, $3 FROM product_variants WHERE id = $1",
        )
        .bind(variant)
        .bind(warehouse)
        .bind(bin)
        .execute(conn)
        .await
        .map(|_| ())
    }
}

/// The item's units on hand in every warehouse and its cost.
pub async fn stock_and_cost(
    conn: &mut Conn,
    variant: i64,
) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(COALESCE((SELECT SUM(on_hand) FROM stock_levels WHERE variant_id = v.id), 0) AS BIGINT), v.cost \
         FROM product_variants v WHERE v.id = $1",
    )
    .bind(variant)
    .fetch_one(conn)
    .await
}

pub async fn set_cost(conn: &mut Conn, variant: i64, cost: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE product_variants SET cost = $1 WHERE id = $2")
        .bind(cost)
        .bind(variant)
        .execute(conn)
        .await
        .map(|_| ())
}

pub async fn put_away(
    conn: &mut Conn,
    id: i64,
    variant: i64,
    bin: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE receipt_lines SET put_away_bin = $1 WHERE receipt_id = $2 AND variant_id = $3",
    )
    .bind(bin)
    .bind(id)
    .bind(variant)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Where the item goes in `warehouse`: its own bin, else the first bin nobody lives in.
pub async fn suggested_bin(
    conn: &mut Conn,
    variant: i64,
    warehouse: i64,
) -> Result<Option<String>, sqlx::Error> {
    let own: Option<String> = sqlx::query_scalar(
        "SELECT b.code FROM stock_levels l JOIN warehouse_bins b ON b.id = l.bin_id WHERE l.variant_id = $1 AND l.warehouse_id = $2",
    )
    .bind(variant)
    .bind(warehouse)
    .fetch_optional(&mut *conn)
    .await?;
    if own.is_some() {
        return Ok(own);
    }
    sqlx::query_scalar(
        "SELECT b.code FROM warehouse_bins b WHERE b.warehouse_id = $1 \
         AND NOT EXISTS (SELECT 1 FROM stock_levels l WHERE l.bin_id = b.id) ORDER BY b.code LIMIT 1",
    )
    .bind(warehouse)
    .fetch_optional(conn)
    .await
}

#[derive(sqlx::FromRow)]
struct HeadRow {
    status: String,
    purchase_order_id: i64,
    supplier: String,
    warehouse_id: i64,
    wh_zh: String,
    wh_en: String,
    currency: String,
    asn_id: Option<i64>,
    received_at: i64,
    received_by: String,
    note: String,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    variant_id: i64,
    sku: String,
    name_zh: String,
    name_en: String,
    product_id: i64,
    expected: i64,
    quantity: i64,
    unit_cost: i64,
    plan_mode: String,
    plan_aql: Option<i64>,
    defective: Option<i64>,
    concession: i64,
    accepted: Option<i64>,
    rejected: Option<i64>,
    rejected_to: Option<String>,
    results: String,
    put_away_bin: Option<String>,
}

pub async fn view(conn: &mut Conn, id: i64) -> Result<Option<ReceiptView>, sqlx::Error> {
    let head: Option<HeadRow> = sqlx::query_as(
        "SELECT r.status, r.purchase_order_id, s.name AS supplier, r.warehouse_id, w.name_zh AS wh_zh, w.name_en AS wh_en, \
         po.currency, r.asn_id, r.received_at, u.display_name AS received_by, r.note \
         FROM receipts r JOIN purchase_orders po ON po.id = r.purchase_order_id JOIN suppliers s ON s.id = po.supplier_id \
         JOIN warehouses w ON w.id = r.warehouse_id JOIN users u ON u.id = r.received_by WHERE r.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(h) = head else { return Ok(None) };
    let currency = Currency::parse(&h.currency).unwrap_or_default();
    let rows: Vec<LineRow> = sqlx::query_as(
        "SELECT l.variant_id, v.sku, p.name_zh, p.name_en, p.id AS product_id, l.expected, l.quantity, l.unit_cost, \
         l.plan_mode, l.plan_aql, l.defective, l.concession, l.accepted, l.rejected, l.rejected_to, l.results, l.put_away_bin \
         FROM receipt_lines l JOIN product_variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id \
         WHERE l.receipt_id = $1 ORDER BY l.position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut lines = Vec::with_capacity(rows.len());
    for r in rows {
        let plan = plan_of(&r.plan_mode, r.plan_aql);
        let lot = u32::try_from(r.quantity).unwrap_or(0);
        let s = sample(plan, lot);
        let verdict = match (r.defective, s) {
            (Some(d), Some(s)) if matches!(plan, InspectionPlan::Sampled { .. }) => Some(
                shared::procurement::sampling::verdict(s, u32::try_from(d).unwrap_or(u32::MAX)),
            ),
            (Some(_), _) => Some(Verdict::Accepted),
            _ => None,
        };
        let characteristics = self::plan(&mut *conn, r.product_id).await?.1;
        lines.push(ReceiptLineView {
            variant: VariantId(r.variant_id),
            suggested_bin: match r.put_away_bin {
                Some(_) => None,
                None => suggested_bin(&mut *conn, r.variant_id, h.warehouse_id).await?,
            },
            sku: r.sku,
            name: Localized::new(r.name_zh, r.name_en),
            expected: r.expected,
            quantity: r.quantity,
            unit_cost: Money::new(r.unit_cost, currency),
            plan,
            characteristics,
            sample: s,
            defective: r.defective,
            verdict,
            concession: r.concession == 1,
            accepted: r.accepted,
            rejected: r.rejected,
            rejected_to: r.rejected_to.as_deref().and_then(RejectTo::parse),
            results: results_of(&r.results),
            put_away_bin: r.put_away_bin,
        });
    }
    Ok(Some(ReceiptView {
        id,
        number: receipt_number(id),
        status: ReceiptStatus::parse(&h.status).unwrap_or(ReceiptStatus::Received),
        purchase_order: h.purchase_order_id,
        purchase_order_number: number(h.purchase_order_id),
        supplier: h.supplier,
        warehouse: WarehouseId(h.warehouse_id),
        warehouse_name: Localized::new(h.wh_zh, h.wh_en),
        asn: h.asn_id,
        received_at: h.received_at,
        received_by: h.received_by,
        note: h.note,
        lines,
    }))
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    status: String,
    purchase_order_id: i64,
    supplier: String,
    wh_zh: String,
    wh_en: String,
    received_at: i64,
    units: i64,
}

/// Receipts (of one status when given, of one order when given), newest first.
pub async fn list(
    conn: &mut Conn,
    status: Option<ReceiptStatus>,
    order: Option<i64>,
) -> Result<Vec<ReceiptSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT r.id, r.status, r.purchase_order_id, s.name AS supplier, w.name_zh AS wh_zh, w.name_en AS wh_en, r.received_at, \
         CAST(COALESCE((SELECT SUM(l.quantity) FROM receipt_lines l WHERE l.receipt_id = r.id), 0) AS BIGINT) AS units \
         FROM receipts r JOIN purchase_orders po ON po.id = r.purchase_order_id JOIN suppliers s ON s.id = po.supplier_id \
         JOIN warehouses w ON w.id = r.warehouse_id \
         WHERE ($1 IS NULL OR r.status = $1) AND ($2 IS NULL OR r.purchase_order_id = $2) ORDER BY r.id DESC LIMIT 500",
    )
    .bind(status.map(ReceiptStatus::as_str))
    .bind(order)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ReceiptSummary {
            id: r.id,
            number: receipt_number(r.id),
            status: ReceiptStatus::parse(&r.status).unwrap_or(ReceiptStatus::Received),
            purchase_order_number: number(r.purchase_order_id),
            supplier: r.supplier,
            warehouse_name: Localized::new(r.wh_zh, r.wh_en),
            received_at: r.received_at,
            units: r.units,
        })
        .collect())
}
