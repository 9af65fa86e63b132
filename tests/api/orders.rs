//! Order placement: re-pricing, coupons, shipping, stock reservation without oversell,
//! idempotency — on SQLite and PostgreSQL.

use serde_json::{json, Value};
use server::db::Backend;
use std::sync::Arc;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    a_cash_on_delivery_order_is_priced_by_the_server,
    coupons_and_shipping_rules_apply,
    expired_used_up_and_other_peoples_coupons_are_refused,
    fifty_shoppers_race_for_ten_units,
    two_lines_of_one_variant_count_together,
    a_repeated_key_returns_the_first_answer,
    bad_orders_are_refused_clearly,
);

/// The id of a variant by SKU, after setting its stock to `on_hand` in the first warehouse
/// and nothing in the others.
pub(crate) async fn variant_with_stock(app: &TestApp, sku: &str, on_hand: i64) -> i64 {
    let id: i64 = sqlx::query_scalar("SELECT id FROM product_variants WHERE sku = $1")
        .bind(sku)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE stock_levels SET on_hand = 0, reserved = 0 WHERE variant_id = $1")
        .bind(id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.db.commits.note(); // a write the server did not make itself
    sqlx::query("UPDATE stock_levels SET on_hand = $1 WHERE variant_id = $2 AND warehouse_id = (SELECT MIN(id) FROM warehouses)")
        .bind(on_hand)
        .bind(id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.db.commits.note(); // a write the server did not make itself
    id
}

pub(crate) async fn stock(app: &TestApp, variant: i64) -> (i64, i64) {
    sqlx::query_as("SELECT CAST(SUM(on_hand) AS BIGINT), CAST(SUM(reserved) AS BIGINT) FROM stock_levels WHERE variant_id = $1")
        .bind(variant)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

pub(crate) fn order(lines: Value, coupon: Option<&str>, payment: &str) -> Value {
    json!({
        "lines": lines,
        "email": "buyer@example.cn",
        "address": {"type": "china", "recipient": "李雷", "phone": "+86 138 0013 8000",
                    "division_code": "310115", "detail": "浦东新区世纪大道 100 号"},
        "shipping_method": "standard",
        "payment_method": payment,
        "coupon_code": coupon,
    })
}

async fn a_cash_on_delivery_order_is_priced_by_the_server(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    // TS-001-01: the ¥79 tee; the client's "unit_price" and "total" are ignored
    let v = variant_with_stock(&app, "TS-001-01", 20).await;
    let mut body = order(
        json!([{"variant_id": v, "quantity": 2, "unit_price": 1}]),
        None,
        "cash_on_delivery",
    );
    body["total"] = json!(1);
    let res = app.place_order("checkout-attempt-0001", &body, "").await;
    assert_eq!(res.status, 201, "{:?}", res.json);
    let placed = &res.json;
    assert_eq!(placed["status"], "processing", "COD needs no payment first");
    assert_eq!(placed["totals"]["items"]["minor"], 15_800);
    assert_eq!(
        placed["totals"]["shipping"]["minor"], 0,
        "Shanghai, over ¥99: free"
    );
    assert_eq!(placed["totals"]["total"]["minor"], 15_800);
    let number = placed["number"].as_str().unwrap();
    assert!(number.starts_with("SK") && number.len() == 12, "{number}");
    assert!(placed["pay_by"].is_null());
    assert_eq!(stock(&app, v).await, (20, 2), "two units reserved");
    let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.number = $1")
        .bind(number)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(events, 1);

    // a card order waits for payment, with a deadline; numbers count up within the day
    let card = app
        .place_order(
            "checkout-attempt-0002",
            &order(json!([{"variant_id": v, "quantity": 1}]), None, "card"),
            "",
        )
        .await;
    assert_eq!(card.json["status"], "pending_payment");
    assert!(card.json["pay_by"].as_i64().is_some());
    assert_eq!(
        card.json["totals"]["shipping"]["minor"], 800,
        "under ¥99: ¥8 in the near zone"
    );
    let next = card.json["number"].as_str().unwrap();
    assert_eq!(&next[..8], &number[..8]);
    assert!(next > number);
    app.cleanup().await;
}

async fn coupons_and_shipping_rules_apply(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    // JK-001-01: the lightweight down jacket, ¥299
    let v = variant_with_stock(&app, "JK-001-01", 20).await;
    let one = json!([{"variant_id": v, "quantity": 1}]);
    let below = app
        .place_order(
            "coupon-attempt-01",
            &order(one.clone(), Some("MJ300-50"), "cash_on_delivery"),
            "",
        )
        .await;
    assert_eq!(below.status, 422);
    assert_eq!(below.json["problem"], "coupon_below_threshold");
    let two = json!([{"variant_id": v, "quantity": 2}]);
    let mj = app
        .place_order(
            "coupon-attempt-02",
            &order(two, Some("mj300-50"), "cash_on_delivery"),
            "",
        )
        .await;
    assert_eq!(mj.status, 201, "{:?}", mj.json);
    assert_eq!(mj.json["totals"]["items"]["minor"], 59_800);
    assert_eq!(
        mj.json["totals"]["discount"]["minor"], 5_000,
        "every full ¥300: one ¥50"
    );
    assert_eq!(mj.json["coupon_code"], "MJ300-50");
    let welcome = app
        .place_order(
            "coupon-attempt-03",
            &order(one.clone(), Some("WELCOME10"), "cash_on_delivery"),
            "",
        )
        .await;
    assert_eq!(welcome.json["totals"]["discount"]["minor"], 2_990);
    let again = app
        .place_order(
            "coupon-attempt-04",
            &order(one.clone(), Some("WELCOME10"), "cash_on_delivery"),
            "",
        )
        .await;
    assert_eq!(
        again.json["problem"], "coupon_already_used",
        "once per customer"
    );
    let unknown = app
        .place_order(
            "coupon-attempt-05",
            &order(one.clone(), Some("NOPE-123"), "cash_on_delivery"),
            "",
        )
        .await;
    assert_eq!(unknown.json["problem"], "coupon_unknown");
    // Xinjiang is in the far zone; abroad costs more
    let mut far = order(one.clone(), None, "cash_on_delivery");
    far["address"]["division_code"] = json!("650102");
    far["shipping_method"] = json!("express");
    let res = app.place_order("shipping-attempt-1", &far, "").await;
    assert_eq!(res.json["totals"]["shipping"]["minor"], 2_500);
    // refused coupons and shipping leave no reservation behind
    assert_eq!(stock(&app, v).await.1, 2 + 1 + 1);
    app.cleanup().await;
}

async fn fifty_shoppers_race_for_ten_units(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let app = Arc::new(app);
    let v = variant_with_stock(&app, "PH-001-01", 10).await;
    let mut tasks = Vec::new();
    for i in 0..50 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let body = order(
                json!([{"variant_id": v, "quantity": 1}]),
                None,
                "cash_on_delivery",
            );
            app.place_order(&format!("race-key-{i:04}"), &body, "")
                .await
                .status
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    let placed = statuses.iter().filter(|s| **s == 201).count();
    let refused = statuses.iter().filter(|s| **s == 409).count();
    assert_eq!((placed, refused), (10, 40), "{statuses:?}");
    assert_eq!(
        stock(&app, v).await,
        (10, 10),
        "all ten reserved, none oversold"
    );
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(orders, 10);
    let numbers: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT number) FROM orders")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(numbers, 10);
    Arc::into_inner(app).unwrap().cleanup().await;
}

async fn two_lines_of_one_variant_count_together(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let app = Arc::new(app);
    let v = variant_with_stock(&app, "SN-002-03", 10).await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let lines = json!([{"variant_id": v, "quantity": 1}, {"variant_id": v, "quantity": 2}]);
            app.place_order(
                &format!("two-lines-{i:04}"),
                &order(lines, None, "cash_on_delivery"),
                "",
            )
            .await
            .status
        }));
    }
    let mut placed = 0;
    for t in tasks {
        if t.await.unwrap() == 201 {
            placed += 1;
        }
    }
    assert_eq!(placed, 3, "3 units per order, 10 in stock");
    let (on_hand, reserved) = stock(&app, v).await;
    assert_eq!((on_hand, reserved), (10, 9));
    let qty: i64 = sqlx::query_scalar(
        "SELECT CAST(SUM(quantity) AS BIGINT) FROM order_lines WHERE variant_id = $1",
    )
    .bind(v)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(qty, 9, "one line of 3 per order");
    Arc::into_inner(app).unwrap().cleanup().await;
}

