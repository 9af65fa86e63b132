//! Unpaid orders expire: the job cancels them once, gives stock and coupon use back; the
//! confirmation message is in the outbox.

use crate::orders::{order, stock, variant_with_stock};
use serde_json::json;
use server::db::Backend;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(unpaid_orders_expire_and_give_stock_back);

async fn unpaid_orders_expire_and_give_stock_back(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let v = variant_with_stock(&app, "JK-002-01", 10).await;
    let card = app
        .place_order(
            "expiry-card-0001",
            &order(
                json!([{"variant_id": v, "quantity": 2}]),
                Some("WELCOME10"),
                "card",
            ),
            "",
        )
        .await;
    assert_eq!(card.status, 201, "{:?}", card.json);
    let cod = app
        .place_order(
            "expiry-cod-00001",
            &order(
                json!([{"variant_id": v, "quantity": 1}]),
                None,
                "cash_on_delivery",
            ),
            "",
        )
        .await;
    assert_eq!(cod.status, 201);
    assert_eq!(stock(&app, v).await, (10, 3));
    let number = card.json["number"].as_str().unwrap().to_string();

    // the confirmation is queued in the outbox with the order's number
    let subjects: Vec<String> = sqlx::query_scalar(
        "SELECT subject FROM messages WHERE kind = 'order_confirmation' ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(subjects.len(), 2);
    assert!(subjects[0].contains(&number));

    let pay_by = card.json["pay_by"].as_i64().unwrap();
    // before the deadline nothing happens
    assert_eq!(
        server::jobs::expiry::cancel_overdue(&app.db, pay_by - 1)
            .await
            .unwrap(),
        0
    );
    // after it, the card order is cancelled (once, however often the job runs)
    assert_eq!(
        server::jobs::expiry::cancel_overdue(&app.db, pay_by + 1)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        server::jobs::expiry::cancel_overdue(&app.db, pay_by + 2)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        stock(&app, v).await,
        (10, 1),
        "the COD order keeps its unit"
    );
    let (status, events): (String, i64) = sqlx::query_as(
        "SELECT o.status, (SELECT COUNT(*) FROM order_events e WHERE e.order_id = o.id) FROM orders o WHERE o.number = $1",
    )
    .bind(&number)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((status.as_str(), events), ("cancelled", 2));
    // the welcome coupon can be used again
    let again = app
        .place_order(
            "expiry-card-0002",
            &order(
                json!([{"variant_id": v, "quantity": 1}]),
                Some("WELCOME10"),
                "card",
            ),
            "",
        )
        .await;
    assert_eq!(again.status, 201, "{:?}", again.json);
    app.cleanup().await;
}
