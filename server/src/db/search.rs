//! The search index: rebuilt from the catalogue tables in one statement, the same on both
//! backends.

use sqlx::AnyConnection;

/// Rebuilds every product's search text.
pub async fn rebuild(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM product_search")
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO product_search (product_id, body) \
         SELECT p.id, LOWER(p.name_zh || ' ' || p.name_en || ' ' || b.name_zh || ' ' || b.name_en || ' ' || \
                c.name_zh || ' ' || c.name_en || ' ' || COALESCE(pc.name_zh, '') || ' ' || COALESCE(pc.name_en, '') || ' ' || \
                p.description_zh || ' ' || p.description_en) \
         FROM products p JOIN brands b ON b.id = p.brand_id JOIN categories c ON c.id = p.category_id \
         LEFT JOIN categories pc ON pc.id = c.parent_id",
    )
    .execute(conn)
    .await
    .map(|_| ())
}

/// Every product's search text (for the typo-correcting vocabulary).
pub async fn texts(db: &crate::db::Db) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT body FROM product_search")
        .fetch_all(&db.pool)
        .await
}
