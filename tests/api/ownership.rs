//! Object-level authorization: customer B reaches nothing of customer A's — orders, their
//! tracking, cancel, re-order, payment, returns, photos, reviews, consultations, saved
//! addresses — through any customer route, guessing numbers and ids: each answers 404 (as
//! for what does not exist, leaking nothing) and writes nothing. The table must name every
//! store route with an order number or an id in its path, so a new one cannot skip it.

use serde_json::{json, Value};
use server::db::Backend;
use std::collections::BTreeSet;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(customer_b_reaches_nothing_of_customer_a);

/// `(method, documented path, body)`: `{number}` is A's order, `{id}` A's consultation or
/// saved address.
const ROUTES: &[(&str, &str, Option<&str>)] = &[
    ("get", "/api/v1/store/orders/{number}", None),
    ("get", "/api/v1/store/orders/{number}/tracking", None),
    ("post", "/api/v1/store/orders/{number}/cancel", Some("{}")),
    ("post", "/api/v1/store/orders/{number}/reorder", Some("{}")),
    ("post", "/api/v1/store/orders/{number}/payments", Some("{}")),
    (
        "post",
        "/api/v1/store/orders/{number}/returns",
        Some(
            r#"{"lines": [{"line": 0, "quantity": 1}], "reason": "changed_mind", "resolution": "refund"}"#,
        ),
    ),
    (
        "post",
        "/api/v1/store/orders/{number}/repairs",
        Some(r#"{"line": 0, "description": "屏幕坏了"}"#),
    ),
    ("post", "/api/v1/store/orders/{number}/photos", None),
    ("get", "/api/v1/store/account/consultations/{id}", None),
    (
        "post",
        "/api/v1/store/account/consultations/{id}/messages",
        Some(r#"{"body": "我也想问"}"#),
    ),
    (
        "post",
        "/api/v1/store/account/consultations/{id}/rating",
        Some(r#"{"rating": 1}"#),
    ),
    ("delete", "/api/v1/store/account/addresses/{id}", None),
    (
        "put",
        "/api/v1/store/account/addresses/{id}",
        Some(
            r#"{"address": {"type": "china", "recipient": "王五", "phone": "13800138000", "division_code": "310115", "detail": "世纪大道 1 号"}}"#,
        ),
    ),
    (
        "post",
        "/api/v1/store/account/addresses/{id}/default",
        Some("{}"),
    ),
];

/// What A owns, counted: returns, reviews, consultations and their messages, saved
/// addresses, B's cart lines, and A's order's status.
async fn snapshot(app: &TestApp, number: &str) -> Vec<String> {
    let mut out = Vec::new();
    for table in [
        "returns",
        "repairs",
        "repair_photos",
        "reviews",
        "consultations",
        "consultation_messages",
        "customer_addresses",
        "order_photos",
        "cart_items",
        "payments",
    ] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        out.push(format!("{table}={n}"));
    }
    let status: String = sqlx::query_scalar("SELECT status FROM orders WHERE number = $1")
        .bind(number)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    out.push(status);
    out
}

async fn customer_b_reaches_nothing_of_customer_a(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    // every store route naming an order or an id is in the table
    let documented = app
        .documented_routes(|p| {
            p.starts_with("/api/v1/store") && (p.contains("{number}") || p.contains("{id}"))
        })
        .await;
    let tabled: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p, _)| ((*m).to_string(), (*p).to_string()))
        .collect();
    assert_eq!(documented, tabled, "every owned-object route in the table");

    let (_, a) = app.with_customer().await;
    let (_, b) = app.with_customer().await;
    // A: a delivered order (its address saved), a return asked for, a review, a question
    let variant = app.variant_with_stock("BD-001-01", 20).await;
    let mut body = storekeep_tests::guest_order("a@example.cn", variant, 2, "card");
    body["save_address"] = json!(true);
    let placed = app.place_order("ownership-a-01", &body, &a).await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    let number = placed.json["number"].as_str().unwrap().to_string();
    app.pay_by_card(&number, placed.json["access_token"].as_str().unwrap())
        .await;
    let owner = app.owner().await;
    let shipment = app.ship_order(&owner.cookie, &number, "SFOWNED1").await;
    app.deliver(&owner.cookie, shipment).await;
    let returned = app
        .post_json(
            &format!("/api/v1/store/orders/{number}/returns"),
            &json!({"lines": [{"line": 0, "quantity": 1}], "reason": "changed_mind", "resolution": "refund"}),
            &a,
        )
        .await;
    assert_eq!(returned.status, 201, "{:?}", returned.json);
    let asked = app
        .post_json(
            "/api/v1/store/account/consultations",
            &json!({"topic": "order", "order_number": number, "subject": "发票", "body": "请开发票"}),
            &a,
        )
        .await;
    assert_eq!(asked.status, 201, "{:?}", asked.json);
    let consultation = asked.json["id"].as_i64().unwrap();
    let addresses = app.get_with("/api/v1/store/account/addresses", &a).await;
    let address = addresses.json[0]["id"].as_i64().expect("a saved address");

    let before = snapshot(&app, &number).await;
    for (method, path, body) in ROUTES {
        let id = if path.contains("addresses") {
            address
        } else {
            consultation
        };
        let url = path
            .replace("{number}", &number)
            .replace("{id}", &id.to_string());
        let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let res = if path.ends_with("/photos") {
            app.post_bytes(&url, "image/png", crate::catalog_admin::png(64, 64), &b)
                .await
        } else {
            let body: Option<Value> = body.map(|b| serde_json::from_str(b).unwrap());
            app.send(m, &url, body.as_ref(), &b).await
        };
        assert_eq!(res.status, 404, "B {method} {url}: {:?}", res.json);
    }
    // routes that name A's order in their body
    for (path, body) in [
        (
            "/api/v1/store/account/reviews",
            json!({"order": number, "line": 0, "rating": 1, "body": "差评"}),
        ),
        (
            "/api/v1/store/account/consultations",
            json!({"topic": "order", "order_number": number, "subject": "退款", "body": "我的钱呢"}),
        ),
    ] {
        let res = app.post_json(path, &body, &b).await;
        assert_eq!(res.status, 404, "B POST {path}: {:?}", res.json);
    }
    // and B's own lists show none of A's
    for path in [
        "/api/v1/store/account/orders",
        "/api/v1/store/account/reviews",
        "/api/v1/store/account/consultations",
        "/api/v1/store/account/addresses",
    ] {
        let res = app.get_with(path, &b).await;
        assert_eq!(res.status, 200, "{path}");
        let empty = res.json == json!([]) || res.json["items"] == json!([]);
        assert!(empty, "B's {path}: {:?}", res.json);
    }
    assert_eq!(snapshot(&app, &number).await, before, "nothing written");
    // A still reaches all of it
    let tracking = app
        .get_with(&format!("/api/v1/store/orders/{number}/tracking"), &a)
        .await;
    assert_eq!(tracking.status, 200);
    let mine = app
        .get_with(
            &format!("/api/v1/store/account/consultations/{consultation}"),
            &a,
        )
        .await;
    assert_eq!(mine.status, 200);
    app.cleanup().await;
}
