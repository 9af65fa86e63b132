//! Refunds, delivery address changes, carriers' delivery webhooks and completion: a card
//! order is refunded in part and then in full through the gateway's signed webhook; a
//! bank-transfer order's refunds are recorded; two refunds racing never give back more than
//! was paid; unpaid orders cannot be refunded; an address changes until the order ships; a
//! carrier's signed "delivered" delivers the shipment and the order, which is completed
//! after the configured days.

use serde_json::{json, Value};
use server::db::Backend;
use server::payments::signature;
use shared::staff::StaffRole;
use storekeep_tests::{guest_order, StaffLogin, TestApp};

storekeep_tests::on_both_backends!(
    a_card_order_is_refunded_in_part_then_in_full,
    two_refunds_at_once_never_pass_the_payment,
    an_address_changes_until_the_order_ships,
    a_carriers_signed_delivery_delivers_and_completes_the_order,
);

/// POSTs as staff; a refund goes with a new `Idempotency-Key` each time (a new request).
async fn post(app: &TestApp, path: &str, body: Value, who: &StaffLogin) -> (u16, Value) {
    static KEYS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let res = match path
        .strip_suffix("/refunds")
        .and_then(|p| p.rsplit('/').next())
    {
        Some(number) => {
            let n = KEYS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            app.refund(number, &body, &who.cookie, &format!("test-refund-{n:06}"))
                .await
        }
        None => app.post_json(path, &body, &who.cookie).await,
    };
    (res.status, res.json)
}

async fn detail(app: &TestApp, number: &str, who: &StaffLogin) -> Value {
    app.get_with(&format!("/api/v1/admin/orders/{number}"), &who.cookie)
        .await
        .json
}

/// A card order paid on the sandbox gateway; its number.
async fn paid_card_order(app: &TestApp, key: &str) -> String {
    let variant = app.variant_with_stock("PH-002-01", 10).await;
    let placed = app
        .place_order(key, &guest_order("card@example.cn", variant, 1, "card"), "")
        .await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    let number = placed.json["number"].as_str().unwrap().to_string();
    let token = placed.json["access_token"].as_str().unwrap();
    app.pay_by_card(&number, token).await;
    number
}

async fn a_card_order_is_refunded_in_part_then_in_full(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    let number = paid_card_order(&app, "refund-card-1").await;
    let order = detail(&app, &number, &clerk).await;
    assert_eq!(order["status"], "paid");
    let paid = order["paid"]["minor"].as_i64().unwrap();
    assert_eq!(paid, order["totals"]["total"]["minor"].as_i64().unwrap());

    let path = format!("/api/v1/admin/orders/{number}/refunds");
    let (status, body) = post(
        &app,
        &path,
        json!({"amount": 1000, "reason": "颜色与图片不符，部分退款"}),
        &clerk,
    )
    .await;
    assert_eq!(status, 201, "{body:?}");
    assert_eq!(
        body[0]["status"], "succeeded",
        "the gateway's webhook settled it: {body:?}"
    );
    let order = detail(&app, &number, &clerk).await;
    assert_eq!(order["refunded"]["minor"], 1000);
    assert_eq!(
        order["status"], "paid",
        "a part refund leaves the order as it is"
    );
    // never more than is left
    let (status, body) = post(
        &app,
        &path,
        json!({"amount": paid - 999, "reason": "too much"}),
        &clerk,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str(), body["field"].as_str()),
        (422, Some("more_than_paid"), Some("amount"))
    );
    let (status, _) = post(
        &app,
        &path,
        json!({"amount": 0, "reason": "nothing"}),
        &clerk,
    )
    .await;
    assert_eq!(status, 422);
    let (status, _) = post(&app, &path, json!({"amount": 100, "reason": "  "}), &clerk).await;
    assert_eq!(status, 422, "a reason is needed");
    let (status, body) = post(
        &app,
        &path,
        json!({"amount": paid - 1000, "reason": "客户取消"}),
        &clerk,
    )
    .await;
    assert_eq!(status, 201, "{body:?}");
    let order = detail(&app, &number, &clerk).await;
    assert_eq!(order["status"], "refunded");
    // refunded before anything was allocated: its stock is free again, the books agree
    let reserved: i64 = sqlx::query_scalar("SELECT CAST(SUM(s.reserved) AS BIGINT) FROM stock_levels s JOIN product_variants v ON v.id = s.variant_id WHERE v.sku = 'PH-002-01'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(reserved, 0);
    let wrong = app.ledger_mismatches().await;
    assert!(wrong.is_empty(), "{wrong:?}");
    assert_eq!(order["refunded"]["minor"].as_i64(), Some(paid));
    let about: Vec<&Value> = order["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["about"])
        .collect();
    assert!(
        about.iter().any(|n| n["kind"] == "refund_returned"),
        "{about:?}"
    );
    // nothing is left to refund; an unpaid order has nothing to refund
    let (status, _) = post(&app, &path, json!({"amount": 1, "reason": "again"}), &clerk).await;
    assert_eq!(status, 422);
    let unpaid = app.bank_transfer_order("refund-unpaid-1").await;
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/orders/{unpaid}/refunds"),
        json!({"amount": 100, "reason": "no"}),
        &clerk,
    )
    .await;
    assert_eq!((status, body["problem"].as_str()), (409, Some("not_paid")));
    // a retried request (same key) refunds once; the key with another request is refused
    let first = app
        .refund(
            &number,
            &json!({"amount": 1, "reason": "retry"}),
            &clerk.cookie,
            "same-key-0001",
        )
        .await;
    assert_eq!(
        first.status, 422,
        "nothing left to refund: {:?}",
        first.json
    );
    let second = app
        .refund(
            &number,
            &json!({"amount": 2, "reason": "retry"}),
            &clerk.cookie,
            "same-key-0001",
        )
        .await;
    assert_eq!(second.status, 422);
    let missing = app
        .post_json(
            &path,
            &json!({"amount": 1, "reason": "no key"}),
            &clerk.cookie,
        )
        .await;
    assert_eq!(
        (missing.status, missing.json["field"].as_str()),
        (400, Some("Idempotency-Key"))
    );
    // who may: not the warehouse
    let picker = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let (status, _) = post(&app, &path, json!({"amount": 1, "reason": "x"}), &picker).await;
    assert_eq!(status, 403);
    app.cleanup().await;
}

