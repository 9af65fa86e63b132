//! The catalogue as staff change it: the product list with its filters, a product with its
//! variants and pictures for the editor, writing them, categories and brands, moved slugs.
//! Every write here runs inside the caller's transaction.

use crate::db::catalog::SeoRow;
use crate::db::{now_millis, Arg, SqlBuilder};
use shared::catalog::admin::{
    BrandDraft, BrandRow, CategoryDraft, CategoryNode, ImageDraft, ProductDraft, ProductEditor,
    ProductImage, ProductRow, ProductSortKey, ProductStatus, StockFilter, VariantDraft,
    VariantInfo,
};
use shared::catalog::{Localized, SlugOwner, StockStatus};
use shared::ids::{BrandId, CategoryId, ProductId, VariantId};
use shared::list::{PageRequest, SortDir};
use shared::money::{Currency, Money};
use shared::stock::ItemKind;
use sqlx::AnyConnection as Conn;

mod bulk;
mod taxonomy;
pub use bulk::*;
pub use taxonomy::*;

/// The product list's filters, checked.
#[derive(Debug, Default)]
pub struct ProductFilter {
    pub q: Option<String>,
    /// The category and its sub-categories.
    pub categories: Option<Vec<i64>>,
    pub brand: Option<i64>,
    pub status: Option<ProductStatus>,
    pub stock: Option<StockFilter>,
    pub sort: ProductSortKey,
    pub dir: SortDir,
}

#[derive(sqlx::FromRow)]
struct RowOfList {
    id: i64,
    slug: String,
    name_zh: String,
    name_en: String,
    brand_zh: String,
    brand_en: String,
    category_zh: String,
    category_en: String,
    status: String,
    publish_at: Option<i64>,
    price_min: i64,
    price_max: i64,
    currency: String,
    variants: i64,
    available: i64,
    image: Option<String>,
    updated_at: i64,
}

/// A category and every category below it.
pub async fn subtree(conn: &mut Conn, root: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "WITH RECURSIVE tree(id) AS (SELECT id FROM categories WHERE id = $1 \
         UNION ALL SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id) SELECT id FROM tree",
    )
    .bind(root)
    .fetch_all(conn)
    .await
}

/// One page of products for staff (any status), and how many match.
/// The list's `FROM … WHERE …` for `filter` (stock per product computed once in a
/// sub-query).
fn filtered(filter: &ProductFilter) -> SqlBuilder {
    let from = " FROM products p JOIN brands b ON b.id = p.brand_id JOIN categories c ON c.id = p.category_id \
         LEFT JOIN (SELECT v.product_id, COUNT(DISTINCT v.id) AS variants, \
            CAST(COALESCE(SUM(s.on_hand - s.reserved), 0) AS BIGINT) AS available \
            FROM product_variants v LEFT JOIN stock_levels s ON s.variant_id = v.id GROUP BY v.product_id) st \
         ON st.product_id = p.id WHERE 1 = 1";
    let mut where_ = SqlBuilder::default();
    where_.push(from);
    if let Some(q) = &filter.q {
        let like = format!("%{}%", q.to_lowercase());
        where_
            .push(" AND (LOWER(p.name_zh) LIKE ")
            .bind(Arg::Text(like.clone()))
            .push(" OR LOWER(p.name_en) LIKE ")
            .bind(Arg::Text(like.clone()))
            .push(" OR p.slug LIKE ")
            .bind(Arg::Text(like.clone()))
            .push(" OR EXISTS (SELECT 1 FROM product_variants sv WHERE sv.product_id = p.id AND LOWER(sv.sku) LIKE ")
            .bind(Arg::Text(like))
            .push("))");
    }
    if let Some(ids) = &filter.categories {
        where_.push(" AND p.category_id IN (");
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                where_.push(", ");
            }
            where_.bind(Arg::Int(*id));
        }
        if ids.is_empty() {
            where_.push("NULL");
        }
        where_.push(")");
    }
    if let Some(brand) = filter.brand {
        where_.push(" AND p.brand_id = ").bind(Arg::Int(brand));
    }
    if let Some(status) = filter.status {
        where_
            .push(" AND p.status = ")
            .bind(Arg::Text(status.code().into()));
    }
    match filter.stock {
        Some(StockFilter::InStock) => {
            where_.push(" AND COALESCE(st.available, 0) > 0");
        }
        Some(StockFilter::Low) => {
            where_
                .push(" AND COALESCE(st.available, 0) > 0 AND COALESCE(st.available, 0) <= ")
                .bind(Arg::Int(StockStatus::LOW_THRESHOLD));
        }
        Some(StockFilter::OutOfStock) => {
            where_.push(" AND COALESCE(st.available, 0) <= 0");
        }
        None => {}
    }
    where_
}

