//! The customer's address book (`/account/addresses`): the addresses checkout kept and
//! those the customer added, the default first; add, edit, make default, remove.

use crate::api::{ApiJson, ApiPath};
use crate::auth::session::CurrentUser;
use crate::db::addresses as repo;
use crate::error::AppResult;
use crate::openapi::ACCOUNT;
use crate::state::AppState;
use crate::workflows::address_book as book;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::checkout::{SaveAddress, SavedAddress};
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, add))
        .routes(routes!(edit, forget))
        .routes(routes!(make_default))
}

/// The address book as it is now.
async fn book_of(state: &AppState, user: i64) -> AppResult<Json<Vec<SavedAddress>>> {
    let mut conn = state.db.pool.acquire().await?;
    let rows = repo::list(&mut conn, user).await?;
    Ok(Json(
        rows.into_iter()
            .filter_map(|(id, json, is_default)| {
                let address = serde_json::from_str(&json).ok()?;
                Some(SavedAddress {
                    id,
                    region: crate::divisions::region(&address),
                    address,
                    is_default: is_default == 1,
                })
            })
            .collect(),
    ))
}

/// The customer's addresses: the default first, then the most recently used.
///
/// Checkout keeps an address when an order is placed with `save_address`; the customer adds
/// their own. At most 20.
#[utoipa::path(get, path = "/account/addresses", tag = ACCOUNT, operation_id = "listAddresses",
    security(("session" = [])),
    responses((status = 200, description = "The saved addresses", body = Vec<SavedAddress>)))]
async fn list(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> AppResult<Json<Vec<SavedAddress>>> {
    book_of(&state, me.id.0).await
}

/// Add an address (checked as checkout checks it); answers the address book.
#[utoipa::path(post, path = "/account/addresses", tag = ACCOUNT, operation_id = "addAddress",
    request_body = SaveAddress,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Added: the address book", body = Vec<SavedAddress>),
        (status = 409, description = "problem address_book_full (20 addresses)", body = ApiError),
        (status = 422, description = "problem recipient_missing, invalid_mobile, invalid_phone, invalid_division, detail_missing, country_missing or too_long", body = ApiError)))]
async fn add(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiJson(req): ApiJson<SaveAddress>,
) -> AppResult<(StatusCode, Json<Vec<SavedAddress>>)> {
    book::add(&state.db, me.id.0, &req.address, req.default).await?;
    Ok((StatusCode::CREATED, book_of(&state, me.id.0).await?))
}

/// Change a saved address; answers the address book.
#[utoipa::path(put, path = "/account/addresses/{id}", tag = ACCOUNT, operation_id = "editAddress",
    params(("id" = i64, Path, description = "The saved address's id")),
    request_body = SaveAddress,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Changed: the address book", body = Vec<SavedAddress>),
        (status = 404, description = "The customer has no saved address with this id", body = ApiError),
        (status = 422, description = "problem recipient_missing, invalid_mobile, invalid_phone, invalid_division, detail_missing, country_missing or too_long", body = ApiError)))]
async fn edit(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<SaveAddress>,
) -> AppResult<Json<Vec<SavedAddress>>> {
    book::edit(&state.db, me.id.0, id, &req.address, req.default).await?;
    book_of(&state, me.id.0).await
}

/// Make a saved address the default; answers the address book.
#[utoipa::path(post, path = "/account/addresses/{id}/default", tag = ACCOUNT, operation_id = "makeDefaultAddress",
    params(("id" = i64, Path, description = "The saved address's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The address book", body = Vec<SavedAddress>),
        (status = 404, description = "The customer has no saved address with this id", body = ApiError)))]
async fn make_default(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<Vec<SavedAddress>>> {
    book::make_default(&state.db, me.id.0, id).await?;
    book_of(&state, me.id.0).await
}

/// Forget a saved address (a forgotten default passes to the latest used).
#[utoipa::path(delete, path = "/account/addresses/{id}", tag = ACCOUNT, operation_id = "forgetAddress",
    params(("id" = i64, Path, description = "The saved address's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Forgotten"),
        (status = 404, description = "The customer has no saved address with this id", body = ApiError)))]
async fn forget(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    book::forget(&state.db, me.id.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
