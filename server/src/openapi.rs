//! The OpenAPI 3.1 description of the API, served at `/api/openapi.json`.
//!
//! Generated from the code: every route's method, path, parameters, body and answers come
//! from its handler's `#[utoipa::path]`, the schemas from the `ToSchema` types in `shared`,
//! and the route list from the router itself (`api::routes`). This module adds what every
//! operation shares: the security schemes, and the error answers any route can give.

use axum::Json;
use std::sync::OnceLock;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, ResponseBuilder};

/// Tags, one per area of the API.
pub const STORE: &str = "store";
pub const CART: &str = "cart";
pub const CHECKOUT: &str = "checkout";
pub const ACCOUNT: &str = "account";
pub const AUTH: &str = "auth";
pub const PAYMENTS: &str = "payments";
pub const CARRIERS: &str = "carriers";
pub const ADMIN: &str = "admin";
pub const HEALTH: &str = "health";
pub const SUPPLIER: &str = "supplier";

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Storekeep API",
        description = "The public REST API of the Storekeep shop. Money is integer minor units with a currency. \
Errors are `{code, message, problem?, field?}`: `problem` names the broken rule, `field` the request field at fault. \
Signed-in requests carry the `sk_session` cookie; every state-changing request repeats the `sk_csrf` cookie in the \
`X-CSRF-Token` header."
    ),
    tags(
        (name = "store", description = "The catalogue and search"),
        (name = "cart", description = "Carts and quotes"),
        (name = "checkout", description = "Orders, delivery methods, China's divisions"),
        (name = "account", description = "A customer's saved data"),
        (name = "auth", description = "Signing in, accounts, invitations"),
        (name = "payments", description = "Card payments and gateway webhooks"),
        (name = "carriers", description = "Carriers' signed delivery events"),
        (name = "admin", description = "The back office: every route needs a staff member with a permission"),
        (name = "supplier", description = "The supplier portal: a supplier's own staff, signed in with the sk_supplier cookie, see and answer their purchase orders"),
        (name = "health", description = "Probes"),
    ),
    modifiers(&SecuritySchemes)
)]
struct Base;

/// The document the routes are added to.
pub fn base() -> OpenApi {
    <Base as utoipa::OpenApi>::openapi()
}

struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "sk_session",
                "The session cookie set by signing in",
            ))),
        );
        components.add_security_scheme(
            "supplier_session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "sk_supplier",
                "The supplier portal's session cookie",
            ))),
        );
        components.add_security_scheme(
            "csrf",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-CSRF-Token",
                "Must equal the sk_csrf cookie (double-submit CSRF protection)",
            ))),
        );
    }
}

/// The whole document, generated once per process.
pub fn document() -> &'static OpenApi {
    static DOC: OnceLock<OpenApi> = OnceLock::new();
    DOC.get_or_init(|| {
        let (_, mut doc) = crate::api::routes().split_for_parts();
        add_shared_errors(&mut doc);
        doc
    })
}

pub async fn openapi_json() -> Json<&'static OpenApi> {
    Json(document())
}

/// Answers any operation can give, added where the handler did not describe them itself:
/// 400 (input that does not parse), 404 where the path names a thing, 414 (a query string
/// past 2048 characters), 500 and 503; 401 where a session is required, 403 where a CSRF
/// token is (or a staff permission).
fn add_shared_errors(doc: &mut OpenApi) {
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            let schemes = security_schemes(op);
            add_error(
                op,
                "400",
                "The input does not parse: `field` says where, `message` why",
            );
            if schemes
                .iter()
                .any(|s| s == "session" || s == "supplier_session")
            {
                add_error(op, "401", "Not signed in, or the session has ended");
            }
            if schemes
                .iter()
                .any(|s| s == "csrf" || s == "session" || s == "supplier_session")
            {
                add_error(
                    op,
                    "403",
                    "A missing or wrong CSRF token, or not allowed for this account",
                );
            }
            let in_path = op.parameters.iter().flatten().any(|p| match p {
                utoipa::openapi::RefOr::T(p) => {
                    matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Path)
                }
                utoipa::openapi::RefOr::Ref(_) => false,
            });
            if in_path {
                add_error(
                    op,
                    "404",
                    "The address names nothing (no such id, or not an id at all)",
                );
            }
            add_error(op, "414", "The query string is longer than 2048 characters");
            if op.request_body.is_some() {
                add_error(
                    op,
                    "422",
                    "A rule is broken (a value outside its list: problem unknown_value); `field` names where",
                );
            }
            add_error(op, "500", "Internal error (no detail)");
            add_error(op, "503", "The database is not answering; try again");
        }
    }
}

fn security_schemes(op: &Operation) -> Vec<String> {
    // the requirement's scheme names, read through its serialised form
    op.security
        .iter()
        .flatten()
        .filter_map(|req| serde_json::to_value(req).ok())
        .filter_map(|v| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()))
        .flatten()
        .collect()
}

fn add_error(op: &mut Operation, status: &str, description: &str) {
    if op.responses.responses.contains_key(status) {
        return;
    }
    let response = ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ApiError")))
                .build(),
        )
        .build();
    op.responses
        .responses
        .insert(status.to_string(), response.into());
}
