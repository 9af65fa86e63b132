//! The catalogue repository: categories, brands, product listings and product details.

use crate::db::{Arg, Db, SqlBuilder};
use shared::catalog::{
    price_bands, Brand, Category, CategoryRef, FacetCount, Facets, Localized, ProductDetail,
    ProductList, ProductQuery, ProductSort, ProductSummary, Variant,
};
use shared::ids::{BrandId, CategoryId, ProductId, VariantId};
use shared::{Currency, Money};
use std::collections::HashMap;

/// The four search-engine columns products, categories and brands share.
#[derive(sqlx::FromRow)]
pub(crate) struct SeoRow {
    seo_title_zh: String,
    seo_title_en: String,
    seo_description_zh: String,
    seo_description_en: String,
}

impl From<SeoRow> for shared::catalog::Seo {
    fn from(r: SeoRow) -> Self {
        shared::catalog::Seo {
            title: Localized::new(r.seo_title_zh, r.seo_title_en),
            description: Localized::new(r.seo_description_zh, r.seo_description_en),
        }
    }
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    parent_id: Option<i64>,
    slug: String,
    name_zh: String,
    name_en: String,
    image: Option<String>,
    #[sqlx(flatten)]
    seo: SeoRow,
}

/// All categories, parents before children, each with the number of active products in
/// its subtree.
pub async fn list_categories(db: &Db) -> Result<Vec<Category>, sqlx::Error> {
    let rows: Vec<CategoryRow> = sqlx::query_as(
        "SELECT id, parent_id, slug, name_zh, name_en, image, seo_title_zh, seo_title_en, \
         seo_description_zh, seo_description_en FROM categories \
         ORDER BY CASE WHEN parent_id IS NULL THEN 0 ELSE 1 END, position, id",
    )
    .fetch_all(&db.pool)
    .await?;
    let counts: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT category_id, COUNT(*) FROM products WHERE status = 'active' AND item_kind = 'finished_good' GROUP BY category_id",
    )
    .fetch_all(&db.pool)
    .await?;
    let parents: HashMap<i64, Option<i64>> = rows.iter().map(|r| (r.id, r.parent_id)).collect();
    let mut totals: HashMap<i64, i64> = HashMap::new();
    for (category, count) in counts {
        // add the count to the category and every ancestor (bounded against bad data)
        let mut current = Some(category);
        for _ in 0..=parents.len() {
            let Some(id) = current else { break };
            *totals.entry(id).or_default() += count;
            current = parents.get(&id).copied().flatten();
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| Category {
            id: CategoryId(r.id),
            parent_id: r.parent_id.map(CategoryId),
            product_count: totals.get(&r.id).copied().unwrap_or(0),
            slug: r.slug,
            name: Localized::new(r.name_zh, r.name_en),
            image: r.image,
            seo: r.seo.into(),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct BrandRow {
    id: i64,
    slug: String,
    name_zh: String,
    name_en: String,
}

impl From<BrandRow> for Brand {
    fn from(r: BrandRow) -> Brand {
        Brand {
            id: BrandId(r.id),
            slug: r.slug,
            name: Localized::new(r.name_zh, r.name_en),
        }
    }
}

pub async fn list_brands(db: &Db) -> Result<Vec<Brand>, sqlx::Error> {
    let rows: Vec<BrandRow> =
        sqlx::query_as("SELECT id, slug, name_zh, name_en FROM brands ORDER BY name_en, id")
            .fetch_all(&db.pool)
            .await?;
    Ok(rows.into_iter().map(Brand::from).collect())
}

pub async fn category_exists(db: &Db, slug: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM categories WHERE slug = $1")
        .bind(slug)
        .fetch_one(&db.pool)
        .await?;
    Ok(n > 0)
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    slug: String,
    name_zh: String,
    name_en: String,
    currency: String,
    price_min: i64,
    price_max: i64,
    featured: i64,
    brand_id: i64,
    brand_slug: String,
    brand_zh: String,
    brand_en: String,
    category_slug: String,
    category_zh: String,
    category_en: String,
    image: Option<String>,
    in_stock: i64,
}

impl From<SummaryRow> for ProductSummary {
    fn from(r: SummaryRow) -> ProductSummary {
        let currency = Currency::parse(&r.currency).unwrap_or_default();
        ProductSummary {
            id: ProductId(r.id),
            slug: r.slug,
            name: Localized::new(r.name_zh, r.name_en),
            brand: Brand {
                id: BrandId(r.brand_id),
                slug: r.brand_slug,
                name: Localized::new(r.brand_zh, r.brand_en),
            },
            category: CategoryRef {
                slug: r.category_slug,
                name: Localized::new(r.category_zh, r.category_en),
            },
            price: Money::new(r.price_min, currency),
            price_max: Money::new(r.price_max, currency),
            image: r.image.unwrap_or_else(|| PLACEHOLDER_IMAGE.to_string()),
            in_stock: r.in_stock > 0,
            featured: r.featured == 1,
        }
    }
}

pub const PLACEHOLDER_IMAGE: &str = "/img/placeholder.svg";

/// A listing's products as cards (`SummaryRow`), before its WHERE clause.
const SUMMARIES: &str =
    "SELECT p.id, p.slug, p.name_zh, p.name_en, p.currency, p.price_min, p.price_max, p.featured, \
     b.id AS brand_id, b.slug AS brand_slug, b.name_zh AS brand_zh, b.name_en AS brand_en, \
     c.slug AS category_slug, c.name_zh AS category_zh, c.name_en AS category_en, \
     (SELECT i.url FROM product_images i WHERE i.product_id = p.id ORDER BY i.position LIMIT 1) AS image, \
     (SELECT COUNT(*) FROM product_variants v JOIN stock_levels s ON s.variant_id = v.id \
        WHERE v.product_id = p.id AND s.on_hand > s.reserved) AS in_stock \
     FROM products p JOIN brands b ON b.id = p.brand_id JOIN categories c ON c.id = p.category_id";

/// The cards of the products for sale among `slugs`, in the order of `slugs` (unknown and
/// withdrawn ones left out).
pub async fn summaries_of(
    conn: &mut sqlx::AnyConnection,
    slugs: &[String],
) -> Result<Vec<ProductSummary>, sqlx::Error> {
    if slugs.is_empty() {
        return Ok(Vec::new());
    }
    let mut b = SqlBuilder::default();
    b.push(SUMMARIES)
        .push(" WHERE p.status = 'active' AND p.item_kind = 'finished_good' AND p.slug IN (");
    for (i, slug) in slugs.iter().enumerate() {
        if i > 0 {
            b.push(", ");
        }
        b.bind(Arg::Text(slug.clone()));
    }
    b.push(")");
    let rows: Vec<SummaryRow> = b.query_as().fetch_all(conn).await?;
    let mut cards: Vec<ProductSummary> = rows.into_iter().map(ProductSummary::from).collect();
    cards.sort_by_key(|c| slugs.iter().position(|s| *s == c.slug));
    Ok(cards)
}

/// Adds the WHERE clause of a listing (after `FROM products p ...`).
fn push_filters(b: &mut SqlBuilder, q: &ProductQuery) {
    b.push(" WHERE p.status = 'active' AND p.item_kind = 'finished_good'");
    if q.category.is_some() {
        // `tree` is the CTE that `start` put in front of the query
        b.push(" AND p.category_id IN (SELECT id FROM tree)");
    }
    if !q.brands.is_empty() {
        b.push(" AND p.brand_id IN (SELECT id FROM brands WHERE slug IN (");
        for (i, brand) in q.brands.iter().enumerate() {
            if i > 0 {
                b.push(", ");
            }
            b.bind(Arg::Text(brand.as_str().to_string()));
        }
        b.push("))");
    }
    if let Some(min) = q.min_price {
        b.push(" AND p.price_min >= ").bind(Arg::Int(min.minor));
    }
    if let Some(max) = q.max_price {
        b.push(" AND p.price_min <= ").bind(Arg::Int(max.minor));
    }
    if let Some(text) = &q.q {
        // every term must appear (a substring: Chinese needs no spaces)
        for term in text.terms() {
            b.push(" AND p.id IN (SELECT product_id FROM product_search WHERE body LIKE ")
                .bind(Arg::Text(format!("%{term}%")))
                .push(")");
        }
    }
    if q.in_stock == Some(true) {
        b.push(" AND EXISTS (SELECT 1 FROM product_variants v JOIN stock_levels s ON s.variant_id = v.id \
                WHERE v.product_id = p.id AND s.on_hand > s.reserved)");
    }
    if let Some(featured) = q.featured {
        b.push(" AND p.featured = ")
            .bind(Arg::Int(i64::from(featured)));
    }
}

/// Starts a query with the category subtree CTE when the listing is filtered by category.
fn start(q: &ProductQuery) -> SqlBuilder {
    let mut b = SqlBuilder::default();
    if let Some(category) = &q.category {
        b.push("WITH RECURSIVE tree(id) AS (SELECT id FROM categories WHERE slug = ")
            .bind(Arg::Text(category.as_str().to_string()))
            .push(" UNION ALL SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id) ");
    }
    b
}

/// One page of products matching the query, and how many match in all.
pub async fn list_products(db: &Db, q: &ProductQuery) -> Result<ProductList, sqlx::Error> {
    let mut count = start(q);
    count.push("SELECT COUNT(*) FROM products p");
    push_filters(&mut count, q);
    let total: i64 = count.query_scalar().fetch_one(&db.pool).await?;

    let mut b = start(q);
    b.push(SUMMARIES);
    push_filters(&mut b, q);
    b.push(match q.sort {
        ProductSort::Featured => " ORDER BY p.featured DESC, p.created_at DESC, p.id DESC",
        ProductSort::Newest => " ORDER BY p.created_at DESC, p.id DESC",
        ProductSort::PriceAsc => " ORDER BY p.price_min ASC, p.id ASC",
        ProductSort::PriceDesc => " ORDER BY p.price_min DESC, p.id DESC",
    });
    b.push(" LIMIT ")
        .bind(Arg::Int(i64::from(q.page_size)))
        .push(" OFFSET ")
        .bind(Arg::Int(q.offset()));
    let rows: Vec<SummaryRow> = b.query_as().fetch_all(&db.pool).await?;
    Ok(ProductList {
        items: rows.into_iter().map(ProductSummary::from).collect(),
        total,
        page: q.page,
        page_size: q.page_size,
    })
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    slug: String,
    name_zh: String,
    name_en: String,
    description_zh: String,
    description_en: String,
    currency: String,
    category_id: i64,
    brand_id: i64,
    brand_slug: String,
    brand_zh: String,
    brand_en: String,
    option1_zh: String,
    option1_en: String,
    option2_zh: String,
    option2_en: String,
    #[sqlx(flatten)]
    seo: SeoRow,
}

#[derive(sqlx::FromRow)]
struct VariantRow {
    id: i64,
    sku: String,
    color_zh: Option<String>,
    color_en: Option<String>,
    size: Option<String>,
    price: i64,
    compare_at: Option<i64>,
    available: i64,
}

/// The product page's data, or `None` when no active product has this slug.
pub async fn product_by_slug(db: &Db, slug: &str) -> Result<Option<ProductDetail>, sqlx::Error> {
    let row: Option<DetailRow> = sqlx::query_as(
        "SELECT p.id, p.slug, p.name_zh, p.name_en, p.description_zh, p.description_en, p.currency, \
         p.category_id, b.id AS brand_id, b.slug AS brand_slug, b.name_zh AS brand_zh, b.name_en AS brand_en, \
         p.option1_zh, p.option1_en, p.option2_zh, p.option2_en, p.seo_title_zh, p.seo_title_en, \
         p.seo_description_zh, p.seo_description_en \
         FROM products p JOIN brands b ON b.id = p.brand_id \
         WHERE p.slug = $1 AND p.status = 'active' AND p.item_kind = 'finished_good'",
    )
    .bind(slug)
    .fetch_optional(&db.pool)
    .await?;
    let Some(p) = row else { return Ok(None) };

    let images = {
        let mut conn = db.pool.acquire().await?;
        crate::db::catalog_admin::images(&mut conn, p.id).await?
    };
    let variants: Vec<VariantRow> = sqlx::query_as(
        "SELECT v.id, v.sku, v.color_zh, v.color_en, v.size, v.price, v.compare_at, \
         CAST(COALESCE(SUM(s.on_hand - s.reserved), 0) AS BIGINT) AS available \
         FROM product_variants v LEFT JOIN stock_levels s ON s.variant_id = v.id \
         WHERE v.product_id = $1 \
         GROUP BY v.id, v.sku, v.color_zh, v.color_en, v.size, v.price, v.compare_at, v.position \
         ORDER BY v.position, v.id",
    )
    .bind(p.id)
    .fetch_all(&db.pool)
    .await?;
    let breadcrumbs = breadcrumbs(db, p.category_id).await?;
    let currency = Currency::parse(&p.currency).unwrap_or_default();
    Ok(Some(ProductDetail {
        id: ProductId(p.id),
        slug: p.slug,
        name: Localized::new(p.name_zh, p.name_en),
        description: Localized::new(
            shared::catalog::description_html(&p.description_zh),
            shared::catalog::description_html(&p.description_en),
        ),
        option1: Localized::new(p.option1_zh, p.option1_en),
        option2: Localized::new(p.option2_zh, p.option2_en),
        seo: p.seo.into(),
        brand: Brand {
            id: BrandId(p.brand_id),
            slug: p.brand_slug,
            name: Localized::new(p.brand_zh, p.brand_en),
        },
        breadcrumbs,
        images: if images.is_empty() {
            vec![shared::catalog::ProductImage {
                url: PLACEHOLDER_IMAGE.to_string(),
                srcset: String::new(),
                alt: Localized::default(),
                width: None,
                height: None,
                color_en: None,
            }]
        } else {
            images
        },
        variants: variants
            .into_iter()
            .map(|v| Variant {
                id: VariantId(v.id),
                sku: v.sku,
                color: match (v.color_zh, v.color_en) {
                    (Some(zh), Some(en)) => Some(Localized::new(zh, en)),
                    _ => None,
                },
                size: v.size,
                price: Money::new(v.price, currency),
                compare_at: v.compare_at.map(|c| Money::new(c, currency)),
                available: Variant::shown(v.available),
            })
            .collect(),
        currency,
    }))
}

/// Every active product's slug and last change, for the sitemap.
pub async fn product_slugs(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT slug, CASE WHEN updated_at > created_at THEN updated_at ELSE created_at END FROM products WHERE status = 'active' AND item_kind = 'finished_good' ORDER BY id")
        .fetch_all(&db.pool)
        .await
}

/// Counts per category, brand, price band and stock over everything the query matches.
pub async fn facets(db: &Db, q: &ProductQuery) -> Result<Facets, sqlx::Error> {
    let unpaged = ProductQuery {
        page: 1,
        ..q.clone()
    };
    let mut facets = Facets::default();
    for (column, table) in [("category_id", "categories"), ("brand_id", "brands")] {
        let mut b = start(&unpaged);
        b.push(&format!(
            "SELECT x.slug, x.name_zh, x.name_en, COUNT(*) AS n FROM products p JOIN {table} x ON x.id = p.{column}"
        ));
        push_filters(&mut b, &unpaged);
        b.push(" GROUP BY x.slug, x.name_zh, x.name_en ORDER BY n DESC, x.slug");
        let rows: Vec<(String, String, String, i64)> = b.query_as().fetch_all(&db.pool).await?;
        let counts = rows
            .into_iter()
            .map(|(slug, zh, en, count)| FacetCount {
                slug,
                name: Localized::new(zh, en),
                count,
            })
            .collect();
        if table == "categories" {
            facets.categories = counts;
        } else {
            facets.brands = counts;
        }
    }
    let mut b = start(&unpaged);
    b.push(
        "SELECT p.price_min, (SELECT COUNT(*) FROM product_variants v JOIN stock_levels s ON s.variant_id = v.id \
         WHERE v.product_id = p.id AND s.on_hand > s.reserved) FROM products p",
    );
    push_filters(&mut b, &unpaged);
    let rows: Vec<(i64, i64)> = b.query_as().fetch_all(&db.pool).await?;
    let prices: Vec<Money> = rows.iter().map(|(p, _)| Money::cny(*p)).collect();
    facets.price_bands = price_bands(&prices, Currency::CNY);
    facets.in_stock = i64::try_from(rows.iter().filter(|(_, s)| *s > 0).count()).unwrap_or(0);
    Ok(facets)
}

/// The path from the top-level category down to `category`: one query walking the parents
/// (bounded, so bad data cannot loop).
async fn breadcrumbs(db: &Db, category: i64) -> Result<Vec<CategoryRef>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "WITH RECURSIVE path(id, parent_id, slug, name_zh, name_en, depth) AS ( \
           SELECT id, parent_id, slug, name_zh, name_en, 0 FROM categories WHERE id = $1 \
           UNION ALL \
           SELECT c.id, c.parent_id, c.slug, c.name_zh, c.name_en, path.depth + 1 \
           FROM categories c JOIN path ON c.id = path.parent_id WHERE path.depth < 16) \
         SELECT slug, name_zh, name_en FROM path ORDER BY depth DESC",
    )
    .bind(category)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, zh, en)| CategoryRef {
            slug,
            name: Localized::new(zh, en),
        })
        .collect())
}

