//! The wishlist (收藏): a customer's kept products (`/account/wishlist`, one product at a
//! time by its slug, the browser's list added at sign-in), and the cards of any list of
//! products for a guest's wishlist, which the browser keeps (`/wishlist?slugs=`).

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::session::CurrentUser;
use crate::db::catalog;
use crate::db::wishlist as repo;
use crate::error::{AppError, AppResult};
use crate::openapi::{ACCOUNT, STORE};
use crate::state::AppState;
use crate::workflows::wishlist as flows;
use axum::extract::State;
use axum::Json;
use shared::catalog::ProductSummary;
use shared::wishlist::{MergeWishlist, MAX_CARD_SLUGS, MAX_ITEMS};
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(mine, merge))
        .routes(routes!(keep, forget))
        .routes(routes!(cards))
}

/// The customer's kept products for sale, the newest first, as cards.
#[utoipa::path(get, path = "/account/wishlist", tag = ACCOUNT, operation_id = "getWishlist",
    security(("session" = [])),
    responses((status = 200, description = "The kept products", body = Vec<ProductSummary>)))]
async fn mine(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> AppResult<Json<Vec<ProductSummary>>> {
    let mut conn = state.db.pool.acquire().await?;
    let slugs = repo::slugs(&mut conn, me.id.0).await?;
    Ok(Json(catalog::summaries_of(&mut conn, &slugs).await?))
}

/// Keep a product: it goes first in the wishlist; answers the kept products' slugs.
#[utoipa::path(put, path = "/account/wishlist/{slug}", tag = ACCOUNT, operation_id = "keepInWishlist",
    params(("slug" = String, Path, description = "The product's slug", max_length = 80)),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The kept products' slugs, the newest first", body = Vec<String>),
        (status = 404, description = "No product for sale has this slug", body = ApiError),
        (status = 409, description = "problem wishlist_full (100 products kept)", body = ApiError)))]
async fn keep(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<Vec<String>>> {
    Ok(Json(flows::keep(&state.db, me.id.0, &slug).await?))
}

/// Take a product out of the wishlist (not kept: nothing changes); answers the slugs.
#[utoipa::path(delete, path = "/account/wishlist/{slug}", tag = ACCOUNT, operation_id = "forgetFromWishlist",
    params(("slug" = String, Path, description = "The product's slug", max_length = 80)),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The kept products' slugs, the newest first", body = Vec<String>),
        (status = 422, description = "problem slug: longer than 80 characters", body = ApiError)))]
async fn forget(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiPath(slug): ApiPath<String>,
) -> AppResult<Json<Vec<String>>> {
    if slug.chars().count() > 80 {
        return Err(
            AppError::validation("slug", "A product's slug has at most 80 characters").at("slug"),
        );
    }
    Ok(Json(flows::forget(&state.db, me.id.0, &slug).await?))
}

/// At sign-in: the browser's wishlist joins the saved one; answers the slugs.
///
/// The saved products all stay; the browser's come first, the newest first, as many as fit
/// in 100; products no longer for sale are left out.
#[utoipa::path(post, path = "/account/wishlist", tag = ACCOUNT, operation_id = "mergeWishlist",
    request_body = MergeWishlist,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The kept products' slugs, the newest first", body = Vec<String>),
        (status = 422, description = "problem slugs: more than 100", body = ApiError)))]
async fn merge(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiJson(req): ApiJson<MergeWishlist>,
) -> AppResult<Json<Vec<String>>> {
    too_many(req.slugs.len())?;
    Ok(Json(flows::merge(&state.db, me.id.0, &req.slugs).await?))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct CardsQuery {
    /// Products' slugs, comma-separated, at most 100 (none: no cards); the query string
    /// is at most 2048 characters, so a long wishlist is asked in parts.
    #[param(max_length = 2040)]
    slugs: Option<String>,
}

/// The cards of a guest's wishlist (kept in their browser): those of the products for sale
/// among `slugs`, in their order.
#[utoipa::path(get, path = "/wishlist", tag = STORE, operation_id = "wishlistCards",
    params(CardsQuery),
    responses(
        (status = 200, description = "The products' cards", body = Vec<ProductSummary>),
        (status = 422, description = "problem slugs: more than 100, or longer than 2040 characters", body = ApiError)))]
async fn cards(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<CardsQuery>,
) -> AppResult<Json<Vec<ProductSummary>>> {
    let asked = q.slugs.unwrap_or_default();
    if asked.chars().count() > MAX_CARD_SLUGS {
        return Err(AppError::validation(
            "slugs",
            format!("Ask for at most {MAX_CARD_SLUGS} characters of slugs at once"),
        )
        .at("slugs"));
    }
    let slugs: Vec<String> = asked
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    too_many(slugs.len())?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(catalog::summaries_of(&mut conn, &slugs).await?))
}

fn too_many(n: usize) -> AppResult<()> {
    if n > MAX_ITEMS {
        return Err(AppError::validation(
            "slugs",
            format!("a wishlist keeps at most {MAX_ITEMS} products"),
        ));
    }
    Ok(())
}
