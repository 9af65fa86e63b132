//! Writing a placed order: the order, its lines, its stock reservations, its first event, the
//! coupon it redeems, its confirmation message and the answer kept for its Idempotency-Key.
//! On PostgreSQL that is one statement (data-modifying `WITH` clauses: one round trip instead
//! of seven); SQLite has no such statements, and in-process round trips cost little, so
//! there it is one statement per row.

use crate::db::messages::{self, MessageKind};
use crate::db::orders::{self, NewOrder, VariantForSale};
use crate::db::{coupons, idempotency, stock, Arg, SqlBuilder};
use shared::orders::note::Note;
use shared::stock::MovementKind;
use sqlx::AnyConnection;

/// Everything written for one order.
pub struct PlacedRows<'a> {
    pub order: NewOrder<'a>,
    /// Each variant sold with its quantity.
    pub lines: &'a [(VariantForSale, i64)],
    /// `(variant, warehouse, quantity)` reserved.
    pub reservations: &'a [(i64, i64, i64)],
    /// Who placed it (the first event's actor).
    pub actor: &'a str,
    /// The coupon it redeems.
    pub coupon: Option<i64>,
    /// The confirmation's subject and text.
    pub message: (&'a str, &'a str),
    /// The Idempotency-Key and the answer's body (status 201).
    pub answer: (&'a str, &'a str),
}

/// The ledger rows' reason.
const NOTE: &str = "order placed";

/// Writes it all; returns the order's id.
pub async fn insert_placed(
    conn: &mut AnyConnection,
    rows: &PlacedRows<'_>,
) -> Result<i64, sqlx::Error> {
    if conn.backend_name() == "PostgreSQL" {
        one_statement(rows).query_scalar().fetch_one(conn).await
    } else {
        one_by_one(conn, rows).await
    }
}

async fn one_by_one(conn: &mut AnyConnection, rows: &PlacedRows<'_>) -> Result<i64, sqlx::Error> {
    let o = &rows.order;
    let id = orders::insert_order(conn, o).await?;
    for (v, quantity) in rows.lines {
        orders::insert_line(conn, id, v, *quantity).await?;
    }
    let document = format!("order:{}", o.number);
    let who = stock::Who {
        document: &document,
        reason: NOTE,
        actor: rows.actor,
        at: o.now,
    };
    for &(variant, warehouse, quantity) in rows.reservations {
        orders::insert_reservation(conn, id, variant, warehouse, quantity).await?;
        let m = stock::Movement::hold(MovementKind::Reservation, variant, warehouse, quantity, who);
        stock::record(conn, &m).await?;
    }
    let placed = Note::Placed.stored();
    super::status::record(conn, id, None, o.status, rows.actor, &placed, o.now).await?;
    if let Some(coupon) = rows.coupon {
        coupons::record_redemption(conn, coupon, id, o.user_id, o.email, o.now).await?;
    }
    let (subject, text) = rows.message;
    messages::enqueue(conn, MessageKind::OrderConfirmation, o.email, subject, text).await?;
    let (key, body) = rows.answer;
    idempotency::store_idempotent_response(conn, key, 201, body).await?;
    Ok(id)
}

fn int(v: i64) -> Arg {
    Arg::Int(v)
}

fn text(v: &str) -> Arg {
    Arg::Text(v.to_string())
}

fn opt_int(v: Option<i64>) -> Arg {
    v.map_or(Arg::NullInt, Arg::Int)
}

fn opt_text(v: Option<&str>) -> Arg {
    v.map_or(Arg::NullText, text)
}

/// `(arg::type, …)` for one row of a `VALUES` list.
fn row(b: &mut SqlBuilder, values: Vec<(Arg, &str)>) {
    b.push("(");
    for (i, (arg, ty)) in values.into_iter().enumerate() {
        if i > 0 {
            b.push(", ");
        }
        b.bind(arg).push("::").push(ty);
    }
    b.push(")");
}

/// `(variant, warehouse, quantity), …` of the reservations.
fn reservation_values(b: &mut SqlBuilder, reservations: &[(i64, i64, i64)]) {
    for (i, &(variant, warehouse, quantity)) in reservations.iter().enumerate() {
        if i > 0 {
            b.push(", ");
        }
        row(
            b,
            vec![
                (int(variant), "bigint"),
                (int(warehouse), "bigint"),
                (int(quantity), "bigint"),
            ],
        );
    }
}