/// The ids of every product `filter` matches, in id order (the CSV export).
pub async fn matching_ids(
    conn: &mut Conn,
    filter: &ProductFilter,
) -> Result<Vec<i64>, sqlx::Error> {
    let where_ = filtered(filter);
    let ids = SqlBuilder {
        sql: format!("SELECT p.id{} ORDER BY p.id", where_.sql),
        args: where_.args,
    };
    ids.query_scalar().fetch_all(conn).await
}

pub async fn list(
    conn: &mut Conn,
    filter: &ProductFilter,
    page: PageRequest,
) -> Result<(Vec<ProductRow>, i64), sqlx::Error> {
    let where_ = filtered(filter);
    let count = SqlBuilder {
        sql: format!("SELECT COUNT(*){}", where_.sql),
        args: where_.args.clone(),
    };
    let total: i64 = count.query_scalar().fetch_one(&mut *conn).await?;
    let order = match filter.sort {
        ProductSortKey::UpdatedAt => "p.updated_at",
        ProductSortKey::Name => "p.name_en",
        ProductSortKey::Price => "p.price_min",
        ProductSortKey::Available => "COALESCE(st.available, 0)",
    };
    let mut rows = SqlBuilder {
        sql: format!(
            "SELECT p.id, p.slug, p.name_zh, p.name_en, b.name_zh AS brand_zh, b.name_en AS brand_en, \
             c.name_zh AS category_zh, c.name_en AS category_en, p.status, p.publish_at, p.price_min, p.price_max, \
             p.currency, CAST(COALESCE(st.variants, 0) AS BIGINT) AS variants, \
             CAST(COALESCE(st.available, 0) AS BIGINT) AS available, \
             (SELECT i.url FROM product_images i WHERE i.product_id = p.id ORDER BY i.position LIMIT 1) AS image, \
             p.updated_at{}",
            where_.sql
        ),
        args: where_.args,
    };
    rows.push(&format!(
        " ORDER BY {order} {0}, p.id {0}",
        filter.dir.sql()
    ))
    .push(" LIMIT ")
    .bind(Arg::Int(page.limit()))
    .push(" OFFSET ")
    .bind(Arg::Int(page.offset()));
    let found: Vec<RowOfList> = rows.query_as().fetch_all(conn).await?;
    let items = found
        .into_iter()
        .filter_map(|r| {
            let currency = Currency::parse(&r.currency).unwrap_or_default();
            Some(ProductRow {
                id: ProductId(r.id),
                slug: r.slug,
                name: Localized::new(r.name_zh, r.name_en),
                brand: Localized::new(r.brand_zh, r.brand_en),
                category: Localized::new(r.category_zh, r.category_en),
                status: ProductStatus::parse(&r.status)?,
                publish_at: r.publish_at,
                price_min: Money::new(r.price_min, currency),
                price_max: Money::new(r.price_max, currency),
                variants: r.variants,
                available: r.available,
                image: r.image,
                updated_at: r.updated_at,
            })
        })
        .collect();
    Ok((items, total))
}

#[derive(sqlx::FromRow)]
struct ProductRecord {
    slug: String,
    name_zh: String,
    name_en: String,
    description_zh: String,
    description_en: String,
    category_id: i64,
    brand_id: i64,
    status: String,
    publish_at: Option<i64>,
    featured: i64,
    item_kind: String,
    warranty_days: i64,
    option1_zh: String,
    option1_en: String,
    option2_zh: String,
    option2_en: String,
    #[sqlx(flatten)]
    seo: SeoRow,
    created_at: i64,
    updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct VariantRecord {
    id: i64,
    sku: String,
    barcode: Option<String>,
    color_zh: Option<String>,
    color_en: Option<String>,
    size: Option<String>,
    price: i64,
    compare_at: Option<i64>,
    cost: Option<i64>,
    weight_grams: i64,
    available: i64,
}

#[derive(sqlx::FromRow)]
struct ImageRecord {
    url: String,
    srcset: String,
    alt_zh: String,
    alt_en: String,
    width: Option<i64>,
    height: Option<i64>,
    color_en: Option<String>,
}

impl ImageRecord {
    fn into_image(self) -> ProductImage {
        ProductImage {
            url: self.url,
            srcset: self.srcset,
            alt: Localized::new(self.alt_zh, self.alt_en),
            width: self.width.and_then(|w| u32::try_from(w).ok()),
            height: self.height.and_then(|h| u32::try_from(h).ok()),
            color_en: self.color_en,
        }
    }
}

/// A product's pictures, in order.
pub async fn images(conn: &mut Conn, product: i64) -> Result<Vec<ProductImage>, sqlx::Error> {
    let rows: Vec<ImageRecord> = sqlx::query_as(
        "SELECT url, srcset, alt_zh, alt_en, width, height, color_en FROM product_images \
         WHERE product_id = $1 ORDER BY position",
    )
    .bind(product)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(ImageRecord::into_image).collect())
}

