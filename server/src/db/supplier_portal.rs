//! The supplier portal's repository: accounts of the suppliers' own staff and their
//! sessions, and purchase orders as their supplier sees them. Every read of an order names
//! the supplier: another supplier's order is not found, alike for a guessed id.

use super::now_millis;
use shared::catalog::Localized;
use shared::ids::VariantId;
use shared::money::{Currency, Money};
use shared::procurement::orders::PurchaseOrderStatus;
use shared::procurement::portal::{
    asn_number, AsnLineView, AsnStatus, AsnView, SupplierAccountView, SupplierMe,
    SupplierOrderSummary,
};
use shared::procurement::purchasing::number;
use sqlx::AnyConnection as Conn;

/// What a password hash is until the invitation is accepted: matches nothing.
pub const NO_PASSWORD: &str = "!";

#[derive(sqlx::FromRow)]
struct MeRow {
    id: i64,
    email: String,
    display_name: String,
    supplier_id: i64,
    code: String,
    name: String,
}

impl From<MeRow> for SupplierMe {
    fn from(r: MeRow) -> SupplierMe {
        SupplierMe {
            account: r.id,
            email: r.email,
            display_name: r.display_name,
            supplier: r.supplier_id,
            supplier_code: r.code,
            supplier_name: r.name,
        }
    }
}

const ME: &str = "SELECT a.id, a.email, a.display_name, a.supplier_id, s.code, s.name \
    FROM supplier_accounts a JOIN suppliers s ON s.id = a.supplier_id";

/// An active account's password hash and who it is, by e-mail.
pub async fn credentials(
    conn: &mut Conn,
    email: &str,
) -> Result<Option<(String, SupplierMe)>, sqlx::Error> {
    let hash: Option<String> = sqlx::query_scalar(
        "SELECT a.password_hash FROM supplier_accounts a JOIN suppliers s ON s.id = a.supplier_id \
         WHERE a.email = $1 AND a.active = 1 AND s.active = 1",
    )
    .bind(email)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(hash) = hash else { return Ok(None) };
    let me: Option<MeRow> = sqlx::query_as(&format!("{ME} WHERE a.email = $1"))
        .bind(email)
        .fetch_optional(conn)
        .await?;
    Ok(me.map(|m| (hash, m.into())))
}

pub async fn insert_session(
    conn: &mut Conn,
    token_hash: &str,
    account: i64,
    ttl_ms: i64,
) -> Result<(), sqlx::Error> {
    let now = now_millis();
    sqlx::query("INSERT INTO supplier_sessions (token_hash, account_id, expires_at, created_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(account)
        .bind(now + ttl_ms)
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
}

pub async fn delete_session(conn: &mut Conn, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM supplier_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await
        .map(|_| ())
}

/// The account of a live session, while it and its supplier are active.
pub async fn session_account(
    conn: &mut Conn,
    token_hash: &str,
) -> Result<Option<SupplierMe>, sqlx::Error> {
    let row: Option<MeRow> = sqlx::query_as(&format!(
        "{ME} JOIN supplier_sessions ss ON ss.account_id = a.id \
         WHERE ss.token_hash = $1 AND ss.expires_at > $2 AND a.active = 1 AND s.active = 1"
    ))
    .bind(token_hash)
    .bind(now_millis())
    .fetch_optional(conn)
    .await?;
    Ok(row.map(SupplierMe::from))
}

/// Whether any supplier account has this e-mail.
pub async fn email_taken(conn: &mut Conn, email: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM supplier_accounts WHERE email = $1")
        .bind(email)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// A new account of `supplier`, invited with the token hashed as `token_hash` until `expires`.
pub async fn insert_account(
    conn: &mut Conn,
    supplier: i64,
    email: &str,
    name: &str,
    token_hash: &str,
    expires: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO supplier_accounts (supplier_id, email, display_name, password_hash, active, invite_token_hash, invite_expires_at, created_at) \
         VALUES ($1, $2, $3, $4, 1, $5, $6, $7) RETURNING id",
    )
    .bind(supplier)
    .bind(email)
    .bind(name)
    .bind(NO_PASSWORD)
    .bind(token_hash)
    .bind(expires)
    .bind(now_millis())
    .fetch_one(conn)
    .await
}

/// Uses an invitation: the account's password becomes `hash`; `None` for an unknown, used
/// or expired token.
pub async fn accept(
    conn: &mut Conn,
    token_hash: &str,
    hash: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE supplier_accounts SET password_hash = $1, invite_token_hash = NULL, invite_expires_at = NULL \
         WHERE invite_token_hash = $2 AND invite_expires_at > $3 AND active = 1 RETURNING id",
    )
    .bind(hash)
    .bind(token_hash)
    .bind(now_millis())
    .fetch_optional(conn)
    .await
}

