//! Changes to the catalogue, each in one write transaction with its audit entry and the
//! search index brought up to date: saving a product (validate, check against the other
//! products, sanitise, write, remember a moved slug, reindex, audit), the list's bulk
//! actions, categories (create, edit, move — never under itself — delete when empty) and
//! brands. The shop front reads the same tables, so a change shows there at once.

use crate::db::audit::{self, ActorRef};
use crate::db::catalog_admin::{self as repo, ExistsIn, ProductValues, VariantKey};
use crate::db::{now_millis, search, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::catalog::admin::{
    check_localized, check_optional, check_slug, check_variants, check_warranty_days, would_cycle,
    BrandDraft, BulkProductAction, CatalogProblem, CategoryDraft, CategoryMove, ProductDraft,
    ProductStatus, Seo,
};
use shared::catalog::{Localized, SlugOwner};
use shared::ids::{BrandId, CategoryId, ProductId};
use shared::money::Currency;

fn fault((p, field): (CatalogProblem, String)) -> AppError {
    AppError::rule(p).at(&field)
}

fn problem(p: CatalogProblem, field: &str) -> AppError {
    AppError::rule(p).at(field)
}

/// The rich-text subset of descriptions: paragraphs, line breaks, lists, bold, italics
/// and links (which get `rel="nofollow noopener"`); everything else is removed.
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .tags(
            ["p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a"]
                .into_iter()
                .collect(),
        )
        .tag_attributes(std::iter::once(("a", ["href"].into_iter().collect())).collect())
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("nofollow noopener"))
        .clean(html.trim())
        .to_string()
}

pub fn sanitized(text: &Localized) -> Localized {
    Localized::new(sanitize(&text.zh), sanitize(&text.en))
}

fn check_seo(seo: &Seo) -> Result<(), AppError> {
    check_optional(&seo.title, Seo::TITLE_MAX, "seo.title").map_err(fault)?;
    check_optional(&seo.description, Seo::DESCRIPTION_MAX, "seo.description").map_err(fault)
}

/// What a draft must pass on its own, before the database is asked anything.
fn check_draft(d: &ProductDraft) -> AppResult<(Vec<String>, Localized)> {
    check_slug(&d.slug, "slug").map_err(fault)?;
    check_localized(&d.name, 200, "name").map_err(fault)?;
    check_warranty_days(d.warranty_days).map_err(fault)?;
    check_localized(&d.option1, 30, "option1").map_err(fault)?;
    check_localized(&d.option2, 30, "option2").map_err(fault)?;
    check_seo(&d.seo)?;
    let description = sanitized(&d.description);
    check_optional(&description, 20_000, "description").map_err(fault)?;
    let skus = check_variants(&d.variants).map_err(fault)?;
    for (i, image) in d.images.iter().enumerate() {
        check_optional(&image.alt, 200, &format!("images[{i}].alt")).map_err(fault)?;
    }
    if let Some(at) = d.publish_at {
        if d.status == ProductStatus::Draft && at <= now_millis() {
            return Err(problem(CatalogProblem::PublishAtPast, "publish_at"));
        }
    }
    Ok((skus, description))
}

