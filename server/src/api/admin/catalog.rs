//! The catalogue in the back office: products (list with filters and bulk actions, the
//! editor), categories (a tree with moves), brands, and picture uploads. Reading needs
//! `view_catalog`, changing `manage_catalog`.

use crate::api::{ApiBytes, ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::db::audit;
use crate::db::catalog_admin::{self as repo, ProductFilter};
use crate::error::{AppError, AppResult};
use crate::media;
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::catalog as flows;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use shared::audit::{AuditAction, Changes};
use shared::catalog::admin::{
    BrandDraft, BrandRow, BulkProducts, CategoryDraft, CategoryMove, CategoryNode, ProductDraft,
    ProductEditor, ProductListQuery, ProductRow, Uploaded,
};
use shared::ids::{BrandId, CategoryId, ProductId};
use shared::list::{parse_search, PageRequest, Paged};
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_products, create_product))
        .routes(routes!(product, update_product))
        .routes(routes!(bulk_products))
        .routes(routes!(categories, create_category))
        .routes(routes!(update_category, delete_category))
        .routes(routes!(move_category))
        .routes(routes!(brands, create_brand))
        .routes(routes!(update_brand))
        // pictures up to 10 MB (`ApiBytes`; JSON bodies keep axum's 2 MB)
        .routes(routes!(upload))
}

/// Products of every status, recently changed first by default.
#[utoipa::path(get, path = "/products", tag = ADMIN, operation_id = "adminListProducts",
    params(ProductListQuery),
    security(("session" = [])),
    responses((status = 200, description = "A page of products", body = Paged<ProductRow>)))]
async fn list_products(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<ProductListQuery>,
) -> AppResult<Json<Paged<ProductRow>>> {
    staff.require(Permission::ViewCatalog)?;
    let page = PageRequest::parse(q.page, q.page_size)?;
    let mut conn = state.db.pool.acquire().await?;
    let filter = filter_of(&mut conn, &q).await?;
    let (items, total) = repo::list(&mut conn, &filter, page).await?;
    Ok(Json(page.of(items, total)))
}

/// The list's filters, checked (the category with its sub-categories).
pub(super) async fn filter_of(
    conn: &mut sqlx::AnyConnection,
    q: &ProductListQuery,
) -> AppResult<ProductFilter> {
    let categories = match q.category {
        Some(c) => Some(repo::subtree(conn, c).await?),
        None => None,
    };
    Ok(ProductFilter {
        q: parse_search(q.q.as_deref())?,
        categories,
        brand: q.brand,
        status: q.status,
        stock: q.stock,
        sort: q.sort.unwrap_or_default(),
        dir: q.dir.unwrap_or_default(),
    })
}

/// A product for the editor.
#[utoipa::path(get, path = "/products/{id}", tag = ADMIN, operation_id = "adminGetProduct",
    params(("id" = i64, Path, description = "The product's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The product", body = ProductEditor),
        (status = 404, description = "No product has this id", body = ApiError)))]
async fn product(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ProductEditor>> {
    staff.require(Permission::ViewCatalog)?;
    let mut conn = state.db.pool.acquire().await?;
    repo::editor(&mut conn, ProductId(id))
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("product"))
}

const PRODUCT_RULES: &str = "problem slug_invalid, slug_taken, text_missing, too_long, no_variants, sku_invalid, \
    sku_taken, barcode_invalid, barcode_taken, price_invalid, weight_invalid, warranty_invalid, compare_at_not_above_price, variants_repeat, option_missing, \
    category_unknown, brand_unknown, image_unknown, publish_at_past or variant_ordered; `field` names where";

/// A new product with its variants and pictures.
#[utoipa::path(post, path = "/products", tag = ADMIN, operation_id = "adminCreateProduct",
    request_body = ProductDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created: the product as the editor shows it", body = ProductEditor),
        (status = 422, description = PRODUCT_RULES, body = ApiError)))]
async fn create_product(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(draft): ApiJson<ProductDraft>,
) -> AppResult<(StatusCode, Json<ProductEditor>)> {
    staff.require(Permission::ManageCatalog)?;
    let id = flows::save_product(&state.db, &staff.actor, None, &draft).await?;
    Ok((StatusCode::CREATED, Json(editor(&state, id).await?)))
}

