//! The search index: one lower-cased text per product (names, brand, both category levels,
//! descriptions without their markup, both languages), the same on both backends. Rebuilt
//! whole by the seeder, and per product whenever staff change one (or its brand or category).

use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct Parts {
    id: i64,
    name_zh: String,
    name_en: String,
    brand_zh: String,
    brand_en: String,
    category_zh: String,
    category_en: String,
    parent_zh: Option<String>,
    parent_en: Option<String>,
    description_zh: String,
    description_en: String,
}

impl Parts {
    fn body(&self) -> String {
        let description_zh = shared::catalog::plain_text(&self.description_zh);
        let description_en = shared::catalog::plain_text(&self.description_en);
        [
            self.name_zh.as_str(),
            &self.name_en,
            &self.brand_zh,
            &self.brand_en,
            &self.category_zh,
            &self.category_en,
            self.parent_zh.as_deref().unwrap_or(""),
            self.parent_en.as_deref().unwrap_or(""),
            &description_zh,
            &description_en,
        ]
        .join(" ")
        .to_lowercase()
    }
}

const PARTS: &str = "SELECT p.id, p.name_zh, p.name_en, b.name_zh AS brand_zh, b.name_en AS brand_en, \
    c.name_zh AS category_zh, c.name_en AS category_en, pc.name_zh AS parent_zh, pc.name_en AS parent_en, \
    p.description_zh, p.description_en \
    FROM products p JOIN brands b ON b.id = p.brand_id JOIN categories c ON c.id = p.category_id \
    LEFT JOIN categories pc ON pc.id = c.parent_id";

/// Rebuilds every product's search text.
pub async fn rebuild(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM product_search")
        .execute(&mut *conn)
        .await?;
    let all: Vec<Parts> = sqlx::query_as(PARTS).fetch_all(&mut *conn).await?;
    insert(conn, &all).await
}

/// Rewrites the search texts of `products` (after staff changed them).
pub async fn reindex(conn: &mut AnyConnection, products: &[i64]) -> Result<(), sqlx::Error> {
    for chunk in products.chunks(200) {
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        sqlx::query(&format!(
            "DELETE FROM product_search WHERE product_id IN ({list})"
        ))
        .execute(&mut *conn)
        .await?;
        let parts: Vec<Parts> = sqlx::query_as(&format!("{PARTS} WHERE p.id IN ({list})"))
            .fetch_all(&mut *conn)
            .await?;
        insert(conn, &parts).await?;
    }
    Ok(())
}

/// The products of a brand or category (to reindex after a rename).
pub async fn products_of(
    conn: &mut AnyConnection,
    brand: Option<i64>,
    category: Option<i64>,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT p.id FROM products p JOIN categories c ON c.id = p.category_id \
         WHERE p.brand_id = $1 OR p.category_id = $2 OR c.parent_id = $2",
    )
    .bind(brand.unwrap_or(0))
    .bind(category.unwrap_or(0))
    .fetch_all(conn)
    .await
}

async fn insert(conn: &mut AnyConnection, parts: &[Parts]) -> Result<(), sqlx::Error> {
    for chunk in parts.chunks(200) {
        let mut sql = String::from("INSERT INTO product_search (product_id, body) VALUES ");
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("(${}, ${})", 2 * i + 1, 2 * i + 2));
        }
        let mut q = sqlx::query(&sql);
        for p in chunk {
            q = q.bind(p.id).bind(p.body());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Every product's search text (for the typo-correcting vocabulary).
pub async fn texts(db: &crate::db::Db) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT body FROM product_search")
        .fetch_all(&db.pool)
        .await
}
