//! The OpenAPI 3 description of `/api/v1`, served at `/api/openapi.json`.
//!
//! Written by hand next to the handlers; `tests/api` checks that every route the router
//! answers is described here and that each described route answers.

use axum::Json;
use serde_json::{json, Value};

/// Every documented `(method, path)`, in OpenAPI path syntax.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/store/categories"),
    ("get", "/api/v1/store/brands"),
    ("get", "/api/v1/store/products"),
    ("get", "/api/v1/store/products/{slug}"),
    ("get", "/api/v1/store/search"),
    ("get", "/api/v1/store/shipping-methods"),
    ("get", "/api/v1/store/cart"),
    ("post", "/api/v1/store/cart/items"),
    ("put", "/api/v1/store/cart/items/{variant_id}"),
    ("delete", "/api/v1/store/cart/items/{variant_id}"),
    ("post", "/api/v1/store/cart/merge"),
    ("post", "/api/v1/store/cart/quote"),
    ("get", "/api/v1/store/divisions"),
    ("get", "/api/v1/store/account/addresses"),
    ("delete", "/api/v1/store/account/addresses/{id}"),
    ("post", "/api/v1/store/orders"),
    ("get", "/api/v1/store/orders/{number}"),
    ("post", "/api/v1/store/orders/{number}/payments"),
    ("post", "/api/v1/payments/sandbox/webhook"),
    ("get", "/api/v1/admin/orders"),
    ("post", "/api/v1/admin/orders/{number}/mark-paid"),
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/logout"),
    ("get", "/api/v1/auth/me"),
    ("post", "/api/v1/auth/password-reset"),
    ("post", "/api/v1/auth/password-reset/confirm"),
];

pub async fn openapi_json() -> Json<Value> {
    Json(document())
}

fn error_responses() -> Value {
    json!({
        "400": {"description": "Invalid input; `message` says which parameter and why", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}},
        "404": {"description": "Not found", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}},
        "500": {"description": "Internal error (no detail)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}}
    })
}

fn ok(schema: Value) -> Value {
    let mut responses = error_responses();
    responses["200"] =
        json!({"description": "OK", "content": {"application/json": {"schema": schema}}});
    responses
}

