//! Staff actions: only staff with the permission may act, and every action is audited.

use crate::orders::{order, variant_with_stock};
use serde_json::json;
use server::db::Backend;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(only_staff_mark_bank_transfers_paid);

async fn login(app: &TestApp, email: &str, password: &str) -> String {
    let res = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": email, "password": password}),
            "",
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    res.cookie("sk_session").unwrap()
}

async fn only_staff_mark_bank_transfers_paid(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let v = variant_with_stock(&app, "BD-001-01", 5).await;
    let placed = app
        .place_order(
            "admin-bank-0001",
            &order(
                json!([{"variant_id": v, "quantity": 1}]),
                None,
                "bank_transfer",
            ),
            "",
        )
        .await;
    assert_eq!(placed.status, 201);
    let number = placed.json["number"].as_str().unwrap().to_string();
    let path = format!("/api/v1/admin/orders/{number}/mark-paid");

    // anonymous, a customer, then staff
    assert_eq!(app.post_json(&path, &json!({}), "").await.status, 401);
    let customer = login(&app, "customer@storekeep.test", "shopper-demo-2026").await;
    let refused = app.post_json(&path, &json!({}), &customer).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.json["code"], "forbidden");
    let admin = login(&app, "admin@storekeep.test", "admin-demo-2026").await;
    // the staff list shows it among those awaiting a transfer; customers see no list
    let list = "/api/v1/admin/orders?awaiting=transfer";
    assert_eq!(app.get_with(list, &customer).await.status, 403);
    assert_eq!(app.get_with(list, "").await.status, 401);
    let waiting = app.get_with(list, &admin).await;
    assert_eq!(waiting.status, 200, "{:?}", waiting.json);
    assert_eq!(waiting.json[0]["number"], number.as_str());
    assert_eq!(waiting.json[0]["email"], "buyer@example.cn");
    assert_eq!(
        app.get_with("/api/v1/admin/orders?awaiting=x", &admin)
            .await
            .status,
        400
    );
    assert_eq!(app.post_json(&path, &json!({}), &admin).await.status, 204);
    let waiting = app.get_with(list, &admin).await;
    assert_eq!(waiting.json, json!([]), "paid: no longer waiting");
    let all = app.get_with("/api/v1/admin/orders", &admin).await;
    assert_eq!(all.json[0]["status"], "paid");
    // once only; and not for orders paid otherwise
    let again = app.post_json(&path, &json!({}), &admin).await;
    assert_eq!(
        (again.status, again.json["problem"].as_str()),
        (409, Some("not_awaiting_payment"))
    );
    let card = app
        .place_order(
            "admin-card-0001",
            &order(json!([{"variant_id": v, "quantity": 1}]), None, "card"),
            "",
        )
        .await;
    let card_path = format!(
        "/api/v1/admin/orders/{}/mark-paid",
        card.json["number"].as_str().unwrap()
    );
    assert_eq!(
        app.post_json(&card_path, &json!({}), &admin).await.status,
        404
    );

    let status: String = sqlx::query_scalar("SELECT status FROM orders WHERE number = $1")
        .bind(&number)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "paid");
    let (action, subject): (String, String) =
        sqlx::query_as("SELECT action, subject FROM audit_log")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (action.as_str(), subject.as_str()),
        ("order.mark_paid", number.as_str())
    );
    app.cleanup().await;
}
