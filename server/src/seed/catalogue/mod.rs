//! A large catalogue on top of the demo shop, for listing, search and load benchmarks:
//! `storekeep seed --products 100000 [--seed 7]`.
//!
//! What it writes for each of the `products` products (numbered `n` = 1, 2, …):
//!
//! * one `products` row in one of the demo shop's sub-categories (t-shirts, jackets, running
//!   shoes, sneakers, phones, headphones, kitchenware, bedding: the categories it has words
//!   for; other categories get none) and one of the existing brands (mostly one of the two the
//!   demo gives that category). Its name is composed from word lists with a model number, in
//!   both languages (`轻薄纯棉T恤 T217` / `Light cotton T-shirt T217`); its slug is the English
//!   name's with `-g<n>` appended (`light-cotton-t-shirt-t217-g42`, which no demo slug ends
//!   with); its description two HTML paragraphs in each language; its second option is named
//!   for the category (尺码 / Size, 存储容量 / Storage…). Active, in CNY, sold by the shop
//!   itself (seller 1), not featured, not scheduled, SEO fields left empty (the name is used);
//!   dated between 2024-01-01 and 2026-01-01, in product order, so the demo's own products
//!   (from 2026-01-01) stay the newest;
//! * 5 to 10 `product_variants`: a few colours of the demo palette × a run of sizes, SKUs
//!   `G000042-01`, `G000042-02`…; a base price in fen ending in 9 yuan within the demo
//!   category's price range (cheaper ones more often) plus the size's surcharge; a quarter of
//!   the products marked down from a `compare_at` 25 % higher; a cost of 45–65 % of the price;
//!   a weight; no barcode;
//! * one `product_images` row: the category's default demo picture (`/img/demo/tshirt-0.svg`,
//!   200 × 200 like every demo picture, shown for every colour) with the name as alt text;
//! * one `stock_levels` row per variant and warehouse: 1 to 200 on hand, some shelves empty and
//!   some products sold out everywhere, nothing reserved.
//!
//! Then the search index is rebuilt and the planner's statistics refreshed.
//!
//! Speed: everything is generated in memory, then written with multi-row `INSERT … VALUES`
//! statements (up to 500 rows each) in one transaction per [`PRODUCTS_PER_TRANSACTION`]
//! products, with ids assigned here from `MAX(id)` read inside the transaction, so variants and
//! pictures point at their product without `RETURNING`. SQLite's `BEGIN IMMEDIATE` keeps other
//! writers out meanwhile; on PostgreSQL the tables are locked `IN EXCLUSIVE MODE` (reads go on)
//! and the identity sequences are moved past the new ids before committing.
//!
//! Idempotent: the first transaction claims the `app_settings` row [`MARKER_KEY`] with the
//! value `incomplete:<products>`, the last one (with the search index) sets it to the number of
//! products. A later call finds the number and adds nothing (the report says `skipped`); a run
//! that was interrupted leaves `incomplete:…` and later calls refuse (seed a fresh database).
//!
//! Deterministic: product `n` is derived from `(seed, n)` alone (and the number of products,
//! which spreads the dates), so the same options on the same demo shop give the same rows; ids
//! start wherever the database leaves off.

mod kinds;

use super::demo_catalog::{self, DemoLeaf};
use super::rows::{advance_sequence, insert_rows, max_id, Mix, Val};
use crate::db::{Backend, Db};
use anyhow::bail;
use kinds::{demo_leaf, Kind, KINDS};
use std::time::{Duration, Instant};

/// The `app_settings` key that records a finished (or started) catalogue seed.
pub const MARKER_KEY: &str = "catalogue_seed_products";
/// Products written per write transaction.
pub const PRODUCTS_PER_TRANSACTION: u64 = 2_000;
/// The most products one seed writes.
pub const MAX_PRODUCTS: u64 = 10_000_000;
/// Every product has this many variants or more…
pub const MIN_VARIANTS: usize = 5;
/// …and this many or fewer.
pub const MAX_VARIANTS: usize = 10;

/// The longest slug `shared::catalog::Slug` accepts.
const SLUG_MAX: usize = 80;
/// The shop itself (migration 0013).
const SELF_SELLER: i64 = 1;
/// The first option of every product.
const OPTION1: (&str, &str) = ("颜色", "Colour");
/// The closing paragraph of every description.
const SERVICE: (&str, &str) = (
    "七天无理由退换，全国包邮（偏远地区除外）。",
    "Free returns within 7 days and free delivery across mainland China (remote areas excepted).",
);