/// The checks that need the other products, categories, brands and pictures.
async fn check_against_catalogue(
    conn: &mut sqlx::AnyConnection,
    d: &ProductDraft,
    skus: &[String],
    this: Option<i64>,
) -> AppResult<Vec<(String, String, Option<i64>, Option<i64>)>> {
    if repo::product_with_slug(conn, d.slug.trim())
        .await?
        .is_some_and(|id| Some(id) != this)
    {
        return Err(problem(CatalogProblem::SlugTaken, "slug"));
    }
    if !repo::exists(conn, ExistsIn::Category, d.category_id.0).await? {
        return Err(problem(CatalogProblem::CategoryUnknown, "category_id"));
    }
    if !repo::exists(conn, ExistsIn::Brand, d.brand_id.0).await? {
        return Err(problem(CatalogProblem::BrandUnknown, "brand_id"));
    }
    // every SKU and barcode of the draft looked up at once
    let barcodes: Vec<Option<&str>> = d
        .variants
        .iter()
        .map(|v| {
            v.barcode
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
        })
        .collect();
    let sku_list: Vec<&str> = skus.iter().map(String::as_str).collect();
    let taken_skus = repo::variants_with(conn, VariantKey::Sku, &sku_list).await?;
    let code_list: Vec<&str> = barcodes.iter().flatten().copied().collect();
    let taken_codes = if code_list.is_empty() {
        Vec::new()
    } else {
        repo::variants_with(conn, VariantKey::Barcode, &code_list).await?
    };
    let elsewhere = |taken: &[(String, i64)], value: &str| {
        taken
            .iter()
            .any(|(v, owner)| v == value && Some(*owner) != this)
    };
    for (i, (sku, code)) in skus.iter().zip(&barcodes).enumerate() {
        if elsewhere(&taken_skus, sku) {
            return Err(problem(
                CatalogProblem::SkuTaken,
                &format!("variants[{i}].sku"),
            ));
        }
        if code.is_some_and(|c| elsewhere(&taken_codes, c)) {
            return Err(problem(
                CatalogProblem::BarcodeTaken,
                &format!("variants[{i}].barcode"),
            ));
        }
    }
    if let Some(id) = this {
        // variants customers ordered stay (their order lines point at them)
        let ordered = repo::ordered_variants(conn, id).await?;
        let kept: Vec<i64> = d
            .variants
            .iter()
            .filter_map(|v| v.id.map(|i| i.0))
            .collect();
        if ordered.iter().any(|o| !kept.contains(o)) {
            return Err(problem(CatalogProblem::VariantOrdered, "variants"));
        }
        // and so do those with stock on a shelf (their stock would go with them)
        let stocked = repo::stocked_variants(conn, id).await?;
        if stocked.iter().any(|o| !kept.contains(o)) {
            return Err(problem(CatalogProblem::VariantInStock, "variants"));
        }
    }
    let mut images = Vec::with_capacity(d.images.len());
    for (i, image) in d.images.iter().enumerate() {
        let url = image.url.trim().to_string();
        let Some((srcset, w, h)) = repo::known_image(conn, &url).await? else {
            return Err(problem(
                CatalogProblem::ImageUnknown,
                &format!("images[{i}].url"),
            ));
        };
        images.push((url, srcset, w, h));
    }
    Ok(images)
}

fn product_changes(before: Option<&ProductDraft>, after: &ProductDraft) -> Changes {
    let field = |d: Option<&ProductDraft>, f: fn(&ProductDraft) -> String| d.map(f);
    let prices = |d: &ProductDraft| {
        let (min, max) = d.variants.iter().fold((i64::MAX, i64::MIN), |(lo, hi), v| {
            (lo.min(v.price), hi.max(v.price))
        });
        format!("{min}–{max}")
    };
    Changes::new()
        .field(
            "slug",
            field(before, |d| d.slug.clone()),
            Some(after.slug.trim().to_string()),
        )
        .field(
            "name.zh",
            field(before, |d| d.name.zh.clone()),
            Some(after.name.zh.trim().to_string()),
        )
        .field(
            "name.en",
            field(before, |d| d.name.en.clone()),
            Some(after.name.en.trim().to_string()),
        )
        .field(
            "status",
            field(before, |d| d.status.code().to_string()),
            Some(after.status.code().to_string()),
        )
        .field(
            "category_id",
            field(before, |d| d.category_id.to_string()),
            Some(after.category_id.to_string()),
        )
        .field(
            "brand_id",
            field(before, |d| d.brand_id.to_string()),
            Some(after.brand_id.to_string()),
        )
        .field("prices", field(before, prices), Some(prices(after)))
        .field(
            "variants",
            field(before, |d| d.variants.len().to_string()),
            Some(after.variants.len().to_string()),
        )
        .field(
            "images",
            field(before, |d| d.images.len().to_string()),
            Some(after.images.len().to_string()),
        )
        .field(
            "publish_at",
            before.map(|d| d.publish_at.map(|t| t.to_string()).unwrap_or_default()),
            Some(after.publish_at.map(|t| t.to_string()).unwrap_or_default()),
        )
}

/// Creates a product (`id` None) or saves one; returns its id.
pub async fn save_product(
    db: &Db,
    actor: &ActorRef,
    id: Option<ProductId>,
    draft: &ProductDraft,
) -> AppResult<ProductId> {
    let mut tx = db.begin_write().await?;
    let saved = save_product_in(&mut tx, actor, id, draft, None).await?;
    search::reindex(&mut tx, &[saved.0]).await?;
    tx.commit().await?;
    Ok(saved)
}

