//! The typed API client. In the browser it fetches `/api/v1/...`; during server-side
//! rendering it calls the server's API router in-process (same handlers, no network hop),
//! forwarding the shopper's cookies and language.

pub use ui::api::*;

use shared::cart::{CartItem, Quote, QuoteRequest};
use shared::catalog::query::PriceUnits;
use shared::catalog::{Brand, Category, ProductDetail, ProductList, ProductQuery};
use shared::checkout::{OrderPlaced, PlaceOrder, SavedAddress};
use shared::divisions::Division;
use shared::ids::VariantId;
use shared::pricing::Quantity;
use std::future::Future;

pub fn me() -> impl Future<Output = ApiResult<shared::customers::Me>> + Send + 'static {
    get("/api/v1/auth/me".to_string())
}

pub fn categories() -> impl Future<Output = ApiResult<Vec<Category>>> + Send + 'static {
    get("/api/v1/store/categories".to_string())
}

pub fn brands() -> impl Future<Output = ApiResult<Vec<Brand>>> + Send + 'static {
    get("/api/v1/store/brands".to_string())
}

pub fn products(
    query: &ProductQuery,
) -> impl Future<Output = ApiResult<ProductList>> + Send + 'static {
    get(format!(
        "/api/v1/store/products?{}",
        query.to_query_string(PriceUnits::Minor)
    ))
}

pub fn search(
    query: &ProductQuery,
) -> impl Future<Output = ApiResult<shared::catalog::SearchResult>> + Send + 'static {
    get(format!(
        "/api/v1/store/search?{}",
        query.to_query_string(PriceUnits::Minor)
    ))
}

pub fn order(
    number: &str,
    token: &str,
) -> impl Future<Output = ApiResult<shared::checkout::OrderView>> + Send + 'static {
    use shared::catalog::query::encode_component;
    get(format!(
        "/api/v1/store/orders/{}?token={}",
        encode_component(number),
        encode_component(token)
    ))
}

/// The signed-in customer's cart.
pub fn cart() -> impl Future<Output = ApiResult<Vec<CartItem>>> + Send + 'static {
    get("/api/v1/store/cart".to_string())
}

pub fn cart_add(item: &CartItem) -> impl Future<Output = ApiResult<Vec<CartItem>>> + 'static {
    send(
        Method::Post,
        "/api/v1/store/cart/items".to_string(),
        serde_json::to_value(item).ok(),
        Vec::new(),
    )
}

pub fn cart_set(
    variant: VariantId,
    quantity: Quantity,
) -> impl Future<Output = ApiResult<Vec<CartItem>>> + 'static {
    send(
        Method::Put,
        format!("/api/v1/store/cart/items/{}", variant.0),
        Some(serde_json::json!({ "quantity": quantity })),
        Vec::new(),
    )
}

pub fn cart_remove(variant: VariantId) -> impl Future<Output = ApiResult<Vec<CartItem>>> + 'static {
    send(
        Method::Delete,
        format!("/api/v1/store/cart/items/{}", variant.0),
        None,
        Vec::new(),
    )
}

pub fn cart_merge(items: &[CartItem]) -> impl Future<Output = ApiResult<Vec<CartItem>>> + 'static {
    post(
        "/api/v1/store/cart/merge".to_string(),
        serde_json::json!({ "items": items }),
    )
}

pub fn quote(req: &QuoteRequest) -> impl Future<Output = ApiResult<Quote>> + 'static {
    post(
        "/api/v1/store/cart/quote".to_string(),
        serde_json::to_value(req).unwrap_or_default(),
    )
}

/// Provinces (`None`), or the cities of a province, or the districts of a city.
pub fn divisions(
    parent: Option<&str>,
) -> impl Future<Output = ApiResult<Vec<Division>>> + Send + 'static {
    get(match parent {
        None => "/api/v1/store/divisions".to_string(),
        Some(p) => format!(
            "/api/v1/store/divisions?parent={}",
            shared::catalog::query::encode_component(p)
        ),
    })
}

pub fn saved_addresses() -> impl Future<Output = ApiResult<Vec<SavedAddress>>> + Send + 'static {
    get("/api/v1/store/account/addresses".to_string())
}

