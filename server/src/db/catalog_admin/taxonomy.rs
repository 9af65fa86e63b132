//! Categories (the tree, its moves) and brands as staff change them.

use super::*;

#[derive(sqlx::FromRow)]
struct CategoryRecord {
    id: i64,
    parent_id: Option<i64>,
    slug: String,
    name_zh: String,
    name_en: String,
    image: Option<String>,
    position: i64,
    #[sqlx(flatten)]
    seo: SeoRow,
    products: i64,
}

/// Every category, parents before children, siblings by position.
pub async fn categories(conn: &mut Conn) -> Result<Vec<CategoryNode>, sqlx::Error> {
    let rows: Vec<CategoryRecord> = sqlx::query_as(
        "SELECT c.id, c.parent_id, c.slug, c.name_zh, c.name_en, c.image, c.position, c.seo_title_zh, \
         c.seo_title_en, c.seo_description_zh, c.seo_description_en, \
         (SELECT COUNT(*) FROM products p WHERE p.category_id = c.id) AS products \
         FROM categories c ORDER BY c.position, c.id",
    )
    .fetch_all(conn)
    .await?;
    let nodes: Vec<CategoryNode> = rows
        .into_iter()
        .map(|r| CategoryNode {
            id: CategoryId(r.id),
            draft: CategoryDraft {
                slug: r.slug,
                name: Localized::new(r.name_zh, r.name_en),
                parent_id: r.parent_id.map(CategoryId),
                image: r.image,
                seo: r.seo.into(),
            },
            position: r.position,
            products: r.products,
        })
        .collect();
    // depth-first: each parent followed by its children
    let mut out = Vec::with_capacity(nodes.len());
    fn walk(
        all: &[CategoryNode],
        parent: Option<CategoryId>,
        out: &mut Vec<CategoryNode>,
        depth: usize,
    ) {
        if depth > all.len() {
            return;
        }
        for n in all.iter().filter(|n| n.draft.parent_id == parent) {
            out.push(n.clone());
            walk(all, Some(n.id), out, depth + 1);
        }
    }
    walk(&nodes, None, &mut out, 0);
    Ok(out)
}

pub async fn category_parents(
    conn: &mut Conn,
) -> Result<Vec<(CategoryId, Option<CategoryId>)>, sqlx::Error> {
    let rows: Vec<(i64, Option<i64>)> = sqlx::query_as("SELECT id, parent_id FROM categories")
        .fetch_all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, p)| (CategoryId(id), p.map(CategoryId)))
        .collect())
}

pub async fn category_with_slug(conn: &mut Conn, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM categories WHERE slug = $1")
        .bind(slug)
        .fetch_optional(conn)
        .await
}

pub async fn insert_category(conn: &mut Conn, d: &CategoryDraft) -> Result<i64, sqlx::Error> {
    let position: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position) + 1, 0) FROM categories WHERE parent_id IS NOT DISTINCT FROM $1",
    )
    .bind(d.parent_id.map(|p| p.0))
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query_scalar(
        "INSERT INTO categories (parent_id, slug, name_zh, name_en, image, position, seo_title_zh, seo_title_en, \
         seo_description_zh, seo_description_en) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(d.parent_id.map(|p| p.0))
    .bind(d.slug.trim())
    .bind(d.name.zh.trim())
    .bind(d.name.en.trim())
    .bind(d.image.as_deref())
    .bind(position)
    .bind(d.seo.title.zh.trim())
    .bind(d.seo.title.en.trim())
    .bind(d.seo.description.zh.trim())
    .bind(d.seo.description.en.trim())
    .fetch_one(conn)
    .await
}

/// Its texts and picture (moving is `move_category`).
pub async fn update_category(
    conn: &mut Conn,
    id: i64,
    d: &CategoryDraft,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE categories SET slug = $1, name_zh = $2, name_en = $3, image = $4, seo_title_zh = $5, \
         seo_title_en = $6, seo_description_zh = $7, seo_description_en = $8 WHERE id = $9",
    )
    .bind(d.slug.trim())
    .bind(d.name.zh.trim())
    .bind(d.name.en.trim())
    .bind(d.image.as_deref())
    .bind(d.seo.title.zh.trim())
    .bind(d.seo.title.en.trim())
    .bind(d.seo.description.zh.trim())
    .bind(d.seo.description.en.trim())
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Puts `id` under `parent` at `position`, renumbering the siblings 0, 1, 2 …
pub async fn move_category(
    conn: &mut Conn,
    id: i64,
    parent: Option<i64>,
    position: u32,
) -> Result<(), sqlx::Error> {
    let mut siblings: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM categories WHERE parent_id IS NOT DISTINCT FROM $1 AND id <> $2 ORDER BY position, id",
    )
    .bind(parent)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let at = usize::try_from(position)
        .unwrap_or(usize::MAX)
        .min(siblings.len());
    siblings.insert(at, id);
    sqlx::query("UPDATE categories SET parent_id = $1 WHERE id = $2")
        .bind(parent)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (i, sibling) in siblings.iter().enumerate() {
        sqlx::query("UPDATE categories SET position = $1 WHERE id = $2")
            .bind(i64::try_from(i).unwrap_or(0))
            .bind(sibling)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Products directly in it and categories under it.
pub async fn category_contents(conn: &mut Conn, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM products WHERE category_id = $1) + (SELECT COUNT(*) FROM categories WHERE parent_id = $1)",
    )
    .bind(id)
    .fetch_one(conn)
    .await
}

