//! The public REST API under `/api/v1`: one module per domain, each with its own `router()`.

pub mod admin;
pub mod auth;
pub mod cart;
pub mod health;
pub mod orders;
pub mod payments;
pub mod store;

use crate::error::AppError;
use crate::startup::AppState;
use axum::Router;

/// Every API route, with its state applied. Also called in-process during SSR.
pub fn router(state: AppState) -> Router {
    Router::new()
        .nest(
            "/api/v1/store",
            store::router()
                .merge(cart::router())
                .merge(orders::router())
                .merge(payments::store_router()),
        )
        .nest("/api/v1/payments", payments::router())
        .nest("/api/v1/admin", admin::router())
        .nest("/api/v1/auth", auth::router())
        .route(
            "/api/openapi.json",
            axum::routing::get(crate::openapi::openapi_json),
        )
        // a JSON 404 for unknown API paths (the site's fallback renders the HTML 404 page)
        .route("/api/{*rest}", axum::routing::any(not_found))
        .with_state(state)
}

async fn not_found() -> AppError {
    AppError::NotFound("API route")
}

/// `Json<T>` whose rejections (malformed JSON, a wrong field type, a quantity of 0) answer
/// in the API's own error format, saying what is wrong.
pub struct ApiJson<T>(pub T);

impl<T, S> axum::extract::FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(AppError::BadRequest(format!(
                "The request body is not valid: {}",
                rejection.body_text()
            ))),
        }
    }
}
