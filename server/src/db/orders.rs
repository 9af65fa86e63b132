//! The order repository: everything placing an order reads and writes, on one connection
//! inside the caller's transaction.

use super::stock;
use shared::catalog::Localized;
use shared::checkout::PaymentMethod;
use shared::money::{Currency, Money};
use shared::orders::OrderStatus;
use shared::stock::MovementKind;
use sqlx::AnyConnection;

type Conn = AnyConnection;

/// A variant as the order needs it: current price, weight, names and who sells it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VariantForSale {
    pub id: i64,
    pub seller_id: i64,
    pub sku: String,
    pub price: i64,
    pub weight_grams: i64,
    pub currency: String,
    pub name_zh: String,
    pub name_en: String,
}

#[derive(sqlx::FromRow)]
struct VariantStockRow {
    id: i64,
    seller_id: i64,
    sku: String,
    price: i64,
    weight_grams: i64,
    currency: String,
    name_zh: String,
    name_en: String,
    warehouse_id: Option<i64>,
    available: Option<i64>,
}

/// A sellable variant with its free stock per warehouse, in warehouse order (the fixed order
/// that avoids deadlocks): one round trip. `None` when it is not for sale.
pub async fn variant_for_sale(
    conn: &mut Conn,
    id: i64,
) -> Result<Option<(VariantForSale, Vec<(i64, i64)>)>, sqlx::Error> {
    let rows: Vec<VariantStockRow> = sqlx::query_as(
        "SELECT v.id, v.seller_id, v.sku, v.price, v.weight_grams, p.currency, p.name_zh, p.name_en, \
         s.warehouse_id, s.on_hand - s.reserved AS available \
         FROM product_variants v JOIN products p ON p.id = v.product_id \
         LEFT JOIN stock_levels s ON s.variant_id = v.id \
         WHERE v.id = $1 AND p.status = 'active' AND p.item_kind = 'finished_good' ORDER BY s.warehouse_id",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    let stock = rows
        .iter()
        .filter_map(|r| Some((r.warehouse_id?, r.available?)))
        .collect();
    Ok(rows.into_iter().next().map(|r| {
        (
            VariantForSale {
                id: r.id,
                seller_id: r.seller_id,
                sku: r.sku,
                price: r.price,
                weight_grams: r.weight_grams,
                currency: r.currency,
                name_zh: r.name_zh,
                name_en: r.name_en,
            },
            stock,
        )
    }))
}

/// Reserves `quantity` in one warehouse if that much is still free: a conditional update,
/// never read-then-write. Returns whether it succeeded.
pub async fn try_reserve(
    conn: &mut Conn,
    variant: i64,
    warehouse: i64,
    quantity: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE stock_levels SET reserved = reserved + $1 \
         WHERE variant_id = $2 AND warehouse_id = $3 AND on_hand - reserved >= $1",
    )
    .bind(quantity)
    .bind(variant)
    .bind(warehouse)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Reserves `quantity` of `variant` warehouse by warehouse from `stock` (`(warehouse,
/// free)` as [`variant_for_sale`] read it), each with [`try_reserve`]; pushes each
/// `(variant, warehouse, units)` taken onto `taken` and returns the units it could not
/// find (0: all reserved).
pub async fn reserve(
    conn: &mut Conn,
    variant: i64,
    stock: Vec<(i64, i64)>,
    quantity: i64,
    taken: &mut Vec<(i64, i64, i64)>,
) -> Result<i64, sqlx::Error> {
    let mut remaining = quantity;
    for (warehouse, available) in stock {
        let take = remaining.min(available);
        if take > 0 && try_reserve(&mut *conn, variant, warehouse, take).await? {
            taken.push((variant, warehouse, take));
            remaining -= take;
        }
        if remaining == 0 {
            break;
        }
    }
    Ok(remaining)
}

/// The next number of the day (`YYMMDD`), from a counter row updated atomically.
pub async fn next_daily_sequence(conn: &mut Conn, day: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO order_counters (day, last) VALUES ($1, 1) \
         ON CONFLICT (day) DO UPDATE SET last = order_counters.last + 1 RETURNING last",
    )
    .bind(day)
    .fetch_one(conn)
    .await
}