async fn two_refunds_at_once_never_pass_the_payment(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let other = app.with_staff(&[StaffRole::Finance]).await;
    let number = app.bank_transfer_order("refund-race-1").await;
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/mark-paid"),
        json!({}),
        &owner,
    )
    .await;
    assert_eq!(status, 204);
    let paid = detail(&app, &number, &owner).await["paid"]["minor"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/admin/orders/{number}/refunds");
    let ask = json!({"amount": paid * 2 / 3, "reason": "两人同时退款"});
    // the same request sent twice (a double click) refunds once
    let small = json!({"amount": 100, "reason": "双击"});
    let once = app
        .refund(&number, &small, &owner.cookie, "double-click-0001")
        .await;
    let again = app
        .refund(&number, &small, &owner.cookie, "double-click-0001")
        .await;
    assert_eq!((once.status, again.status), (201, 201));
    assert_eq!(once.json, again.json, "the first answer, again");
    let other_body = app
        .refund(
            &number,
            &json!({"amount": 200, "reason": "双击"}),
            &owner.cookie,
            "double-click-0001",
        )
        .await;
    assert_eq!(
        (other_body.status, other_body.json["problem"].as_str()),
        (422, Some("idempotency_key_reused"))
    );
    for _ in 0..3 {
        let (a, b) = tokio::join!(
            post(&app, &path, ask.clone(), &owner),
            post(&app, &path, ask.clone(), &other)
        );
        let mut statuses = [a.0, b.0];
        statuses.sort_unstable();
        assert!(
            statuses == [201, 422] || statuses == [422, 422],
            "{a:?} {b:?}"
        );
    }
    let refunded: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.number = $1")
        .bind(&number)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        refunded,
        100 + paid * 2 / 3,
        "one refund of the two racing, never both"
    );
    app.cleanup().await;
}

async fn an_address_changes_until_the_order_ships(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let placed = app
        .order_sku("address-1", "TS-001-01", 1, 10, "cash_on_delivery")
        .await;
    let number = placed.json["number"].as_str().unwrap().to_string();
    let path = format!("/api/v1/admin/orders/{number}/address");
    let moved = json!({"type": "china", "recipient": "韩梅梅", "phone": "13912345678", "division_code": "440106", "detail": "天河路 1 号"});
    let res = app
        .send(reqwest::Method::PUT, &path, Some(&moved), &owner.cookie)
        .await;
    assert_eq!(res.status, 204, "{:?}", res.json);
    let order = detail(&app, &number, &owner).await;
    assert_eq!(order["address"]["recipient"], "韩梅梅");
    assert!(order["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["about"]["kind"] == "address_changed"));
    // a made-up district is refused; now it goes to Guangzhou's warehouse
    let bad = json!({"type": "china", "recipient": "韩梅梅", "phone": "13912345678", "division_code": "999999", "detail": "x"});
    let res = app
        .send(reqwest::Method::PUT, &path, Some(&bad), &owner.cookie)
        .await;
    assert_eq!(res.status, 422, "{:?}", res.json);
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/allocate"),
        json!({}),
        &owner,
    )
    .await;
    assert_eq!(status, 200, "{body:?}");
    let order = detail(&app, &number, &owner).await;
    assert_eq!(
        order["shipments"][0]["warehouse_code"], "GZ-01",
        "nearest to the new address"
    );
    ship(
        &app,
        &owner,
        order["shipments"][0]["id"].as_i64().unwrap(),
        "SF900000000001",
    )
    .await;
    let res = app
        .send(reqwest::Method::PUT, &path, Some(&moved), &owner.cookie)
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (409, Some("already_shipped"))
    );
    app.cleanup().await;
}