async fn editor(state: &AppState, id: ProductId) -> AppResult<ProductEditor> {
    let mut conn = state.db.pool.acquire().await?;
    repo::editor(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound("product"))
}

/// Save a product: its fields, its variants (kept by id, new ones added, others removed —
/// except variants customers ordered), its pictures in order. A changed slug keeps the old
/// address answering with 301.
#[utoipa::path(put, path = "/products/{id}", tag = ADMIN, operation_id = "adminUpdateProduct",
    params(("id" = i64, Path, description = "The product's id")),
    request_body = ProductDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Saved: the product as the editor shows it", body = ProductEditor),
        (status = 404, description = "No product has this id", body = ApiError),
        (status = 422, description = PRODUCT_RULES, body = ApiError)))]
async fn update_product(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(draft): ApiJson<ProductDraft>,
) -> AppResult<Json<ProductEditor>> {
    staff.require(Permission::ManageCatalog)?;
    let id = flows::save_product(&state.db, &staff.actor, Some(ProductId(id)), &draft).await?;
    Ok(Json(editor(&state, id).await?))
}

/// How many products a bulk action changed.
#[derive(serde::Serialize, utoipa::ToSchema)]
struct BulkDone {
    changed: usize,
}

/// A bulk action on the selected products: publish, unpublish, move to a category, or
/// change every price by a percentage. One audit entry per product changed.
#[utoipa::path(post, path = "/products/bulk", tag = ADMIN, operation_id = "adminBulkProducts",
    request_body = BulkProducts,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "How many changed", body = BulkDone),
        (status = 422, description = "problem category_unknown or price_out_of_range", body = ApiError)))]
async fn bulk_products(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(req): ApiJson<BulkProducts>,
) -> AppResult<Json<BulkDone>> {
    staff.require(Permission::ManageCatalog)?;
    if req.ids.len() > 500 {
        return Err(AppError::InvalidInput {
            field: Some("ids".into()),
            message: "`ids`: at most 500 products at once".into(),
        });
    }
    let changed = flows::bulk(&state.db, &staff.actor, &req.ids, &req.action).await?;
    Ok(Json(BulkDone { changed }))
}

/// Every category, parents before their children, siblings in order.
#[utoipa::path(get, path = "/categories", tag = ADMIN, operation_id = "adminListCategories",
    security(("session" = [])),
    responses((status = 200, description = "The tree, depth first", body = Vec<CategoryNode>)))]
async fn categories(
    State(state): State<AppState>,
    staff: Staff,
) -> AppResult<Json<Vec<CategoryNode>>> {
    staff.require(Permission::ViewCatalog)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(repo::categories(&mut conn).await?))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
struct Created {
    id: i64,
}

#[utoipa::path(post, path = "/categories", tag = ADMIN, operation_id = "adminCreateCategory",
    request_body = CategoryDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created", body = Created),
        (status = 422, description = "problem slug_invalid, slug_taken, text_missing, too_long or category_unknown", body = ApiError)))]
async fn create_category(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(d): ApiJson<CategoryDraft>,
) -> AppResult<(StatusCode, Json<Created>)> {
    staff.require(Permission::ManageCatalog)?;
    let id = flows::create_category(&state.db, &staff.actor, &d).await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.0 })))
}

/// A category's names, slug, picture and SEO texts (moving it is `…/move`).
#[utoipa::path(put, path = "/categories/{id}", tag = ADMIN, operation_id = "adminUpdateCategory",
    params(("id" = i64, Path, description = "The category's id")),
    request_body = CategoryDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Saved"),
        (status = 404, description = "No category has this id", body = ApiError),
        (status = 422, description = "problem slug_invalid, slug_taken, text_missing or too_long", body = ApiError)))]
async fn update_category(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<CategoryDraft>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ManageCatalog)?;
    flows::update_category(&state.db, &staff.actor, CategoryId(id), &d).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete an empty category (no products, no sub-categories).
#[utoipa::path(delete, path = "/categories/{id}", tag = ADMIN, operation_id = "adminDeleteCategory",
    params(("id" = i64, Path, description = "The category's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No category has this id", body = ApiError),
        (status = 422, description = "problem category_not_empty", body = ApiError)))]
