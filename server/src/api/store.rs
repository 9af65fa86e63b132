//! The shop front's catalogue: `/api/v1/store/*`. Read-only, public.

use crate::db::{catalog, search};
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::catalog::query::PriceUnits;
use shared::catalog::spelling;
use shared::catalog::{
    Brand, Category, ProductDetail, ProductList, ProductQuery, SearchResult, Slug,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/categories", get(categories))
        .route("/brands", get(brands))
        .route("/products", get(products))
        .route("/products/{slug}", get(product))
        .route("/search", get(search))
}

async fn categories(State(state): State<AppState>) -> AppResult<Json<Vec<Category>>> {
    Ok(Json(catalog::list_categories(&state.db).await?))
}

async fn brands(State(state): State<AppState>) -> AppResult<Json<Vec<Brand>>> {
    Ok(Json(catalog::list_brands(&state.db).await?))
}

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

/// The listing plus facet counts (categories, brands, price bands, in stock) of everything
/// that matches — what the search page shows beside the results.
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

async fn product(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Json<ProductDetail>> {
    let slug =
        Slug::parse(&slug).map_err(|e| AppError::BadRequest(format!("The product slug {e}")))?;
    catalog::product_by_slug(&state.db, slug.as_str())
        .await?
        .map(Json)
        .ok_or(AppError::NotFound("product"))
}
