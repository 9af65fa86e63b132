//! Customers' carts and saved addresses.

use crate::db::{Arg, SqlBuilder};
use shared::cart::CartItem;
use shared::ids::VariantId;
use shared::money::{Currency, Money};
use shared::pricing::Quantity;
use sqlx::AnyConnection;
use std::collections::HashMap;

type Conn = AnyConnection;

pub async fn items(conn: &mut Conn, user: i64) -> Result<Vec<CartItem>, sqlx::Error> {
    let rows: Vec<(i64, i64, Option<i64>, String)> = sqlx::query_as(
        "SELECT c.variant_id, c.quantity, c.seen_price, p.currency FROM cart_items c \
         JOIN product_variants v ON v.id = c.variant_id JOIN products p ON p.id = v.product_id \
         WHERE c.user_id = $1 ORDER BY c.position, c.variant_id",
    )
    .bind(user)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(variant, quantity, seen, currency)| {
            let currency = Currency::parse(&currency).unwrap_or_default();
            Some(CartItem {
                variant_id: VariantId(variant),
                quantity: Quantity::new(u32::try_from(quantity).ok()?).ok()?,
                seen_price: seen.map(|m| Money::new(m, currency)),
            })
        })
        .collect())
}

/// Replaces the customer's cart with `items` (in their order).
pub async fn replace(
    conn: &mut Conn,
    user: i64,
    items: &[CartItem],
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM cart_items WHERE user_id = $1")
        .bind(user)
        .execute(&mut *conn)
        .await?;
    for (position, item) in items.iter().enumerate() {
        sqlx::query(
            "INSERT INTO cart_items (user_id, variant_id, quantity, seen_price, position, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(user)
        .bind(item.variant_id.0)
        .bind(i64::from(item.quantity.get()))
        .bind(item.seen_price.map(|m| m.minor))
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Takes the ordered variants out of the customer's cart (inside the order's transaction).
pub async fn remove_ordered(
    conn: &mut Conn,
    user: i64,
    variants: &[i64],
) -> Result<(), sqlx::Error> {
    for variant in variants {
        sqlx::query("DELETE FROM cart_items WHERE user_id = $1 AND variant_id = $2")
            .bind(user)
            .bind(variant)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The price of a sellable variant now, to remember what the customer saw.
pub async fn current_price(conn: &mut Conn, variant: i64) -> Result<Option<Money>, sqlx::Error> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT v.price, p.currency FROM product_variants v JOIN products p ON p.id = v.product_id \
         WHERE v.id = $1 AND p.status = 'active' AND p.item_kind = 'finished_good'",
    )
    .bind(variant)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(price, c)| Money::new(price, Currency::parse(&c).unwrap_or_default())))
}

/// What a cart line shows of its variant, with its current price and free stock.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LineInfo {
    pub variant_id: i64,
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
    pub sku: String,
    pub color_zh: Option<String>,
    pub color_en: Option<String>,
    pub size: Option<String>,
    pub image: Option<String>,
    pub price: i64,
    pub currency: String,
    pub weight_grams: i64,
    pub available: i64,
}

/// The sellable variants among `variants`, by id, in one query (variants that are unknown
/// or whose product is off sale are missing).
pub async fn line_infos(
    conn: &mut Conn,
    variants: &[i64],
) -> Result<HashMap<i64, LineInfo>, sqlx::Error> {
    if variants.is_empty() {
        return Ok(HashMap::new());
    }
    let mut b = SqlBuilder::default();
    b.push(
        "SELECT v.id AS variant_id, p.slug, p.name_zh, p.name_en, v.sku, v.color_zh, v.color_en, v.size, \
         (SELECT url FROM product_images i WHERE i.product_id = p.id ORDER BY position LIMIT 1) AS image, \
         v.price, p.currency, v.weight_grams, \
         CAST(COALESCE((SELECT SUM(s.on_hand - s.reserved) FROM stock_levels s WHERE s.variant_id = v.id), 0) AS BIGINT) AS available \
         FROM product_variants v JOIN products p ON p.id = v.product_id \
         WHERE p.status = 'active' AND p.item_kind = 'finished_good' AND v.id IN (",
    );
    for (i, id) in variants.iter().enumerate() {
        if i > 0 {
            b.push(", ");
        }
        b.bind(Arg::Int(*id));
    }
    b.push(")");
    let rows: Vec<LineInfo> = b.query_as().fetch_all(conn).await?;
    Ok(rows.into_iter().map(|r| (r.variant_id, r)).collect())
}