async fn delete_category(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ManageCatalog)?;
    flows::delete_category(&state.db, &staff.actor, CategoryId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Move a category under another (or to the top) at a position among its new siblings —
/// never under itself or one of its own sub-categories.
#[utoipa::path(post, path = "/categories/{id}/move", tag = ADMIN, operation_id = "adminMoveCategory",
    params(("id" = i64, Path, description = "The category's id")),
    request_body = CategoryMove,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Moved"),
        (status = 404, description = "No category has this id", body = ApiError),
        (status = 422, description = "problem category_cycle or category_unknown", body = ApiError)))]
async fn move_category(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(to): ApiJson<CategoryMove>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ManageCatalog)?;
    flows::move_category(&state.db, &staff.actor, CategoryId(id), to).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/brands", tag = ADMIN, operation_id = "adminListBrands",
    security(("session" = [])),
    responses((status = 200, description = "Every brand", body = Vec<BrandRow>)))]
async fn brands(State(state): State<AppState>, staff: Staff) -> AppResult<Json<Vec<BrandRow>>> {
    staff.require(Permission::ViewCatalog)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(repo::brands(&mut conn).await?))
}

#[utoipa::path(post, path = "/brands", tag = ADMIN, operation_id = "adminCreateBrand",
    request_body = BrandDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created", body = Created),
        (status = 422, description = "problem slug_invalid, slug_taken, text_missing or too_long", body = ApiError)))]
async fn create_brand(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(d): ApiJson<BrandDraft>,
) -> AppResult<(StatusCode, Json<Created>)> {
    staff.require(Permission::ManageCatalog)?;
    let id = flows::save_brand(&state.db, &staff.actor, None, &d).await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.0 })))
}

/// A brand's names, slug, description, logo and SEO texts; its store page is
/// `/brands/{slug}` (an old slug answers 301).
#[utoipa::path(put, path = "/brands/{id}", tag = ADMIN, operation_id = "adminUpdateBrand",
    params(("id" = i64, Path, description = "The brand's id")),
    request_body = BrandDraft,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Saved"),
        (status = 404, description = "No brand has this id", body = ApiError),
        (status = 422, description = "problem slug_invalid, slug_taken, text_missing or too_long", body = ApiError)))]
async fn update_brand(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(d): ApiJson<BrandDraft>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ManageCatalog)?;
    flows::save_brand(&state.db, &staff.actor, Some(BrandId(id)), &d).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Upload a picture (the body is the file: JPEG, PNG or WebP, at most 10 MB). It is resized
/// to web widths and stored as WebP; the answer is what a product or brand refers to.
#[utoipa::path(post, path = "/media", tag = ADMIN, operation_id = "adminUploadMedia",
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The picture's bytes"),
    params(("X-File-Name" = Option<String>, Header, description = "The file's name, for the media library", max_length = 200)),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Stored", body = Uploaded),
        (status = 413, description = "Larger than 10 MB", body = ApiError),
        (status = 422, description = "problem not_an_image or image_too_large", body = ApiError)))]
async fn upload(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    ApiBytes(body): ApiBytes<{ media::MAX_BYTES }>,
) -> AppResult<(StatusCode, Json<Uploaded>)> {
    staff.require(Permission::ManageCatalog)?;
    let name: String = headers
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("upload")
        .chars()
        .take(200)
        .collect();
    // decoding and resizing are CPU work: off the async threads
    let processed = tokio::task::spawn_blocking(move || media::process(&body))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("resizing: {e}")))?
        .map_err(|p| AppError::rule(p).at("body"))?;
    media::store(&state.config.media_dir, &processed)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("storing a picture: {e}")))?;
    let (w, h) = (i64::from(processed.width), i64::from(processed.height));
    let mut tx = state.db.begin_write().await?;
    let new = repo::insert_media(
        &mut tx,
        &processed.key,
        &name,
        w,
        h,
        processed.bytes(),
        staff.me.id,
    )
    .await?;
    if new {
        let changes = Changes::new()
            .field("name", None::<String>, Some(name.clone()))
            .field("size", None::<String>, Some(format!("{w}×{h}")));
        audit::record(
            &mut tx,
            &staff.actor,
            AuditAction::MediaUpload,
            &processed.key,
            changes,
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(Uploaded {
            url: media::url(&processed.key, w),
            srcset: media::srcset(&processed.key, w),
            width: processed.width,
            height: processed.height,
        }),
    ))
}
