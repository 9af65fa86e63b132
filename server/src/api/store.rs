//! The shop front's catalogue: `/api/v1/store/*`. Read-only, public.

use crate::api::{ApiPath, ApiQuery};
use crate::db::{catalog, catalog_admin, reviews, search};
use crate::error::{AppError, AppResult};
use crate::openapi::STORE;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use shared::catalog::query::PriceUnits;
use shared::catalog::spelling;
use shared::catalog::{
    Brand, BrandPage, Category, Moved, ProductDetail, ProductList, ProductQuery, SearchResult,
    Slug, SlugOwner,
};
use shared::list::PageRequest;
use shared::reviews::ProductReviews;
use shared::ApiError;
use std::collections::BTreeMap;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(categories))
        .routes(routes!(brands))
        .routes(routes!(products))
        .routes(routes!(product))
        .routes(routes!(product_reviews))
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

/// A JSON answer kept in the catalogue cache: the bytes as first serialised.
pub struct CachedJson(Arc<Bytes>);

impl IntoResponse for CachedJson {
    fn into_response(self) -> Response {
        ([(CONTENT_TYPE, "application/json")], Bytes::clone(&self.0)).into_response()
    }
}

/// `load`'s answer as JSON, from the catalogue cache under `key` when it has it.
async fn cached<T, F, Fut>(state: &AppState, key: &str, load: F) -> AppResult<CachedJson>
where
    T: Serialize,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = AppResult<T>>,
{
    let json = state
        .catalog
        .get_or_load(key, Bytes::len, || async {
            let value = load().await?;
            serde_json::to_vec(&value)
                .map(Bytes::from)
                .map_err(|e| AppError::Internal(e.into()))
        })
        .await?;
    Ok(CachedJson(json))
}

/// Every category, from the cache.
async fn all_categories(state: &AppState) -> AppResult<Arc<Vec<Category>>> {
    state
        .catalog
        .get_or_load(
            "categories:rows",
            |c: &Vec<Category>| c.len() * 256,
            || async { Ok::<_, AppError>(catalog::list_categories(&state.db).await?) },
        )
        .await
}

/// All categories, parents first, with product counts of each subtree.
#[utoipa::path(get, path = "/categories", tag = STORE, operation_id = "listCategories",
    responses((status = 200, description = "Every category", body = Vec<Category>)))]
async fn categories(State(state): State<AppState>) -> AppResult<CachedJson> {
    cached(&state, "categories", || async {
        all_categories(&state).await
    })
    .await
}

/// All brands.
#[utoipa::path(get, path = "/brands", tag = STORE, operation_id = "listBrands",
    responses((status = 200, description = "Every brand", body = Vec<Brand>)))]
async fn brands(State(state): State<AppState>) -> AppResult<CachedJson> {
    cached(&state, "brands", || async {
        Ok(catalog::list_brands(&state.db).await?)
    })
    .await
}

/// A page of active products, filtered and sorted, with the total count.
#[utoipa::path(get, path = "/products", tag = STORE, operation_id = "listProducts",
    params(ProductListParams),
    responses(
        (status = 200, description = "A page of products", body = ProductList),
        (status = 404, description = "There is no category with this slug", body = ApiError),
        (status = 422, description = "min_price is above max_price (problem query_rule)", body = ApiError)))]
async fn products(State(state): State<AppState>, RawQuery(raw): RawQuery) -> AppResult<CachedJson> {
    let query = ProductQuery::parse(raw.as_deref().unwrap_or(""), PriceUnits::Minor)?;
    if let Some(category) = &query.category {
        let all = all_categories(&state).await?;
        if !all.iter().any(|c| c.slug == category.as_str()) {
            return Err(AppError::NotFound("category"));
        }
    }
    let key = format!("products?{}", query.to_query_string(PriceUnits::Minor));
    cached(&state, &key, || async {
        Ok(catalog::list_products(&state.db, &query).await?)
    })
    .await
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
async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> AppResult<CachedJson> {
    let query = ProductQuery::parse(raw.as_deref().unwrap_or(""), PriceUnits::Minor)?;
    let key = format!("search?{}", query.to_query_string(PriceUnits::Minor));
    cached(&state, &key, || search_uncached(&state, query)).await
}

/// The catalogue's words and how often each occurs (for spelling corrections), from the cache.
async fn vocabulary(state: &AppState) -> AppResult<Arc<BTreeMap<String, u32>>> {
    state
        .catalog
        .get_or_load(
            "search:vocabulary",
            |v: &BTreeMap<String, u32>| v.keys().map(|w| w.len() + 48).sum(),
            || async {
                let texts = search::texts(&state.db).await?;
                Ok::<_, AppError>(spelling::vocabulary(texts.iter().map(String::as_str)))
            },
        )
        .await
}

async fn search_uncached(state: &AppState, mut query: ProductQuery) -> AppResult<SearchResult> {
    let mut list = catalog::list_products(&state.db, &query).await?;
    let mut corrected = None;
    // nothing found: perhaps a typo
    if list.total == 0 {
        if let Some(text) = &query.q {
            let vocabulary = vocabulary(state).await?;
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
    Ok(SearchResult {
        list,
        facets,
        corrected,
    })
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
) -> AppResult<CachedJson> {
    let slug = path_slug(&slug, "product")?;
    let key = format!("product/{}", slug.as_str());
    cached(&state, &key, || async {
        catalog::product_by_slug(&state.db, slug.as_str())
            .await?
            .ok_or(AppError::NotFound("product"))
    })
    .await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ReviewsQuery {
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
}

/// A product's shown reviews, newest first, ten to a page, with their average and how the
/// stars spread.
#[utoipa::path(get, path = "/products/{slug}/reviews", tag = STORE, operation_id = "getProductReviews",
    params(("slug" = String, Path, description = "The product's slug", max_length = 80,
        pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"), ReviewsQuery),
    responses(
        (status = 200, description = "The product's reviews", body = ProductReviews),
        (status = 404, description = "No active product has this slug", body = ApiError),
        (status = 422, description = "problem page", body = ApiError)))]
async fn product_reviews(
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(q): ApiQuery<ReviewsQuery>,
) -> AppResult<CachedJson> {
    let slug = path_slug(&slug, "product")?;
    let page = PageRequest::parse(q.page, Some(shared::reviews::PAGE_SIZE))
        .map_err(|p| AppError::rule(p).at(p.field()))?;
    let key = format!("reviews/{}/{}", slug.as_str(), page.page);
    cached(&state, &key, || async {
        let mut conn = state.db.pool.acquire().await?;
        let product = reviews::product_id(&mut conn, slug.as_str())
            .await?
            .ok_or(AppError::NotFound("product"))?;
        let summary = reviews::summary(&mut conn, product).await?;
        let (items, total) = reviews::page(&mut conn, product, page).await?;
        Ok(ProductReviews {
            summary,
            reviews: page.of(items, total),
        })
    })
    .await
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
) -> AppResult<CachedJson> {
    let slug = path_slug(&slug, "brand")?;
    let key = format!("brand/{}", slug.as_str());
    cached(&state, &key, || async {
        catalog::brand_page(&state.db, slug.as_str())
            .await?
            .ok_or(AppError::NotFound("brand"))
    })
    .await
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