async fn a_repeated_key_returns_the_first_answer(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let app = Arc::new(app);
    let v = variant_with_stock(&app, "HP-001-01", 10).await;
    let body = order(
        json!([{"variant_id": v, "quantity": 1}]),
        None,
        "bank_transfer",
    );
    let (a, b) = {
        let (app1, app2, b1, b2) = (app.clone(), app.clone(), body.clone(), body.clone());
        tokio::join!(
            tokio::spawn(async move { app1.place_order("double-click-0001", &b1, "").await }),
            tokio::spawn(async move { app2.place_order("double-click-0001", &b2, "").await }),
        )
    };
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!((a.status, b.status), (201, 201));
    assert_eq!(a.json, b.json, "the same answer, byte for byte");
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(orders, 1, "one order for a double click");
    assert_eq!(stock(&app, v).await.1, 1);

    let other = order(
        json!([{"variant_id": v, "quantity": 2}]),
        None,
        "bank_transfer",
    );
    let reused = app.place_order("double-click-0001", &other, "").await;
    assert_eq!(reused.status, 422);
    assert_eq!(reused.json["problem"], "idempotency_key_reused");
    Arc::into_inner(app).unwrap().cleanup().await;
}

async fn bad_orders_are_refused_clearly(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let v = variant_with_stock(&app, "KT-001-01", 5).await;
    let good = order(
        json!([{"variant_id": v, "quantity": 1}]),
        None,
        "cash_on_delivery",
    );
    let no_key = app
        .client
        .post(app.url("/api/v1/store/orders"))
        .header("cookie", "sk_csrf=t")
        .header("x-csrf-token", "t")
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(no_key.status(), 400);
    let cases: Vec<(Value, u16, &str)> = vec![
        (order(json!([]), None, "cash_on_delivery"), 422, "lines"),
        (
            order(
                json!([{"variant_id": 999_999, "quantity": 1}]),
                None,
                "cash_on_delivery",
            ),
            422,
            "variant_unavailable",
        ),
        (
            order(
                json!([{"variant_id": v, "quantity": 6}]),
                None,
                "cash_on_delivery",
            ),
            409,
            "out_of_stock",
        ),
        (
            {
                let mut o = good.clone();
                o["address"]["phone"] = json!("12345");
                o
            },
            422,
            "invalid_mobile",
        ),
        (
            {
                let mut o = good.clone();
                o["address"]["division_code"] = json!("31");
                o
            },
            422,
            "invalid_division",
        ),
        (
            {
                let mut o = good.clone();
                o["email"] = json!("nope");
                o
            },
            422,
            "invalid_email",
        ),
        (
            {
                let mut o = good.clone();
                o["shipping_method"] = json!("teleport");
                o
            },
            422,
            "shipping_method_unknown",
        ),
    ];
    for (i, (body, status, problem)) in cases.into_iter().enumerate() {
        let res = app
            .place_order(&format!("bad-order-{i:04}"), &body, "")
            .await;
        assert_eq!(res.status, status, "case {i}: {:?}", res.json);
        assert_eq!(res.json["problem"], problem, "case {i}");
    }
    // quantities outside 1..=99 and non-numeric ids never reach the workflow
    for bad in [
        json!([{"variant_id": v, "quantity": 0}]),
        json!([{"variant_id": v, "quantity": 100}]),
        json!([{"variant_id": "x", "quantity": 1}]),
    ] {
        let res = app
            .place_order("bad-json-0001", &order(bad, None, "cash_on_delivery"), "")
            .await;
        assert_eq!(res.status, 400);
        assert_eq!(res.json["code"], "bad_request");
        // the answer names the field and the rule
        let field = res.json["field"].as_str().unwrap();
        assert!(field.starts_with("lines[0]."), "{:?}", res.json);
        assert!(
            res.json["message"].as_str().unwrap().contains(field),
            "{:?}",
            res.json
        );
    }
    assert_eq!(
        stock(&app, v).await.1,
        0,
        "nothing reserved by refused orders"
    );
    app.cleanup().await;
}