/// [`save_product`] inside the caller's transaction; `action` names the audit entry
/// (default: created or updated). The caller reindexes the product for search (an import
/// does it once for all of them).
pub async fn save_product_in(
    tx: &mut sqlx::AnyConnection,
    actor: &ActorRef,
    id: Option<ProductId>,
    draft: &ProductDraft,
    action: Option<AuditAction>,
) -> AppResult<ProductId> {
    let (skus, description) = check_draft(draft)?;
    let before = match id {
        Some(id) => Some(
            repo::editor(tx, id)
                .await?
                .ok_or(AppError::NotFound("product"))?,
        ),
        None => None,
    };
    let images = check_against_catalogue(tx, draft, &skus, id.map(|i| i.0)).await?;
    let values = ProductValues {
        draft,
        description,
        skus,
        currency: Currency::CNY,
        images,
    };
    let saved = match id {
        Some(id) => {
            repo::update_product(tx, id.0, &values).await?;
            id.0
        }
        None => repo::insert_product(tx, &values).await?,
    };
    if let Some(old) = &before {
        if old.draft.slug != draft.slug.trim() {
            repo::remember_slug(tx, SlugOwner::Product, &old.draft.slug, saved).await?;
        }
    }
    repo::forget_slug(tx, SlugOwner::Product, draft.slug.trim()).await?;
    let action = action.unwrap_or(if before.is_some() {
        AuditAction::ProductUpdate
    } else {
        AuditAction::ProductCreate
    });
    let changes = product_changes(before.as_ref().map(|b| &b.draft), draft);
    if before.is_none() || !changes.is_empty() {
        audit::record(tx, actor, action, &saved.to_string(), changes, "").await?;
    }
    Ok(ProductId(saved))
}

/// What a bulk action did: how many products changed.
pub async fn bulk(
    db: &Db,
    actor: &ActorRef,
    ids: &[ProductId],
    action: &BulkProductAction,
) -> AppResult<usize> {
    let mut tx = db.begin_write().await?;
    if let BulkProductAction::MoveToCategory { category_id } = action {
        if !repo::exists(&mut tx, ExistsIn::Category, category_id.0).await? {
            return Err(problem(CatalogProblem::CategoryUnknown, "category_id"));
        }
    }
    let mut changed = Vec::new();
    for id in ids {
        let done = match action {
            BulkProductAction::Publish => {
                bulk_status(&mut tx, actor, id.0, ProductStatus::Active).await?
            }
            BulkProductAction::Unpublish => {
                bulk_status(&mut tx, actor, id.0, ProductStatus::Draft).await?
            }
            BulkProductAction::MoveToCategory { category_id } => {
                let done = repo::set_category(&mut tx, id.0, category_id.0).await?;
                if done {
                    let changes = Changes::new().field(
                        "category_id",
                        None::<String>,
                        Some(category_id.to_string()),
                    );
                    audit::record(
                        &mut tx,
                        actor,
                        AuditAction::ProductMove,
                        &id.to_string(),
                        changes,
                        "bulk",
                    )
                    .await?;
                }
                done
            }
            BulkProductAction::ChangePrice { basis_points } => {
                reprice(&mut tx, actor, id.0, *basis_points).await?
            }
        };
        if done {
            changed.push(id.0);
        }
    }
    search::reindex(&mut tx, &changed).await?;
    tx.commit().await?;
    Ok(changed.len())
}

async fn bulk_status(
    tx: &mut sqlx::AnyConnection,
    actor: &ActorRef,
    id: i64,
    status: ProductStatus,
) -> AppResult<bool> {
    let done = repo::set_status(tx, id, status).await?;
    if done {
        let action = if status == ProductStatus::Active {
            AuditAction::ProductPublish
        } else {
            AuditAction::ProductUnpublish
        };
        let changes = Changes::new().field("status", None::<String>, Some(status.code()));
        audit::record(tx, actor, action, &id.to_string(), changes, "bulk").await?;
    }
    Ok(done)
}

