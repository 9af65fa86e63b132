//! Card payments through the sandbox gateway: page, approval, signed webhook, replays.

use serde_json::json;
use server::db::Backend;
use server::payments::{sandbox, signature};
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    approving_on_the_gateway_marks_the_order_paid,
    webhooks_must_be_signed_fresh_and_new,
);

/// Places a card order as a guest; returns its number and access token.
async fn card_order(app: &TestApp, key: &str) -> (String, String) {
    let v: i64 = sqlx::query_scalar("SELECT id FROM product_variants WHERE sku = 'PH-002-01'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE stock_levels SET on_hand = 10, reserved = 0 WHERE variant_id = $1")
        .bind(v)
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.db.commits.note(); // a write the server did not make itself
    let body = json!({
        "lines": [{"variant_id": v, "quantity": 1}],
        "email": "card@example.cn",
        "address": {"type": "china", "recipient": "王芳", "phone": "13900139000", "division_code": "440305", "detail": "科技园 1 号"},
        "shipping_method": "standard",
        "payment_method": "card",
    });
    let res = app.place_order(key, &body, "").await;
    assert_eq!(res.status, 201, "{:?}", res.json);
    (
        res.json["number"].as_str().unwrap().to_string(),
        res.json["access_token"].as_str().unwrap().to_string(),
    )
}

/// Starts a card payment as the buyer; returns the gateway page's path.
async fn start_payment(app: &TestApp, (number, token): &(String, String)) -> String {
    let start = app
        .post_json(
            &format!("/api/v1/store/orders/{number}/payments"),
            &json!({ "access_token": token }),
            "",
        )
        .await;
    assert_eq!(start.status, 200, "{:?}", start.json);
    start.json["redirect_url"].as_str().unwrap().to_string()
}

async fn order_status(app: &TestApp, number: &str) -> String {
    sqlx::query_scalar("SELECT status FROM orders WHERE number = $1")
        .bind(number)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn approving_on_the_gateway_marks_the_order_paid(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let placed = card_order(&app, "pay-card-00001").await;
    let number = placed.0.clone();
    // only the buyer may pay: without (or with a wrong) access token the order "does not exist"
    for token in ["", "0123456789abcdef0123456789abcdef"] {
        let stranger = app
            .post_json(
                &format!("/api/v1/store/orders/{number}/payments"),
                &json!({ "access_token": token }),
                "",
            )
            .await;
        assert_eq!(stranger.status, 404, "{:?}", stranger.json);
    }
    let redirect = start_payment(&app, &placed).await;
    assert!(redirect.starts_with("/sandbox-pay/sbx_"));

    // the gateway's page shows what is paid for; the shop stores no card data
    let (status, html) = app.get_html(&redirect).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&number) && html.contains("¥2,779.00"),
        "{html:.400}"
    );
    let res = app
        .client
        .post(app.url(&format!("{redirect}/approve")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let outcome = res.text().await.unwrap();
    assert!(outcome.contains("Payment approved"));
    assert_eq!(order_status(&app, &number).await, "paid");

    // the gateway's "back" button opens the order page, which shows it paid
    let back = outcome
        .split("href=\"")
        .find_map(|part| part.strip_prefix("/orders/"))
        .and_then(|rest| rest.split('"').next())
        .map(|rest| format!("/orders/{rest}"))
        .expect("a link back to the order");
    assert!(back.contains("token="), "{back}");
    let (status, page) = app.get_html(&back).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&number) && page.contains("已付款"),
        "{page:.300}"
    );
    // without the token the order is nobody's business
    let (status, _) = app
        .get_json(&format!("/api/v1/store/orders/{number}"))
        .await;
    assert_eq!(status, 404);
    let (status, _) = app.get_html(&format!("/orders/{number}")).await;
    assert_eq!(status, 404);
    let events: Vec<String> = sqlx::query_scalar(
        "SELECT e.to_status FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.number = $1 ORDER BY e.id",
    )
    .bind(&number)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(events, ["pending_payment", "paid"]);
    // approving twice changes nothing; a paid order cannot start another payment
    app.client
        .post(app.url(&format!("{redirect}/approve")))
        .send()
        .await
        .unwrap();
    let again = app
        .post_json(
            &format!("/api/v1/store/orders/{number}/payments"),
            &json!({ "access_token": placed.1 }),
            "",
        )
        .await;
    assert_eq!(again.status, 404, "a paid order waits for no payment");

    // a declined payment leaves the order waiting (the expiry job will cancel it)
    let other_order = card_order(&app, "pay-card-00002").await;
    let other = other_order.0.clone();
    let redirect = start_payment(&app, &other_order).await;
    app.client
        .post(app.url(&format!("{redirect}/decline")))
        .send()
        .await
        .unwrap();
    assert_eq!(order_status(&app, &other).await, "pending_payment");
    app.cleanup().await;
}

