//! The supplier portal: procurement invites a supplier's staff member, who chooses a
//! password from the e-mailed link; they see only their own company's purchase orders —
//! every supplier route with an id answers 404 for another supplier's, and a supplier's
//! cookie opens neither the back office nor the customer API (nor the other way round);
//! they propose another quantity (the order goes back to the buyer), confirm the order as
//! changed with a promised date, move a date (the first promise kept) and announce
//! shipments, never more than ordered.

use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{link_token, StaffLogin, TestApp};

storekeep_tests::on_both_backends!(a_supplier_confirms_and_announces_only_its_own_orders);

/// The supplier routes that name a purchase order, with a body that would be accepted.
fn id_routes(variant: i64, day: i64) -> Vec<(&'static str, &'static str, Option<Value>)> {
    vec![
        ("get", "/api/v1/supplier/purchase-orders/{id}", None),
        (
            "post",
            "/api/v1/supplier/purchase-orders/{id}/confirm",
            Some(json!({"lines": [{"variant": variant, "quantity": 10, "promised_at": day}]})),
        ),
        (
            "post",
            "/api/v1/supplier/purchase-orders/{id}/dates",
            Some(json!({"lines": [{"variant": variant, "expected_at": day}]})),
        ),
        (
            "post",
            "/api/v1/supplier/purchase-orders/{id}/shipments",
            Some(json!({"lines": [{"variant": variant, "quantity": 1}], "arrives_at": day})),
        ),
    ]
}

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    body: Option<&Value>,
    cookie: &str,
) -> (u16, Value) {
    let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    let res = app.send(m, path, body, cookie).await;
    (res.status, res.json)
}

/// A supplier with BD-001-01 on its list, one of its staff invited and signed in, and a
/// purchase order of 10 sent to it: (supplier, the portal cookie, the order).
async fn supplier_with_order(
    app: &TestApp,
    clerk: &StaffLogin,
    code: &str,
    variant: i64,
) -> (i64, String, i64) {
    let (status, made) = call(
        app,
        "post",
        "/api/v1/admin/suppliers",
        Some(&json!({"code": code,
        "name": format!("{code} 有限公司"), "payment_terms_days": 30, "lead_time_days": 7,
        "currency": "CNY", "active": true})),
        &clerk.cookie,
    )
    .await;
    assert_eq!(status, 201, "{made:?}");
    let id = made["id"].as_i64().unwrap();
    let (status, _) = call(app, "put", &format!("/api/v1/admin/suppliers/{id}/offers"),
        Some(&json!({"offers": [{"sku": "BD-001-01", "unit_cost": 1000, "min_order": 1, "pack": 1}]})), &clerk.cookie).await;
    assert_eq!(status, 200);
    let email = format!("sales@{}.example.cn", code.to_lowercase());
    let (status, invited) = call(
        app,
        "post",
        &format!("/api/v1/admin/suppliers/{id}/accounts"),
        Some(&json!({"email": email, "display_name": "王经理"})),
        &clerk.cookie,
    )
    .await;
    assert_eq!(status, 201, "{invited:?}");
    assert_eq!(
        (
            invited["accounts"][0]["joined"].as_bool(),
            invited["accounts"][0]["email"].as_str()
        ),
        (Some(false), Some(email.as_str()))
    );
    let token = link_token(&app.last_message_to(&email).await);
    let accepted = app
        .post_json(
            "/api/v1/supplier/auth/accept",
            &json!({"token": token, "password": "a fine long passphrase"}),
            "",
        )
        .await;
    assert_eq!(accepted.status, 200, "{:?}", accepted.json);
    assert_eq!(accepted.json["supplier"], id);
    let cookie = accepted.cookie("sk_supplier").expect("the portal's cookie");
    let again = app
        .post_json(
            "/api/v1/supplier/auth/accept",
            &json!({"token": token, "password": "another long passphrase"}),
            "",
        )
        .await;
    assert_eq!(
        (again.status, again.json["problem"].as_str()),
        (422, Some("invitation_invalid")),
        "a link works once"
    );
    let sh = app.warehouse_id("SH-01").await;
    let (status, po) = call(app, "post", "/api/v1/admin/purchase-orders",
        Some(&json!({"supplier": id, "warehouse": sh, "lines": [{"variant": variant, "quantity": 10}]})), &clerk.cookie).await;
    assert_eq!(status, 201, "{po:?}");
    let po = po["id"].as_i64().unwrap();
    let (status, sent) = call(
        app,
        "post",
        &format!("/api/v1/admin/purchase-orders/{po}/send"),
        None,
        &clerk.cookie,
    )
    .await;
    assert_eq!(status, 200, "{sent:?}");
    (id, cookie, po)
}

