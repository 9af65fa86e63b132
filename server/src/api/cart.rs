//! The cart: a customer's saved cart (`/cart`, `/cart/items/…`, `/cart/merge` at login),
//! checking and pricing any cart (`/cart/quote`, guests included), the divisions for the
//! address pickers.

use crate::api::auth::ClientIp;
use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::rate_limit::{self, COUPON_MISSES};
use crate::auth::session::{CurrentUser, OptionalUser};
use crate::db::{carts, now_millis, shipping};
use crate::error::{AppError, AppResult};
use crate::openapi::{CART, CHECKOUT};
use crate::state::AppState;
use crate::workflows::quote::quote;
use axum::extract::State;
use axum::Json;
use shared::cart::{self, CartItem, CouponOutcome, MergeCart, Quote, QuoteRequest, SetQuantity};
use shared::divisions::Division;
use shared::ids::VariantId;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show))
        .routes(routes!(add))
        .routes(routes!(set, remove))
        .routes(routes!(merge))
        .routes(routes!(price))
        .routes(routes!(divisions))
}

/// The signed-in customer's cart (guests keep theirs in the browser).
#[utoipa::path(get, path = "/cart", tag = CART, operation_id = "getCart",
    security(("session" = [])),
    responses((status = 200, description = "The saved cart", body = Vec<CartItem>)))]
async fn show(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> AppResult<Json<Vec<CartItem>>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(carts::items(&mut conn, me.id.0).await?))
}

/// Changes the customer's cart with `change`, in one write transaction; answers the new cart.
pub(crate) async fn change_cart(
    state: &AppState,
    user: i64,
    change: impl FnOnce(&mut Vec<CartItem>) -> AppResult<()>,
) -> AppResult<Json<Vec<CartItem>>> {
    let mut tx = state.db.begin_write().await?;
    crate::db::accounts::lock_own_lists(&mut tx, state.db.backend, user).await?;
    let mut items = carts::items(&mut tx, user).await?;
    change(&mut items)?;
    carts::replace(&mut tx, user, &items, now_millis()).await?;
    tx.commit().await?;
    Ok(Json(items))
}

/// Put a variant in the customer's cart; answers the cart.
///
/// Adds to an existing line of the same variant (at most 99 of one item); a cart holds at
/// most 50 different items. The current price is remembered (any `seen_price` sent is
/// ignored).
#[utoipa::path(post, path = "/cart/items", tag = CART, operation_id = "addToCart",
    request_body = CartItem,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The cart with the item", body = Vec<CartItem>),
        (status = 422, description = "problem variant_unavailable (not for sale) or cart_full (50 different items already)", body = ApiError)))]
async fn add(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiJson(item): ApiJson<CartItem>,
) -> AppResult<Json<Vec<CartItem>>> {
    let mut conn = state.db.pool.acquire().await?;
    let price = carts::current_price(&mut conn, item.variant_id.0)
        .await?
        .ok_or_else(|| AppError::validation("variant_unavailable", "this item is not for sale"))?;
    drop(conn);
    change_cart(&state, me.id.0, |items| {
        let added = cart::add_item(
            items,
            CartItem {
                seen_price: Some(price),
                ..item
            },
        );
        if added {
            Ok(())
        } else {
            Err(AppError::validation(
                "cart_full",
                format!("a cart holds at most {} different items", cart::MAX_LINES),
            ))
        }
    })
    .await
}

/// Set a line's quantity (1–99); answers the cart.
#[utoipa::path(put, path = "/cart/items/{variant_id}", tag = CART, operation_id = "setCartQuantity",
    params(("variant_id" = i64, Path, description = "The variant's id")),
    request_body = SetQuantity,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The cart with the new quantity", body = Vec<CartItem>),
        (status = 404, description = "The cart has no line of this variant", body = ApiError)))]
async fn set(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiPath(variant): ApiPath<i64>,
    ApiJson(req): ApiJson<SetQuantity>,
) -> AppResult<Json<Vec<CartItem>>> {
    change_cart(&state, me.id.0, |items| {
        let line = items
            .iter_mut()
            .find(|i| i.variant_id == VariantId(variant))
            .ok_or(AppError::NotFound("cart line"))?;
        line.quantity = req.quantity;
        Ok(())
    })
    .await
}

/// Remove a line (nothing happens when there is none); answers the cart.
#[utoipa::path(delete, path = "/cart/items/{variant_id}", tag = CART, operation_id = "removeFromCart",
    params(("variant_id" = i64, Path, description = "The variant's id")),
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "The cart without the line", body = Vec<CartItem>)))]
async fn remove(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiPath(variant): ApiPath<i64>,
) -> AppResult<Json<Vec<CartItem>>> {
    change_cart(&state, me.id.0, |items| {
        items.retain(|i| i.variant_id != VariantId(variant));
        Ok(())
    })
    .await
}

