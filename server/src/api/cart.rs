//! The cart: a customer's saved cart (`/cart`, `/cart/items/…`, `/cart/merge` at login),
//! checking and pricing any cart (`/cart/quote`, guests included), the divisions for the
//! address pickers and a customer's saved addresses.

use crate::api::auth::ClientIp;
use crate::api::ApiJson;
use crate::auth::rate_limit::{self, COUPON_MISSES};
use crate::auth::session::{CurrentUser, OptionalUser};
use crate::db::{carts, now_millis};
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use crate::workflows::quote::quote;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use shared::cart::{self, CartItem, CouponOutcome, MergeCart, Quote, QuoteRequest, SetQuantity};
use shared::checkout::SavedAddress;
use shared::divisions::Division;
use shared::ids::VariantId;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cart", get(show))
        .route("/cart/items", post(add))
        .route("/cart/items/{variant_id}", put(set).delete(remove))
        .route("/cart/merge", post(merge))
        .route("/cart/quote", post(price))
        .route("/divisions", get(divisions))
        .route("/account/addresses", get(addresses))
        .route("/account/addresses/{id}", delete(forget_address))
}

async fn show(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> AppResult<Json<Vec<CartItem>>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(carts::items(&mut conn, me.id.0).await?))
}

/// Changes the customer's cart with `change`, in one write transaction; answers the new cart.
async fn change_cart(
    state: &AppState,
    user: i64,
    change: impl FnOnce(&mut Vec<CartItem>) -> AppResult<()>,
) -> AppResult<Json<Vec<CartItem>>> {
    let mut tx = state.db.begin_write().await?;
    let mut items = carts::items(&mut tx, user).await?;
    change(&mut items)?;
    carts::replace(&mut tx, user, &items, now_millis()).await?;
    tx.commit().await?;
    Ok(Json(items))
}

/// Puts a variant in the cart (more of it, if it is there already), remembering its price.
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

async fn set(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Path(variant): Path<i64>,
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

async fn remove(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Path(variant): Path<i64>,
) -> AppResult<Json<Vec<CartItem>>> {
    change_cart(&state, me.id.0, |items| {
        items.retain(|i| i.variant_id != VariantId(variant));
        Ok(())
    })
    .await
}

/// At login the browser hands over the guest cart: it joins the saved one. Items that are
/// no longer for sale are left out; `seen_price` only ever feeds the "price changed" notice.
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

/// Checks and prices a cart: for the cart page (items only) and each checkout step
/// (with destination, delivery method, coupon).
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
    let mut conn = state.db.pool.acquire().await?;
    let quote = quote(
        &mut conn,
        user.as_ref(),
        &req,
        state.config.tax_basis_points,
    )
    .await?;
    drop(conn);
    if matches!(quote.coupon, Some(CouponOutcome::Unknown { .. })) {
        rate_limit::record(&state.db, &guessing, COUPON_MISSES).await?;
    }
    Ok(Json(quote))
}

#[derive(serde::Deserialize)]
struct DivisionQuery {
    parent: Option<String>,
}

/// Provinces, or the cities of a province (`?parent=31`), or the districts of a city
/// (`?parent=3101`). Public and unchanging: cached by browsers for a day.
async fn divisions(
    Query(q): Query<DivisionQuery>,
) -> AppResult<(
    [(axum::http::HeaderName, &'static str); 1],
    Json<Vec<Division>>,
)> {
    let parent = q.parent.as_deref().map(str::trim).filter(|p| !p.is_empty());
    if let Some(p) = parent {
        if !matches!(p.len(), 2 | 4) || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AppError::BadRequest(
                "parent must be a 2-digit province or 4-digit city code".into(),
            ));
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

async fn addresses(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> AppResult<Json<Vec<SavedAddress>>> {
    let mut conn = state.db.pool.acquire().await?;
    let rows = carts::addresses(&mut conn, me.id.0).await?;
    Ok(Json(
        rows.into_iter()
            .filter_map(|(id, json)| {
                let address = serde_json::from_str(&json).ok()?;
                Some(SavedAddress {
                    id,
                    region: crate::divisions::region(&address),
                    address,
                })
            })
            .collect(),
    ))
}

async fn forget_address(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    let mut conn = state.db.pool.acquire().await?;
    if carts::forget_address(&mut conn, me.id.0, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound("address"))
    }
}
