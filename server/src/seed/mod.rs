//! The demo shop: catalogue, stock in two warehouses, a demo customer, one staff member
//! per role, the own fleet and the suppliers.
//! Idempotent: every row is keyed by its natural key (slug, SKU, e-mail) and inserted with
//! `ON CONFLICT DO NOTHING`; a marker in `app_settings` skips the work on later starts.

mod bins;
pub mod catalogue;
mod checkout;
pub mod demo_catalog;
mod fleet;
pub mod history;
pub mod orders;
mod procurement;
mod rows;

use crate::auth::password;
use crate::db::WriteTx;
use crate::db::{now_millis, Db};
use demo_catalog::{base_price, slugify, stock_quantity, BRANDS, CATALOG, WAREHOUSES};
use shared::staff::StaffRole;

/// Bump when the demo data changes, so existing databases pick up the additions.
const DEMO_VERSION: &str = "8";

pub struct DemoLogin {
    pub email: &'static str,
    pub password: &'static str,
    pub role: &'static str,
}

pub const DEMO_CUSTOMER: DemoLogin = DemoLogin {
    email: "customer@storekeep.test",
    password: "shopper-demo-2026",
    role: "customer",
};

pub const DEMO_ADMIN: DemoLogin = DemoLogin {
    email: "admin@storekeep.test",
    password: "admin-demo-2026",
    role: "owner",
};

/// Someone of the demo supplier SUP-004's staff, in the supplier portal (`/supplier`).
pub const DEMO_SUPPLIER: DemoLogin = DemoLogin {
    email: "supplier@storekeep.test",
    password: "supplier-demo-2026",
    role: "supplier SUP-004",
};

/// One staff member per role: their login, name and role (passwords `<name>-demo-2026`).
pub const DEMO_STAFF: [(DemoLogin, &str, StaffRole); 9] = [
    (DEMO_ADMIN, "店铺管理员", StaffRole::Owner),
    (
        DemoLogin {
            email: "catalog@storekeep.test",
            password: "catalog-demo-2026",
            role: "catalog_manager",
        },
        "商品专员 周敏",
        StaffRole::CatalogManager,
    ),
    (
        DemoLogin {
            email: "orders@storekeep.test",
            password: "orders-demo-2026",
            role: "order_clerk",
        },
        "订单专员 陈立",
        StaffRole::OrderClerk,
    ),
    (
        DemoLogin {
            email: "warehouse@storekeep.test",
            password: "warehouse-demo-2026",
            role: "warehouse_operator",
        },
        "仓库操作员 刘强",
        StaffRole::WarehouseOperator,
    ),
    (
        DemoLogin {
            email: "service@storekeep.test",
            password: "service-demo-2026",
            role: "customer_service",
        },
        "客服 林晓",
        StaffRole::CustomerService,
    ),
    (
        DemoLogin {
            email: "marketing@storekeep.test",
            password: "marketing-demo-2026",
            role: "marketing",
        },
        "营销 赵婷",
        StaffRole::Marketing,
    ),
    (
        DemoLogin {
            email: "procurement@storekeep.test",
            password: "procurement-demo-2026",
            role: "procurement",
        },
        "采购 孙伟",
        StaffRole::Procurement,
    ),
    (
        DemoLogin {
            email: "finance@storekeep.test",
            password: "finance-demo-2026",
            role: "finance",
        },
        "财务 吴芳",
        StaffRole::Finance,
    ),
    (
        DemoLogin {
            email: "analyst@storekeep.test",
            password: "analyst-demo-2026",
            role: "analyst",
        },
        "分析员 郑浩",
        StaffRole::Analyst,
    ),
];

/// The demo passwords' hashes, computed once per process: argon2 is slow on purpose, and
/// tests seed many databases.
fn demo_hashes() -> anyhow::Result<&'static [String]> {
    static HASHES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    if let Some(h) = HASHES.get() {
        return Ok(h);
    }
    let mut hashes = vec![password::hash(DEMO_CUSTOMER.password)?];
    for (login, _, _) in &DEMO_STAFF {
        hashes.push(password::hash(login.password)?);
    }
    hashes.push(password::hash(DEMO_SUPPLIER.password)?);
    Ok(HASHES.get_or_init(|| hashes))
}

/// 2026-01-01T00:00:00Z: demo products are dated from here, one day apart.
const DEMO_EPOCH_MS: i64 = 1_767_225_600_000;
const DAY_MS: i64 = 86_400_000;

