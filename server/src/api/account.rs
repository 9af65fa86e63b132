//! The customer's own orders: the history (`/account/orders`), one order's tracking, cancel
//! and re-order for its buyer (the signed-in owner or whoever holds its link), and the
//! guests' look-up by order number and contact (`/track`). Another's order answers 404,
//! exactly as an order that does not exist.

use crate::api::auth::ClientIp;
use crate::api::orders::ShowQuery;
use crate::api::{ApiBytes, ApiJson, ApiPath, ApiQuery};
use crate::auth::rate_limit::{self, PHOTO_UPLOADS, TRACKING_LOOKUPS};
use crate::auth::session::{CurrentUser, OptionalUser};
use crate::auth::tokens::hash_token;
use crate::db::{orders, tracking as repo};
use crate::error::{AppError, AppResult};
use crate::media;
use crate::openapi::ACCOUNT;
use crate::state::AppState;
use crate::workflows::{my_orders, returns, reviews};
use axum::extract::State;
use axum::Json;
use shared::after_sales::returns::{NewReturn, UploadedPhoto};
use shared::cart::CartItem;
use shared::list::{PageRequest, Paged};
use shared::orders::tracking::{
    contact_matches, for_guest, MyOrderRow, MyOrdersQuery, OrderTracking, TrackRequest,
};
use shared::orders::OrderNumber;
use shared::reviews::{NewReview, ReviewTask};
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_orders_list))
        .routes(routes!(tracking))
        .routes(routes!(cancel))
        .routes(routes!(reorder))
        .routes(routes!(track))
        .routes(routes!(request_return))
        .routes(routes!(upload_photo))
        .routes(routes!(my_reviews, write_review))
}

/// The customer's orders, newest first, ten to a page.
#[utoipa::path(get, path = "/account/orders", tag = ACCOUNT, operation_id = "listMyOrders",
    params(MyOrdersQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of the customer's orders", body = Paged<MyOrderRow>),
        (status = 422, description = "problem page or q (a search of over 100 characters)", body = ApiError)))]
async fn my_orders_list(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiQuery(q): ApiQuery<MyOrdersQuery>,
) -> AppResult<Json<Paged<MyOrderRow>>> {
    let list = |p: shared::list::ListProblem| AppError::rule(p).at(p.field());
    let page = PageRequest::parse(q.page, Some(MyOrdersQuery::PAGE_SIZE)).map_err(list)?;
    let search = shared::list::parse_search(q.q.as_deref()).map_err(list)?;
    let mut conn = state.db.pool.acquire().await?;
    let (items, total) = repo::mine(&mut conn, me.id.0, q.status, search.as_deref(), page).await?;
    Ok(Json(page.of(items, total)))
}

/// The id of order `number` when the caller is its buyer; 404 otherwise.
async fn owned(
    state: &AppState,
    number: &str,
    user: Option<i64>,
    token: &str,
) -> AppResult<(i64, OrderNumber)> {
    let number = OrderNumber::parse(number).ok_or(AppError::NotFound("order"))?;
    let mut conn = state.db.pool.acquire().await?;
    let id = repo::owned(&mut conn, number.as_str(), user, &hash_token(token.trim()))
        .await?
        .ok_or(AppError::NotFound("order"))?;
    Ok((id, number))
}

async fn tracking_of(state: &AppState, id: i64, number: &OrderNumber) -> AppResult<OrderTracking> {
    let mut conn = state.db.pool.acquire().await?;
    let view = repo::view(&mut conn, number.as_str())
        .await?
        .ok_or(AppError::NotFound("order"))?;
    let days = state.config.return_window_days;
    Ok(repo::load(&mut conn, id, view, days).await?)
}

