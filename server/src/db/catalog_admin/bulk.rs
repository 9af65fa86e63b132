//! The product list's bulk changes (status, category, prices), scheduled publishing and
//! the media library.

use super::*;

pub async fn set_status(
    conn: &mut Conn,
    id: i64,
    status: ProductStatus,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE products SET status = $1, publish_at = NULL, updated_at = $2 WHERE id = $3 AND status <> $1")
        .bind(status.code())
        .bind(now_millis())
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_category(conn: &mut Conn, id: i64, category: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE products SET category_id = $1, updated_at = $2 WHERE id = $3 AND category_id <> $1",
    )
    .bind(category)
    .bind(now_millis())
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A product's variant prices (id, price, compare-at).
pub async fn variant_prices(
    conn: &mut Conn,
    product: i64,
) -> Result<Vec<(i64, i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as("SELECT id, price, compare_at FROM product_variants WHERE product_id = $1 ORDER BY position, id")
        .bind(product)
        .fetch_all(conn)
        .await
}

pub async fn set_variant_price(
    conn: &mut Conn,
    variant: i64,
    price: i64,
    compare_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE product_variants SET price = $1, compare_at = $2 WHERE id = $3")
        .bind(price)
        .bind(compare_at)
        .bind(variant)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Recomputes a product's price range from its variants.
pub async fn refresh_price_range(conn: &mut Conn, product: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE products SET price_min = (SELECT COALESCE(MIN(price), 0) FROM product_variants WHERE product_id = $1), \
         price_max = (SELECT COALESCE(MAX(price), 0) FROM product_variants WHERE product_id = $1), updated_at = $2 \
         WHERE id = $1",
    )
    .bind(product)
    .bind(now_millis())
    .execute(conn)
    .await
    .map(|_| ())
}

/// Drafts whose publishing time has come: published now. Returns their ids.
pub async fn publish_due(conn: &mut Conn, now: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE products SET status = 'active', publish_at = NULL, updated_at = $1 \
         WHERE status = 'draft' AND publish_at IS NOT NULL AND publish_at <= $1 RETURNING id",
    )
    .bind(now)
    .fetch_all(conn)
    .await
}

/// Records an upload in the media library; `false` when the same picture was there already.
pub async fn insert_media(
    conn: &mut Conn,
    key: &str,
    name: &str,
    width: i64,
    height: i64,
    bytes: i64,
    by: shared::ids::UserId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO media (key, original_name, width, height, bytes, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(name)
    .bind(width)
    .bind(height)
    .bind(bytes)
    .bind(by.0)
    .bind(now_millis())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
