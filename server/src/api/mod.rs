//! The public REST API under `/api/v1`: one module per domain, each with its own routes.
//!
//! Routes are registered through `utoipa_axum`'s `OpenApiRouter` with `routes!`, which takes
//! each route's method and path from its handler's `#[utoipa::path]`: the router and the
//! OpenAPI document (`/api/openapi.json`) are built from the same list and cannot drift.
//! One `routes!` per path (a `routes!` of handlers on different paths would mount each
//! method on every path).

pub mod account;
pub mod addresses;
pub mod admin;
pub mod auth;
pub mod carriers;
pub mod cart;
pub mod consultations;
pub mod health;
pub mod orders;
pub mod payments;
pub mod profile;
pub mod repairs;
pub mod store;
pub mod supplier;
pub mod wishlist;

use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use utoipa_axum::router::OpenApiRouter;

/// Every documented route: the API under `/api/v1` and the probes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(crate::openapi::base())
        .nest(
            "/api/v1/store",
            store::routes()
                .merge(cart::routes())
                .merge(addresses::routes())
                .merge(orders::routes())
                .merge(account::routes())
                .merge(repairs::routes())
                .merge(consultations::routes())
                .merge(profile::routes())
                .merge(wishlist::routes())
                .merge(payments::store_routes()),
        )
        .nest("/api/v1/payments", payments::routes())
        .nest("/api/v1/carriers", carriers::routes())
        .nest("/api/v1/admin", admin::routes())
        .nest("/api/v1/supplier", supplier::routes())
        .nest("/api/v1/auth", auth::routes())
        .merge(health::routes())
}

/// Every API route, with its state applied. Also called in-process during SSR.
pub fn router(state: AppState) -> Router {
    let (router, _) = routes().split_for_parts();
    router
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
/// in the API's own error format, naming the field and the rule in words.
pub struct ApiJson<T>(pub T);

impl<T, S> axum::extract::FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().starts_with("application/json"));
        if !is_json {
            return Err(AppError::InvalidInput {
                field: None,
                message: "The body must be JSON (Content-Type: application/json)".into(),
            });
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::InvalidInput {
                field: None,
                message: format!("The request body could not be read: {}", e.body_text()),
            })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// `Path<T>` whose rejection answers in the API's own error format: a path segment that is
/// not an id (`/staff/abc`, `/categories/-1.0`) names nothing here, so 404.
pub struct ApiPath<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for ApiPath<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(ApiPath(value)),
            Err(rejection) => {
                tracing::debug!(rejection = %rejection.body_text(), "a path that names nothing");
                Err(AppError::NotFound("page"))
            }
        }
    }
}

/// A webhook's event, once its signature header (`t=…,v1=…`, HMAC-SHA256 with `secret`) is
/// checked: 401 for a missing or wrong signature, 400 for a stale one or a body that is not
/// such an event (`what` names it in the message).
pub(crate) fn signed_event<T: serde::de::DeserializeOwned>(
    secret: &str,
    headers: &axum::http::HeaderMap,
    header: &'static str,
    body: &[u8],
    what: &str,
) -> Result<T, AppError> {
    use crate::payments::signature;
    let given = headers
        .get(header)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    signature::verify(secret, given, body, crate::db::now_millis() / 1000).map_err(
        |e| match e {
            signature::SignatureError::Stale => AppError::InvalidInput {
                field: Some(header.into()),
                message: "The signature is too old".into(),
            },
            _ => AppError::Unauthorized,
        },
    )?;
    serde_json::from_slice(body).map_err(|e| AppError::InvalidInput {
        field: None,
        message: format!("Not {what}: {e}"),
    })
}

/// `Query<T>` whose rejection (an unknown status, a page that is not a number) answers in
/// the API's own error format, naming the parameter.
pub struct ApiQuery<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for ApiQuery<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        match serde_path_to_error::deserialize::<_, T>(de) {
            Ok(value) => Ok(ApiQuery(value)),
            Err(e) => {
                let field = e.path().to_string();
                let inner = e.into_inner().to_string();
                Err(AppError::InvalidInput {
                    message: format!("Parameter `{field}`: {inner}"),
                    field: (!field.is_empty() && field != ".").then_some(field),
                })
            }
        }
    }
}

/// A request body of raw bytes (an upload) up to `MAX` bytes; a larger one answers 413 in
/// the API's own format.
pub struct ApiBytes<const MAX: usize>(pub axum::body::Bytes);

impl<S: Send + Sync, const MAX: usize> axum::extract::FromRequest<S> for ApiBytes<MAX> {
    type Rejection = AppError;

    async fn from_request(req: axum::extract::Request, _: &S) -> Result<Self, Self::Rejection> {
        let limited = axum::body::to_bytes(req.into_body(), MAX).await;
        limited
            .map(ApiBytes)
            .map_err(|_| AppError::PayloadTooLarge { max: MAX })
    }
}

/// Parses a JSON body, saying where and why it does not fit. A number written with a zero
/// fraction (`35.0`) counts as the integer it is, as JSON Schema counts it.
pub fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| AppError::InvalidInput {
            field: None,
            message: format!("The request body is not valid: {}", explain_json_error(&e)),
        })?;
    integral_floats_to_integers(&mut value);
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(value) => Ok(value),
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let what = explain_json_error(&inner);
            Err(if path.is_empty() || path == "." || path == "?" {
                AppError::InvalidInput {
                    field: None,
                    message: format!("The request body is not valid: {what}"),
                }
            } else if what.starts_with("unknown variant") {
                // a value outside a list (a role that does not exist): a rule the UI words
                AppError::Validation {
                    problem: "unknown_value".into(),
                    message: format!("`{path}`: {what}"),
                    field: Some(path),
                }
            } else {
                AppError::InvalidInput {
                    message: format!("`{path}`: {what}"),
                    field: Some(path),
                }
            })
        }
    }
}

fn integral_floats_to_integers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64() {
                #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
                if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
                    *value = serde_json::Value::from(f as i64);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(integral_floats_to_integers),
        serde_json::Value::Object(fields) => {
            fields.values_mut().for_each(integral_floats_to_integers)
        }
        _ => {}
    }
}

/// serde's message without its "at line 1 column 14" suffix, which means nothing to a person.
fn explain_json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Line {
        quantity: shared::pricing::Quantity,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Body {
        lines: Vec<Line>,
    }

    #[test]
    fn body_errors_name_the_field_and_the_rule() {
        let Err(AppError::InvalidInput { field, message }) =
            parse_json::<Body>(br#"{"lines": [{"quantity": 0}]}"#)
        else {
            panic!("refused")
        };
        assert_eq!(field.as_deref(), Some("lines[0].quantity"));
        assert!(message.contains("from 1 to 99"), "{message}");
        assert!(!message.contains("line 1"), "{message}");
        let Err(AppError::InvalidInput { field, .. }) = parse_json::<Body>(b"{") else {
            panic!("refused")
        };
        assert_eq!(field, None);
        // 2.0 is the integer 2, as JSON Schema counts it; 2.5 is not
        assert!(parse_json::<Body>(br#"{"lines": [{"quantity": 2.0}]}"#).is_ok());
        assert!(parse_json::<Body>(br#"{"lines": [{"quantity": 2.5}]}"#).is_err());
    }
}