/// The PostgreSQL statement: each table's rows in a `WITH` clause of their own, the child
/// rows taking the new order's id from the first.
fn one_statement(rows: &PlacedRows<'_>) -> SqlBuilder {
    let o = &rows.order;
    let t = o.totals;
    let mut b = SqlBuilder::default();
    b.push(
        "WITH o AS (INSERT INTO orders (number, user_id, email, status, payment_method, currency, \
         items_total, discount_total, shipping_total, tax_total, grand_total, coupon_code, \
         shipping_method, address_json, pay_by, created_at, updated_at, access_token_hash) VALUES ",
    );
    let now = int(o.now);
    row(
        &mut b,
        vec![
            (text(o.number), "text"),
            (opt_int(o.user_id), "bigint"),
            (text(o.email), "text"),
            (text(o.status.as_str()), "text"),
            (text(o.payment_method.as_str()), "text"),
            (text(o.currency.code()), "text"),
            (int(t.items.minor), "bigint"),
            (int(t.discount.minor), "bigint"),
            (int(t.shipping.minor), "bigint"),
            (int(t.tax_included.minor), "bigint"),
            (int(t.total.minor), "bigint"),
            (opt_text(o.coupon_code), "text"),
            (text(o.shipping_method), "text"),
            (text(o.address_json), "text"),
            (opt_int(o.pay_by), "bigint"),
            (now.clone(), "bigint"),
            (now.clone(), "bigint"),
            (text(o.access_token_hash), "text"),
        ],
    );
    b.push(" RETURNING id)");
    if !rows.lines.is_empty() {
        b.push(
            ", l AS (INSERT INTO order_lines (order_id, variant_id, sku, name_zh, name_en, \
             unit_price, quantity, line_total, seller_id) SELECT o.id, v.* FROM o, (VALUES ",
        );
        for (i, (v, quantity)) in rows.lines.iter().enumerate() {
            if i > 0 {
                b.push(", ");
            }
            row(
                &mut b,
                vec![
                    (int(v.id), "bigint"),
                    (text(&v.sku), "text"),
                    (text(&v.name_zh), "text"),
                    (text(&v.name_en), "text"),
                    (int(v.price), "bigint"),
                    (int(*quantity), "bigint"),
                    (int(v.price.saturating_mul(*quantity)), "bigint"),
                    (int(v.seller_id), "bigint"),
                ],
            );
        }
        b.push(") AS v)");
    }
    if !rows.reservations.is_empty() {
        b.push(
            ", r AS (INSERT INTO stock_reservations (order_id, variant_id, warehouse_id, quantity) \
             SELECT o.id, v.* FROM o, (VALUES ",
        );
        reservation_values(&mut b, rows.reservations);
        b.push(") AS v)");
        // their ledger rows: the level's seller, the order's number as the document
        b.push(
            ", sm AS (INSERT INTO stock_movements (variant_id, warehouse_id, seller_id, kind, quantity, \
             on_hand_delta, reserved_delta, document, reason, actor, at) \
             SELECT s.variant_id, s.warehouse_id, s.seller_id, 'reservation', v.q, 0, v.q, ",
        )
        .bind(text(&format!("order:{}", o.number)))
        .push("::text, ")
        .bind(text(NOTE))
        .push("::text, ")
        .bind(text(rows.actor))
        .push("::text, ")
        .bind(now.clone())
        .push("::bigint FROM (VALUES ");
        reservation_values(&mut b, rows.reservations);
        b.push(") AS v (variant, warehouse, q) JOIN stock_levels s ON s.variant_id = v.variant AND s.warehouse_id = v.warehouse)");
    }
    b.push(", e AS (INSERT INTO order_events (order_id, from_status, to_status, actor, note, at) SELECT o.id, NULL, ")
        .bind(text(o.status.as_str()))
        .push("::text, ")
        .bind(text(rows.actor))
        .push("::text, ")
        .bind(text(&Note::Placed.stored()))
        .push("::text, ")
        .bind(now.clone())
        .push("::bigint FROM o)");
    if let Some(coupon) = rows.coupon {
        b.push(", c AS (INSERT INTO coupon_redemptions (coupon_id, order_id, user_id, email, at) SELECT ")
            .bind(int(coupon))
            .push("::bigint, o.id, ")
            .bind(opt_int(o.user_id))
            .push("::bigint, ")
            .bind(text(o.email))
            .push("::text, ")
            .bind(now.clone())
            .push("::bigint FROM o)");
    }
    let (subject, body) = rows.message;
    b.push(
        ", m AS (INSERT INTO messages (kind, recipient, subject, body, status, created_at) VALUES ",
    );
    row(
        &mut b,
        vec![
            (text(MessageKind::OrderConfirmation.as_str()), "text"),
            (text(o.email), "text"),
            (text(subject), "text"),
            (text(body), "text"),
            (text("pending"), "text"),
            (now, "bigint"),
        ],
    );
    let (key, answer) = rows.answer;
    b.push("), k AS (UPDATE idempotency_keys SET response_status = 201, response_body = ")
        .bind(text(answer))
        .push("::text WHERE key = ")
        .bind(text(key))
        .push("::text) SELECT id FROM o");
    b
}