fn int_param(name: &str, description: &str, min: i64, max: Option<i64>) -> Value {
    let mut schema = json!({"type": "integer", "minimum": min});
    if let Some(max) = max {
        schema["maximum"] = json!(max);
    }
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn body(schema: Value) -> Value {
    json!({"required": true, "content": {"application/json": {"schema": schema}}})
}

/// 401, 403 (CSRF), 422 (with `problem`) and 429 (with `Retry-After`) on top of `responses`.
fn with_auth_errors(mut responses: Value) -> Value {
    let err = json!({"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}});
    responses["401"] = json!({"description": "Not signed in", "content": err});
    responses["403"] = json!({"description": "Missing or wrong CSRF token", "content": err});
    responses["422"] = json!({"description": "A rule is broken; `problem` names it (invalid_email, password_too_short, password_too_common, email_taken, invalid_credentials, reset_link_invalid…)", "content": err});
    responses["429"] = json!({"description": "Too many attempts; see Retry-After", "content": err});
    responses
}

pub fn document() -> Value {
    let mut doc = base_document();
    if let Some(paths) = doc["paths"].as_object_mut() {
        for (path, item) in cart_paths() {
            paths.insert(path.to_string(), item);
        }
    }
    doc
}

/// The cart, the address pickers' divisions and saved addresses.
fn cart_paths() -> Vec<(&'static str, Value)> {
    let csrf = json!({"name": "X-CSRF-Token", "in": "header", "required": true, "schema": {"type": "string"}});
    let item = json!({"type": "object", "required": ["variant_id", "quantity"], "properties": {
        "variant_id": {"type": "integer"}, "quantity": {"type": "integer", "minimum": 1, "maximum": 99},
        "seen_price": {"allOf": [{"$ref": "#/components/schemas/Money"}], "nullable": true,
            "description": "The price the shopper saw; only used to say that it changed"}}});
    let cart = json!({"type": "array", "items": item.clone()});
    let variant = json!({"name": "variant_id", "in": "path", "required": true, "schema": {"type": "integer"}});
    vec![
        (
            "/api/v1/store/cart",
            json!({"get": {"operationId": "getCart", "tags": ["cart"],
            "summary": "The signed-in customer's cart (guests keep theirs in the browser)",
            "responses": with_auth_errors(ok(cart.clone()))}}),
        ),
        (
            "/api/v1/store/cart/items",
            json!({"post": {"operationId": "addToCart", "tags": ["cart"],
            "summary": "Put a variant in the customer's cart (adds to an existing line, at most 99; at most 50 lines); answers the cart",
            "parameters": [csrf.clone()], "requestBody": body(item.clone()),
            "responses": with_auth_errors(ok(cart.clone()))}}),
        ),
        (
            "/api/v1/store/cart/items/{variant_id}",
            json!({
            "put": {"operationId": "setCartQuantity", "tags": ["cart"], "summary": "Set a line's quantity (1–99)",
                "parameters": [csrf.clone(), variant.clone()],
                "requestBody": body(json!({"type": "object", "required": ["quantity"], "properties": {"quantity": {"type": "integer", "minimum": 1, "maximum": 99}}})),
                "responses": with_auth_errors(ok(cart.clone()))},
            "delete": {"operationId": "removeFromCart", "tags": ["cart"], "summary": "Remove a line",
                "parameters": [csrf.clone(), variant], "responses": with_auth_errors(ok(cart.clone()))}}),
        ),
        (
            "/api/v1/store/cart/merge",
            json!({"post": {"operationId": "mergeCart", "tags": ["cart"],
            "summary": "At login: add the guest cart to the customer's (quantities add up; items no longer sold are left out)",
            "parameters": [csrf.clone()],
            "requestBody": body(json!({"type": "object", "required": ["items"], "properties": {"items": cart.clone()}})),
            "responses": with_auth_errors(ok(cart))}}),
        ),
        (
            "/api/v1/store/cart/quote",
            json!({"post": {"operationId": "quoteCart", "tags": ["cart"],
            "summary": "Check and price a cart: current prices and stock per line (problems: unavailable, out_of_stock, not_enough_stock, price_changed), the coupon's effect or why it does not apply, every delivery method's price for the destination, totals. Nothing is written; client prices are ignored.",
            "parameters": [csrf.clone()],
            "requestBody": body(json!({"type": "object", "required": ["items"], "properties": {
                "items": {"type": "array", "items": item}, "destination": {"type": "object", "nullable": true,
                    "description": "{type: china, division_code} or {type: international, country}"},
                "shipping_method": {"type": "string", "nullable": true}, "coupon_code": {"type": "string", "nullable": true},
                "email": {"type": "string", "nullable": true}}})),
            "responses": {"200": {"description": "The checked cart"}, "400": {"description": "Malformed body"}, "429": {"description": "Too many unknown coupon codes from this address; see Retry-After"}}}}),
        ),
        (
            "/api/v1/admin/orders",
            json!({"get": {"operationId": "staffListOrders", "tags": ["admin"],
                "summary": "Staff (permission view_orders): the newest 100 orders, or with ?awaiting=transfer those waiting for a bank transfer",
                "parameters": [{"name": "awaiting", "in": "query", "schema": {"type": "string", "enum": ["transfer"]}}],
                "responses": with_auth_errors(ok(json!({"type": "array", "items": {"type": "object"}})))}}),
        ),
        (
            "/api/v1/store/divisions",
            json!({"get": {"operationId": "listDivisions", "tags": ["checkout"],
            "summary": "China's provinces, or the cities of a province (?parent=31), or the districts of a city (?parent=3101), GB/T 2260",
            "parameters": [{"name": "parent", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{2}([0-9]{2})?$"}}],
            "responses": ok(json!({"type": "array", "items": {"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}}}}))}}),
        ),
        (
            "/api/v1/store/account/addresses",
            json!({"get": {"operationId": "listAddresses", "tags": ["account"],
            "summary": "Addresses the customer shipped to, most recent first (kept when an order is placed with save_address)",
            "responses": with_auth_errors(ok(json!({"type": "array", "items": {"type": "object"}})))}}),
        ),
        (
            "/api/v1/store/account/addresses/{id}",
            json!({"delete": {"operationId": "forgetAddress", "tags": ["account"],
            "summary": "Forget a saved address", "parameters": [csrf, {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
            "responses": with_auth_errors(json!({"204": {"description": "Forgotten"}}))}}),
        ),
    ]
}

fn base_document() -> Value {
    let csrf = json!({"name": "X-CSRF-Token", "in": "header", "required": true, "schema": {"type": "string"},
        "description": "Must equal the sk_csrf cookie (double-submit CSRF protection)"});
    let mut created_me = ok(json!({"$ref": "#/components/schemas/Me"}));
    if let Some(map) = created_me.as_object_mut() {
        if let Some(v) = map.remove("200") {
            map.insert("201".into(), v);
        }
    }
    let localized = json!({"type": "object", "required": ["zh", "en"], "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}});
    let money = json!({"type": "object", "required": ["minor", "currency"], "properties": {
        "minor": {"type": "integer", "format": "int64", "description": "Amount in minor units (fen)"},
        "currency": {"type": "string", "enum": ["CNY", "USD"]}}});
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Storekeep API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "The public REST API of the Storekeep shop. Money is integer minor units with a currency. Errors are `{code, message}`."},
        "paths": {
            "/api/v1/store/categories": {"get": {
                "operationId": "listCategories", "tags": ["store"],
                "summary": "All categories, parents first, with product counts of each subtree",
                "responses": ok(json!({"type": "array", "items": {"$ref": "#/components/schemas/Category"}}))}},
            "/api/v1/store/brands": {"get": {
                "operationId": "listBrands", "tags": ["store"], "summary": "All brands",
                "responses": ok(json!({"type": "array", "items": {"$ref": "#/components/schemas/Brand"}}))}},
            "/api/v1/store/products": {"get": {
                "operationId": "listProducts", "tags": ["store"],
                "summary": "A page of active products, filtered and sorted, with the total count",
                "parameters": [
                    {"name": "category", "in": "query", "schema": {"type": "string"}, "description": "Category slug; includes its sub-categories. 404 when unknown."},
                    {"name": "brand", "in": "query", "schema": {"type": "string"}, "description": "Brand slugs, comma-separated"},
                    int_param("min_price", "Lowest price in minor units", 0, None),
                    int_param("max_price", "Highest price in minor units", 0, None),
                    {"name": "featured", "in": "query", "schema": {"type": "boolean"}},
                    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 100}, "description": "Search words (all must match)"},
                    {"name": "in_stock", "in": "query", "schema": {"type": "boolean"}},
                    {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["featured", "newest", "price_asc", "price_desc"], "default": "featured"}},
                    int_param("page", "1-based page number", 1, Some(10_000)),
                    int_param("page_size", "Items per page (default 24)", 1, Some(100))
                ],
                "responses": ok(json!({"$ref": "#/components/schemas/ProductList"}))}},
            "/api/v1/store/search": {"get": {
                "operationId": "search", "tags": ["store"],
                "summary": "Products matching `q` (every word, in names, brands, categories and descriptions in both languages; Chinese needs no spaces) with the listing filters, plus facet counts",
                "parameters": [
                    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 100}},
                    {"name": "in_stock", "in": "query", "schema": {"type": "boolean"}},
                    {"name": "category", "in": "query", "schema": {"type": "string"}},
                    {"name": "brand", "in": "query", "schema": {"type": "string"}},
                    int_param("min_price", "Lowest price in minor units", 0, None),
                    int_param("max_price", "Highest price in minor units", 0, None),
                    {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["featured", "newest", "price_asc", "price_desc"]}},
                    int_param("page", "1-based page number", 1, Some(10_000)),
                    int_param("page_size", "Items per page (default 24)", 1, Some(100))
                ],
                "responses": ok(json!({"type": "object", "properties": {
                    "list": {"$ref": "#/components/schemas/ProductList"},
                    "facets": {"type": "object", "properties": {
                        "categories": {"type": "array", "items": {"type": "object"}}, "brands": {"type": "array", "items": {"type": "object"}},
                        "price_bands": {"type": "array", "items": {"type": "object"}}, "in_stock": {"type": "integer"}}}}}))}},
            "/api/v1/store/shipping-methods": {"get": {
                "operationId": "listShippingMethods", "tags": ["checkout"],
                "summary": "Delivery methods with their zone rates (first kg, each further kg, free-over threshold)",
                "responses": ok(json!({"type": "array", "items": {"type": "object"}}))}},
            "/api/v1/store/orders": {"post": {
                "operationId": "placeOrder", "tags": ["checkout"],
                "summary": "Place an order: the server re-prices every line, reserves stock atomically, applies the coupon and shipping. A repeated Idempotency-Key returns the first answer; the same key with another body is a 422.",
                "parameters": [csrf.clone(),
                    {"name": "Idempotency-Key", "in": "header", "required": true, "schema": {"type": "string", "minLength": 8, "maxLength": 100}}],
                "requestBody": body(json!({"type": "object", "required": ["lines", "email", "address", "shipping_method", "payment_method"], "properties": {
                    "lines": {"type": "array", "items": {"type": "object", "properties": {"variant_id": {"type": "integer"}, "quantity": {"type": "integer", "minimum": 1, "maximum": 99}}}},
                    "email": {"type": "string"},
                    "address": {"type": "object", "description": "{type: china, recipient, phone (+86 mobile), division_code (6-digit GB/T 2260), detail} or {type: international, recipient, phone, country, lines}"},
                    "shipping_method": {"type": "string"},
                    "payment_method": {"type": "string", "enum": ["cash_on_delivery", "bank_transfer", "card"]},
                    "coupon_code": {"type": "string", "nullable": true},
                    "save_address": {"type": "boolean", "description": "A signed-in customer keeps the address for next time"}}})),
                "responses": {
                    "201": {"description": "Placed: number, status, totals, payment deadline and the access_token that lets the buyer pay for and view the order", "content": {"application/json": {"schema": {"type": "object"}}}},
                    "400": {"description": "Malformed body or missing Idempotency-Key", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}},
                    "409": {"description": "Out of stock (`problem: out_of_stock`)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}},
                    "429": {"description": "Too many unknown coupon codes from this address (20 in 15 minutes); see Retry-After", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}},
                    "422": {"description": "A rule is broken (`problem`: coupon_*, shipping_*, invalid_mobile, idempotency_key_reused…)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}}
                }}},
            "/api/v1/store/orders/{number}": {"get": {
                "operationId": "getOrder", "tags": ["checkout"],
                "summary": "An order for its buyer: the signed-in owner, or with ?token= (the access token from placing it). Anyone else: 404.",
                "parameters": [{"name": "number", "in": "path", "required": true, "schema": {"type": "string"}},
                               {"name": "token", "in": "query", "schema": {"type": "string"}}],
                "responses": ok(json!({"type": "object"}))}},
            "/api/v1/store/orders/{number}/payments": {"post": {
                "operationId": "startCardPayment", "tags": ["checkout"],
                "summary": "Open a payment session at the card gateway for an unpaid card order; answers {redirect_url} for the shopper",
                "parameters": [csrf.clone(), {"name": "number", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "Go to redirect_url (body: {access_token} unless the signed-in owner asks)"},
                              "404": {"description": "No unpaid card order of yours has this number", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}}}}},
            "/api/v1/admin/orders/{number}/mark-paid": {"post": {
                "operationId": "markOrderPaid", "tags": ["admin"],
                "summary": "Staff (permission mark_order_paid): a bank transfer arrived; the order becomes paid, with an order event and an audit-log entry",
                "parameters": [csrf.clone(), {"name": "number", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": with_auth_errors(json!({"204": {"description": "Marked paid"},
                    "404": {"description": "No bank-transfer order has this number"},
                    "409": {"description": "The order does not wait for payment"}}))}},
            "/api/v1/payments/sandbox/webhook": {"post": {
                "operationId": "sandboxWebhook", "tags": ["payments"],
                "summary": "The sandbox gateway's payment events. Authenticated by the Sandbox-Signature header (t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">), not by CSRF; stale (> 5 min) signatures are refused, repeated event ids ignored.",
                "parameters": [{"name": "Sandbox-Signature", "in": "header", "required": true, "schema": {"type": "string"}}],
                "requestBody": body(json!({"type": "object", "properties": {"id": {"type": "string"}, "type": {"type": "string", "enum": ["payment.succeeded", "payment.declined"]},
                    "session": {"type": "string"}, "amount": {"type": "integer"}, "currency": {"type": "string"}}})),
                "responses": {"200": {"description": "Processed (or already processed)"}, "400": {"description": "Stale or malformed"}, "401": {"description": "Bad signature"}}}},
            "/api/v1/auth/register": {"post": {
                "operationId": "register", "tags": ["auth"], "summary": "Create a customer account and sign in (sets the session cookie)",
                "parameters": [csrf.clone()],
                "requestBody": body(json!({"type": "object", "required": ["email", "password", "display_name"], "properties": {
                    "email": {"type": "string"}, "password": {"type": "string", "minLength": 8, "maxLength": 128}, "display_name": {"type": "string"}}})),
                "responses": with_auth_errors(created_me.clone())}},
            "/api/v1/auth/login": {"post": {
                "operationId": "login", "tags": ["auth"], "summary": "Sign in with e-mail and password (a new session cookie)",
                "parameters": [csrf.clone()],
                "requestBody": body(json!({"type": "object", "required": ["email", "password"], "properties": {
                    "email": {"type": "string"}, "password": {"type": "string"}}})),
                "responses": with_auth_errors(ok(json!({"$ref": "#/components/schemas/Me"})))}},
            "/api/v1/auth/logout": {"post": {
                "operationId": "logout", "tags": ["auth"], "summary": "End the session", "parameters": [csrf.clone()],
                "responses": {"204": {"description": "Signed out"}}}},
            "/api/v1/auth/me": {"get": {
                "operationId": "me", "tags": ["auth"], "summary": "The signed-in user (401 when none)",
                "responses": with_auth_errors(ok(json!({"$ref": "#/components/schemas/Me"})))}},
            "/api/v1/auth/password-reset": {"post": {
                "operationId": "requestPasswordReset", "tags": ["auth"],
                "summary": "E-mail a reset link (always 202: the answer does not reveal whether the address has an account)",
                "parameters": [csrf.clone()],
                "requestBody": body(json!({"type": "object", "required": ["email"], "properties": {"email": {"type": "string"}}})),
                "responses": {"202": {"description": "Accepted"}}}},
            "/api/v1/auth/password-reset/confirm": {"post": {
                "operationId": "confirmPasswordReset", "tags": ["auth"], "summary": "Set a new password with a reset token; ends all sessions",
                "parameters": [csrf.clone()],
                "requestBody": body(json!({"type": "object", "required": ["token", "password"], "properties": {
                    "token": {"type": "string"}, "password": {"type": "string"}}})),
                "responses": with_auth_errors(json!({"204": {"description": "Password changed"}}))}},
            "/api/v1/store/products/{slug}": {"get": {
                "operationId": "getProduct", "tags": ["store"], "summary": "One product with its variants, images and stock",
                "parameters": [{"name": "slug", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}}],
                "responses": ok(json!({"$ref": "#/components/schemas/ProductDetail"}))}}
        },
        "components": {"schemas": {
            "ApiError": {"type": "object", "required": ["code", "message"], "properties": {
                "code": {"type": "string", "enum": ["bad_request", "invalid_query", "not_found", "conflict", "unauthorized", "forbidden", "payload_too_large", "validation", "too_many_requests", "unavailable", "internal"]},
                "message": {"type": "string"}, "problem": {"type": "string"}}},
            "Me": {"type": "object", "properties": {
                "id": {"type": "integer"}, "email": {"type": "string"}, "display_name": {"type": "string"},
                "kind": {"type": "string", "enum": ["customer", "staff"]}}},
            "Localized": localized,
            "Money": money,
            "Category": {"type": "object", "properties": {
                "id": {"type": "integer"}, "slug": {"type": "string"}, "parent_id": {"type": "integer", "nullable": true},
                "name": {"$ref": "#/components/schemas/Localized"}, "image": {"type": "string", "nullable": true},
                "product_count": {"type": "integer"}}},
            "Brand": {"type": "object", "properties": {
                "id": {"type": "integer"}, "slug": {"type": "string"}, "name": {"$ref": "#/components/schemas/Localized"}}},
            "CategoryRef": {"type": "object", "properties": {"slug": {"type": "string"}, "name": {"$ref": "#/components/schemas/Localized"}}},
            "ProductSummary": {"type": "object", "properties": {
                "id": {"type": "integer"}, "slug": {"type": "string"}, "name": {"$ref": "#/components/schemas/Localized"},
                "brand": {"$ref": "#/components/schemas/Brand"}, "category": {"$ref": "#/components/schemas/CategoryRef"},
                "price": {"$ref": "#/components/schemas/Money"}, "price_max": {"$ref": "#/components/schemas/Money"},
                "image": {"type": "string"}, "in_stock": {"type": "boolean"}, "featured": {"type": "boolean"}}},
            "ProductList": {"type": "object", "properties": {
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/ProductSummary"}},
                "total": {"type": "integer"}, "page": {"type": "integer"}, "page_size": {"type": "integer"}}},
            "Variant": {"type": "object", "properties": {
                "id": {"type": "integer"}, "sku": {"type": "string"},
                "color": {"allOf": [{"$ref": "#/components/schemas/Localized"}], "nullable": true},
                "size": {"type": "string", "nullable": true}, "price": {"$ref": "#/components/schemas/Money"},
                "compare_at": {"allOf": [{"$ref": "#/components/schemas/Money"}], "nullable": true},
                "available": {"type": "integer", "description": "Units sellable now over all warehouses"}}},
            "ProductDetail": {"type": "object", "properties": {
                "id": {"type": "integer"}, "slug": {"type": "string"}, "name": {"$ref": "#/components/schemas/Localized"},
                "description": {"$ref": "#/components/schemas/Localized"}, "brand": {"$ref": "#/components/schemas/Brand"},
                "breadcrumbs": {"type": "array", "items": {"$ref": "#/components/schemas/CategoryRef"}},
                "images": {"type": "array", "items": {"type": "string"}},
                "variants": {"type": "array", "items": {"$ref": "#/components/schemas/Variant"}},
                "currency": {"type": "string"}}}
        }}
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_route_is_documented() {
        let doc = super::document();
        for (method, path) in super::ROUTES {
            assert!(doc["paths"][path][method].is_object(), "{method} {path}");
        }
        let paths: std::collections::BTreeSet<_> = super::ROUTES.iter().map(|(_, p)| p).collect();
        assert_eq!(doc["paths"].as_object().map(|p| p.len()), Some(paths.len()));
    }
}