async fn reprice(
    tx: &mut sqlx::AnyConnection,
    actor: &ActorRef,
    id: i64,
    basis_points: i32,
) -> AppResult<bool> {
    let prices = repo::variant_prices(tx, id).await?;
    if prices.is_empty() {
        return Ok(false);
    }
    let mut changes = Changes::new();
    for (variant, price, compare_at) in prices {
        let new = shared::catalog::admin::change_price(price, basis_points)
            .ok_or_else(|| problem(CatalogProblem::PriceOutOfRange, "basis_points"))?;
        // a compare-at price that would no longer be above the price is dropped
        let compare_at = compare_at.filter(|c| *c > new);
        repo::set_variant_price(tx, variant, new, compare_at).await?;
        changes = changes.field(
            &format!("variant {variant} price"),
            Some(price.to_string()),
            Some(new.to_string()),
        );
    }
    repo::refresh_price_range(tx, id).await?;
    audit::record(
        tx,
        actor,
        AuditAction::ProductReprice,
        &id.to_string(),
        changes,
        &format!("{basis_points:+} basis points"),
    )
    .await?;
    Ok(true)
}

/// Publishes the drafts whose time has come (the background job).
pub async fn publish_due(db: &Db) -> AppResult<Vec<i64>> {
    let mut tx = db.begin_write().await?;
    let ids = repo::publish_due(&mut tx, now_millis()).await?;
    search::reindex(&mut tx, &ids).await?;
    tx.commit().await?;
    Ok(ids)
}

// categories ----------------------------------------------------------------------------

fn check_category(d: &CategoryDraft) -> AppResult<()> {
    check_slug(&d.slug, "slug").map_err(fault)?;
    check_localized(&d.name, 60, "name").map_err(fault)?;
    check_seo(&d.seo)
}

