//! The shop front's catalogue: `/api/v1/store/*`. Read-only, public.

use crate::api::ApiPath;
use crate::db::{catalog, catalog_admin, search};
use crate::error::{AppError, AppResult};
use crate::openapi::STORE;
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::Json;
use shared::catalog::query::PriceUnits;
use shared::catalog::spelling;
use shared::catalog::{
    Brand, BrandPage, Category, Moved, ProductDetail, ProductList, ProductQuery, SearchResult,
    Slug, SlugOwner,
};
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(categories))
        .routes(routes!(brands))
        .routes(routes!(products))
        .routes(routes!(product))
        .routes(routes!(search))
        .routes(routes!(brand_page))
        .routes(routes!(moved))
}

/// The listing's filters, sort and page as `ProductQuery::parse` reads them (documentation
/// only: the handlers parse the raw query string themselves). Unknown parameters are
/// ignored, and an empty value means "no filter". The whole query string may be at most
/// 2048 characters.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct ProductListParams {
    /// Search words, every one must match (in names, brands, categories and descriptions in
    /// both languages; Chinese needs no spaces): at most 100 characters; words past the
    /// eighth are left out.
    #[param(max_length = 100)]
    q: Option<String>,
    /// Only products with at least one variant in stock (`1` and `0` are accepted too).
    in_stock: Option<bool>,
    /// A category's slug; its sub-categories are included. `listProducts` answers 404 when
    /// there is no such category.
    #[param(max_length = 80, pattern = r"^([a-z0-9]+(-[a-z0-9]+)*)?$")]
    category: Option<String>,
    /// Brand slugs: repeat the parameter (`brand=a&brand=b`) or separate them with commas
    /// (`brand=a,b`); at most 20 different brands.
    #[param(
        max_items = 20,
        max_length = 80,
        pattern = r"^([a-z0-9]+(-[a-z0-9]+)*)?$"
    )]
    brand: Option<Vec<String>>,
    /// Lowest price in minor units (fen); not above `max_price`.
    #[param(minimum = 0, maximum = 100_000_000_000_i64)]
    min_price: Option<i64>,
    /// Highest price in minor units (fen).
    #[param(minimum = 0, maximum = 100_000_000_000_i64)]
    max_price: Option<i64>,
    /// Only featured products (`1` and `0` are accepted too).
    featured: Option<bool>,
    /// The order: featured products first (the default), newest first, or by price.
    #[param(inline)]
    sort: Option<ProductSortParam>,
    /// 1-based page number (default 1).
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
    /// Items per page (default 24).
    #[param(minimum = 1, maximum = 100)]
    page_size: Option<u32>,
}

/// `ProductSort` as the query string names it (documentation only).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)]
enum ProductSortParam {
    Featured,
    Newest,
    PriceAsc,
    PriceDesc,
}

/// All categories, parents first, with product counts of each subtree.
#[utoipa::path(get, path = "/categories", tag = STORE, operation_id = "listCategories",
    responses((status = 200, description = "Every category", body = Vec<Category>)))]
async fn categories(State(state): State<AppState>) -> AppResult<Json<Vec<Category>>> {
    Ok(Json(catalog::list_categories(&state.db).await?))
}

/// All brands.
#[utoipa::path(get, path = "/brands", tag = STORE, operation_id = "listBrands",
    responses((status = 200, description = "Every brand", body = Vec<Brand>)))]
async fn brands(State(state): State<AppState>) -> AppResult<Json<Vec<Brand>>> {
    Ok(Json(catalog::list_brands(&state.db).await?))
}

/// A page of active products, filtered and sorted, with the total count.
#[utoipa::path(get, path = "/products", tag = STORE, operation_id = "listProducts",
    params(ProductListParams),
    responses(
        (status = 200, description = "A page of products", body = ProductList),
        (status = 404, description = "There is no category with this slug", body = ApiError),
        (status = 422, description = "min_price is above max_price (problem query_rule)", body = ApiError)))]
