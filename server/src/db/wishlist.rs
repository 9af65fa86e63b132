//! The wishlist repository: the products a customer keeps, the newest first.

use sqlx::AnyConnection as Conn;

/// The slugs of the customer's kept products, the newest first.
pub async fn slugs(conn: &mut Conn, user: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT p.slug FROM wishlist_items w JOIN products p ON p.id = w.product_id \
         WHERE w.user_id = $1 ORDER BY w.added_at DESC, p.id DESC",
    )
    .bind(user)
    .fetch_all(conn)
    .await
}

/// The id of product `slug` when it is for sale.
pub async fn product_for_sale(conn: &mut Conn, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM products WHERE slug = $1 AND status = 'active' AND item_kind = 'finished_good'",
    )
    .bind(slug)
    .fetch_optional(conn)
    .await
}

/// Keeps `product` for the customer as of `at` (kept already: now the newest).
pub async fn keep(conn: &mut Conn, user: i64, product: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO wishlist_items (user_id, product_id, added_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, product_id) DO UPDATE SET added_at = excluded.added_at",
    )
    .bind(user)
    .bind(product)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// No longer keeps product `slug` (not kept: nothing happens).
pub async fn forget(conn: &mut Conn, user: i64, slug: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM wishlist_items WHERE user_id = $1 \
         AND product_id IN (SELECT id FROM products WHERE slug = $2)",
    )
    .bind(user)
    .bind(slug)
    .execute(conn)
    .await?;
    Ok(())
}