pub async fn create_category(
    db: &Db,
    actor: &ActorRef,
    d: &CategoryDraft,
) -> AppResult<CategoryId> {
    check_category(d)?;
    let mut tx = db.begin_write().await?;
    if repo::category_with_slug(&mut tx, d.slug.trim())
        .await?
        .is_some()
    {
        return Err(problem(CatalogProblem::SlugTaken, "slug"));
    }
    if let Some(parent) = d.parent_id {
        if !repo::exists(&mut tx, ExistsIn::Category, parent.0).await? {
            return Err(problem(CatalogProblem::CategoryUnknown, "parent_id"));
        }
    }
    let id = repo::insert_category(&mut tx, d).await?;
    repo::forget_slug(&mut tx, SlugOwner::Category, d.slug.trim()).await?;
    let changes = Changes::new()
        .field("slug", None::<String>, Some(d.slug.trim()))
        .field("name.zh", None::<String>, Some(d.name.zh.trim()))
        .field(
            "parent_id",
            None::<String>,
            d.parent_id.map(|p| p.to_string()),
        );
    audit::record(
        &mut tx,
        actor,
        AuditAction::CategoryCreate,
        &id.to_string(),
        changes,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(CategoryId(id))
}

pub async fn update_category(
    db: &Db,
    actor: &ActorRef,
    id: CategoryId,
    d: &CategoryDraft,
) -> AppResult<()> {
    check_category(d)?;
    let mut tx = db.begin_write().await?;
    let all = repo::categories(&mut tx).await?;
    let before = all
        .iter()
        .find(|c| c.id == id)
        .ok_or(AppError::NotFound("category"))?
        .draft
        .clone();
    if repo::category_with_slug(&mut tx, d.slug.trim())
        .await?
        .is_some_and(|other| other != id.0)
    {
        return Err(problem(CatalogProblem::SlugTaken, "slug"));
    }
    repo::update_category(&mut tx, id.0, d).await?;
    if before.slug != d.slug.trim() {
        repo::remember_slug(&mut tx, SlugOwner::Category, &before.slug, id.0).await?;
    }
    repo::forget_slug(&mut tx, SlugOwner::Category, d.slug.trim()).await?;
    let products = search::products_of(&mut tx, None, Some(id.0)).await?;
    search::reindex(&mut tx, &products).await?;
    let changes = Changes::new()
        .field("slug", Some(before.slug), Some(d.slug.trim()))
        .field("name.zh", Some(before.name.zh), Some(d.name.zh.trim()))
        .field("name.en", Some(before.name.en), Some(d.name.en.trim()))
        .field("image", before.image, d.image.clone());
    if !changes.is_empty() {
        audit::record(
            &mut tx,
            actor,
            AuditAction::CategoryUpdate,
            &id.to_string(),
            changes,
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn move_category(
    db: &Db,
    actor: &ActorRef,
    id: CategoryId,
    to: CategoryMove,
) -> AppResult<()> {
    if to.position > CategoryMove::MAX_POSITION {
        return Err(AppError::InvalidInput {
            field: Some("position".into()),
            message: format!("position is at most {}", CategoryMove::MAX_POSITION),
        });
    }
    let mut tx = db.begin_write().await?;
    let parents = repo::category_parents(&mut tx).await?;
    let Some((_, before)) = parents.iter().find(|(c, _)| *c == id).copied() else {
        return Err(AppError::NotFound("category"));
    };
    if let Some(parent) = to.parent_id {
        if !parents.iter().any(|(c, _)| *c == parent) {
            return Err(problem(CatalogProblem::CategoryUnknown, "parent_id"));
        }
    }
    if would_cycle(&parents, id, to.parent_id) {
        return Err(problem(CatalogProblem::CategoryCycle, "parent_id"));
    }
    repo::move_category(&mut tx, id.0, to.parent_id.map(|p| p.0), to.position).await?;
    let products = search::products_of(&mut tx, None, Some(id.0)).await?;
    search::reindex(&mut tx, &products).await?;
    let changes = Changes::new()
        .field(
            "parent_id",
            before.map(|p| p.to_string()),
            to.parent_id.map(|p| p.to_string()),
        )
        .field("position", None::<String>, Some(to.position.to_string()));
    audit::record(
        &mut tx,
        actor,
        AuditAction::CategoryMove,
        &id.to_string(),
        changes,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_category(db: &Db, actor: &ActorRef, id: CategoryId) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    if !repo::exists(&mut tx, ExistsIn::Category, id.0).await? {
        return Err(AppError::NotFound("category"));
    }
    if repo::category_contents(&mut tx, id.0).await? > 0 {
        return Err(AppError::rule(CatalogProblem::CategoryNotEmpty));
    }
    repo::delete_category(&mut tx, id.0).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::CategoryDelete,
        &id.to_string(),
        Changes::new(),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// brands --------------------------------------------------------------------------------

fn check_brand(d: &BrandDraft) -> AppResult<Localized> {
    check_slug(&d.slug, "slug").map_err(fault)?;
    check_localized(&d.name, 60, "name").map_err(fault)?;
    check_seo(&d.seo)?;
    let description = sanitized(&d.description);
    check_optional(&description, 10_000, "description").map_err(fault)?;
    Ok(description)
}

pub async fn save_brand(
    db: &Db,
    actor: &ActorRef,
    id: Option<BrandId>,
    d: &BrandDraft,
) -> AppResult<BrandId> {
    let description = check_brand(d)?;
    let mut tx = db.begin_write().await?;
    if repo::brand_with_slug(&mut tx, d.slug.trim())
        .await?
        .is_some_and(|other| Some(other) != id.map(|i| i.0))
    {
        return Err(problem(CatalogProblem::SlugTaken, "slug"));
    }
    let (saved, changes, action) = match id {
        Some(id) => {
            let before = repo::brand(&mut tx, id.0)
                .await?
                .ok_or(AppError::NotFound("brand"))?
                .draft;
            repo::update_brand(&mut tx, id.0, d, &description).await?;
            if before.slug != d.slug.trim() {
                repo::remember_slug(&mut tx, SlugOwner::Brand, &before.slug, id.0).await?;
            }
            let changes = Changes::new()
                .field("slug", Some(before.slug), Some(d.slug.trim()))
                .field("name.zh", Some(before.name.zh), Some(d.name.zh.trim()))
                .field("name.en", Some(before.name.en), Some(d.name.en.trim()))
                .field("logo", before.logo, d.logo.clone());
            (id.0, changes, AuditAction::BrandUpdate)
        }
        None => {
            let id = repo::insert_brand(&mut tx, d, &description).await?;
            let changes = Changes::new()
                .field("slug", None::<String>, Some(d.slug.trim()))
                .field("name.zh", None::<String>, Some(d.name.zh.trim()));
            (id, changes, AuditAction::BrandCreate)
        }
    };
    repo::forget_slug(&mut tx, SlugOwner::Brand, d.slug.trim()).await?;
    let products = search::products_of(&mut tx, Some(saved), None).await?;
    search::reindex(&mut tx, &products).await?;
    if !changes.is_empty() || action == AuditAction::BrandCreate {
        audit::record(&mut tx, actor, action, &saved.to_string(), changes, "").await?;
    }
    tx.commit().await?;
    Ok(BrandId(saved))
}