async fn expired_used_up_and_other_peoples_coupons_are_refused(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let v = variant_with_stock(&app, "JK-001-01", 20).await;
    let owner = app.register_customer("owner@example.cn").await;
    let other = app.register_customer("other@example.cn").await;
    let owner_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'owner@example.cn'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let now = server::db::now_millis();
    for (code, ends_at, limit, used, customer) in [
        ("EXPIRED-5", Some(now - 1_000), None, 0, None),
        ("ONLY-ONCE", None, Some(1), 1, None),
        ("FOR-OWNER", None, None, 0, Some(owner_id)),
    ] {
        sqlx::query(
            "INSERT INTO coupons (code, kind, amount, starts_at, ends_at, usage_limit_total, used_count, customer_id) \
             VALUES ($1, 'fixed', 500, 0, $2, $3, $4, $5)",
        )
        .bind(code)
        .bind(ends_at)
        .bind(limit)
        .bind(used)
        .bind(customer)
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
    let one = json!([{"variant_id": v, "quantity": 1}]);
    let cases = [
        ("EXPIRED-5", "", "coupon_expired"),
        ("ONLY-ONCE", "", "coupon_used_up"),
        ("FOR-OWNER", "", "coupon_not_yours"),
        ("FOR-OWNER", other.as_str(), "coupon_not_yours"),
    ];
    for (i, (code, session, problem)) in cases.into_iter().enumerate() {
        let res = app
            .place_order(
                &format!("bad-coupon-{i:04}"),
                &order(one.clone(), Some(code), "cash_on_delivery"),
                session,
            )
            .await;
        assert_eq!(
            (res.status, res.json["problem"].as_str()),
            (422, Some(problem)),
            "{code}: {:?}",
            res.json
        );
        assert!(res.json["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // nothing was written by the refused attempts
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(orders, 0);
    assert_eq!(stock(&app, v).await, (20, 0));
    // the owner may use it, once the quote has said so
    let quote = app
        .post_json(
            "/api/v1/store/cart/quote",
            &json!({"items": [{"variant_id": v, "quantity": 1}], "coupon_code": "FOR-OWNER"}),
            &owner,
        )
        .await;
    assert_eq!(
        quote.json["coupon"]["status"], "applied",
        "{:?}",
        quote.json
    );
    let mut body = order(one, Some("FOR-OWNER"), "cash_on_delivery");
    body["email"] = json!("owner@example.cn");
    let res = app.place_order("owner-coupon-0001", &body, &owner).await;
    assert_eq!(res.status, 201, "{:?}", res.json);
    assert_eq!(res.json["totals"]["discount"]["minor"], 500);
    app.cleanup().await;
}