/// A product as the editor shows it (any status).
pub async fn editor(conn: &mut Conn, id: ProductId) -> Result<Option<ProductEditor>, sqlx::Error> {
    let p: Option<ProductRecord> = sqlx::query_as(
        "SELECT slug, name_zh, name_en, description_zh, description_en, category_id, brand_id, status, \
         publish_at, featured, item_kind, warranty_days, option1_zh, option1_en, option2_zh, option2_en, seo_title_zh, \
         seo_title_en, seo_description_zh, seo_description_en, created_at, updated_at FROM products WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(p) = p else { return Ok(None) };
    let variants: Vec<VariantRecord> = sqlx::query_as(
        "SELECT v.id, v.sku, v.barcode, v.color_zh, v.color_en, v.size, v.price, v.compare_at, v.cost, v.weight_grams, \
         CAST(COALESCE(SUM(s.on_hand - s.reserved), 0) AS BIGINT) AS available \
         FROM product_variants v LEFT JOIN stock_levels s ON s.variant_id = v.id WHERE v.product_id = $1 \
         GROUP BY v.id, v.sku, v.barcode, v.color_zh, v.color_en, v.size, v.price, v.compare_at, v.cost, \
         v.weight_grams, v.position ORDER BY v.position, v.id",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    let images = images(conn, id.0).await?;
    let infos: Vec<VariantInfo> = variants
        .into_iter()
        .map(|v| VariantInfo {
            draft: VariantDraft {
                id: Some(VariantId(v.id)),
                sku: v.sku,
                barcode: v.barcode,
                color: match (v.color_zh, v.color_en) {
                    (Some(zh), Some(en)) => Some(Localized::new(zh, en)),
                    _ => None,
                },
                size: v.size,
                price: v.price,
                compare_at: v.compare_at,
                cost: v.cost,
                weight_grams: u32::try_from(v.weight_grams).unwrap_or(0),
            },
            available: v.available,
        })
        .collect();
    let status = ProductStatus::parse(&p.status).unwrap_or(ProductStatus::Draft);
    Ok(Some(ProductEditor {
        id,
        draft: ProductDraft {
            slug: p.slug,
            name: Localized::new(p.name_zh, p.name_en),
            description: Localized::new(p.description_zh, p.description_en),
            category_id: CategoryId(p.category_id),
            brand_id: BrandId(p.brand_id),
            status,
            publish_at: p.publish_at,
            featured: p.featured == 1,
            kind: ItemKind::parse(&p.item_kind).unwrap_or_default(),
            warranty_days: u32::try_from(p.warranty_days).unwrap_or_default(),
            option1: Localized::new(p.option1_zh, p.option1_en),
            option2: Localized::new(p.option2_zh, p.option2_en),
            variants: infos.iter().map(|v| v.draft.clone()).collect(),
            images: images
                .iter()
                .map(|i| ImageDraft {
                    url: i.url.clone(),
                    alt: i.alt.clone(),
                    color_en: i.color_en.clone(),
                })
                .collect(),
            seo: p.seo.into(),
        },
        variants: infos,
        images,
        created_at: p.created_at,
        updated_at: p.updated_at,
    }))
}

/// Which product holds `slug` (any status), if any.
pub async fn product_with_slug(conn: &mut Conn, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM products WHERE slug = $1")
        .bind(slug)
        .fetch_optional(conn)
        .await
}

/// `(value, product)` for each of `values` some variant holds as its SKU or barcode.
pub async fn variants_with(
    conn: &mut Conn,
    column: VariantKey,
    values: &[&str],
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let mut found = Vec::new();
    for chunk in values.chunks(200) {
        let mut q = SqlBuilder::default();
        q.push(match column {
            VariantKey::Sku => "SELECT sku, product_id FROM product_variants WHERE sku IN (",
            VariantKey::Barcode => {
                "SELECT barcode, product_id FROM product_variants WHERE barcode IN ("
            }
        });
        for (i, value) in chunk.iter().enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.bind(Arg::Text((*value).to_string()));
        }
        q.push(")");
        found.extend(q.query_as::<(String, i64)>().fetch_all(&mut *conn).await?);
    }
    Ok(found)
}

#[derive(Debug, Clone, Copy)]
pub enum VariantKey {
    Sku,
    Barcode,
}

/// The checked values of a draft, ready to write.
pub struct ProductValues<'a> {
    pub draft: &'a ProductDraft,
    /// Sanitised descriptions.
    pub description: Localized,
    pub skus: Vec<String>,
    pub currency: Currency,
    /// `(url, srcset, width, height)` per picture of the draft, in order.
    pub images: Vec<(String, String, Option<i64>, Option<i64>)>,
}