/// An order as its buyer follows it: lines, totals, parcels with carrier and tracking
/// number, and the timeline.
///
/// For the signed-in owner, or whoever holds the order's access token (`?token=`).
#[utoipa::path(get, path = "/orders/{number}/tracking", tag = ACCOUNT, operation_id = "trackMyOrder",
    params(("number" = String, Path, description = "The order number", max_length = 20), ShowQuery),
    responses(
        (status = 200, description = "The order with its parcels and timeline", body = OrderTracking),
        (status = 404, description = "No order of yours has this number (or the token is wrong)", body = ApiError)))]
async fn tracking(
    State(state): State<AppState>,
    OptionalUser(user): OptionalUser,
    ApiPath(number): ApiPath<String>,
    ApiQuery(q): ApiQuery<ShowQuery>,
) -> AppResult<Json<OrderTracking>> {
    let (id, number) = owned(&state, &number, user.map(|u| u.id.0), &q.token).await?;
    Ok(Json(tracking_of(&state, id, &number).await?))
}

/// Cancel an order no warehouse has yet.
///
/// Until it is allocated its buyer may cancel it; whatever it took goes back at once
/// (through the card's gateway, or recorded as paid back by transfer). Answers the order
/// as it is then.
#[utoipa::path(post, path = "/orders/{number}/cancel", tag = ACCOUNT, operation_id = "cancelMyOrder",
    params(("number" = String, Path, description = "The order number", max_length = 20), ShowQuery),
    security(("csrf" = [])),
    responses(
        (status = 200, description = "Cancelled: the order with its timeline", body = OrderTracking),
        (status = 404, description = "No order of yours has this number (or the token is wrong)", body = ApiError),
        (status = 409, description = "problem not_cancellable (a warehouse has it, or it is over) or already_shipped", body = ApiError)))]
async fn cancel(
    State(state): State<AppState>,
    OptionalUser(user): OptionalUser,
    ApiPath(number): ApiPath<String>,
    ApiQuery(q): ApiQuery<ShowQuery>,
) -> AppResult<Json<OrderTracking>> {
    let user = user.map(|u| u.id.0);
    let (id, number) = owned(&state, &number, user, &q.token).await?;
    my_orders::cancel(&state, id, &number, user).await?;
    Ok(Json(tracking_of(&state, id, &number).await?))
}

/// Order again: the order's lines still for sale go into the cart at today's prices.
#[utoipa::path(post, path = "/orders/{number}/reorder", tag = ACCOUNT, operation_id = "reorder",
    params(("number" = String, Path, description = "The order number", max_length = 20)),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "The cart with the order's items", body = Vec<CartItem>),
        (status = 404, description = "No order of yours has this number", body = ApiError),
        (status = 422, description = "problem nothing_to_reorder (none of its items is for sale now) or cart_full", body = ApiError)))]
async fn reorder(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiPath(number): ApiPath<String>,
) -> AppResult<Json<Vec<CartItem>>> {
    let (id, _) = owned(&state, &number, Some(me.id.0), "").await?;
    Ok(Json(my_orders::reorder(&state, id, me.id.0).await?))
}