/// At login: add the guest cart to the customer's; answers the merged cart.
///
/// At login the browser hands over the guest cart: it joins the saved one (quantities of the
/// same variant add up, at most 99; lines past 50 are dropped). Items that are no longer for
/// sale are left out; `seen_price` only ever feeds the "price changed" notice.
#[utoipa::path(post, path = "/cart/merge", tag = CART, operation_id = "mergeCart",
    request_body = MergeCart,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The merged cart", body = Vec<CartItem>),
        (status = 422, description = "problem lines: more than 50 different items", body = ApiError)))]
async fn merge(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiJson(req): ApiJson<MergeCart>,
) -> AppResult<Json<Vec<CartItem>>> {
    if req.items.len() > cart::MAX_LINES {
        return Err(AppError::validation(
            "lines",
            format!("a cart holds at most {} different items", cart::MAX_LINES),
        ));
    }
    let mut conn = state.db.pool.acquire().await?;
    let ids: Vec<i64> = req.items.iter().map(|i| i.variant_id.0).collect();
    let sellable = carts::line_infos(&mut conn, &ids).await?;
    drop(conn);
    let guest: Vec<CartItem> = req
        .items
        .into_iter()
        .filter(|i| sellable.contains_key(&i.variant_id.0))
        .collect();
    change_cart(&state, me.id.0, |items| {
        *items = cart::merge(std::mem::take(items), guest);
        Ok(())
    })
    .await
}

/// Check and price a cart: for the cart page (items only) and each checkout step.
///
/// Current prices and stock per line (problems: unavailable, out_of_stock, not_enough_stock,
/// price_changed), the coupon's effect or why it does not apply, every delivery method's
/// price for the destination, totals. Nothing is written; client prices are ignored. Guests
/// may ask too.
#[utoipa::path(post, path = "/cart/quote", tag = CART, operation_id = "quoteCart",
    request_body = QuoteRequest,
    security(("csrf" = [])),
    responses(
        (status = 200, description = "The checked cart", body = Quote),
        (status = 422, description = "problem lines: more than 50 different items", body = ApiError),
        (status = 429, description = "Too many unknown coupon codes from this address (20 in 15 minutes); see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn price(
    State(state): State<AppState>,
    OptionalUser(user): OptionalUser,
    ClientIp(ip): ClientIp,
    ApiJson(req): ApiJson<QuoteRequest>,
) -> AppResult<Json<Quote>> {
    let guessing = [format!("coupon-ip:{ip}")];
    let has_coupon = req
        .coupon_code
        .as_deref()
        .is_some_and(|c| !c.trim().is_empty());
    if has_coupon {
        rate_limit::check(&state.db, &guessing, COUPON_MISSES).await?;
    }
    let methods = shipping::active_methods_cached(&state.catalog, &state.db).await?;
    let mut conn = state.db.pool.acquire().await?;
    let quote = quote(
        &mut conn,
        user.as_ref(),
        &req,
        &methods,
        state.config.tax_basis_points,
    )
    .await?;
    drop(conn);
    if matches!(quote.coupon, Some(CouponOutcome::Unknown { .. })) {
        rate_limit::record(&state.db, &guessing, COUPON_MISSES).await?;
    }
    Ok(Json(quote))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct DivisionQuery {
    /// A province's 2-digit code (its cities) or a city's 4-digit code (its districts);
    /// without it, the provinces.
    #[param(pattern = r"^([0-9]{2}([0-9]{2})?)?$")]
    parent: Option<String>,
}

/// China's provinces, or the cities of a province, or the districts of a city (GB/T 2260).
///
/// Provinces, or the cities of a province (`?parent=31`), or the districts of a city
/// (`?parent=3101`). Public and unchanging: cached by browsers for a day.
#[utoipa::path(get, path = "/divisions", tag = CHECKOUT, operation_id = "listDivisions",
    params(DivisionQuery),
    responses(
        (status = 200, description = "The divisions, in code order", body = Vec<Division>,
            headers(("Cache-Control" = String, description = "public, max-age=86400"))),
        (status = 404, description = "No province or city has this code", body = ApiError)))]
async fn divisions(
    ApiQuery(q): ApiQuery<DivisionQuery>,
) -> AppResult<(
    [(axum::http::HeaderName, &'static str); 1],
    Json<Vec<Division>>,
)> {
    let parent = q.parent.as_deref().map(str::trim).filter(|p| !p.is_empty());
    if let Some(p) = parent {
        if !matches!(p.len(), 2 | 4) || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AppError::InvalidInput {
                field: Some("parent".into()),
                message: "parent must be a 2-digit province or 4-digit city code".into(),
            });
        }
    }
    let list = crate::divisions::all().children(parent);
    if parent.is_some() && list.is_empty() {
        return Err(AppError::NotFound("division"));
    }
    Ok((
        [(axum::http::header::CACHE_CONTROL, "public, max-age=86400")],
        Json(list),
    ))
}