fn trimmed(s: &str) -> &str {
    s.trim()
}

/// Writes a new product with its variants and pictures; returns its id.
pub async fn insert_product(conn: &mut Conn, v: &ProductValues<'_>) -> Result<i64, sqlx::Error> {
    let d = v.draft;
    let now = now_millis();
    let (min, max) = price_range(&d.variants);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO products (slug, category_id, brand_id, name_zh, name_en, description_zh, description_en, \
         currency, price_min, price_max, featured, status, created_at, option1_zh, option1_en, option2_zh, option2_en, \
         seo_title_zh, seo_title_en, seo_description_zh, seo_description_en, publish_at, item_kind, updated_at, warranty_days) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $13, $24) \
         RETURNING id",
    )
    .bind(trimmed(&d.slug))
    .bind(d.category_id.0)
    .bind(d.brand_id.0)
    .bind(trimmed(&d.name.zh))
    .bind(trimmed(&d.name.en))
    .bind(&v.description.zh)
    .bind(&v.description.en)
    .bind(v.currency.code())
    .bind(min)
    .bind(max)
    .bind(i64::from(d.featured))
    .bind(d.status.code())
    .bind(now)
    .bind(trimmed(&d.option1.zh))
    .bind(trimmed(&d.option1.en))
    .bind(trimmed(&d.option2.zh))
    .bind(trimmed(&d.option2.en))
    .bind(trimmed(&d.seo.title.zh))
    .bind(trimmed(&d.seo.title.en))
    .bind(trimmed(&d.seo.description.zh))
    .bind(trimmed(&d.seo.description.en))
    .bind(d.publish_at)
    .bind(d.kind.as_str())
    .bind(i64::from(d.warranty_days))
    .fetch_one(&mut *conn)
    .await?;
    write_variants(conn, id, v, true).await?;
    write_images(conn, id, v, true).await?;
    Ok(id)
}

/// Replaces a product's fields, variants (kept by id, new ones added, missing ones removed
/// unless ordered — those are kept and reported) and pictures.
pub async fn update_product(
    conn: &mut Conn,
    id: i64,
    v: &ProductValues<'_>,
) -> Result<(), sqlx::Error> {
    let d = v.draft;
    let (min, max) = price_range(&d.variants);
    sqlx::query(
        "UPDATE products SET slug = $1, category_id = $2, brand_id = $3, name_zh = $4, name_en = $5, \
         description_zh = $6, description_en = $7, price_min = $8, price_max = $9, featured = $10, status = $11, \
         option1_zh = $12, option1_en = $13, option2_zh = $14, option2_en = $15, seo_title_zh = $16, \
         seo_title_en = $17, seo_description_zh = $18, seo_description_en = $19, publish_at = $20, updated_at = $21, \
         item_kind = $23, warranty_days = $24 WHERE id = $22",
    )
    .bind(trimmed(&d.slug))
    .bind(d.category_id.0)
    .bind(d.brand_id.0)
    .bind(trimmed(&d.name.zh))
    .bind(trimmed(&d.name.en))
    .bind(&v.description.zh)
    .bind(&v.description.en)
    .bind(min)
    .bind(max)
    .bind(i64::from(d.featured))
    .bind(d.status.code())
    .bind(trimmed(&d.option1.zh))
    .bind(trimmed(&d.option1.en))
    .bind(trimmed(&d.option2.zh))
    .bind(trimmed(&d.option2.en))
    .bind(trimmed(&d.seo.title.zh))
    .bind(trimmed(&d.seo.title.en))
    .bind(trimmed(&d.seo.description.zh))
    .bind(trimmed(&d.seo.description.en))
    .bind(d.publish_at)
    .bind(now_millis())
    .bind(id)
    .bind(d.kind.as_str())
    .bind(i64::from(d.warranty_days))
    .execute(&mut *conn)
    .await?;
    write_variants(conn, id, v, false).await?;
    write_images(conn, id, v, false).await?;
    Ok(())
}