/// Picks, packs and ships a shipment alone on a new pick list.
async fn ship(app: &TestApp, who: &StaffLogin, shipment: i64, tracking: &str) {
    let warehouse: i64 = sqlx::query_scalar("SELECT warehouse_id FROM shipments WHERE id = $1")
        .bind(shipment)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let (status, list) = post(
        app,
        "/api/v1/admin/pick-lists",
        json!({"warehouse": warehouse}),
        who,
    )
    .await;
    assert_eq!(status, 201, "{list:?}");
    let id = list["row"]["id"].as_i64().unwrap();
    for line in list["lines"].as_array().unwrap() {
        let res = app
            .send(
                reqwest::Method::PUT,
                &format!("/api/v1/admin/pick-lists/{id}/lines/{}", line["variant"]),
                Some(&json!({"picked": line["quantity"]})),
                &who.cookie,
            )
            .await;
        assert_eq!(res.status, 200);
    }
    assert_eq!(
        post(
            app,
            &format!("/api/v1/admin/pick-lists/{id}/complete"),
            json!({}),
            who
        )
        .await
        .0,
        200
    );
    assert_eq!(
        post(
            app,
            &format!("/api/v1/admin/shipments/{shipment}/pack"),
            json!({"package": "small", "weight_grams": 300}),
            who
        )
        .await
        .0,
        204
    );
    let (status, body) = post(
        app,
        &format!("/api/v1/admin/shipments/{shipment}/ship"),
        json!({"carrier": "sf_express", "tracking_number": tracking}),
        who,
    )
    .await;
    assert_eq!(status, 200, "{body:?}");
}

async fn a_carriers_signed_delivery_delivers_and_completes_the_order(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let placed = app
        .order_sku("carrier-1", "TS-001-01", 1, 10, "cash_on_delivery")
        .await;
    let number = placed.json["number"].as_str().unwrap().to_string();
    let (_, body) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/allocate"),
        json!({}),
        &owner,
    )
    .await;
    let shipment = body["shipments"][0].as_i64().unwrap();
    ship(&app, &owner, shipment, "SF700000000001").await;

    let secret = server::Config::default().carrier_webhook_secret;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let send = |sig: String, body: String| {
        let app = &app;
        async move {
            let res = app
                .client
                .post(app.url("/api/v1/carriers/webhook"))
                .header("carrier-signature", sig)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let transit = json!({"id": "sf-evt-1", "carrier": "sf_express", "tracking_number": "SF700000000001", "event": "in_transit", "detail": "上海转运中心"}).to_string();
    let delivered = json!({"id": "sf-evt-2", "carrier": "sf_express", "tracking_number": "sf700000000001", "event": "delivered", "detail": "本人"}).to_string();
    // forged: refused, nothing changes
    let (status, _) = send(
        signature::sign("wrong secret", now, delivered.as_bytes()),
        delivered.clone(),
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(detail(&app, &number, &owner).await["status"], "shipped");
    assert_eq!(
        send(
            signature::sign(&secret, now, transit.as_bytes()),
            transit.clone()
        )
        .await,
        (200, "ok".into())
    );
    assert_eq!(
        send(
            signature::sign(&secret, now, delivered.as_bytes()),
            delivered.clone()
        )
        .await,
        (200, "ok".into())
    );
    assert_eq!(
        send(
            signature::sign(&secret, now, delivered.as_bytes()),
            delivered.clone()
        )
        .await,
        (200, "already processed".into())
    );
    let order = detail(&app, &number, &owner).await;
    assert_eq!(order["status"], "delivered");
    let ship = app
        .get_with(
            &format!("/api/v1/admin/shipments/{shipment}"),
            &owner.cookie,
        )
        .await;
    let about: Vec<&Value> = ship.json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["about"])
        .collect();
    assert!(
        about
            .iter()
            .any(|n| n["kind"] == "in_transit" && n["detail"] == "上海转运中心")
            && about
                .iter()
                .any(|n| n["kind"] == "delivered" && n["signed_by"] == "本人"),
        "{about:?}"
    );
    assert_eq!(
        ship.json["events"].as_array().unwrap().last().unwrap()["actor"],
        "carrier:sf_express"
    );
    let unknown = json!({"id": "sf-evt-3", "carrier": "sf_express", "tracking_number": "SF000", "event": "delivered"}).to_string();
    assert_eq!(
        send(signature::sign(&secret, now, unknown.as_bytes()), unknown).await,
        (200, "no such parcel".into())
    );

    // completed once the days after delivery have passed (not before)
    let later = server::db::now_millis();
    assert_eq!(
        server::jobs::completion::complete_delivered(&app.db, 7, later)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        server::jobs::completion::complete_delivered(&app.db, 7, later + 8 * 86_400_000)
            .await
            .unwrap(),
        1
    );
    assert_eq!(detail(&app, &number, &owner).await["status"], "completed");
    app.cleanup().await;
}