/// Track an order as a guest: its number and the e-mail address or phone number given at
/// checkout.
///
/// The recipient's name, phone and street are shown masked, and what couriers typed on the
/// way is left out. A number with another contact answers exactly as an unknown number.
/// Twenty look-ups from one address, or of one number, in fifteen minutes, and the next
/// waits (429).
#[utoipa::path(post, path = "/track", tag = ACCOUNT, operation_id = "trackOrder",
    request_body = TrackRequest,
    security(("csrf" = [])),
    responses(
        (status = 200, description = "The order with its parcels and timeline", body = OrderTracking),
        (status = 404, description = "No order has this number and this contact", body = ApiError),
        (status = 429, description = "Too many look-ups; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn track(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(req): ApiJson<TrackRequest>,
) -> AppResult<Json<OrderTracking>> {
    let number = OrderNumber::parse(&req.number);
    let mut keys = vec![format!("track-ip:{ip}")];
    if let Some(n) = &number {
        keys.push(format!("track-order:{n}"));
    }
    // every look-up counts, before it is made: a burst cannot slip past the limit
    rate_limit::take(&state.db, &keys, TRACKING_LOOKUPS).await?;
    if req.contact.chars().count() > 254 {
        return Err(AppError::NotFound("order"));
    }
    let mut conn = state.db.pool.acquire().await?;
    let found = match &number {
        Some(n) => orders::state_by_number(&mut conn, n.as_str()).await?,
        None => None,
    }
    .filter(|o| {
        serde_json::from_str(&o.address_json)
            .is_ok_and(|address| contact_matches(&req.contact, &o.email, &address))
    });
    let (Some(order), Some(number)) = (found, number) else {
        return Err(AppError::NotFound("order"));
    };
    let view = repo::view(&mut conn, number.as_str())
        .await?
        .ok_or(AppError::NotFound("order"))?;
    Ok(Json(for_guest(
        repo::load(&mut conn, order.id, view, state.config.return_window_days).await?,
    )))
}

/// Ask to return lines of a delivered order, within the return window (seven days by
/// default): which lines and how many units, why, and a comment. Answers the order with
/// the return in its timeline.
#[utoipa::path(post, path = "/orders/{number}/returns", tag = ACCOUNT, operation_id = "requestReturn",
    params(("number" = String, Path, description = "The order number", max_length = 20), ShowQuery),
    request_body = NewReturn,
    security(("csrf" = [])),
    responses(
        (status = 201, description = "Asked: the order with its returns and timeline", body = OrderTracking),
        (status = 404, description = "No order of yours has this number (or the token is wrong)", body = ApiError),
        (status = 409, description = "problem not_delivered, window_closed, or replacement (an exchange's replacement order: customer service handles it)", body = ApiError),
        (status = 422, description = "problem lines (none, unknown or twice), quantity (more than delivered and not returned already), comment_too_long, photos (more than six, or one not uploaded for this order), exchange (one line, to another size or colour of its product that is for sale)", body = ApiError)))]