fn price_range(variants: &[VariantDraft]) -> (i64, i64) {
    let min = variants.iter().map(|v| v.price).min().unwrap_or(0);
    let max = variants.iter().map(|v| v.price).max().unwrap_or(0);
    (min, max)
}

/// Variants ordered by customers are never deleted (order lines point at them).
pub async fn ordered_variants(conn: &mut Conn, product: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT l.variant_id FROM order_lines l JOIN product_variants v ON v.id = l.variant_id \
         WHERE v.product_id = $1",
    )
    .bind(product)
    .fetch_all(conn)
    .await
}

/// The product's variants with stock on hand in some warehouse.
pub async fn stocked_variants(conn: &mut Conn, product: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT s.variant_id FROM stock_levels s JOIN product_variants v ON v.id = s.variant_id \
         WHERE v.product_id = $1 AND (s.on_hand > 0 OR EXISTS (SELECT 1 FROM stock_movements m \
           WHERE m.variant_id = s.variant_id AND m.warehouse_id = s.warehouse_id))",
    )
    .bind(product)
    .fetch_all(conn)
    .await
}

/// Writes a product's variants: updates the kept ones, removes the dropped ones (never
/// those customers ordered), inserts the new ones in one statement, and gives every new
/// variant a stock row (of nothing) in every warehouse. `new`: the product has none yet.
async fn write_variants(
    conn: &mut Conn,
    product: i64,
    v: &ProductValues<'_>,
    new: bool,
) -> Result<(), sqlx::Error> {
    let existing: Vec<i64> = if new {
        Vec::new()
    } else {
        sqlx::query_scalar("SELECT id FROM product_variants WHERE product_id = $1")
            .bind(product)
            .fetch_all(&mut *conn)
            .await?
    };
    let kept: Vec<i64> = v
        .draft
        .variants
        .iter()
        .filter_map(|d| d.id.map(|i| i.0))
        .filter(|i| existing.contains(i))
        .collect();
    // SKUs and barcodes are unique: clear the ones being rewritten first, so that two
    // variants swapping SKUs do not collide halfway
    for id in &kept {
        sqlx::query("UPDATE product_variants SET sku = $1, barcode = NULL WHERE id = $2")
            .bind(format!("~{id}"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    if existing.len() > kept.len() {
        let ordered = ordered_variants(conn, product).await?;
        for gone in existing.iter().filter(|i| !kept.contains(i)) {
            if ordered.contains(gone) {
                continue; // the caller refuses drafts that drop ordered or stocked variants
            }
            sqlx::query("DELETE FROM product_variants WHERE id = $1")
                .bind(gone)
                .execute(&mut *conn)
                .await?;
        }
    }
    let mut inserts = SqlBuilder::default();
    inserts.push(
        "INSERT INTO product_variants (product_id, sku, barcode, color_zh, color_en, size, price, \
         compare_at, cost, weight_grams, position) VALUES ",
    );
    let mut added = 0;
    for (position, (d, sku)) in v.draft.variants.iter().zip(&v.skus).enumerate() {
        let position = i64::try_from(position).unwrap_or(0);
        let (color_zh, color_en) = match &d.color {
            Some(c) => (Some(c.zh.trim().to_string()), Some(c.en.trim().to_string())),
            None => (None, None),
        };
        let size = d.size.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let barcode = d
            .barcode
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let weight = i64::from(d.weight_grams);
        match d.id.map(|i| i.0).filter(|i| kept.contains(i)) {
            Some(id) => {
                sqlx::query(
                    "UPDATE product_variants SET sku = $1, barcode = $2, color_zh = $3, color_en = $4, size = $5, \
                     price = $6, compare_at = $7, cost = $8, weight_grams = $9, position = $10 WHERE id = $11",
                )
                .bind(sku)
                .bind(barcode)
                .bind(color_zh)
                .bind(color_en)
                .bind(size)
                .bind(d.price)
                .bind(d.compare_at)
                .bind(d.cost)
                .bind(weight)
                .bind(position)
                .bind(id)
                .execute(&mut *conn)
                .await?;
            }
            None => {
                let text = |t: Option<String>| t.map_or(Arg::NullText, Arg::Text);
                let int = |n: Option<i64>| n.map_or(Arg::NullInt, Arg::Int);
                inserts.push(if added == 0 { "(" } else { ", (" });
                let values = [
                    Arg::Int(product),
                    Arg::Text(sku.clone()),
                    text(barcode.map(str::to_string)),
                    text(color_zh),
                    text(color_en),
                    text(size.map(str::to_string)),
                    Arg::Int(d.price),
                    int(d.compare_at),
                    int(d.cost),
                    Arg::Int(weight),
                    Arg::Int(position),
                ];
                for (i, value) in values.into_iter().enumerate() {
                    if i > 0 {
                        inserts.push(", ");
                    }
                    inserts.bind(value);
                }
                inserts.push(")");
                added += 1;
            }
        }
    }
    if added > 0 {
        inserts.query().execute(&mut *conn).await?;
        sqlx::query(
            "INSERT INTO stock_levels (variant_id, warehouse_id, on_hand, reserved) \
             SELECT v.id, w.id, 0, 0 FROM product_variants v CROSS JOIN warehouses w \
             WHERE v.product_id = $1 AND NOT EXISTS \
             (SELECT 1 FROM stock_levels s WHERE s.variant_id = v.id AND s.warehouse_id = w.id)",
        )
        .bind(product)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn write_images(
    conn: &mut Conn,
    product: i64,
    v: &ProductValues<'_>,
    new: bool,
) -> Result<(), sqlx::Error> {
    if !new {
        sqlx::query("DELETE FROM product_images WHERE product_id = $1")
            .bind(product)
            .execute(&mut *conn)
            .await?;
    }
    for (position, (d, (url, srcset, width, height))) in
        v.draft.images.iter().zip(&v.images).enumerate()
    {
        sqlx::query(
            "INSERT INTO product_images (product_id, position, url, srcset, alt_zh, alt_en, width, height, color_en) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(product)
        .bind(i64::try_from(position).unwrap_or(0))
        .bind(url)
        .bind(srcset)
        .bind(d.alt.zh.trim())
        .bind(d.alt.en.trim())
        .bind(*width)
        .bind(*height)
        .bind(d.color_en.as_deref().map(str::trim).filter(|c| !c.is_empty()))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A picture already known: an upload in the media library (with its sizes) or a picture a
/// product already shows (demo pictures).
pub async fn known_image(
    conn: &mut Conn,
    url: &str,
) -> Result<Option<(String, Option<i64>, Option<i64>)>, sqlx::Error> {
    let existing: Option<(String, Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT srcset, width, height FROM product_images WHERE url = $1 LIMIT 1")
            .bind(url)
            .fetch_optional(&mut *conn)
            .await?;
    if existing.is_some() {
        return Ok(existing);
    }
    let Some(key) = crate::media::key_of(url) else {
        return Ok(None);
    };
    let row: Option<(i64, i64)> = sqlx::query_as("SELECT width, height FROM media WHERE key = $1")
        .bind(&key)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(|(w, h)| (crate::media::srcset(&key, w), Some(w), Some(h))))
}

/// Remembers that `old` pointed at this entity; a new entity taking `old` later wins (its
/// redirect is removed).
pub async fn remember_slug(
    conn: &mut Conn,
    entity: SlugOwner,
    old: &str,
    id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO slug_redirects (entity_type, old_slug, entity_id, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (entity_type, old_slug) DO UPDATE SET entity_id = excluded.entity_id, created_at = excluded.created_at",
    )
    .bind(entity.code())
    .bind(old)
    .bind(id)
    .bind(now_millis())
    .execute(conn)
    .await
    .map(|_| ())
}

pub async fn forget_slug(
    conn: &mut Conn,
    entity: SlugOwner,
    slug: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM slug_redirects WHERE entity_type = $1 AND old_slug = $2")
        .bind(entity.code())
        .bind(slug)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Where an old slug of an entity leads now: the entity's current slug.
pub async fn redirect(
    conn: &mut Conn,
    entity: SlugOwner,
    old: &str,
) -> Result<Option<String>, sqlx::Error> {
    let table = match entity {
        SlugOwner::Product => "products",
        SlugOwner::Category => "categories",
        SlugOwner::Brand => "brands",
    };
    sqlx::query_scalar(&format!(
        "SELECT t.slug FROM slug_redirects r JOIN {table} t ON t.id = r.entity_id \
         WHERE r.entity_type = $1 AND r.old_slug = $2"
    ))
    .bind(entity.code())
    .bind(old)
    .fetch_optional(conn)
    .await
}
