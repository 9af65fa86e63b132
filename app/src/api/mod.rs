//! The typed API client. In the browser it fetches `/api/v1/...`; during server-side
//! rendering it calls the server's API router in-process (same handlers, no network hop),
//! forwarding the shopper's cookies and language.

mod transport;

pub use transport::*;

use serde::de::DeserializeOwned;
use shared::catalog::query::PriceUnits;
use shared::catalog::{Brand, Category, ProductDetail, ProductList, ProductQuery};
use shared::{ApiError, ErrorCode};
use std::future::Future;

pub type ApiResult<T> = Result<T, ApiError>;

/// Turns a status and body into the typed result (an `ApiError` body on failure).
pub fn decode<T: DeserializeOwned>(status: u16, body: &str) -> ApiResult<T> {
    if (200..300).contains(&status) {
        serde_json::from_str(body)
            .map_err(|e| ApiError::new(ErrorCode::Internal, format!("unexpected response: {e}")))
    } else {
        Err(serde_json::from_str::<ApiError>(body).unwrap_or_else(|_| {
            let code = match status {
                400 | 422 => ErrorCode::BadRequest,
                404 => ErrorCode::NotFound,
                503 => ErrorCode::Unavailable,
                _ => ErrorCode::Internal,
            };
            ApiError::new(code, format!("HTTP {status}"))
        }))
    }
}

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

pub fn product(slug: &str) -> impl Future<Output = ApiResult<ProductDetail>> + Send + 'static {
    get(format!(
        "/api/v1/store/products/{}",
        shared::catalog::query::encode_component(slug)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_success_and_errors() {
        let ok: ApiResult<Vec<i32>> = decode(200, "[1,2]");
        assert_eq!(ok, Ok(vec![1, 2]));
        let err: ApiResult<Vec<i32>> = decode(404, r#"{"code":"not_found","message":"x"}"#);
        assert_eq!(err.unwrap_err().code, ErrorCode::NotFound);
        let err: ApiResult<Vec<i32>> = decode(502, "<html>");
        assert_eq!(err.unwrap_err().code, ErrorCode::Internal);
    }
}
