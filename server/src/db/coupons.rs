//! The coupons repository: definitions, usage counts and redemptions.

use shared::money::{Currency, Money};
use shared::promotions::{Coupon, CouponCode, CouponKind};
use sqlx::AnyConnection;

type Conn = AnyConnection;

#[derive(sqlx::FromRow)]
struct CouponRow {
    id: i64,
    code: String,
    kind: String,
    basis_points: Option<i64>,
    amount: Option<i64>,
    threshold: Option<i64>,
    max_off: Option<i64>,
    repeat_each: i64,
    starts_at: i64,
    ends_at: Option<i64>,
    min_spend: Option<i64>,
    usage_limit_total: Option<i64>,
    usage_limit_per_customer: Option<i64>,
    used_count: i64,
    customer_id: Option<i64>,
}

/// An active coupon with its id and how often it was used in all.
pub async fn coupon(
    conn: &mut Conn,
    code: &CouponCode,
) -> Result<Option<(i64, Coupon, i64)>, sqlx::Error> {
    let row: Option<CouponRow> = sqlx::query_as(
        "SELECT id, code, kind, basis_points, amount, threshold, max_off, repeat_each, starts_at, ends_at, \
         min_spend, usage_limit_total, usage_limit_per_customer, used_count, customer_id FROM coupons WHERE code = $1 AND active = 1",
    )
    .bind(code.as_str())
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|r| {
        let money = |m: i64| Money::new(m, Currency::CNY);
        let kind = match r.kind.as_str() {
            "percentage" => CouponKind::Percentage {
                basis_points: u32::try_from(r.basis_points?).ok()?,
                max_off: r.max_off.map(money),
            },
            "fixed" => CouponKind::Fixed {
                off: money(r.amount?),
            },
            _ => CouponKind::SpendAndSave {
                threshold: money(r.threshold?),
                off: money(r.amount?),
                repeat: r.repeat_each == 1,
            },
        };
        Some((
            r.id,
            Coupon {
                code: CouponCode::parse(&r.code)?,
                kind,
                starts_at: r.starts_at,
                ends_at: r.ends_at,
                min_spend: r.min_spend.map(money),
                usage_limit_total: r.usage_limit_total.and_then(|n| u32::try_from(n).ok()),
                usage_limit_per_customer: r
                    .usage_limit_per_customer
                    .and_then(|n| u32::try_from(n).ok()),
                for_customer: r.customer_id,
            },
            r.used_count,
        ))
    }))
}

/// How often this customer (by account, else by e-mail) has used the coupon.
pub async fn coupon_uses_by(
    conn: &mut Conn,
    coupon: i64,
    user: Option<i64>,
    email: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM coupon_redemptions WHERE coupon_id = $1 AND (user_id = $2 OR email = $3)",
    )
    .bind(coupon)
    .bind(user)
    .bind(email)
    .fetch_one(conn)
    .await
}

/// Counts one use, unless the total limit was reached meanwhile. Returns whether it counted.
pub async fn count_coupon_use(conn: &mut Conn, coupon: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE coupons SET used_count = used_count + 1 \
         WHERE id = $1 AND (usage_limit_total IS NULL OR used_count < usage_limit_total)",
    )
    .bind(coupon)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn record_redemption(
    conn: &mut Conn,
    coupon: i64,
    order: i64,
    user: Option<i64>,
    email: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO coupon_redemptions (coupon_id, order_id, user_id, email, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(coupon)
        .bind(order)
        .bind(user)
        .bind(email)
        .bind(at)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Hands a cancelled order's coupon use back.
pub async fn return_coupon_use(conn: &mut Conn, order: i64) -> Result<(), sqlx::Error> {
    let coupon: Option<i64> =
        sqlx::query_scalar("SELECT coupon_id FROM coupon_redemptions WHERE order_id = $1")
            .bind(order)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(coupon) = coupon {
        sqlx::query("DELETE FROM coupon_redemptions WHERE order_id = $1")
            .bind(order)
            .execute(&mut *conn)
            .await?;
        sqlx::query(
            "UPDATE coupons SET used_count = used_count - 1 WHERE id = $1 AND used_count > 0",
        )
        .bind(coupon)
        .execute(conn)
        .await?;
    }
    Ok(())
}
