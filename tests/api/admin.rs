//! Orders in the back office: the list's filters, search, sort and pages; recording bank
//! transfers one by one and in bulk, each with its order event and one audit entry.

use serde_json::json;
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    staff_record_bank_transfers,
    the_order_list_filters_searches_sorts_and_pages,
);

async fn staff_record_bank_transfers(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let number = app.bank_transfer_order("admin-bank-0001").await;
    let path = format!("/api/v1/admin/orders/{number}/mark-paid");
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    let list = "/api/v1/admin/orders?awaiting_transfer=true";
    let waiting = app.get_with(list, &clerk.cookie).await;
    assert_eq!(waiting.status, 200, "{:?}", waiting.json);
    assert_eq!(waiting.json["total"], 1);
    assert_eq!(waiting.json["items"][0]["number"], number.as_str());
    assert_eq!(waiting.json["items"][0]["email"], "guest@example.cn");

    assert_eq!(
        app.post_json(&path, &json!({}), &clerk.cookie).await.status,
        204
    );
    let waiting = app.get_with(list, &clerk.cookie).await;
    assert_eq!(waiting.json["total"], 0, "paid: no longer waiting");
    let (status, event): (String, String) = sqlx::query_as(
        "SELECT o.status, e.actor FROM orders o JOIN order_events e ON e.order_id = o.id \
         WHERE o.number = $1 AND e.to_status = 'paid'",
    )
    .bind(&number)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(status, "paid");
    assert_eq!(event, format!("staff:{}", clerk.id));
    let (action, entity, changes, actor): (String, String, String, i64) = sqlx::query_as(
        "SELECT action, entity_id, changes, actor_id FROM audit_log WHERE entity_type = 'order'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        (action.as_str(), entity.as_str(), actor),
        ("order.mark_paid", number.as_str(), clerk.id)
    );
    let changes: serde_json::Value = serde_json::from_str(&changes).unwrap();
    assert_eq!(
        changes,
        json!([{"field": "status", "before": "pending_payment", "after": "paid"}])
    );

    // once only; card orders are not bank transfers
    let again = app.post_json(&path, &json!({}), &clerk.cookie).await;
    assert_eq!(
        (again.status, again.json["problem"].as_str()),
        (409, Some("not_awaiting_payment"))
    );
    let card = app
        .order_sku("admin-card-0001", "BD-001-01", 1, 50, "card")
        .await;
    let card = card.json["number"].as_str().unwrap().to_string();
    let res = app
        .post_json(
            &format!("/api/v1/admin/orders/{card}/mark-paid"),
            &json!({}),
            &clerk.cookie,
        )
        .await;
    assert_eq!(res.status, 404);

    // in bulk: each order says what happened to it
    let a = app.bank_transfer_order("admin-bank-0002").await;
    let b = app.bank_transfer_order("admin-bank-0003").await;
    let res = app
        .post_json(
            "/api/v1/admin/orders/mark-paid",
            &json!({"numbers": [a, b, number, "nonsense"]}),
            &clerk.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    let done: Vec<bool> = res
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["done"].as_bool().unwrap())
        .collect();
    assert_eq!(done, vec![true, true, false, false]);
    assert_eq!(res.json[2]["problem"], "not_awaiting_payment");
    assert_eq!(res.json[3]["problem"], "not_found");
    assert_eq!(
        app.audit_count().await,
        3,
        "one entry per order marked paid"
    );
    let too_many: Vec<String> = (0..101).map(|i| format!("SK26010100{i:02}")).collect();
    let res = app
        .post_json(
            "/api/v1/admin/orders/mark-paid",
            &json!({"numbers": too_many}),
            &clerk.cookie,
        )
        .await;
    assert_eq!(
        (res.status, res.json["field"].as_str()),
        (400, Some("numbers"))
    );
    app.cleanup().await;
}

async fn the_order_list_filters_searches_sorts_and_pages(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut numbers = Vec::new();
    for i in 0..3 {
        numbers.push(app.bank_transfer_order(&format!("list-bank-000{i}")).await);
    }
    let cod = app
        .order_sku("list-cod-0001", "BD-001-01", 2, 50, "cash_on_delivery")
        .await;
    let cod = cod.json["number"].as_str().unwrap().to_string();
    let analyst = app.with_staff(&[StaffRole::Analyst]).await;
    let get = |q: &str| {
        let path = format!("/api/v1/admin/orders{q}");
        let cookie = analyst.cookie.clone();
        let app = &app;
        async move { app.get_with(&path, &cookie).await }
    };
    let all = get("").await;
    assert_eq!(all.status, 200, "{:?}", all.json);
    assert_eq!(all.json["total"], 4);
    assert_eq!(all.json["items"][0]["number"], cod.as_str(), "newest first");
    let page = get("?page_size=2&page=2").await;
    assert_eq!(
        (
            page.json["total"].as_i64(),
            page.json["items"].as_array().unwrap().len()
        ),
        (Some(4), 2)
    );
    assert_eq!(page.json["items"][1]["number"], numbers[0].as_str());
    let cod_only = get("?payment_method=cash_on_delivery").await;
    assert_eq!(cod_only.json["total"], 1);
    let by_status = get("?status=pending_payment").await;
    assert_eq!(
        by_status.json["total"], 3,
        "COD orders go straight to processing"
    );
    let found = get(&format!("?q={}", numbers[1].to_lowercase())).await;
    assert_eq!(found.json["total"], 1, "an order number, in any case");
    let by_email = get("?q=GUEST@example").await;
    assert_eq!(by_email.json["total"], 4);
    let by_total = get("?sort=total&dir=desc").await;
    assert_eq!(
        by_total.json["items"][0]["number"],
        cod.as_str(),
        "two units cost most"
    );
    let oldest = get("?sort=created_at&dir=asc").await;
    assert_eq!(oldest.json["items"][0]["number"], numbers[0].as_str());
    for bad in [
        "?page=0",
        "?page_size=101",
        "?status=lost",
        "?sort=price",
        &format!("?q={}", "x".repeat(101)),
    ] {
        let res = get(bad).await;
        assert_eq!(res.status, 400, "{bad}: {:?}", res.json);
        assert_eq!(res.json["code"], "bad_request");
    }
    app.cleanup().await;
}