pub struct NewOrder<'a> {
    pub number: &'a str,
    pub user_id: Option<i64>,
    pub email: &'a str,
    pub status: OrderStatus,
    pub payment_method: PaymentMethod,
    pub currency: Currency,
    pub totals: &'a shared::pricing::Totals,
    pub coupon_code: Option<&'a str>,
    pub shipping_method: &'a str,
    pub address_json: &'a str,
    pub pay_by: Option<i64>,
    pub access_token_hash: &'a str,
    pub now: i64,
}

pub async fn insert_order(conn: &mut Conn, o: &NewOrder<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO orders (number, user_id, email, status, payment_method, currency, items_total, \
         discount_total, shipping_total, tax_total, grand_total, coupon_code, shipping_method, address_json, \
         pay_by, created_at, updated_at, access_token_hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17) RETURNING id",
    )
    .bind(o.number)
    .bind(o.user_id)
    .bind(o.email)
    .bind(o.status.as_str())
    .bind(o.payment_method.as_str())
    .bind(o.currency.code())
    .bind(o.totals.items.minor)
    .bind(o.totals.discount.minor)
    .bind(o.totals.shipping.minor)
    .bind(o.totals.tax_included.minor)
    .bind(o.totals.total.minor)
    .bind(o.coupon_code)
    .bind(o.shipping_method)
    .bind(o.address_json)
    .bind(o.pay_by)
    .bind(o.now)
    .bind(o.access_token_hash)
    .fetch_one(conn)
    .await
}