/// Places the order; `key` is this checkout attempt's Idempotency-Key.
pub fn place_order(
    key: String,
    order: &PlaceOrder,
) -> impl Future<Output = ApiResult<OrderPlaced>> + 'static {
    send(
        Method::Post,
        "/api/v1/store/orders".to_string(),
        serde_json::to_value(order).ok(),
        vec![("Idempotency-Key", key)],
    )
}

/// Opens a card payment at the gateway; answers where to send the shopper.
pub fn start_payment(
    number: &str,
    token: &str,
) -> impl Future<Output = ApiResult<serde_json::Value>> + 'static {
    post(
        format!("/api/v1/store/orders/{number}/payments"),
        serde_json::json!({ "access_token": token }),
    )
}

pub fn product(slug: &str) -> impl Future<Output = ApiResult<ProductDetail>> + Send + 'static {
    get(format!(
        "/api/v1/store/products/{}",
        shared::catalog::query::encode_component(slug)
    ))
}

pub fn brand(
    slug: &str,
) -> impl Future<Output = ApiResult<shared::catalog::BrandPage>> + Send + 'static {
    get(format!(
        "/api/v1/store/brands/{}",
        shared::catalog::query::encode_component(slug)
    ))
}

/// What an old slug of a product, category or brand leads to now.
pub fn moved(
    owner: shared::catalog::SlugOwner,
    slug: &str,
) -> impl Future<Output = ApiResult<shared::catalog::Moved>> + Send + 'static {
    get(format!(
        "/api/v1/store/redirects/{}/{}",
        owner.code(),
        shared::catalog::query::encode_component(slug)
    ))
}

/// The signed-in customer's orders, a page at a time.
pub fn my_orders(
    query: &shared::orders::tracking::MyOrdersQuery,
) -> impl Future<Output = ApiResult<shared::list::Paged<shared::orders::tracking::MyOrderRow>>>
       + Send
       + 'static {
    get(format!(
        "/api/v1/store/account/orders?{}",
        query.to_query_string()
    ))
}

fn order_path(number: &str, what: &str, token: &str) -> String {
    use shared::catalog::query::encode_component;
    format!(
        "/api/v1/store/orders/{}/{what}?token={}",
        encode_component(number),
        encode_component(token)
    )
}

/// An order with its parcels and timeline, for its owner or with its access token.
pub fn tracking(
    number: &str,
    token: &str,
) -> impl Future<Output = ApiResult<shared::orders::tracking::OrderTracking>> + Send + 'static {
    get(order_path(number, "tracking", token))
}

/// Cancels the order (before a warehouse has it); answers it as it is then.
pub fn cancel_order(
    number: &str,
    token: &str,
) -> impl Future<Output = ApiResult<shared::orders::tracking::OrderTracking>> + 'static {
    post(order_path(number, "cancel", token), serde_json::json!({}))
}

/// Puts the order's lines back in the signed-in customer's cart.
pub fn reorder(number: &str) -> impl Future<Output = ApiResult<Vec<CartItem>>> + 'static {
    post(order_path(number, "reorder", ""), serde_json::json!({}))
}

/// A guest's look-up of an order by its number and contact.
pub fn track(
    req: &shared::orders::tracking::TrackRequest,
) -> impl Future<Output = ApiResult<shared::orders::tracking::OrderTracking>> + 'static {
    post(
        "/api/v1/store/track".to_string(),
        serde_json::to_value(req).unwrap_or_default(),
    )
}

/// Asks for a return of the order; answers the order as it is then.
pub fn request_return(
    number: &str,
    token: &str,
    req: &shared::after_sales::returns::NewReturn,
) -> impl Future<Output = ApiResult<shared::orders::tracking::OrderTracking>> + 'static {
    post(
        order_path(number, "returns", token),
        serde_json::to_value(req).unwrap_or_default(),
    )
}

/// Where a return's photo of the order is uploaded.
pub fn photo_path(number: &str, token: &str) -> String {
    order_path(number, "photos", token)
}

/// A page of a product's shown reviews with their summary.
pub fn product_reviews(
    slug: &str,
    page: u32,
) -> impl Future<Output = ApiResult<shared::reviews::ProductReviews>> + Send + 'static {
    get(format!(
        "/api/v1/store/products/{}/reviews?page={page}",
        shared::catalog::query::encode_component(slug)
    ))
}

/// What the signed-in customer received and may review, and their reviews.
pub fn my_reviews(
) -> impl Future<Output = ApiResult<Vec<shared::reviews::ReviewTask>>> + Send + 'static {
    get("/api/v1/store/account/reviews".to_string())
}