/// A brand's store page: the brand with its description and logo (its products come from
/// the listing with `brand=`).
pub async fn brand_page(
    db: &Db,
    slug: &str,
) -> Result<Option<shared::catalog::BrandPage>, sqlx::Error> {
    let row: Option<BrandPageRow> = sqlx::query_as(
        "SELECT id, slug, name_zh, name_en, description_zh, description_en, logo, seo_title_zh, \
         seo_title_en, seo_description_zh, seo_description_en FROM brands WHERE slug = $1",
    )
    .bind(slug)
    .fetch_optional(&db.pool)
    .await?;
    let html = |text: String| {
        if text.is_empty() {
            text
        } else {
            shared::catalog::description_html(&text)
        }
    };
    Ok(row.map(|r| shared::catalog::BrandPage {
        brand: Brand {
            id: BrandId(r.id),
            slug: r.slug,
            name: Localized::new(r.name_zh, r.name_en),
        },
        description: Localized::new(html(r.description_zh), html(r.description_en)),
        logo: r.logo,
        seo: r.seo.into(),
    }))
}

#[derive(sqlx::FromRow)]
struct BrandPageRow {
    id: i64,
    slug: String,
    name_zh: String,
    name_en: String,
    description_zh: String,
    description_en: String,
    logo: Option<String>,
    #[sqlx(flatten)]
    seo: SeoRow,
}

/// Every brand's slug, for the sitemap.
pub async fn brand_slugs(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT slug FROM brands ORDER BY id")
        .fetch_all(&db.pool)
        .await
}