/// Out of ten products, how many have one of the category's own demo brands.
const PREFERRED_BRAND_TENTHS: usize = 7;
/// One product in this many is marked down…
const MARKED_DOWN_ONE_IN: usize = 4;
/// …one in this many is sold out everywhere…
const SOLD_OUT_ONE_IN: usize = 25;
/// …and one shelf (variant and warehouse) in this many is empty.
const EMPTY_SHELF_ONE_IN: usize = 10;
/// The most units on one shelf.
const MAX_ON_HAND: i64 = 200;
/// A variant's cost: this share of its price, in per cent, plus up to `COST_SPREAD` more.
const COST_PERCENT: i64 = 45;
const COST_SPREAD: i64 = 20;

/// 2024-01-01T00:00:00Z to 2026-01-01T00:00:00Z (where the demo products start): the
/// generated products are dated in between, in product order.
const FROM_MS: i64 = 1_704_067_200_000;
const UNTIL_MS: i64 = 1_767_225_600_000;
const DAY_MS: i64 = 86_400_000;
/// A product was last edited up to this long after it was created.
const EDITED_WITHIN_MS: i64 = 30 * DAY_MS;

const SALT_PRODUCT: u64 = 0x0CA7_A106;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogueOptions {
    pub products: u64,
    /// The random seed: the same seed gives the same catalogue.
    pub seed: u64,
}

impl CatalogueOptions {
    /// `products` products, seed 7.
    pub fn new(products: u64) -> CatalogueOptions {
        CatalogueOptions { products, seed: 7 }
    }
}

/// What [`seed_catalogue`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogueReport {
    /// Products written (when skipped: the number the earlier seed recorded).
    pub products: u64,
    /// Variants written (0 when skipped).
    pub variants: u64,
    /// The catalogue was there already; nothing added.
    pub skipped: bool,
    pub elapsed: Duration,
}

/// Generates and writes the catalogue (see the module documentation). Zero products write
/// nothing, not even the marker.
pub async fn seed_catalogue(db: &Db, opts: CatalogueOptions) -> anyhow::Result<CatalogueReport> {
    let started = Instant::now();
    if opts.products > MAX_PRODUCTS {
        bail!(
            "at most {MAX_PRODUCTS} products at once, not {}",
            opts.products
        );
    }
    let marker: Option<String> =
        sqlx::query_scalar("SELECT value FROM app_settings WHERE key = $1")
            .bind(MARKER_KEY)
            .fetch_optional(&db.pool)
            .await?;
    if let Some(value) = marker {
        if let Ok(done) = value.parse::<u64>() {
            return Ok(CatalogueReport {
                products: done,
                variants: 0,
                skipped: true,
                elapsed: started.elapsed(),
            });
        }
        bail!(
            "an earlier catalogue seed did not finish (app_settings {MARKER_KEY} = {value:?}); \
             seed a fresh database instead"
        );
    }
    if opts.products == 0 {
        return Ok(CatalogueReport {
            elapsed: started.elapsed(),
            ..CatalogueReport::default()
        });
    }

    let shop = Shop::load(db).await?;
    let total = opts.products;
    let claim = format!("incomplete:{total}");
    let mut report = CatalogueReport {
        products: total,
        ..CatalogueReport::default()
    };
    let mut first = 1_u64;
    while first <= total {
        let last = total.min(first + PRODUCTS_PER_TRANSACTION - 1);
        let batch: Vec<GenProduct> = (first..=last)
            .map(|n| generate(&shop, opts.seed, n, total))
            .collect();
        report.variants +=
            write_batch(db, &shop, &batch, (first == 1).then_some(claim.as_str())).await?;
        tracing::debug!(written = last, total, "catalogue seed: batch committed");
        first = last + 1;
    }

    // the search index, and the marker's final value with it
    let mut tx = db.begin_write().await?;
    crate::db::search::rebuild(&mut tx).await?;
    crate::db::stock::open_balances(&mut tx, crate::db::now_millis()).await?;
    sqlx::query("UPDATE app_settings SET value = $1 WHERE key = $2")
        .bind(total.to_string())
        .bind(MARKER_KEY)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    // a bulk load outruns autovacuum: the planner needs to know the tables grew
    db.refresh_statistics().await?;
    report.elapsed = started.elapsed();
    tracing::info!(
        products = report.products,
        variants = report.variants,
        elapsed_ms = u64::try_from(report.elapsed.as_millis()).unwrap_or(u64::MAX),
        "catalogue seeded"
    );
    Ok(report)
}