pub async fn seed_demo(db: &Db) -> anyhow::Result<()> {
    let done: Option<String> =
        sqlx::query_scalar("SELECT value FROM app_settings WHERE key = 'demo_seed_version'")
            .fetch_optional(&db.pool)
            .await?;
    if done.as_deref() == Some(DEMO_VERSION) {
        return Ok(());
    }
    // Hash outside the transaction: argon2 is deliberately slow.
    let hashes = demo_hashes()?;

    let mut tx = db.begin_write().await?;
    seed_catalog(&mut tx).await?;
    checkout::seed_checkout(&mut tx).await?;
    crate::db::search::rebuild(&mut tx).await?;
    let now = now_millis();
    bins::assign(&mut tx).await?;
    crate::db::stock::open_balances(&mut tx, now).await?;
    insert_user(
        &mut tx,
        DEMO_CUSTOMER.email,
        &hashes[0],
        "演示顾客",
        "customer",
        now,
    )
    .await?;
    for ((login, name, role), hash) in DEMO_STAFF.iter().zip(&hashes[1..=DEMO_STAFF.len()]) {
        insert_user(&mut tx, login.email, hash, name, "staff", now).await?;
        let id = id_of(
            &mut tx,
            "SELECT id FROM users WHERE email = $1",
            login.email,
        )
        .await?;
        sqlx::query(
            "INSERT INTO staff_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(role.code())
        .execute(&mut *tx)
        .await?;
    }
    fleet::seed_fleet(&mut tx, "warehouse@storekeep.test").await?;
    let supplier_hash = &hashes[DEMO_STAFF.len() + 1];
    procurement::seed_procurement(&mut tx, now, &DEMO_SUPPLIER, supplier_hash).await?;
    sqlx::query(
        "INSERT INTO app_settings (key, value) VALUES ('demo_seed_version', $1) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(DEMO_VERSION)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!("demo shop data seeded");
    Ok(())
}

async fn insert_user(
    tx: &mut WriteTx,
    email: &str,
    hash: &str,
    name: &str,
    kind: &str,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO users (email, password_hash, display_name, kind, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING",
    )
    .bind(email)
    .bind(hash)
    .bind(name)
    .bind(kind)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn id_of(tx: &mut WriteTx, sql: &str, key: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(sql)
        .bind(key)
        .fetch_one(&mut **tx)
        .await?)
}

async fn seed_catalog(tx: &mut WriteTx) -> anyhow::Result<()> {
    for (slug, zh, en) in BRANDS {
        sqlx::query(
            "INSERT INTO brands (slug, name_zh, name_en) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING",
        )
        .bind(slug)
        .bind(zh)
        .bind(en)
        .execute(&mut **tx)
        .await?;
    }
    let mut warehouse_ids = Vec::new();
    for (code, zh, en, province, address) in WAREHOUSES {
        sqlx::query(
            "INSERT INTO warehouses (code, name_zh, name_en, province, address) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (code) DO UPDATE SET province = excluded.province, address = excluded.address",
        )
        .bind(code)
        .bind(zh)
        .bind(en)
        .bind(province)
        .bind(address)
        .execute(&mut **tx)
        .await?;
        warehouse_ids.push(id_of(tx, "SELECT id FROM warehouses WHERE code = $1", code).await?);
    }

    let mut product_no = 0_usize;
    for (top_pos, top) in CATALOG.iter().enumerate() {
        let top_id = insert_category(tx, top.slug, None, top.zh, top.en, None, top_pos).await?;
        for (leaf_pos, leaf) in top.children.iter().enumerate() {
            let image = format!("/img/demo/{}-0.svg", leaf.icon);
            let leaf_id = insert_category(
                tx,
                leaf.slug,
                Some(top_id),
                leaf.zh,
                leaf.en,
                Some(&image),
                leaf_pos,
            )
            .await?;
            for (i, (name_zh, name_en)) in leaf.products.iter().enumerate() {
                let brand_slug = leaf.brands[i % 2];
                let brand_id =
                    id_of(tx, "SELECT id FROM brands WHERE slug = $1", brand_slug).await?;
                let (brand_zh, brand_en) = BRANDS
                    .iter()
                    .find(|b| b.0 == brand_slug)
                    .map(|b| (b.1, b.2))
                    .unwrap_or_default();
                let slug = slugify(name_en);
                let base = base_price(leaf.price_range, i);
                let surcharges: Vec<i64> = if leaf.sizes.is_empty() {
                    vec![0]
                } else {
                    leaf.sizes.iter().map(|s| s.1 * 100).collect()
                };
                let price_min = base + surcharges.iter().min().copied().unwrap_or(0);
                let price_max = base + surcharges.iter().max().copied().unwrap_or(0);
                let description_zh = format!(
                    "{brand_zh}{name_zh}。{} 七天无理由退换，全国包邮（偏远地区除外）。",
                    leaf.blurb.0
                );
                let description_en = format!(
                    "The {name_en} by {brand_en}. {} Free returns within 7 days and free delivery across mainland China (remote areas excepted).",
                    leaf.blurb.1
                );
                let featured = i64::from(product_no.is_multiple_of(7));
                let created = DEMO_EPOCH_MS + i64::try_from(product_no).unwrap_or(0) * DAY_MS;
                sqlx::query(
                    "INSERT INTO products (slug, category_id, brand_id, name_zh, name_en, description_zh, \
                     description_en, currency, price_min, price_max, featured, status, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, 'CNY', $8, $9, $10, 'active', $11, $11) \
                     ON CONFLICT (slug) DO NOTHING",
                )
                .bind(&slug)
                .bind(leaf_id)
                .bind(brand_id)
                .bind(*name_zh)
                .bind(*name_en)
                .bind(&description_zh)
                .bind(&description_en)
                .bind(price_min)
                .bind(price_max)
                .bind(featured)
                .bind(created)
                .execute(&mut **tx)
                .await?;
                let product_id =
                    id_of(tx, "SELECT id FROM products WHERE slug = $1", &slug).await?;

                // One picture per colour in variant order, showing that colour (the family's
                // default picture without colours). Upgrading replaces the demo pictures of
                // earlier versions in place and drops those past the new count; pictures
                // uploaded in the back office are left alone.
                let pictures = demo_catalog::product_pictures(leaf);
                let count = pictures.len();
                for (pos, (color, file)) in pictures.into_iter().enumerate() {
                    let (alt_zh, alt_en) = match color {
                        Some((color_zh, color_en)) => (
                            format!("{color_zh} {name_zh}"),
                            format!("{name_en} in {}", color_en.to_lowercase()),
                        ),
                        None => ((*name_zh).to_string(), (*name_en).to_string()),
                    };
                    sqlx::query(
                        "INSERT INTO product_images (product_id, position, url, color_en, alt_zh, alt_en, \
                         width, height) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                         ON CONFLICT (product_id, position) DO UPDATE SET url = excluded.url, \
                         color_en = excluded.color_en, alt_zh = excluded.alt_zh, alt_en = excluded.alt_en, \
                         width = excluded.width, height = excluded.height \
                         WHERE product_images.url LIKE '/img/demo/%'",
                    )
                    .bind(product_id)
                    .bind(i64::try_from(pos).unwrap_or(0))
                    .bind(format!("/img/demo/{file}"))
                    .bind(color.map(|(_, color_en)| color_en))
                    .bind(alt_zh)
                    .bind(alt_en)
                    .bind(demo_catalog::PICTURE_SIZE)
                    .bind(demo_catalog::PICTURE_SIZE)
                    .execute(&mut **tx)
                    .await?;
                }
                sqlx::query(
                    "DELETE FROM product_images WHERE product_id = $1 AND position >= $2 \
                     AND url LIKE '/img/demo/%'",
                )
                .bind(product_id)
                .bind(i64::try_from(count).unwrap_or(i64::MAX))
                .execute(&mut **tx)
                .await?;

                let sizes: Vec<Option<(&str, i64)>> = if leaf.sizes.is_empty() {
                    vec![None]
                } else {
                    leaf.sizes.iter().map(|s| Some(*s)).collect()
                };
                let mut variant_no = 0_usize;
                for (color_zh, color_en) in leaf.colors {
                    for size in &sizes {
                        let price = base + size.map_or(0, |s| s.1 * 100);
                        // every fourth product is marked down from a higher list price
                        let compare_at = (i % 4 == 1).then(|| (price * 5 / 4) / 100 * 100);
                        let sku = format!("{}-{:03}-{:02}", leaf.sku_prefix, i + 1, variant_no + 1);
                        let weight = 200 + i64::try_from(i * 50).unwrap_or(0);
                        sqlx::query(
                            "INSERT INTO product_variants (product_id, sku, color_zh, color_en, size, price, \
                             compare_at, weight_grams, position, cost) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                             ON CONFLICT (sku) DO NOTHING",
                        )
                        .bind(product_id)
                        .bind(&sku)
                        .bind(*color_zh)
                        .bind(*color_en)
                        .bind(size.map(|s| s.0))
                        .bind(price)
                        .bind(compare_at)
                        .bind(weight)
                        .bind(i64::try_from(variant_no).unwrap_or(0))
                        // what the shop paid: 40 to 55 % of the price
                        .bind(price * (40 + i64::try_from((i * 7 + variant_no * 3) % 16).unwrap_or(0)) / 100)
                        .execute(&mut **tx)
                        .await?;
                        let variant_id =
                            id_of(tx, "SELECT id FROM product_variants WHERE sku = $1", &sku)
                                .await?;
                        for (w, warehouse_id) in warehouse_ids.iter().enumerate() {
                            sqlx::query(
                                "INSERT INTO stock_levels (variant_id, warehouse_id, on_hand, reserved) \
                                 VALUES ($1, $2, $3, 0) ON CONFLICT (variant_id, warehouse_id) DO NOTHING",
                            )
                            .bind(variant_id)
                            .bind(*warehouse_id)
                            .bind(stock_quantity(product_no, variant_no, w))
                            .execute(&mut **tx)
                            .await?;
                        }
                        variant_no += 1;
                    }
                }
                product_no += 1;
            }
        }
    }
    Ok(())
}

async fn insert_category(
    tx: &mut WriteTx,
    slug: &str,
    parent: Option<i64>,
    zh: &str,
    en: &str,
    image: Option<&str>,
    position: usize,
) -> anyhow::Result<i64> {
    sqlx::query(
        "INSERT INTO categories (parent_id, slug, name_zh, name_en, image, position) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (slug) DO NOTHING",
    )
    .bind(parent)
    .bind(slug)
    .bind(zh)
    .bind(en)
    .bind(image)
    .bind(i64::try_from(position).unwrap_or(0))
    .execute(&mut **tx)
    .await?;
    id_of(tx, "SELECT id FROM categories WHERE slug = $1", slug).await
}