pub async fn account(conn: &mut Conn, id: i64) -> Result<Option<SupplierMe>, sqlx::Error> {
    let row: Option<MeRow> = sqlx::query_as(&format!("{ME} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(SupplierMe::from))
}

/// Names the supplier's people in a history (`supplier:<account>` → their name).
pub async fn name_supplier_actors(
    conn: &mut Conn,
    events: &mut [shared::orders::EventView],
) -> Result<(), sqlx::Error> {
    for e in events.iter_mut() {
        let Some(id) = e
            .actor
            .strip_prefix("supplier:")
            .and_then(|i| i.parse::<i64>().ok())
        else {
            continue;
        };
        e.actor_name = account(&mut *conn, id)
            .await?
            .map(|a| format!("{} · {}", a.display_name, a.supplier_name));
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    email: String,
    display_name: String,
    password_hash: String,
    active: i64,
}

pub async fn accounts(
    conn: &mut Conn,
    supplier: i64,
) -> Result<Vec<SupplierAccountView>, sqlx::Error> {
    let rows: Vec<AccountRow> = sqlx::query_as(
        "SELECT id, email, display_name, password_hash, active FROM supplier_accounts WHERE supplier_id = $1 ORDER BY id",
    )
    .bind(supplier)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SupplierAccountView {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            joined: r.password_hash != NO_PASSWORD,
            active: r.active == 1,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    status: String,
    total: i64,
    currency: String,
    sent_at: Option<i64>,
    expected_at: Option<i64>,
    wh_zh: String,
    wh_en: String,
}

/// Supplier `supplier`'s purchase orders once sent to them (also those their proposal sent
/// back to the buyer), newest first.
pub async fn orders(
    conn: &mut Conn,
    supplier: i64,
) -> Result<Vec<SupplierOrderSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT po.id, po.status, po.total, po.currency, po.sent_at, \
         (SELECT MAX(l.expected_at) FROM purchase_order_lines l WHERE l.purchase_order_id = po.id) AS expected_at, \
         w.name_zh AS wh_zh, w.name_en AS wh_en \
         FROM purchase_orders po JOIN warehouses w ON w.id = po.warehouse_id \
         WHERE po.supplier_id = $1 AND po.sent_at IS NOT NULL ORDER BY po.id DESC LIMIT 500",
    )
    .bind(supplier)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SupplierOrderSummary {
            id: r.id,
            number: number(r.id),
            status: PurchaseOrderStatus::parse(&r.status).unwrap_or(PurchaseOrderStatus::Sent),
            total: Money::new(r.total, Currency::parse(&r.currency).unwrap_or_default()),
            sent_at: r.sent_at,
            expected_at: r.expected_at,
            warehouse_name: Localized::new(r.wh_zh, r.wh_en),
        })
        .collect())
}

/// Whether order `id` is supplier `supplier`'s and theirs to see (sent at least once);
/// with a row lock on PostgreSQL when `lock`.
pub async fn owns(
    conn: &mut Conn,
    supplier: i64,
    id: i64,
    lock: bool,
) -> Result<bool, sqlx::Error> {
    let lock = if lock && conn.backend_name() == "PostgreSQL" {
        " FOR UPDATE"
    } else {
        ""
    };
    let found: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM purchase_orders WHERE id = $1 AND supplier_id = $2 AND sent_at IS NOT NULL{lock}"
    ))
    .bind(id)
    .bind(supplier)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// The warehouse's address (where the goods go).
pub async fn warehouse_address(conn: &mut Conn, id: i64) -> Result<String, sqlx::Error> {
    let found: Option<String> = sqlx::query_scalar(
        "SELECT w.address FROM purchase_orders po JOIN warehouses w ON w.id = po.warehouse_id WHERE po.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(found.unwrap_or_default())
}

/// Order `id`'s lines: item, units ordered, units announced so far.
pub async fn line_units(
    conn: &mut Conn,
    id: i64,
) -> Result<Vec<(VariantId, i64, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT l.variant_id, l.quantity, CAST(COALESCE((SELECT SUM(al.quantity) FROM asn_lines al JOIN asns a ON a.id = al.asn_id \
           WHERE a.purchase_order_id = l.purchase_order_id AND al.variant_id = l.variant_id), 0) AS BIGINT) \
         FROM purchase_order_lines l WHERE l.purchase_order_id = $1 ORDER BY l.position",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(v, q, a)| (VariantId(v), q, a))
        .collect())
}