// ---------------------------------------------------------------------------------------
// The shop the products go into

/// A sub-category that gets products.
struct Leaf {
    category_id: i64,
    kind: &'static Kind,
    demo: &'static DemoLeaf,
    /// Indices into `Shop::brands` of the demo's brands for this category.
    preferred: Vec<usize>,
}

struct BrandName {
    id: i64,
    zh: String,
    en: String,
}

/// The categories, brands and warehouses that exist.
struct Shop {
    leaves: Vec<Leaf>,
    brands: Vec<BrandName>,
    warehouses: Vec<i64>,
}

/// `(id, slug, name_zh, name_en)`.
type BrandRow = (i64, String, String, String);

impl Shop {
    async fn load(db: &Db) -> anyhow::Result<Shop> {
        let leaves: Vec<(i64, String)> = sqlx::query_as(
            "SELECT c.id, c.slug FROM categories c WHERE c.parent_id IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id) ORDER BY c.id",
        )
        .fetch_all(&db.pool)
        .await?;
        let brands: Vec<BrandRow> =
            sqlx::query_as("SELECT id, slug, name_zh, name_en FROM brands ORDER BY id")
                .fetch_all(&db.pool)
                .await?;
        let warehouses: Vec<i64> = sqlx::query_scalar("SELECT id FROM warehouses ORDER BY id")
            .fetch_all(&db.pool)
            .await?;
        Shop::new(leaves, brands, warehouses)
    }

    /// The shop from its leaf categories `(id, slug)`, brands and warehouse ids: only the
    /// categories this module has words for are kept.
    fn new(
        leaves: Vec<(i64, String)>,
        brands: Vec<BrandRow>,
        warehouses: Vec<i64>,
    ) -> anyhow::Result<Shop> {
        if brands.is_empty() {
            bail!("there are no brands: seed the demo shop first");
        }
        let mut kept = Vec::new();
        for (category_id, slug) in leaves {
            let Some(kind) = KINDS.iter().find(|k| k.leaf == slug) else {
                continue;
            };
            let Some(demo) = demo_leaf(kind.leaf) else {
                continue;
            };
            let preferred = brands
                .iter()
                .enumerate()
                .filter(|(_, b)| demo.brands.iter().any(|s| *s == b.1))
                .map(|(i, _)| i)
                .collect();
            kept.push(Leaf {
                category_id,
                kind,
                demo,
                preferred,
            });
        }
        if kept.is_empty() {
            let known: Vec<&str> = KINDS.iter().map(|k| k.leaf).collect();
            bail!(
                "none of the demo sub-categories ({}) is there: seed the demo shop first",
                known.join(", ")
            );
        }
        Ok(Shop {
            leaves: kept,
            brands: brands
                .into_iter()
                .map(|(id, _, zh, en)| BrandName { id, zh, en })
                .collect(),
            warehouses,
        })
    }
}

// ---------------------------------------------------------------------------------------
// Generating