async fn products(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> AppResult<Json<ProductList>> {
    let query = ProductQuery::parse(raw.as_deref().unwrap_or(""), PriceUnits::Minor)?;
    if let Some(category) = &query.category {
        if !catalog::category_exists(&state.db, category.as_str()).await? {
            return Err(AppError::NotFound("category"));
        }
    }
    Ok(Json(catalog::list_products(&state.db, &query).await?))
}

/// Products matching `q`, with the listing's filters, plus facet counts.
///
/// The listing plus facet counts (categories, brands, price bands, in stock) of everything
/// that matches — what the search page shows beside the results. Every word must match, in
/// names, brands, categories and descriptions in both languages (Chinese needs no spaces).
/// When nothing matches the words as typed but a spelling correction does, the results are
/// for the corrected words, named in `corrected`.
#[utoipa::path(get, path = "/search", tag = STORE, operation_id = "search",
    params(ProductListParams),
    responses(
        (status = 200, description = "The matching products and their facets", body = SearchResult),
        (status = 422, description = "min_price is above max_price (problem query_rule)", body = ApiError)))]
async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> AppResult<Json<SearchResult>> {
    let mut query = ProductQuery::parse(raw.as_deref().unwrap_or(""), PriceUnits::Minor)?;
    let mut list = catalog::list_products(&state.db, &query).await?;
    let mut corrected = None;
    // nothing found: perhaps a typo
    if list.total == 0 {
        if let Some(text) = &query.q {
            let vocabulary =
                spelling::vocabulary(search::texts(&state.db).await?.iter().map(String::as_str));
            if let Some(better) = spelling::correct(text, &vocabulary) {
                let retry = ProductQuery {
                    q: Some(better.clone()),
                    ..query.clone()
                };
                let found = catalog::list_products(&state.db, &retry).await?;
                if found.total > 0 {
                    corrected = Some(better.as_str().to_string());
                    list = found;
                    query = retry;
                }
            }
        }
    }
    let facets = catalog::facets(&state.db, &query).await?;
    Ok(Json(SearchResult {
        list,
        facets,
        corrected,
    }))
}

/// One product with its variants, images and stock.
#[utoipa::path(get, path = "/products/{slug}", tag = STORE, operation_id = "getProduct",
    params(("slug" = String, Path, description = "The product's slug", max_length = 80,
        pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")),
    responses(
        (status = 200, description = "The product", body = ProductDetail),
        (status = 404, description = "No active product has this slug", body = ApiError)))]
async fn product(
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<ProductDetail>> {
    let slug = Slug::parse(&slug).map_err(|e| AppError::InvalidInput {
        field: Some("slug".into()),
        message: format!("The product slug {e}"),
    })?;
    catalog::product_by_slug(&state.db, slug.as_str())
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("product"))
}

/// A slug from the path, checked (`what` names it in the message).
fn path_slug(slug: &str, what: &str) -> AppResult<Slug> {
    Slug::parse(slug).map_err(|e| AppError::InvalidInput {
        field: Some("slug".into()),
        message: format!("The {what} slug {e}"),
    })
}

/// A brand's store page (品牌店铺): the brand, its story and logo; its products come from
/// `listProducts` with `brand=`.
#[utoipa::path(get, path = "/brands/{slug}", tag = STORE, operation_id = "getBrand",
    params(("slug" = String, Path, description = "The brand's slug", max_length = 80,
        pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")),
    responses(
        (status = 200, description = "The brand's page", body = BrandPage),
        (status = 404, description = "No brand has this slug", body = ApiError)))]
async fn brand_page(
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<BrandPage>> {
    let slug = path_slug(&slug, "brand")?;
    catalog::brand_page(&state.db, slug.as_str())
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("brand"))
}

/// What a page's old address became: product, category and brand slugs that staff changed
/// keep leading to the page (the shop front answers 301).
#[utoipa::path(get, path = "/redirects/{entity}/{slug}", tag = STORE, operation_id = "getRedirect",
    params(
        ("entity" = inline(SlugOwner), Path, description = "What kind of page the old slug named"),
        ("slug" = String, Path, description = "The old slug", max_length = 80,
            pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")),
    responses(
        (status = 200, description = "The page's slug now", body = Moved),
        (status = 404, description = "The slug never named such a page, or the page is gone", body = ApiError)))]
async fn moved(
    State(state): State<AppState>,
    ApiPath((entity, slug)): ApiPath<(SlugOwner, String)>,
) -> AppResult<Json<Moved>> {
    let slug = path_slug(&slug, "old")?;
    let mut conn = state.db.pool.acquire().await?;
    catalog_admin::redirect(&mut conn, entity, slug.as_str())
        .await?
        .map(|slug| Json(Moved { slug }))
        .ok_or(AppError::NotFound("redirect"))
}
