//! The shop front's catalogue: `/api/v1/store/*`. Read-only, public.

use crate::db::catalog;
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::catalog::query::PriceUnits;
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
    let query = ProductQuery::parse(raw.as_deref().unwrap_or(""), PriceUnits::Minor)?;
    let list = catalog::list_products(&state.db, &query).await?;
    let facets = catalog::facets(&state.db, &query).await?;
    Ok(Json(SearchResult { list, facets }))
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