async fn request_return(
    State(state): State<AppState>,
    OptionalUser(user): OptionalUser,
    ApiPath(number): ApiPath<String>,
    ApiQuery(q): ApiQuery<ShowQuery>,
    ApiJson(req): ApiJson<NewReturn>,
) -> AppResult<(axum::http::StatusCode, Json<OrderTracking>)> {
    let user_id = user.as_ref().map(|u| u.id.0);
    let (id, number) = owned(&state, &number, user_id, &q.token).await?;
    let who = match &user {
        Some(u) => format!("customer:{}", u.id.0),
        None => "guest".to_string(),
    };
    let days = state.config.return_window_days;
    returns::request(&state.db, id, &req, &who, days).await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(tracking_of(&state, id, &number).await?),
    ))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct PhotoQuery {
    /// The order's access token (from placing it); not needed by its signed-in owner.
    #[serde(default)]
    token: String,
    /// What the photo is for: a return (the default; only while the order may be returned),
    /// a review (any time after delivery) or a repair (while a product of the order is under
    /// warranty).
    #[serde(default)]
    #[param(inline)]
    purpose: PhotoPurpose,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
enum PhotoPurpose {
    #[default]
    Return,
    Review,
    Repair,
}

/// Upload a photo for a return, a review or a repair of this order (the body is the file:
/// JPEG, PNG or WebP, at most 10 MB), once it is delivered (and, for a return, while it may
/// be returned; for a repair, while a product of it is under warranty). It is resized and
/// stored as WebP; the answer's key goes in the return's, review's or repair's `photos`.
/// Twelve photos per order, thirty tries an hour.
#[utoipa::path(post, path = "/orders/{number}/photos", tag = ACCOUNT, operation_id = "uploadReturnPhoto",
    params(("number" = String, Path, description = "The order number", max_length = 20), PhotoQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The picture's bytes"),
    security(("csrf" = [])),
    responses(
        (status = 201, description = "Stored", body = UploadedPhoto),
        (status = 404, description = "No order of yours has this number (or the token is wrong)", body = ApiError),
        (status = 409, description = "problem not_delivered or window_closed", body = ApiError),
        (status = 413, description = "Larger than 10 MB", body = ApiError),
        (status = 422, description = "problem not_an_image, image_too_large or photos (twelve uploaded already)", body = ApiError),
        (status = 429, description = "Thirty photos for this order in the last hour; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn upload_photo(
    State(state): State<AppState>,
    OptionalUser(user): OptionalUser,
    ApiPath(number): ApiPath<String>,
    ApiQuery(q): ApiQuery<PhotoQuery>,
    ApiBytes(body): ApiBytes<{ media::MAX_BYTES }>,
) -> AppResult<(axum::http::StatusCode, Json<UploadedPhoto>)> {
    let (id, number) = owned(&state, &number, user.map(|u| u.id.0), &q.token).await?;
    {
        let mut conn = state.db.pool.acquire().await?;
        // a review's photo: delivered is enough, however long ago
        let window = match q.purpose {
            PhotoPurpose::Return => state.config.return_window_days,
            PhotoPurpose::Review => i64::from(i32::MAX),
            // a repair's photo: while the order's longest warranty runs
            PhotoPurpose::Repair => crate::workflows::repairs::photo_window(&mut conn, id).await?,
        };
        returns::may_add_photo(&mut conn, id, window).await?;
    }
    rate_limit::take(&state.db, &[format!("photo-order:{number}")], PHOTO_UPLOADS).await?;
    // decoding and resizing are CPU work: off the async threads
    let processed = tokio::task::spawn_blocking(move || media::process(&body))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("resizing: {e}")))?
        .map_err(|p| AppError::rule(p).at("body"))?;
    media::store(&state.config.media_dir, &processed)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("storing a picture: {e}")))?;
    let width = i64::from(processed.width);
    let mut tx = state.db.begin_write().await?;
    crate::db::returns::keep_photo(&mut tx, id, &processed.key, width, crate::db::now_millis())
        .await?;
    tx.commit().await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(UploadedPhoto {
            url: media::url(&processed.key, width),
            key: processed.key,
        }),
    ))
}

/// What the customer received and may review, one entry per product (its latest delivered
/// order), newest first, with their review once written.
#[utoipa::path(get, path = "/account/reviews", tag = ACCOUNT, operation_id = "listMyReviews",
    security(("session" = [])),
    responses(
        (status = 200, description = "The products to review and the reviews written", body = Vec<ReviewTask>)))]
async fn my_reviews(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> AppResult<Json<Vec<ReviewTask>>> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(crate::db::reviews::tasks(&mut conn, me.id.0).await?))
}

/// Review a product delivered to you: one to five stars, words and photos, once per
/// product. It shows on the product page at once. Answers the list of
/// `listMyReviews`.
#[utoipa::path(post, path = "/account/reviews", tag = ACCOUNT, operation_id = "writeReview",
    request_body = NewReview,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Written: the products to review and the reviews written", body = Vec<ReviewTask>),
        (status = 404, description = "No order of yours has this number", body = ApiError),
        (status = 409, description = "problem not_delivered or already_reviewed", body = ApiError),
        (status = 422, description = "problem line, rating (1 to 5), body_too_long or photos (more than six, twice, or one not uploaded for this order)", body = ApiError)))]
async fn write_review(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiJson(req): ApiJson<NewReview>,
) -> AppResult<(axum::http::StatusCode, Json<Vec<ReviewTask>>)> {
    reviews::write(&state.db, me.id.0, &me.display_name, &req).await?;
    let mut conn = state.db.pool.acquire().await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(crate::db::reviews::tasks(&mut conn, me.id.0).await?),
    ))
}