async fn webhooks_must_be_signed_fresh_and_new(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let placed = card_order(&app, "pay-hook-00001").await;
    let number = placed.0.clone();
    let session = start_payment(&app, &placed)
        .await
        .trim_start_matches("/sandbox-pay/")
        .to_string();
    let amount: i64 = sqlx::query_scalar("SELECT grand_total FROM orders WHERE number = $1")
        .bind(&number)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let event = json!({"id": "evt_test_1", "type": "payment.succeeded", "session": session,
                       "order_number": number, "amount": amount, "currency": "CNY"})
    .to_string();
    let secret = server::Config::default().sandbox_pay_secret;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let send = |sig: String, body: String| {
        let app = &app;
        async move {
            app.client
                .post(app.url(sandbox::WEBHOOK_PATH))
                .header(sandbox::SIGNATURE_HEADER, sig)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    // forged, tampered and stale messages are refused and change nothing
    assert_eq!(
        send(
            signature::sign("not the secret", now, event.as_bytes()),
            event.clone()
        )
        .await,
        401
    );
    let tampered = event.replace("payment.succeeded", "payment.declined");
    assert_eq!(
        send(signature::sign(&secret, now, event.as_bytes()), tampered).await,
        401
    );
    assert_eq!(
        send(
            signature::sign(&secret, now - 3_600, event.as_bytes()),
            event.clone()
        )
        .await,
        400
    );
    assert_eq!(send(String::new(), event.clone()).await, 401);
    assert_eq!(order_status(&app, &number).await, "pending_payment");

    // the genuine message works once; its replay is accepted and ignored
    let good = signature::sign(&secret, now, event.as_bytes());
    assert_eq!(send(good.clone(), event.clone()).await, 200);
    assert_eq!(order_status(&app, &number).await, "paid");
    assert_eq!(send(good, event).await, 200);
    let paid_events: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM order_events WHERE to_status = 'paid'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(paid_events, 1);

    // a payment that arrives after the order was cancelled leaves it cancelled and says a
    // refund is due
    let late = card_order(&app, "pay-hook-00002").await;
    let late_session = start_payment(&app, &late)
        .await
        .trim_start_matches("/sandbox-pay/")
        .to_string();
    let id: i64 = sqlx::query_scalar("SELECT id FROM orders WHERE number = $1")
        .bind(&late.0)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let mut tx = app.db.begin_write().await.unwrap();
    let cancel = server::db::status::Move {
        to: shared::orders::OrderStatus::Cancelled,
        only_from: &[],
        actor: "system",
        reason: "test",
        at: 1,
    };
    server::db::status::change(&mut tx, id, cancel)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let event = json!({"id": "evt_test_2", "type": "payment.succeeded", "session": late_session,
                       "order_number": late.0, "amount": amount, "currency": "CNY"})
    .to_string();
    let sig = signature::sign(&secret, now, event.as_bytes());
    assert_eq!(send(sig, event).await, 200);
    assert_eq!(order_status(&app, &late.0).await, "cancelled");
    let notes: Vec<String> =
        sqlx::query_scalar("SELECT note FROM order_events WHERE order_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        notes.last().map(String::as_str),
        Some(r#"§{"kind":"paid_after_cancel"}"#),
        "{notes:?}"
    );
    app.cleanup().await;
}