pub async fn insert_line(
    conn: &mut Conn,
    order: i64,
    v: &VariantForSale,
    quantity: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO order_lines (order_id, variant_id, sku, name_zh, name_en, unit_price, quantity, line_total, \
         seller_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(order)
    .bind(v.id)
    .bind(&v.sku)
    .bind(&v.name_zh)
    .bind(&v.name_en)
    .bind(v.price)
    .bind(quantity)
    .bind(v.price.saturating_mul(quantity))
    .bind(v.seller_id)
    .execute(conn)
    .await
    .map(|_| ())
}

pub async fn insert_reservation(
    conn: &mut Conn,
    order: i64,
    variant: i64,
    warehouse: i64,
    quantity: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO stock_reservations (order_id, variant_id, warehouse_id, quantity) VALUES ($1, $2, $3, $4)")
        .bind(order)
        .bind(variant)
        .bind(warehouse)
        .bind(quantity)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Orders still waiting for payment after their deadline.
pub async fn overdue_unpaid(
    conn: &mut Conn,
    now: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM orders WHERE status = 'pending_payment' AND pay_by IS NOT NULL AND pay_by < $1 ORDER BY id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Gives an order's reserved stock back (a `release` ledger row per level) and forgets the
/// reservations.
pub async fn release_reservations(
    conn: &mut Conn,
    order: i64,
    actor: &str,
    reason: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    let held: Vec<(i64, i64, i64, String)> = sqlx::query_as(
        "SELECT r.variant_id, r.warehouse_id, r.quantity, o.number FROM stock_reservations r \
         JOIN orders o ON o.id = r.order_id WHERE r.order_id = $1 ORDER BY r.variant_id, r.warehouse_id",
    )
    .bind(order)
    .fetch_all(&mut *conn)
    .await?;
    for (variant, warehouse, quantity, number) in held {
        let document = format!("order:{number}");
        let who = stock::Who {
            document: &document,
            reason,
            actor,
            at,
        };
        let m = stock::Movement::hold(MovementKind::Release, variant, warehouse, -quantity, who);
        if !stock::apply(&mut *conn, &m).await? {
            return Err(sqlx::Error::Protocol(format!(
                "order {number} holds {quantity} of variant {variant} in warehouse {warehouse}, more than is reserved there"
            )));
        }
    }
    sqlx::query("DELETE FROM stock_reservations WHERE order_id = $1")
        .bind(order)
        .execute(conn)
        .await
        .map(|_| ())
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    id: i64,
    number: String,
    status: String,
    payment_method: String,
    shipping_method: String,
    created_at: i64,
    pay_by: Option<i64>,
    currency: String,
    items_total: i64,
    discount_total: i64,
    shipping_total: i64,
    tax_total: i64,
    grand_total: i64,
    coupon_code: Option<String>,
    address_json: String,
}

/// The order, if the caller may see it: its owner's account, or the access token's hash.
pub async fn order_view(
    conn: &mut Conn,
    number: &str,
    user: Option<i64>,
    token_hash: &str,
) -> Result<Option<shared::checkout::OrderView>, sqlx::Error> {
    view(conn, number, Some((user, token_hash))).await
}

/// The order as staff see it (no owner check).
pub async fn staff_view(
    conn: &mut Conn,
    number: &str,
) -> Result<Option<shared::checkout::OrderView>, sqlx::Error> {
    view(conn, number, None).await
}

#[derive(sqlx::FromRow)]
struct LineRow {
    variant_id: i64,
    sku: String,
    name_zh: String,
    name_en: String,
    unit_price: i64,
    quantity: i64,
    line_total: i64,
    color_zh: Option<String>,
    color_en: Option<String>,
    size: Option<String>,
    slug: Option<String>,
    image: Option<String>,
}

/// `buyer`: the account or access token that must match; none for staff.
async fn view(
    conn: &mut Conn,
    number: &str,
    buyer: Option<(Option<i64>, &str)>,
) -> Result<Option<shared::checkout::OrderView>, sqlx::Error> {
    let (user, token_hash, staff) = match buyer {
        Some((user, token)) => (user, token, 0_i64),
        None => (None, "", 1),
    };
    let row: Option<OrderRow> = sqlx::query_as(
        "SELECT id, number, status, payment_method, shipping_method, created_at, pay_by, currency, items_total, \
         discount_total, shipping_total, tax_total, grand_total, coupon_code, address_json FROM orders \
         WHERE number = $1 AND ($4 = 1 OR user_id = $2 OR access_token_hash = $3)",
    )
    .bind(number)
    .bind(user)
    .bind(token_hash)
    .bind(staff)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let currency = Currency::parse(&r.currency).unwrap_or_default();
    let money = |m: i64| Money::new(m, currency);
    let lines: Vec<LineRow> = sqlx::query_as(
        "SELECT l.variant_id, l.sku, l.name_zh, l.name_en, l.unit_price, l.quantity, l.line_total, \
         v.color_zh, v.color_en, v.size, CASE WHEN p.status = 'active' THEN p.slug END AS slug, \
         (SELECT url FROM product_images i WHERE i.product_id = p.id ORDER BY position LIMIT 1) AS image \
         FROM order_lines l LEFT JOIN product_variants v ON v.id = l.variant_id \
         LEFT JOIN products p ON p.id = v.product_id WHERE l.order_id = $1 ORDER BY l.id",
    )
    .bind(r.id)
    .fetch_all(conn)
    .await?;
    let (Some(number), Some(status), Some(payment_method), Ok(address)) = (
        shared::orders::OrderNumber::parse(&r.number),
        OrderStatus::parse(&r.status),
        PaymentMethod::parse(&r.payment_method),
        serde_json::from_str(&r.address_json),
    ) else {
        return Err(sqlx::Error::Decode("an order row does not decode".into()));
    };
    Ok(Some(shared::checkout::OrderView {
        number,
        status,
        payment_method,
        shipping_method: r.shipping_method,
        created_at: r.created_at,
        pay_by: r.pay_by,
        totals: shared::pricing::Totals {
            items: money(r.items_total),
            discount: money(r.discount_total),
            shipping: money(r.shipping_total),
            tax_included: money(r.tax_total),
            total: money(r.grand_total),
        },
        coupon_code: r.coupon_code,
        address,
        region: None,
        lines: lines
            .into_iter()
            .map(|l| shared::checkout::OrderLineView {
                variant: shared::ids::VariantId(l.variant_id),
                sku: l.sku,
                name: Localized::new(l.name_zh, l.name_en),
                image: l.image,
                color: l
                    .color_zh
                    .zip(l.color_en)
                    .map(|(zh, en)| Localized::new(zh, en)),
                size: l.size,
                slug: l.slug,
                unit_price: money(l.unit_price),
                quantity: l.quantity,
                line_total: money(l.line_total),
            })
            .collect(),
    }))
}

/// The id of a bank-transfer order (in any status).
pub async fn bank_transfer_order(
    conn: &mut Conn,
    number: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM orders WHERE number = $1 AND payment_method = 'bank_transfer'",
    )
    .bind(number)
    .fetch_optional(conn)
    .await
}

#[derive(sqlx::FromRow)]
struct StaffRow {
    number: String,
    created_at: i64,
    email: String,
    status: String,
    payment_method: String,
    grand_total: i64,
    currency: String,
    pay_by: Option<i64>,
}

/// The staff order list's filters, checked.
#[derive(Debug, Default)]
pub struct StaffOrderFilter {
    pub status: Option<OrderStatus>,
    pub payment_method: Option<PaymentMethod>,
    pub awaiting_transfer: bool,
    pub awaiting_allocation: bool,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    pub warehouse: Option<i64>,
    pub shipping_method: Option<String>,
    pub province: Option<String>,
    /// An order number or part of the buyer's e-mail.
    pub q: Option<String>,
    pub sort: shared::orders::OrderSort,
    pub dir: shared::list::SortDir,
}

/// One page of orders for staff, and how many match in all.
pub async fn staff_list(
    conn: &mut Conn,
    filter: &StaffOrderFilter,
    page: shared::list::PageRequest,
) -> Result<(Vec<shared::orders::OrderRow>, i64), sqlx::Error> {
    use crate::db::{Arg, SqlBuilder};
    let mut where_ = SqlBuilder::default();
    where_.push(" FROM orders WHERE 1 = 1");
    if let Some(status) = filter.status {
        where_
            .push(" AND status = ")
            .bind(Arg::Text(status.as_str().into()));
    }
    if let Some(method) = filter.payment_method {
        where_
            .push(" AND payment_method = ")
            .bind(Arg::Text(method.as_str().into()));
    }
    if filter.awaiting_allocation {
        // what shared::orders::allocation_refusal lets through
        where_.push(
            " AND allocated_at IS NULL AND on_hold = 0 AND (status = 'paid' \
             OR (status = 'processing' AND payment_method = 'cash_on_delivery'))",
        );
    }
    if filter.awaiting_transfer {
        where_.push(" AND payment_method = 'bank_transfer' AND status = 'pending_payment'");
    }
    if let Some(from) = filter.from_ms {
        where_.push(" AND created_at >= ").bind(Arg::Int(from));
    }
    if let Some(to) = filter.to_ms {
        where_.push(" AND created_at < ").bind(Arg::Int(to));
    }
    if let Some(w) = filter.warehouse {
        where_
            .push(" AND EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = orders.id AND s.warehouse_id = ")
            .bind(Arg::Int(w))
            .push(")");
    }
    if let Some(m) = &filter.shipping_method {
        where_
            .push(" AND shipping_method = ")
            .bind(Arg::Text(m.clone()));
    }
    if let Some(p) = &filter.province {
        where_.push(" AND province = ").bind(Arg::Text(p.clone()));
    }
    if let Some(q) = &filter.q {
        let digits: String = q.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() >= 7 && q.chars().all(|c| c.is_ascii_digit() || " +-".contains(c)) {
            // a phone number: the mobile as stored (11 digits, without +86)
            let mobile = digits
                .strip_prefix("86")
                .filter(|d| d.len() == 11)
                .unwrap_or(&digits)
                .to_string();
            where_.push(" AND phone = ").bind(Arg::Text(mobile));
        } else {
            where_
                .push(" AND (number = ")
                .bind(Arg::Text(q.to_uppercase()))
                .push(" OR LOWER(email) LIKE ")
                .bind(Arg::Text(format!("%{}%", q.to_lowercase())))
                .push(")");
        }
    }
    let count = SqlBuilder {
        sql: format!("SELECT COUNT(*){}", where_.sql),
        args: where_.args.clone(),
    };
    let total: i64 = count.query_scalar().fetch_one(&mut *conn).await?;
    let column = match filter.sort {
        shared::orders::OrderSort::CreatedAt => "id",
        shared::orders::OrderSort::Total => "grand_total",
        shared::orders::OrderSort::Number => "number",
    };
    let mut rows = SqlBuilder {
        sql: format!(
            "SELECT number, created_at, email, status, payment_method, grand_total, currency, pay_by{}",
            where_.sql
        ),
        args: where_.args,
    };
    rows.push(&format!(" ORDER BY {column} {0}, id {0}", filter.dir.sql()))
        .push(" LIMIT ")
        .bind(Arg::Int(page.limit()))
        .push(" OFFSET ")
        .bind(Arg::Int(page.offset()));
    let found: Vec<StaffRow> = rows.query_as().fetch_all(conn).await?;
    let items = found.into_iter().filter_map(to_order_row).collect();
    Ok((items, total))
}

fn to_order_row(r: StaffRow) -> Option<shared::orders::OrderRow> {
    Some(shared::orders::OrderRow {
        number: shared::orders::OrderNumber::parse(&r.number)?,
        created_at: r.created_at,
        email: r.email,
        status: OrderStatus::parse(&r.status)?,
        payment_method: PaymentMethod::parse(&r.payment_method)?,
        total: Money::new(
            r.grand_total,
            Currency::parse(&r.currency).unwrap_or_default(),
        ),
        pay_by: r.pay_by,
    })
}

/// The buyer's other orders (same e-mail), newest first, at most ten.
pub async fn others_of(
    conn: &mut Conn,
    email: &str,
    except: &str,
) -> Result<Vec<shared::orders::OrderRow>, sqlx::Error> {
    let found: Vec<StaffRow> = sqlx::query_as(
        "SELECT number, created_at, email, status, payment_method, grand_total, currency, pay_by FROM orders \
         WHERE email = $1 AND number <> $2 ORDER BY id DESC LIMIT 10",
    )
    .bind(email)
    .bind(except)
    .fetch_all(conn)
    .await?;
    Ok(found.into_iter().filter_map(to_order_row).collect())
}

/// An order's internal notes, oldest first.
pub async fn notes(
    conn: &mut Conn,
    order: i64,
) -> Result<Vec<shared::orders::OrderNote>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT n.at, u.display_name, n.body FROM order_notes n JOIN users u ON u.id = n.author_id \
         WHERE n.order_id = $1 ORDER BY n.at, n.id",
    )
    .bind(order)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(at, author, body)| shared::orders::OrderNote { at, author, body })
        .collect())
}