#[derive(Debug, Clone, PartialEq, Eq)]
struct GenProduct {
    category_id: i64,
    brand_id: i64,
    slug: String,
    name_zh: String,
    name_en: String,
    description_zh: String,
    description_en: String,
    option2: (&'static str, &'static str),
    price_min: i64,
    price_max: i64,
    created_at: i64,
    updated_at: i64,
    image_url: String,
    variants: Vec<GenVariant>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct GenVariant {
    sku: String,
    /// `(zh, en)`.
    color: (&'static str, &'static str),
    size: &'static str,
    price: i64,
    compare_at: Option<i64>,
    cost: i64,
    weight_grams: i64,
    /// Units on hand per warehouse, in `Shop::warehouses` order.
    on_hand: Vec<i64>,
}

/// Product `n` (from 1) of `total`, from `(seed, n)`.
fn generate(shop: &Shop, seed: u64, n: u64, total: u64) -> GenProduct {
    let mut h = Mix::new(seed, SALT_PRODUCT, n);
    let leaf = &shop.leaves[h.below(shop.leaves.len())];
    let kind = leaf.kind;
    let brand = if !leaf.preferred.is_empty() && h.below(10) < PREFERRED_BRAND_TENTHS {
        &shop.brands[leaf.preferred[h.below(leaf.preferred.len())]]
    } else {
        &shop.brands[h.below(shop.brands.len())]
    };
    let (name_zh, name_en) = product_name(kind, &mut h);
    let slug = product_slug(&name_en, n);
    let feature = pick(&mut h, kind.features);
    let description_zh = format!(
        "<p>{}{name_zh}。{}</p><p>{}</p>",
        crate::text::escape_html(&brand.zh),
        feature.0,
        SERVICE.0
    );
    let description_en = format!(
        "<p>{name_en} by {}. {}</p><p>{}</p>",
        crate::text::escape_html(&brand.en),
        feature.1,
        SERVICE.1
    );

    let (colors, sizes) = variant_grid(kind, &mut h);
    let base = base_price(leaf.demo.price_range, &mut h);
    let marked_down = h.below(MARKED_DOWN_ONE_IN) == 0;
    let cost_percent = COST_PERCENT + h.below_i64(COST_SPREAD + 1);
    let (lightest, heaviest) = kind.weight_grams;
    let weight = lightest + h.below_i64(heaviest - lightest + 1);
    let sold_out = h.below(SOLD_OUT_ONE_IN) == 0;
    let mut variants = Vec::with_capacity(colors.len() * sizes.len());
    for &color in &colors {
        for (&(size, surcharge), size_no) in sizes.iter().zip(0_i64..) {
            let price = base + surcharge * 100;
            let on_hand = shop
                .warehouses
                .iter()
                .map(|_| {
                    if sold_out || h.below(EMPTY_SHELF_ONE_IN) == 0 {
                        0
                    } else {
                        1 + h.below_i64(MAX_ON_HAND)
                    }
                })
                .collect();
            variants.push(GenVariant {
                sku: format!("G{n:06}-{:02}", variants.len() + 1),
                color,
                size,
                price,
                compare_at: marked_down.then(|| (price * 5 / 4 / 100 * 100).max(price + 100)),
                cost: price * cost_percent / 100,
                weight_grams: weight + size_no * kind.weight_step,
                on_hand,
            });
        }
    }
    let price_min = variants.iter().map(|v| v.price).min().unwrap_or(base);
    let price_max = variants.iter().map(|v| v.price).max().unwrap_or(base);
    let created_at = created_at(n, total, &mut h);
    let updated_at = created_at + h.below_i64(EDITED_WITHIN_MS);
    GenProduct {
        category_id: leaf.category_id,
        brand_id: brand.id,
        slug,
        name_zh,
        name_en,
        description_zh,
        description_en,
        option2: kind.option2,
        price_min,
        price_max,
        created_at,
        updated_at,
        image_url: format!(
            "/img/demo/{}",
            demo_catalog::image_file(leaf.demo.icon, None)
        ),
        variants,
    }
}

/// `(zh, en)`: adjective, material and item with a model number.
fn product_name(kind: &Kind, h: &mut Mix) -> (String, String) {
    let adjective = pick(h, kind.adjectives);
    let material = pick(h, kind.materials);
    let item = pick(h, kind.items);
    let model = format!("{}{}", kind.series, 100 + h.below(900));
    (
        format!("{}{}{} {model}", adjective.0, material.0, item.0),
        format!("{} {} {} {model}", adjective.1, material.1, item.1),
    )
}

/// The English name's slug, shortened to leave room for `-g<n>`, which makes it unique.
fn product_slug(name_en: &str, n: u64) -> String {
    let suffix = format!("-g{n}");
    // slugify writes ASCII only, so any length is a character boundary
    let mut base = demo_catalog::slugify(name_en);
    base.truncate(SLUG_MAX.saturating_sub(suffix.len()));
    let base = base.trim_end_matches('-');
    if base.is_empty() {
        format!("product{suffix}")
    } else {
        format!("{base}{suffix}")
    }
}

/// Colours as (Chinese, English) names.
type Colors = Vec<(&'static str, &'static str)>;
/// Sizes with their surcharge in fen.
type Sizes = &'static [(&'static str, i64)];