async fn a_supplier_confirms_and_announces_only_its_own_orders(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let clerk = app.with_staff(&[StaffRole::Procurement]).await;
    let variant: i64 =
        sqlx::query_scalar("SELECT id FROM product_variants WHERE sku = 'BD-001-01'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let (_, a, po_a) = supplier_with_order(&app, &clerk, "SUP-A", variant).await;
    let (_, b, po_b) = supplier_with_order(&app, &clerk, "SUP-B", variant).await;
    let day = server::db::now_millis() + 5 * 86_400_000;

    // each sees its own orders only
    let (_, list) = call(&app, "get", "/api/v1/supplier/purchase-orders", None, &a).await;
    let ids: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [po_a]);
    // every supplier route with an id: another supplier's order is not found, and nothing moves
    let routes = id_routes(variant, day);
    let documented = app
        .documented_routes(|p| p.starts_with("/api/v1/supplier") && p.contains("{id}"))
        .await;
    let table: std::collections::BTreeSet<(String, String)> = routes
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(
        documented, table,
        "every supplier route with an id is in this table"
    );
    for (method, path, body) in &routes {
        let (status, err) = call(
            &app,
            method,
            &path.replace("{id}", &po_b.to_string()),
            body.as_ref(),
            &a,
        )
        .await;
        assert_eq!(status, 404, "A {method} {path} of B's order: {err:?}");
        let (status, _) = call(
            &app,
            method,
            &path.replace("{id}", "999999"),
            body.as_ref(),
            &a,
        )
        .await;
        assert_eq!(status, 404, "A {method} {path} of no order");
    }
    let status_b: String = sqlx::query_scalar("SELECT status FROM purchase_orders WHERE id = $1")
        .bind(po_b)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status_b, "sent", "B's order untouched");
    // a supplier's cookie is not a customer's nor a staff member's, nor the other way round
    for path in [
        "/api/v1/admin/me",
        "/api/v1/auth/me",
        "/api/v1/store/account/orders",
    ] {
        let (status, _) = call(&app, "get", path, None, &a).await;
        assert_eq!(status, 401, "a supplier on {path}");
    }
    let (status, _) = call(&app, "get", "/api/v1/supplier/me", None, &clerk.cookie).await;
    assert_eq!(status, 401, "staff on the portal");
    let (status, me) = call(&app, "get", "/api/v1/supplier/me", None, &b).await;
    assert_eq!((status, me["supplier_code"].as_str()), (200, Some("SUP-B")));

    // signing in: a wrong password is refused like an unknown account
    let wrong = app
        .post_json(
            "/api/v1/supplier/auth/login",
            &json!({"email": "sales@sup-a.example.cn", "password": "not the passphrase"}),
            "",
        )
        .await;
    assert_eq!(
        (wrong.status, wrong.json["problem"].as_str()),
        (422, Some("invalid_credentials"))
    );
    let right = app
        .post_json(
            "/api/v1/supplier/auth/login",
            &json!({"email": "sales@sup-a.example.cn", "password": "a fine long passphrase"}),
            "",
        )
        .await;
    assert_eq!(right.status, 200, "{:?}", right.json);
    let a = right.cookie("sk_supplier").unwrap();

    // A proposes 8 of 10: back to the buyer as a draft, the proposal shown to procurement
    let path = format!("/api/v1/supplier/purchase-orders/{po_a}");
    let confirm = |q: i64, at: i64| json!({"lines": [{"variant": variant, "quantity": q, "promised_at": at}]});
    let (status, err) = call(
        &app,
        "post",
        &format!("{path}/confirm"),
        Some(&confirm(10, day - 30 * 86_400_000)),
        &a,
    )
    .await;
    assert_eq!(
        (status, err["problem"].as_str(), err["field"].as_str()),
        (422, Some("date_invalid"), Some("lines[0].promised_at"))
    );
    let (status, proposed) = call(
        &app,
        "post",
        &format!("{path}/confirm"),
        Some(&confirm(8, day)),
        &a,
    )
    .await;
    assert_eq!(
        (status, proposed["status"].as_str()),
        (200, Some("draft")),
        "{proposed:?}"
    );
    let (_, staff_view) = call(
        &app,
        "get",
        &format!("/api/v1/admin/purchase-orders/{po_a}"),
        None,
        &clerk.cookie,
    )
    .await;
    assert_eq!(staff_view["lines"][0]["proposed_quantity"], 8);
    assert_eq!(
        staff_view["events"].as_array().unwrap().last().unwrap()["about"]["kind"],
        "supplier_proposed"
    );
    let (status, _) = call(
        &app,
        "post",
        &format!("{path}/confirm"),
        Some(&confirm(8, day)),
        &a,
    )
    .await;
    assert_eq!(status, 409, "nothing to confirm while the buyer decides");
    // the buyer takes 8 and sends it again; A confirms as ordered, by the promised day
    let sh = app.warehouse_id("SH-01").await;
    let (status, _) = call(&app, "put", &format!("/api/v1/admin/purchase-orders/{po_a}"),
        Some(&json!({"supplier": staff_view["supplier"]["id"], "warehouse": sh, "lines": [{"variant": variant, "quantity": 8}]})), &clerk.cookie).await;
    assert_eq!(status, 200);
    let (status, _) = call(
        &app,
        "post",
        &format!("/api/v1/admin/purchase-orders/{po_a}/send"),
        None,
        &clerk.cookie,
    )
    .await;
    assert_eq!(status, 200);
    let (status, confirmed) = call(
        &app,
        "post",
        &format!("{path}/confirm"),
        Some(&confirm(8, day)),
        &a,
    )
    .await;
    assert_eq!(
        (status, confirmed["status"].as_str()),
        (200, Some("confirmed")),
        "{confirmed:?}"
    );
    assert_eq!(
        (
            confirmed["lines"][0]["promised_at"].as_i64(),
            confirmed["lines"][0]["expected_at"].as_i64()
        ),
        (Some(day), Some(day))
    );
    // a later word moves the expected date; the first promise stays beside it
    let later = day + 3 * 86_400_000;
    let (status, moved) = call(
        &app,
        "post",
        &format!("{path}/dates"),
        Some(&json!({"lines": [{"variant": variant, "expected_at": later}]})),
        &a,
    )
    .await;
    assert_eq!(status, 200, "{moved:?}");
    assert_eq!(
        (
            moved["lines"][0]["promised_at"].as_i64(),
            moved["lines"][0]["expected_at"].as_i64()
        ),
        (Some(day), Some(later))
    );
    // shipments: never more than ordered and not yet announced
    let ship = |q: i64| json!({"lines": [{"variant": variant, "quantity": q}], "carrier": "顺丰", "tracking": "SF1234567890", "arrives_at": later});
    let (status, err) = call(
        &app,
        "post",
        &format!("{path}/shipments"),
        Some(&ship(9)),
        &a,
    )
    .await;
    assert_eq!((status, err["problem"].as_str()), (422, Some("too_many")));
    let (status, shipped) = call(
        &app,
        "post",
        &format!("{path}/shipments"),
        Some(&ship(6)),
        &a,
    )
    .await;
    assert_eq!(status, 200, "{shipped:?}");
    assert_eq!(
        (
            shipped["shipments"][0]["number"]
                .as_str()
                .map(|n| n.starts_with("ASN-")),
            shipped["lines"][0]["announced"].as_i64()
        ),
        (Some(true), Some(6))
    );
    let (status, _) = call(
        &app,
        "post",
        &format!("{path}/shipments"),
        Some(&ship(3)),
        &a,
    )
    .await;
    assert_eq!(status, 422, "6 + 3 > 8");
    let (status, _) = call(
        &app,
        "post",
        &format!("{path}/shipments"),
        Some(&ship(2)),
        &a,
    )
    .await;
    assert_eq!(status, 200);
    // the supplier reads the shop, not its staff's names, in the history, and its own
    // people by name
    let names: Vec<&str> = shipped["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["actor_name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"良仓 Storekeep") && names.iter().any(|n| n.contains("王经理 · SUP-A")),
        "{names:?}"
    );
    assert!(!names.contains(&"测试员工"));
    let (_, staff_view) = call(
        &app,
        "get",
        &format!("/api/v1/admin/purchase-orders/{po_a}"),
        None,
        &clerk.cookie,
    )
    .await;
    assert_eq!(staff_view["shipments"].as_array().unwrap().len(), 2);
    app.cleanup().await;
}