/// Writes a review; answers the customer's list again.
pub fn write_review(
    req: &shared::reviews::NewReview,
) -> impl Future<Output = ApiResult<Vec<shared::reviews::ReviewTask>>> + 'static {
    post(
        "/api/v1/store/account/reviews".to_string(),
        serde_json::to_value(req).unwrap_or_default(),
    )
}

/// Where a review's photo of the order is uploaded.
pub fn review_photo_path(number: &str) -> String {
    format!("{}&purpose=review", order_path(number, "photos", ""))
}

/// Asks for a repair of a line of the signed-in customer's delivered order, within its
/// warranty; answers the order's tracking with the repair in it.
pub fn request_repair(
    number: &str,
    req: &shared::after_sales::repairs::NewRepair,
) -> impl Future<Output = ApiResult<shared::orders::tracking::OrderTracking>> + 'static {
    use shared::catalog::query::encode_component;
    post(
        format!("/api/v1/store/orders/{}/repairs", encode_component(number)),
        serde_json::to_value(req).unwrap_or_default(),
    )
}

/// Where a repair's photo of the order is uploaded (by its signed-in owner).
pub fn repair_photo_path(number: &str) -> String {
    format!("{}&purpose=repair", order_path(number, "photos", ""))
}

/// The signed-in customer's questions to customer service.
pub fn my_consultations(
) -> impl Future<Output = ApiResult<Vec<shared::service::consultations::ConsultationRow>>> + Send + 'static
{
    get("/api/v1/store/account/consultations".to_string())
}

/// One of the customer's questions with its messages (which they have then read).
pub fn my_consultation(
    id: i64,
) -> impl Future<Output = ApiResult<shared::service::consultations::ConsultationView>> + Send + 'static
{
    get(format!("/api/v1/store/account/consultations/{id}"))
}

/// Asks customer service.
pub fn ask_question(
    req: &shared::service::consultations::NewConsultation,
) -> impl Future<Output = ApiResult<shared::service::consultations::ConsultationView>> + 'static {
    post(
        "/api/v1/store/account/consultations".to_string(),
        serde_json::to_value(req).unwrap_or_default(),
    )
}

/// Writes again in one of the customer's questions.
pub fn write_in_consultation(
    id: i64,
    req: &shared::service::consultations::NewMessage,
) -> impl Future<Output = ApiResult<shared::service::consultations::ConsultationView>> + 'static {
    post(
        format!("/api/v1/store/account/consultations/{id}/messages"),
        serde_json::to_value(req).unwrap_or_default(),
    )
}

/// Rates the service of a resolved question.
pub fn rate_consultation(
    id: i64,
    req: &shared::service::consultations::ConsultationRating,
) -> impl Future<Output = ApiResult<shared::service::consultations::ConsultationView>> + 'static {
    post(
        format!("/api/v1/store/account/consultations/{id}/rating"),
        serde_json::to_value(req).unwrap_or_default(),
    )
}

/// The signed-in customer's kept products, as cards.
pub fn my_wishlist(
) -> impl Future<Output = ApiResult<Vec<shared::catalog::ProductSummary>>> + Send + 'static {
    get("/api/v1/store/account/wishlist".to_string())
}

/// The cards of a guest's wishlist (the products for sale among `slugs`).
pub fn wishlist_cards(
    slugs: &[String],
) -> impl Future<Output = ApiResult<Vec<shared::catalog::ProductSummary>>> + Send + 'static {
    // a long list is asked in parts, each within the API's limit on a query string
    let parts: Vec<_> = shared::wishlist::card_queries(slugs)
        .into_iter()
        .map(|q| get::<Vec<shared::catalog::ProductSummary>>(format!("/api/v1/store/wishlist?{q}")))
        .collect();
    async move {
        let mut cards = Vec::new();
        for part in parts {
            cards.extend(part.await?);
        }
        Ok(cards)
    }
}

fn wishlist_item(slug: &str) -> String {
    format!(
        "/api/v1/store/account/wishlist/{}",
        shared::catalog::query::encode_component(slug)
    )
}

/// Keeps a product in the customer's wishlist; answers the kept slugs.
pub fn wishlist_keep(slug: &str) -> impl Future<Output = ApiResult<Vec<String>>> + 'static {
    send(Method::Put, wishlist_item(slug), None, Vec::new())
}