/// The supplier confirms line `variant` to arrive at `at`: the first promise is kept, the
/// expected date follows the latest word.
pub async fn promise(conn: &mut Conn, id: i64, variant: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE purchase_order_lines SET promised_at = COALESCE(promised_at, $1), expected_at = $1, proposed_quantity = NULL \
         WHERE purchase_order_id = $2 AND variant_id = $3",
    )
    .bind(at)
    .bind(id)
    .bind(variant)
    .execute(conn)
    .await
    .map(|_| ())
}

/// The supplier proposes `quantity` (none: as ordered) by `at` for line `variant`.
pub async fn propose(
    conn: &mut Conn,
    id: i64,
    variant: i64,
    quantity: Option<i64>,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE purchase_order_lines SET proposed_quantity = $1, expected_at = $2 WHERE purchase_order_id = $3 AND variant_id = $4",
    )
    .bind(quantity)
    .bind(at)
    .bind(id)
    .bind(variant)
    .execute(conn)
    .await
    .map(|_| ())
}

/// A later word on when line `variant` arrives (the first promise stays).
pub async fn move_date(conn: &mut Conn, id: i64, variant: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE purchase_order_lines SET expected_at = $1 WHERE purchase_order_id = $2 AND variant_id = $3")
        .bind(at)
        .bind(id)
        .bind(variant)
        .execute(conn)
        .await
        .map(|_| ())
}

pub async fn shipment_count(conn: &mut Conn, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM asns WHERE purchase_order_id = $1")
        .bind(id)
        .fetch_one(conn)
        .await
}

/// A new advance shipping notice of order `id` by `account`.
pub struct NewAsn<'a> {
    pub order: i64,
    pub account: i64,
    pub carrier: &'a str,
    pub tracking: &'a str,
    pub arrives_at: i64,
    pub lines: &'a [(i64, i64)],
}

pub async fn insert_asn(conn: &mut Conn, a: &NewAsn<'_>) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO asns (purchase_order_id, status, carrier, tracking, shipped_at, arrives_at, account_id) \
         VALUES ($1, 'announced', $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(a.order)
    .bind(a.carrier)
    .bind(a.tracking)
    .bind(now_millis())
    .bind(a.arrives_at)
    .bind(a.account)
    .fetch_one(&mut *conn)
    .await?;
    for (variant, quantity) in a.lines {
        sqlx::query("INSERT INTO asn_lines (asn_id, variant_id, quantity) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(variant)
            .bind(quantity)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct AsnRow {
    id: i64,
    status: String,
    carrier: String,
    tracking: String,
    shipped_at: i64,
    arrives_at: i64,
}

/// Order `id`'s shipping notices, oldest first.
pub async fn shipments(conn: &mut Conn, id: i64) -> Result<Vec<AsnView>, sqlx::Error> {
    let heads: Vec<AsnRow> = sqlx::query_as(
        "SELECT id, status, carrier, tracking, shipped_at, arrives_at FROM asns WHERE purchase_order_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let lines: Vec<(i64, i64, String, i64)> = sqlx::query_as(
        "SELECT al.asn_id, al.variant_id, v.sku, al.quantity FROM asn_lines al JOIN asns a ON a.id = al.asn_id \
         JOIN product_variants v ON v.id = al.variant_id WHERE a.purchase_order_id = $1 ORDER BY al.asn_id, v.sku",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(heads
        .into_iter()
        .map(|h| AsnView {
            id: h.id,
            number: asn_number(h.id),
            status: AsnStatus::parse(&h.status).unwrap_or(AsnStatus::Announced),
            carrier: h.carrier,
            tracking: h.tracking,
            shipped_at: h.shipped_at,
            arrives_at: h.arrives_at,
            lines: lines
                .iter()
                .filter(|l| l.0 == h.id)
                .map(|l| AsnLineView {
                    variant: VariantId(l.1),
                    sku: l.2.clone(),
                    quantity: l.3,
                })
                .collect(),
        })
        .collect())
}