/// The colours and the run of sizes of one product: between [`MIN_VARIANTS`] and
/// [`MAX_VARIANTS`] combinations, with at least two colours and two sizes when that fits.
fn variant_grid(kind: &Kind, h: &mut Mix) -> (Colors, Sizes) {
    let fits = |c: usize, s: usize| (MIN_VARIANTS..=MAX_VARIANTS).contains(&(c * s));
    let shapes_from = |least: usize| {
        let mut shapes = Vec::new();
        for c in least..=kind.colors.len() {
            for s in least..=kind.sizes.len() {
                if fits(c, s) {
                    shapes.push((c, s));
                }
            }
        }
        shapes
    };
    let mut shapes = shapes_from(2);
    if shapes.is_empty() {
        shapes = shapes_from(1);
    }
    let (c, s) = shapes
        .get(h.below(shapes.len()))
        .copied()
        .unwrap_or((kind.colors.len().min(1), kind.sizes.len().min(1)));
    let offset = h.below(kind.colors.len());
    let colors = (0..c)
        .map(|i| kind.colors[(offset + i) % kind.colors.len()])
        .collect();
    let sizes: &'static [(&'static str, i64)] = kind.sizes;
    let start = h.below(sizes.len() - s + 1);
    (colors, &sizes[start..start + s])
}

/// A base price in fen within `range` (yuan), ending in 9 yuan, cheaper ones more often.
fn base_price(range: (i64, i64), h: &mut Mix) -> i64 {
    let (lo, hi) = range;
    let span = (hi - lo).max(0) + 1;
    let yuan = lo + h.below_i64(span).min(h.below_i64(span));
    (yuan / 10 * 10 + 9) * 100
}

/// Product `n` of `total` is dated in its share of [`FROM_MS`]..[`UNTIL_MS`].
fn created_at(n: u64, total: u64, h: &mut Mix) -> i64 {
    let span = i128::from(UNTIL_MS - FROM_MS);
    let total = i128::from(total.max(1));
    let slot = span * i128::from(n.saturating_sub(1)) / total;
    let step = i64::try_from(span / total).unwrap_or(1).max(1);
    let at = i128::from(FROM_MS) + slot + i128::from(h.below_i64(step));
    i64::try_from(at).unwrap_or(FROM_MS)
}

fn pick<T: Copy>(h: &mut Mix, list: &[T]) -> T {
    list[h.below(list.len())]
}

// ---------------------------------------------------------------------------------------
// Writing

const PRODUCTS_HEAD: &str = "INSERT INTO products (id, slug, category_id, brand_id, name_zh, \
     name_en, description_zh, description_en, currency, price_min, price_max, featured, status, \
     created_at, updated_at, seller_id, option1_zh, option1_en, option2_zh, option2_en)";
const PRODUCT_COLS: usize = 20;
const IMAGES_HEAD: &str = "INSERT INTO product_images (id, product_id, position, url, color_en, \
     alt_zh, alt_en, width, height, srcset)";
const IMAGE_COLS: usize = 10;
const VARIANTS_HEAD: &str = "INSERT INTO product_variants (id, product_id, sku, color_zh, \
     color_en, size, price, compare_at, cost, weight_grams, position, seller_id)";
const VARIANT_COLS: usize = 12;
const STOCK_HEAD: &str =
    "INSERT INTO stock_levels (variant_id, warehouse_id, on_hand, reserved, seller_id)";
const STOCK_COLS: usize = 5;