/// Takes a product out of the customer's wishlist; answers the kept slugs.
pub fn wishlist_forget(slug: &str) -> impl Future<Output = ApiResult<Vec<String>>> + 'static {
    send(Method::Delete, wishlist_item(slug), None, Vec::new())
}

/// At sign-in: hands the browser's wishlist over to the customer's.
pub fn wishlist_merge(slugs: &[String]) -> impl Future<Output = ApiResult<Vec<String>>> + 'static {
    post(
        "/api/v1/store/account/wishlist".to_string(),
        serde_json::json!({ "slugs": slugs }),
    )
}

/// The signed-in customer's details, the new e-mail waiting for its link, and which
/// optional messages they want.
pub fn my_profile(
) -> impl Future<Output = ApiResult<shared::customers::profile::Profile>> + Send + 'static {
    get("/api/v1/store/account/profile".to_string())
}

/// Saves the customer's name and mobile number; answers the details.
pub fn update_my_profile(
    req: &shared::customers::profile::ProfileUpdate,
) -> impl Future<Output = ApiResult<shared::customers::profile::Profile>> + 'static {
    send(
        Method::Put,
        "/api/v1/store/account/profile".to_string(),
        serde_json::to_value(req).ok(),
        Vec::new(),
    )
}

/// Saves which optional messages the customer wants.
pub fn set_my_notifications(
    prefs: &shared::customers::profile::NotificationPrefs,
) -> impl Future<Output = ApiResult<shared::customers::profile::NotificationPrefs>> + 'static {
    send(
        Method::Put,
        "/api/v1/store/account/notifications".to_string(),
        serde_json::to_value(prefs).ok(),
        Vec::new(),
    )
}

/// Sends the link that confirms a new sign-in address (with the current password);
/// answers the details with the address waiting for it.
pub fn request_email_change(
    req: &shared::customers::profile::EmailChangeRequest,
) -> impl Future<Output = ApiResult<shared::customers::profile::Profile>> + 'static {
    post(
        "/api/v1/store/account/email".to_string(),
        serde_json::to_value(req).unwrap_or_default(),
    )
}

/// Opens the link sent to a new address (its token): the account signs in with it.
pub fn confirm_email_change(token: &str) -> impl Future<Output = ApiResult<()>> + 'static {
    post(
        "/api/v1/store/account/email/confirm".to_string(),
        serde_json::json!({ "token": token }),
    )
}

/// A new password with the current one; the customer's other sessions end.
pub fn change_my_password(
    req: &shared::customers::profile::PasswordChange,
) -> impl Future<Output = ApiResult<()>> + 'static {
    post(
        "/api/v1/store/account/password".to_string(),
        serde_json::to_value(req).unwrap_or_default(),
    )
}

/// Deletes the customer's account (with the current password) and signs them out.
pub fn delete_my_account(
    req: &shared::customers::profile::AccountDeletion,
) -> impl Future<Output = ApiResult<()>> + 'static {
    post(
        "/api/v1/store/account/delete".to_string(),
        serde_json::to_value(req).unwrap_or_default(),
    )
}

/// Adds an address to the customer's address book; answers the book.
pub fn add_address(
    req: &shared::checkout::SaveAddress,
) -> impl Future<Output = ApiResult<Vec<SavedAddress>>> + 'static {
    post(
        "/api/v1/store/account/addresses".to_string(),
        serde_json::to_value(req).unwrap_or_default(),
    )
}

/// Changes a saved address; answers the book.
pub fn edit_address(
    id: i64,
    req: &shared::checkout::SaveAddress,
) -> impl Future<Output = ApiResult<Vec<SavedAddress>>> + 'static {
    send(
        Method::Put,
        format!("/api/v1/store/account/addresses/{id}"),
        serde_json::to_value(req).ok(),
        Vec::new(),
    )
}

/// Makes a saved address the default; answers the book.
pub fn default_address(id: i64) -> impl Future<Output = ApiResult<Vec<SavedAddress>>> + 'static {
    post(
        format!("/api/v1/store/account/addresses/{id}/default"),
        serde_json::json!({}),
    )
}

/// Forgets a saved address.
pub fn forget_address(id: i64) -> impl Future<Output = ApiResult<()>> + 'static {
    send(
        Method::Delete,
        format!("/api/v1/store/account/addresses/{id}"),
        None,
        Vec::new(),
    )
}