/// What the fulfilment and order actions read of an order before they change it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrderState {
    pub id: i64,
    pub number: String,
    pub status: String,
    pub payment_method: String,
    pub on_hold: i64,
    pub allocated_at: Option<i64>,
    pub address_json: String,
    pub email: String,
    /// The return whose exchange this order is (a replacement).
    pub replaces_return_id: Option<i64>,
}

impl OrderState {
    pub fn status(&self) -> Result<OrderStatus, sqlx::Error> {
        OrderStatus::parse(&self.status).ok_or_else(|| {
            sqlx::Error::Decode(format!("order {} has an unknown status", self.number).into())
        })
    }

    pub fn payment_method(&self) -> Result<PaymentMethod, sqlx::Error> {
        PaymentMethod::parse(&self.payment_method).ok_or_else(|| {
            sqlx::Error::Decode(
                format!("order {} has an unknown payment method", self.number).into(),
            )
        })
    }

    /// The ledger's document name for it.
    pub fn document(&self) -> String {
        format!("order:{}", self.number)
    }
}

pub async fn state_by_number(
    conn: &mut Conn,
    number: &str,
) -> Result<Option<OrderState>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, number, status, payment_method, on_hold, allocated_at, address_json, email, replaces_return_id \
         FROM orders WHERE number = $1",
    )
    .bind(number)
    .fetch_optional(conn)
    .await
}

/// Order `order` is the replacement of return `ret`'s exchange.
pub async fn mark_replacement(conn: &mut Conn, order: i64, ret: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET replaces_return_id = $1 WHERE id = $2")
        .bind(ret)
        .bind(order)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Locks the order's row until the transaction ends (PostgreSQL; SQLite's writers take
/// turns anyway): two writers of one order (refunds, cancel and ship) take turns.
pub async fn lock(conn: &mut Conn, order: i64) -> Result<(), sqlx::Error> {
    if conn.backend_name() == "PostgreSQL" {
        sqlx::query("SELECT id FROM orders WHERE id = $1 FOR UPDATE")
            .bind(order)
            .execute(conn)
            .await?;
    }
    Ok(())
}