/// Writes one batch of products with their pictures, variants and stock in one transaction;
/// on the first batch `claim` is the marker's provisional value. Returns the number of
/// variants.
async fn write_batch(
    db: &Db,
    shop: &Shop,
    batch: &[GenProduct],
    claim: Option<&str>,
) -> anyhow::Result<u64> {
    let mut tx = db.begin_write().await?;
    if let Some(value) = claim {
        let claimed = sqlx::query(
            "INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(MARKER_KEY)
        .bind(value)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() != 1 {
            bail!("another catalogue seed got there first (app_settings {MARKER_KEY})");
        }
    }
    let postgres = db.backend == Backend::Postgres;
    if postgres {
        sqlx::query(
            "LOCK TABLE products, product_variants, product_images, stock_levels \
             IN EXCLUSIVE MODE",
        )
        .execute(&mut *tx)
        .await?;
    }
    let product_base = max_id(&mut tx, "products").await?;
    let variant_base = max_id(&mut tx, "product_variants").await?;
    let image_base = max_id(&mut tx, "product_images").await?;

    let mut vals = Vec::with_capacity(batch.len() * PRODUCT_COLS);
    for (id, p) in (product_base + 1..).zip(batch) {
        vals.extend([
            Val::Int(id),
            Val::Text(p.slug.as_str()),
            Val::Int(p.category_id),
            Val::Int(p.brand_id),
            Val::Text(p.name_zh.as_str()),
            Val::Text(p.name_en.as_str()),
            Val::Text(p.description_zh.as_str()),
            Val::Text(p.description_en.as_str()),
            Val::Text("CNY"),
            Val::Int(p.price_min),
            Val::Int(p.price_max),
            Val::Int(0),
            Val::Text("active"),
            Val::Int(p.created_at),
            Val::Int(p.updated_at),
            Val::Int(SELF_SELLER),
            Val::Text(OPTION1.0),
            Val::Text(OPTION1.1),
            Val::Text(p.option2.0),
            Val::Text(p.option2.1),
        ]);
    }
    insert_rows(&mut tx, PRODUCTS_HEAD, PRODUCT_COLS, &vals).await?;

    let mut vals = Vec::with_capacity(batch.len() * IMAGE_COLS);
    for ((id, product_id), p) in (image_base + 1..).zip(product_base + 1..).zip(batch) {
        vals.extend([
            Val::Int(id),
            Val::Int(product_id),
            Val::Int(0),
            Val::Text(p.image_url.as_str()),
            Val::NullText,
            Val::Text(p.name_zh.as_str()),
            Val::Text(p.name_en.as_str()),
            Val::Int(demo_catalog::PICTURE_SIZE),
            Val::Int(demo_catalog::PICTURE_SIZE),
            Val::Text(""),
        ]);
    }
    insert_rows(&mut tx, IMAGES_HEAD, IMAGE_COLS, &vals).await?;

    let per_product = (MIN_VARIANTS + MAX_VARIANTS) / 2;
    let mut variant_vals = Vec::with_capacity(batch.len() * per_product * VARIANT_COLS);
    let mut stock_vals =
        Vec::with_capacity(batch.len() * per_product * shop.warehouses.len() * STOCK_COLS);
    let mut variant_id = variant_base;
    for (product_id, p) in (product_base + 1..).zip(batch) {
        for (position, v) in (0_i64..).zip(&p.variants) {
            variant_id += 1;
            variant_vals.extend([
                Val::Int(variant_id),
                Val::Int(product_id),
                Val::Text(v.sku.as_str()),
                Val::Text(v.color.0),
                Val::Text(v.color.1),
                Val::Text(v.size),
                Val::Int(v.price),
                v.compare_at.map_or(Val::NullInt, Val::Int),
                Val::Int(v.cost),
                Val::Int(v.weight_grams),
                Val::Int(position),
                Val::Int(SELF_SELLER),
            ]);
            for (&warehouse_id, &on_hand) in shop.warehouses.iter().zip(&v.on_hand) {
                stock_vals.extend([
                    Val::Int(variant_id),
                    Val::Int(warehouse_id),
                    Val::Int(on_hand),
                    Val::Int(0),
                    Val::Int(SELF_SELLER),
                ]);
            }
        }
    }
    insert_rows(&mut tx, VARIANTS_HEAD, VARIANT_COLS, &variant_vals).await?;
    insert_rows(&mut tx, STOCK_HEAD, STOCK_COLS, &stock_vals).await?;

    if postgres {
        for table in ["products", "product_variants", "product_images"] {
            advance_sequence(&mut tx, table).await?;
        }
    }
    tx.commit().await?;
    Ok(u64::try_from(variant_id - variant_base).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::kinds::DEMO_CATALOG;
    use super::*;
    use crate::seed::rows;
    use std::collections::HashSet;

    fn demo_leaves() -> impl Iterator<Item = &'static DemoLeaf> {
        DEMO_CATALOG.iter().flat_map(|c| c.children.iter())
    }

    /// The demo shop as `seed_demo` leaves it (ids made up), with two warehouses.
    fn demo_shop() -> Shop {
        let leaves = demo_leaves()
            .zip(10_i64..)
            .map(|(l, id)| (id, l.slug.to_string()))
            .collect();
        let brands = demo_catalog::BRANDS
            .iter()
            .zip(1_i64..)
            .map(|(b, id)| (id, b.0.to_string(), b.1.to_string(), b.2.to_string()))
            .collect();
        Shop::new(leaves, brands, vec![1, 2]).unwrap()
    }

    /// `^[a-z0-9]+(-[a-z0-9]+)*$`, at most 80 characters.
    fn is_slug(s: &str) -> bool {
        s.len() <= SLUG_MAX
            && s.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
    }

    #[test]
    fn a_thousand_products_have_names_slugs_and_variants() {
        let shop = demo_shop();
        let demo_slugs: HashSet<String> = demo_leaves()
            .flat_map(|l| l.products.iter().map(|p| demo_catalog::slugify(p.1)))
            .collect();
        let mut slugs = HashSet::new();
        let mut skus = HashSet::new();
        let mut categories = HashSet::new();
        let mut marked_down = 0;
        for n in 1..=1_000 {
            let p = generate(&shop, 7, n, 1_000);
            assert!(is_slug(&p.slug), "{}", p.slug);
            assert!(shared::catalog::Slug::parse(&p.slug).is_ok(), "{}", p.slug);
            assert!(!demo_slugs.contains(&p.slug), "{} is a demo slug", p.slug);
            assert!(slugs.insert(p.slug.clone()), "{} twice", p.slug);
            assert!(p.slug.ends_with(&format!("-g{n}")), "{}", p.slug);

            assert!(!p.name_zh.trim().is_empty() && !p.name_en.trim().is_empty());
            assert!(!p.name_zh.is_ascii(), "{}", p.name_zh);
            assert!(p.name_en.is_ascii(), "{}", p.name_en);
            assert!(p.name_zh.chars().count() <= 200 && p.name_en.chars().count() <= 200);
            for d in [&p.description_zh, &p.description_en] {
                assert!(d.starts_with("<p>") && d.ends_with("</p>"), "{d}");
            }
            assert!(p.description_en.contains(&p.name_en));
            assert!(p.option2.0.chars().count() <= 30 && p.option2.1.len() <= 30);

            assert!(
                (MIN_VARIANTS..=MAX_VARIANTS).contains(&p.variants.len()),
                "{} variants",
                p.variants.len()
            );
            assert!(p.price_min <= p.price_max);
            assert_eq!(p.variants.iter().map(|v| v.price).min(), Some(p.price_min));
            assert_eq!(p.variants.iter().map(|v| v.price).max(), Some(p.price_max));
            let mut combos = HashSet::new();
            for v in &p.variants {
                assert!(skus.insert(v.sku.clone()), "{} twice", v.sku);
                assert_eq!(
                    shared::catalog::admin::parse_sku(&v.sku).as_deref(),
                    Some(v.sku.as_str())
                );
                assert!(!v.color.0.is_empty() && !v.color.1.is_empty());
                assert!(!v.size.is_empty());
                assert!(combos.insert((v.color.1, v.size)), "a variant twice");
                assert!(v.price > 0 && v.price % 100 == 0);
                assert!(v.compare_at.is_none_or(|c| c > v.price));
                assert!((0..=v.price).contains(&v.cost));
                assert!(v.weight_grams > 0);
                assert_eq!(v.on_hand.len(), 2);
                assert!(v.on_hand.iter().all(|q| (0..=MAX_ON_HAND).contains(q)));
            }
            marked_down += usize::from(p.variants[0].compare_at.is_some());

            assert!((FROM_MS..UNTIL_MS).contains(&p.created_at));
            assert!(p.updated_at >= p.created_at);
            assert!(p.image_url.starts_with("/img/demo/") && p.image_url.ends_with("-0.svg"));
            categories.insert(p.category_id);
        }
        assert_eq!(
            categories.len(),
            shop.leaves.len(),
            "every category gets products"
        );
        assert!(
            (150..350).contains(&marked_down),
            "{marked_down} marked down"
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_products() {
        let shop = demo_shop();
        for n in [1, 42, 999] {
            assert_eq!(generate(&shop, 7, n, 1_000), generate(&shop, 7, n, 1_000));
        }
        let differ = (1..=20)
            .filter(|&n| {
                generate(&shop, 7, n, 1_000).name_en != generate(&shop, 8, n, 1_000).name_en
            })
            .count();
        assert!(differ > 10, "{differ}");
        // products are dated in order
        let dates: Vec<i64> = (1..=100)
            .map(|n| generate(&shop, 7, n, 100).created_at)
            .collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn kinds_fit_the_demo_catalogue() {
        for leaf in demo_leaves() {
            assert!(
                KINDS.iter().any(|k| k.leaf == leaf.slug),
                "no words for {}",
                leaf.slug
            );
        }
        for kind in &KINDS {
            assert!(
                demo_leaf(kind.leaf).is_some(),
                "{} is no demo category",
                kind.leaf
            );
            for list in [kind.adjectives, kind.materials, kind.items, kind.features] {
                assert!(!list.is_empty(), "{}", kind.leaf);
            }
            for &(zh, en) in kind.colors {
                assert!(
                    demo_catalog::COLORS.iter().any(|c| c.0 == zh && c.1 == en),
                    "{zh} / {en} ({}) is not a demo colour",
                    kind.leaf
                );
            }
            assert!(kind.sizes.iter().all(|s| s.0.len() <= 40 && s.1 >= 0));
            assert!(kind.weight_grams.0 > 0 && kind.weight_grams.0 <= kind.weight_grams.1);
            let fits = (2..=kind.colors.len()).any(|c| {
                (2..=kind.sizes.len()).any(|s| (MIN_VARIANTS..=MAX_VARIANTS).contains(&(c * s)))
            });
            assert!(fits, "{} cannot make 5 to 10 variants", kind.leaf);
        }
    }

    #[test]
    fn shops_without_the_demo_are_refused() {
        let brands = vec![(1, "b".to_string(), "乙".to_string(), "B".to_string())];
        assert!(Shop::new(vec![(1, "toys".to_string())], brands.clone(), vec![1]).is_err());
        assert!(Shop::new(vec![(1, "t-shirts".to_string())], Vec::new(), vec![1]).is_err());
        let shop = Shop::new(
            vec![(1, "toys".to_string()), (2, "t-shirts".to_string())],
            brands,
            vec![],
        )
        .unwrap();
        assert_eq!(shop.leaves.len(), 1);
        assert!(shop.leaves[0].preferred.is_empty());
        // no warehouse: no stock, the rest as usual
        let p = generate(&shop, 7, 1, 1);
        assert_eq!(p.category_id, 2);
        assert!(p.variants.iter().all(|v| v.on_hand.is_empty()));
    }

    #[test]
    fn brand_names_are_escaped_in_descriptions() {
        let brands = vec![(
            1,
            "ab".to_string(),
            "甲&乙".to_string(),
            "A & <B>".to_string(),
        )];
        let shop = Shop::new(vec![(1, "phones".to_string())], brands, vec![1]).unwrap();
        let p = generate(&shop, 7, 1, 1);
        assert!(
            p.description_zh.contains("甲&amp;乙"),
            "{}",
            p.description_zh
        );
        assert!(
            p.description_en.contains("A &amp; &lt;B&gt;"),
            "{}",
            p.description_en
        );
    }

    #[test]
    fn long_names_and_numbers_still_make_slugs() {
        let long = "Extraordinarily comfortable ".repeat(10);
        for n in [1, 99_999, MAX_PRODUCTS] {
            let slug = product_slug(&long, n);
            assert!(is_slug(&slug), "{slug}");
            assert!(slug.ends_with(&format!("-g{n}")));
        }
        assert_eq!(product_slug("!!!", 3), "product-g3");
        assert_eq!(
            product_slug("Light cotton T-shirt T217", 42),
            "light-cotton-t-shirt-t217-g42"
        );
    }

    #[test]
    fn insert_statements_have_their_columns() {
        for (head, cols) in [
            (PRODUCTS_HEAD, PRODUCT_COLS),
            (IMAGES_HEAD, IMAGE_COLS),
            (VARIANTS_HEAD, VARIANT_COLS),
            (STOCK_HEAD, STOCK_COLS),
        ] {
            assert_eq!(head.matches(',').count() + 1, cols, "{head}");
            assert!(cols * rows::ROWS_PER_STATEMENT <= rows::MAX_PARAMS_PER_STATEMENT);
        }
    }
}