pub async fn delete_category(conn: &mut Conn, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM slug_redirects WHERE entity_type = 'category' AND entity_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM categories WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}

// brands --------------------------------------------------------------------------------

#[derive(sqlx::FromRow)]
struct BrandRecord {
    id: i64,
    slug: String,
    name_zh: String,
    name_en: String,
    description_zh: String,
    description_en: String,
    logo: Option<String>,
    #[sqlx(flatten)]
    seo: SeoRow,
    products: i64,
}

impl BrandRecord {
    fn into_row(self) -> BrandRow {
        BrandRow {
            id: BrandId(self.id),
            draft: BrandDraft {
                slug: self.slug,
                name: Localized::new(self.name_zh, self.name_en),
                description: Localized::new(self.description_zh, self.description_en),
                logo: self.logo,
                seo: self.seo.into(),
            },
            products: self.products,
        }
    }
}

const BRAND_COLUMNS: &str =
    "b.id, b.slug, b.name_zh, b.name_en, b.description_zh, b.description_en, b.logo, \
    b.seo_title_zh, b.seo_title_en, b.seo_description_zh, b.seo_description_en, \
    (SELECT COUNT(*) FROM products p WHERE p.brand_id = b.id) AS products";

pub async fn brands(conn: &mut Conn) -> Result<Vec<BrandRow>, sqlx::Error> {
    let rows: Vec<BrandRecord> = sqlx::query_as(&format!(
        "SELECT {BRAND_COLUMNS} FROM brands b ORDER BY b.position, b.name_en"
    ))
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(BrandRecord::into_row).collect())
}

pub async fn brand(conn: &mut Conn, id: i64) -> Result<Option<BrandRow>, sqlx::Error> {
    let row: Option<BrandRecord> = sqlx::query_as(&format!(
        "SELECT {BRAND_COLUMNS} FROM brands b WHERE b.id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(BrandRecord::into_row))
}

pub async fn brand_with_slug(conn: &mut Conn, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM brands WHERE slug = $1")
        .bind(slug)
        .fetch_optional(conn)
        .await
}

pub async fn insert_brand(
    conn: &mut Conn,
    d: &BrandDraft,
    description: &Localized,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO brands (slug, name_zh, name_en, description_zh, description_en, logo, seo_title_zh, seo_title_en, \
         seo_description_zh, seo_description_en) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(d.slug.trim())
    .bind(d.name.zh.trim())
    .bind(d.name.en.trim())
    .bind(&description.zh)
    .bind(&description.en)
    .bind(d.logo.as_deref())
    .bind(d.seo.title.zh.trim())
    .bind(d.seo.title.en.trim())
    .bind(d.seo.description.zh.trim())
    .bind(d.seo.description.en.trim())
    .fetch_one(conn)
    .await
}

pub async fn update_brand(
    conn: &mut Conn,
    id: i64,
    d: &BrandDraft,
    description: &Localized,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE brands SET slug = $1, name_zh = $2, name_en = $3, description_zh = $4, description_en = $5, logo = $6, \
         seo_title_zh = $7, seo_title_en = $8, seo_description_zh = $9, seo_description_en = $10 WHERE id = $11",
    )
    .bind(d.slug.trim())
    .bind(d.name.zh.trim())
    .bind(d.name.en.trim())
    .bind(&description.zh)
    .bind(&description.en)
    .bind(d.logo.as_deref())
    .bind(d.seo.title.zh.trim())
    .bind(d.seo.title.en.trim())
    .bind(d.seo.description.zh.trim())
    .bind(d.seo.description.en.trim())
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ())
}

pub async fn exists(conn: &mut Conn, table: ExistsIn, id: i64) -> Result<bool, sqlx::Error> {
    let sql = match table {
        ExistsIn::Category => "SELECT COUNT(*) FROM categories WHERE id = $1",
        ExistsIn::Brand => "SELECT COUNT(*) FROM brands WHERE id = $1",
    };
    let n: i64 = sqlx::query_scalar(sql).bind(id).fetch_one(conn).await?;
    Ok(n > 0)
}

#[derive(Debug, Clone, Copy)]
pub enum ExistsIn {
    Category,
    Brand,
}
