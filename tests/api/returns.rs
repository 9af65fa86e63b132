//! Returns (退货): a customer returns one unit of a delivered card order; customer service
//! approves, the warehouse receives and inspects it (restocked: the stock is back on the
//! ledger), finance refunds its share through the gateway, and the customer's timeline says
//! each step. The window, quantities beyond what was delivered, returning twice, another
//! customer's order and refunds beyond what was paid are refused with nothing written.

use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{guest_order, TestApp};

storekeep_tests::on_both_backends!(
    a_returned_unit_is_restocked_and_refunded,
    a_return_is_refused_outside_what_the_order_allows,
    refunds_from_returns_and_staff_never_pass_what_was_paid,
    an_exchange_ships_the_other_size_as_a_replacement_order,
);

/// A signed-in customer's card order for `quantity` of `sku`, paid, shipped and delivered;
/// their cookie, the order number and the variant.
async fn delivered_order(app: &TestApp, key: &str, quantity: u32) -> (String, String, i64) {
    let (_, cookie) = app.with_customer().await;
    let owner = app.owner().await;
    let variant = app.variant_with_stock("BD-001-01", 20).await;
    let placed = app
        .place_order(
            key,
            &guest_order("buyer@example.cn", variant, quantity, "card"),
            &cookie,
        )
        .await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    let number = placed.json["number"].as_str().unwrap().to_string();
    app.pay_by_card(&number, placed.json["access_token"].as_str().unwrap())
        .await;
    let shipment = app
        .ship_order(&owner.cookie, &number, &format!("SF{key}"))
        .await;
    // not delivered yet: nothing to return
    let early = ask(app, &number, &cookie, json!([{"line": 0, "quantity": 1}])).await;
    assert_eq!(
        (early.0, early.1["problem"].as_str()),
        (409, Some("not_delivered"))
    );
    let delivered = app
        .post_json(
            &format!("/api/v1/admin/shipments/{shipment}/deliver"),
            &json!({}),
            &owner.cookie,
        )
        .await;
    assert_eq!(delivered.status, 204, "{:?}", delivered.json);
    (cookie, number, variant)
}

async fn ask(app: &TestApp, number: &str, cookie: &str, lines: Value) -> (u16, Value) {
    let res = app
        .post_json(
            &format!("/api/v1/store/orders/{number}/returns"),
            &json!({"lines": lines, "reason": "defective", "comment": "屏幕有划痕", "resolution": "refund"}),
            cookie,
        )
        .await;
    (res.status, res.json)
}

async fn on_hand(app: &TestApp, variant: i64, warehouse: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT on_hand FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2",
    )
    .bind(variant)
    .bind(warehouse)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

fn steps(tracked: &Value) -> Vec<String> {
    tracked["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["milestone"]["step"].as_str().unwrap().to_string())
        .collect()
}

async fn a_returned_unit_is_restocked_and_refunded(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (cookie, number, variant) = delivered_order(&app, "return-flow-1", 2).await;
    let service = app.with_staff(&[StaffRole::CustomerService]).await;
    let warehouse = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let finance = app.with_staff(&[StaffRole::Finance]).await;

    // a photo of the fault, uploaded for this order first
    let photo = app
        .post_bytes(
            &format!("/api/v1/store/orders/{number}/photos"),
            "image/png",
            crate::catalog_admin::png(800, 600),
            &cookie,
        )
        .await;
    assert_eq!(photo.status, 201, "{:?}", photo.json);
    let key = photo.json["key"].as_str().unwrap().to_string();
    // nobody else may upload for it, nor name a photo not uploaded for it
    let (_, stranger) = app.with_customer().await;
    let theirs = app
        .post_bytes(
            &format!("/api/v1/store/orders/{number}/photos"),
            "image/png",
            crate::catalog_admin::png(10, 10),
            &stranger,
        )
        .await;
    assert_eq!(theirs.status, 404);
    let res = app
        .post_json(
            &format!("/api/v1/store/orders/{number}/returns"),
            &json!({"lines": [{"line": 0, "quantity": 1}], "reason": "defective",
                    "resolution": "refund", "photos": ["0123456789abcdef"]}),
            &cookie,
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("photos"))
    );
    let res = app
        .post_json(
            &format!("/api/v1/store/orders/{number}/returns"),
            &json!({"lines": [{"line": 0, "quantity": 1}], "reason": "defective",
                    "comment": "屏幕有划痕", "resolution": "refund", "photos": [key]}),
            &cookie,
        )
        .await;
    let (status, tracked) = (res.status, res.json);
    assert_eq!(status, 201, "{tracked:?}");
    let shown = tracked["returns"][0]["photos"][0].as_str().unwrap();
    assert!(shown.starts_with("/media/"), "{shown}");
    assert_eq!(app.get(shown).await.status(), 200);
    assert_eq!(tracked["returnable"], json!([1]));
    assert!(tracked["return_until"].is_i64());
    assert_eq!(steps(&tracked).last().unwrap(), "return_requested");
    let ret = &tracked["returns"][0];
    let id = ret["id"].as_i64().unwrap();
    assert_eq!(ret["status"], "requested");
    // one unit of two: half the line (there is no discount)
    let line_total = tracked["order"]["lines"][0]["line_total"]["minor"]
        .as_i64()
        .unwrap();
    assert_eq!(ret["share"]["minor"].as_i64().unwrap(), line_total / 2);
    // returning the same unit twice: one is left to return
    let (twice, body) = ask(&app, &number, &cookie, json!([{"line": 0, "quantity": 2}])).await;
    assert_eq!((twice, body["problem"].as_str()), (422, Some("quantity")));

    let path = |step: &str| format!("/api/v1/admin/returns/{id}/{step}");
    // each step is its role's: the warehouse does not approve, customer service does not refund
    let res = app
        .post_json(&path("approve"), &json!({"note": "x"}), &warehouse.cookie)
        .await;
    assert_eq!(res.status, 403);
    let res = app
        .post_json(
            &path("approve"),
            &json!({"note": "请用顺丰到付寄回上海仓"}),
            &service.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(res.json["status"], "approved");
    let sh = app.warehouse_id("SH-01").await;
    let before = on_hand(&app, variant, sh).await;
    let res = app
        .post_json(
            &path("receive"),
            &json!({"warehouse": sh}),
            &warehouse.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    // refunding before inspection is refused
    let res = app
        .post_json(&path("refund"), &json!({}), &finance.cookie)
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (409, Some("not_inspected"))
    );
    // every unit judged once
    let res = app
        .post_json(
            &path("inspect"),
            &json!({"lines": [{"line": 0, "restock": 1, "scrap": 1, "to_supplier": 0}]}),
            &warehouse.cookie,
        )
        .await;
    assert_eq!(res.status, 422, "{:?}", res.json);
    let res = app
        .post_json(
            &path("inspect"),
            &json!({"lines": [{"line": 0, "restock": 1, "scrap": 0, "to_supplier": 0}]}),
            &warehouse.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(res.json["lines"][0]["restocked"], 1);
    assert_eq!(
        on_hand(&app, variant, sh).await,
        before + 1,
        "back on the shelf"
    );
    app.assert_books_true().await;
    let res = app
        .post_json(&path("refund"), &json!({}), &service.cookie)
        .await;
    assert_eq!(res.status, 403);
    let res = app
        .post_json(&path("refund"), &json!({}), &finance.cookie)
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(res.json["status"], "refunded");
    assert_eq!(
        res.json["refunded"]["minor"].as_i64().unwrap(),
        line_total / 2
    );

    // the customer sees every step and the money back
    let tracked = app
        .get_with(&format!("/api/v1/store/orders/{number}/tracking"), &cookie)
        .await
        .json;
    let s = steps(&tracked);
    for step in [
        "return_requested",
        "return_approved",
        "return_received",
        "return_inspected",
        "return_refunded",
        "refunded",
    ] {
        assert!(s.contains(&step.to_string()), "{step} missing from {s:?}");
    }
    let approved = tracked["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["milestone"]["step"] == "return_approved")
        .unwrap();
    assert_eq!(
        approved["milestone"]["instructions"],
        "请用顺丰到付寄回上海仓"
    );
    assert_eq!(
        tracked["refunded"]["minor"].as_i64().unwrap(),
        line_total / 2
    );
    assert_eq!(
        tracked["returnable"],
        json!([1]),
        "the other unit may still come back"
    );
    // the customer was told, and staff's changes are in the audit log
    let mail = app.last_message_to("buyer@example.cn").await;
    assert!(
        mail.contains("退款已发起") || mail.contains(&number),
        "{mail}"
    );
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'return' AND entity_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audited, 4, "approve, receive, inspect, refund");
    // the queue
    let queue = app
        .get_with("/api/v1/admin/returns?status=refunded", &service.cookie)
        .await;
    assert_eq!(queue.status, 200, "{:?}", queue.json);
    assert_eq!(queue.json["total"], 1);
    app.cleanup().await;
}

async fn a_return_is_refused_outside_what_the_order_allows(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (cookie, number, _) = delivered_order(&app, "return-refuse-1", 1).await;
    let (_, stranger) = app.with_customer().await;
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM returns")
            .fetch_one(&app.db.pool)
            .await
            .unwrap()
    };
    // another customer's order is not found
    let (status, _) = ask(
        &app,
        &number,
        &stranger,
        json!([{"line": 0, "quantity": 1}]),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = ask(&app, &number, "", json!([{"line": 0, "quantity": 1}])).await;
    assert_eq!(status, 404);
    // lines the order does not have, none, twice, more than delivered
    for (lines, problem) in [
        (json!([]), "lines"),
        (json!([{"line": 3, "quantity": 1}]), "lines"),
        (
            json!([{"line": 0, "quantity": 1}, {"line": 0, "quantity": 1}]),
            "lines",
        ),
        (json!([{"line": 0, "quantity": 2}]), "quantity"),
    ] {
        let (status, body) = ask(&app, &number, &cookie, lines.clone()).await;
        assert_eq!(
            (status, body["problem"].as_str()),
            (422, Some(problem)),
            "{lines}"
        );
    }
    let exchange = app
        .post_json(
            &format!("/api/v1/store/orders/{number}/returns"),
            &json!({"lines": [{"line": 0, "quantity": 1}], "reason": "changed_mind",
                    "resolution": "exchange", "exchange_for": 1}),
            &cookie,
        )
        .await;
    assert_eq!(exchange.status, 422);
    // past the seven days
    sqlx::query(
        "UPDATE orders SET delivered_at = delivered_at - 8 * 24 * 3600 * 1000 WHERE number = $1",
    )
    .bind(&number)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let (status, body) = ask(&app, &number, &cookie, json!([{"line": 0, "quantity": 1}])).await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("window_closed"))
    );
    // nor are photos taken for it any more
    let photo = app
        .post_bytes(
            &format!("/api/v1/store/orders/{number}/photos"),
            "image/png",
            crate::catalog_admin::png(10, 10),
            &cookie,
        )
        .await;
    assert_eq!(
        (photo.status, photo.json["problem"].as_str()),
        (409, Some("window_closed"))
    );
    assert_eq!(count().await, 0, "nothing written");
    app.cleanup().await;
}

async fn refunds_from_returns_and_staff_never_pass_what_was_paid(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (cookie, number, _) = delivered_order(&app, "return-bound-1", 2).await;
    let owner = app.owner().await;
    let (status, tracked) = ask(&app, &number, &cookie, json!([{"line": 0, "quantity": 2}])).await;
    assert_eq!(status, 201, "{tracked:?}");
    let id = tracked["returns"][0]["id"].as_i64().unwrap();
    let paid = tracked["paid"]["minor"].as_i64().unwrap();
    let sh = app.warehouse_id("SH-01").await;
    for (step, body) in [
        ("approve", json!({"note": "寄回"})),
        ("receive", json!({"warehouse": sh})),
        (
            "inspect",
            json!({"lines": [{"line": 0, "restock": 2, "scrap": 0, "to_supplier": 0}]}),
        ),
    ] {
        let res = app
            .post_json(
                &format!("/api/v1/admin/returns/{id}/{step}"),
                &body,
                &owner.cookie,
            )
            .await;
        assert_eq!(res.status, 200, "{step}: {:?}", res.json);
    }
    // staff refund most of it by hand and the return's refund at the same moment: together
    // they never pass what was paid
    let hand = json!({"amount": paid - 100, "reason": "客服补偿"});
    let (empty, refund_path) = (json!({}), format!("/api/v1/admin/returns/{id}/refund"));
    let by_hand = app.refund(&number, &hand, &owner.cookie, "return-bound-hand-01");
    let by_return = app.post_json(&refund_path, &empty, &owner.cookie);
    let (a, b) = tokio::join!(by_hand, by_return);
    let given: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(r.amount), 0) AS BIGINT) FROM refunds r JOIN orders o ON o.id = r.order_id \
         WHERE o.number = $1 AND r.status IN ('pending', 'succeeded')",
    )
    .bind(&number)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert!(
        given <= paid,
        "{given} given back of {paid} ({} / {})",
        a.status,
        b.status
    );
    assert!(
        [a.status, b.status].contains(&422),
        "one of them was refused: {:?} {:?}",
        a.json,
        b.json
    );
    app.cleanup().await;
}

async fn an_exchange_ships_the_other_size_as_a_replacement_order(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let other = app.variant_with_stock("BD-001-04", 5).await;
    let (cookie, number, variant) = delivered_order(&app, "exchange-1", 1).await;
    let foreign = app.variant_with_stock("BD-002-01", 5).await;
    // the same bedding a size up costs more: bought, not exchanged
    let dearer = app.variant_with_stock("BD-001-02", 5).await;
    let service = app.with_staff(&[StaffRole::CustomerService]).await;
    let warehouse = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let owner = app.owner().await;

    // the form offers the product's other sizes and colours in stock
    let tracked = app
        .get_with(&format!("/api/v1/store/orders/{number}/tracking"), &cookie)
        .await
        .json;
    let offered: Vec<i64> = tracked["exchange_options"][0]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["variant"].as_i64().unwrap())
        .collect();
    assert!(offered.contains(&other), "{offered:?}");
    assert!(!offered.contains(&variant) && !offered.contains(&foreign));
    assert!(!offered.contains(&dearer), "{offered:?}");
    // another product, the same variant, or no variant at all: refused, nothing written
    let exchange = |wanted: Option<i64>| {
        json!({"lines": [{"line": 0, "quantity": 1}], "reason": "wrong_item",
               "comment": "尺码偏小", "resolution": "exchange", "exchange_for": wanted})
    };
    let path = format!("/api/v1/store/orders/{number}/returns");
    for wanted in [Some(foreign), Some(variant), Some(dearer), None] {
        let res = app.post_json(&path, &exchange(wanted), &cookie).await;
        assert_eq!(
            (res.status, res.json["problem"].as_str()),
            (422, Some("exchange")),
            "{wanted:?}: {:?}",
            res.json
        );
    }
    let none: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM returns")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(none, 0);
    let res = app.post_json(&path, &exchange(Some(other)), &cookie).await;
    assert_eq!(res.status, 201, "{:?}", res.json);
    let ret = &res.json["returns"][0];
    let id = ret["id"].as_i64().unwrap();
    assert_eq!(
        (ret["resolution"].as_str(), ret["exchange_for"].as_i64()),
        (Some("exchange"), Some(other))
    );

    let step = |name: &str| format!("/api/v1/admin/returns/{id}/{name}");
    let res = app
        .post_json(
            &step("approve"),
            &json!({"note": "请寄回上海仓"}),
            &service.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    // not before inspection
    let res = app
        .post_json(&step("exchange"), &json!({}), &service.cookie)
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (409, Some("not_inspected"))
    );
    let sh = app.warehouse_id("SH-01").await;
    let res = app
        .post_json(
            &step("receive"),
            &json!({"warehouse": sh}),
            &warehouse.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    let res = app
        .post_json(
            &step("inspect"),
            &json!({"lines": [{"line": 0, "restock": 1, "scrap": 0, "to_supplier": 0}]}),
            &warehouse.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    // the warehouse does not send exchanges; none free of the wanted size: refused, nothing written
    let res = app
        .post_json(&step("exchange"), &json!({}), &warehouse.cookie)
        .await;
    assert_eq!(res.status, 403);
    app.variant_with_stock("BD-001-04", 0).await;
    let orders_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let res = app
        .post_json(&step("exchange"), &json!({}), &service.cookie)
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (409, Some("out_of_stock")),
        "{:?}",
        res.json
    );
    let orders_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(orders_after, orders_before);

    app.variant_with_stock("BD-001-04", 5).await;
    let res = app
        .post_json(&step("exchange"), &json!({}), &service.cookie)
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(res.json["status"], "exchanged");
    let replacement = res.json["replacement"].as_str().unwrap().to_string();
    assert_ne!(replacement, number);
    // once only
    let again = app
        .post_json(&step("exchange"), &json!({}), &service.cookie)
        .await;
    assert_eq!(again.status, 409, "{:?}", again.json);

    // the replacement: the other size, nothing to pay, its unit reserved, the books true
    let detail = app
        .get_with(
            &format!("/api/v1/admin/orders/{replacement}"),
            &owner.cookie,
        )
        .await;
    assert_eq!(detail.status, 200, "{:?}", detail.json);
    assert_eq!(detail.json["status"], "paid");
    assert_eq!(detail.json["totals"]["total"]["minor"], 0);
    assert_eq!(detail.json["lines"][0]["variant"], other);
    assert_eq!(detail.json["lines"][0]["quantity"], 1);
    let reserved: i64 = sqlx::query_scalar(
        "SELECT CAST(SUM(reserved) AS BIGINT) FROM stock_levels WHERE variant_id = $1",
    )
    .bind(other)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(reserved, 1);
    app.assert_books_true().await;
    // its customer does not cancel it; customer service may, which puts the return back to
    // inspected (to refund, or to send again) and frees the unit
    let refused = app
        .post_json(
            &format!("/api/v1/store/orders/{replacement}/cancel"),
            &json!({}),
            &cookie,
        )
        .await;
    assert_eq!(refused.status, 409, "{:?}", refused.json);
    let theirs = app
        .get_with(
            &format!("/api/v1/store/orders/{replacement}/tracking"),
            &cookie,
        )
        .await;
    assert_eq!(theirs.json["can_cancel"], false);
    assert_eq!(
        theirs.json["return_until"],
        Value::Null,
        "not returned by the form"
    );
    let cancelled = app
        .post_json(
            &format!("/api/v1/admin/orders/{replacement}/cancel"),
            &json!({"reason": "顾客改为退款"}),
            &owner.cookie,
        )
        .await;
    assert_eq!(cancelled.status, 204, "{:?}", cancelled.json);
    let back = app
        .get_with(&format!("/api/v1/admin/returns/{id}"), &service.cookie)
        .await;
    assert_eq!(
        (back.json["status"].as_str(), &back.json["replacement"]),
        (Some("inspected"), &Value::Null),
        "{:?}",
        back.json
    );
    app.assert_books_true().await;
    let res = app
        .post_json(&step("exchange"), &json!({}), &service.cookie)
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    let replacement = res.json["replacement"].as_str().unwrap().to_string();
    // it ships like any order
    app.ship_order(&owner.cookie, &replacement, "SFEXCHANGE1")
        .await;

    // the customer sees the exchange on the first order's timeline, and the replacement as theirs
    let tracked = app
        .get_with(&format!("/api/v1/store/orders/{number}/tracking"), &cookie)
        .await
        .json;
    let exchanged = tracked["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .rfind(|e| e["milestone"]["step"] == "return_exchanged")
        .unwrap_or_else(|| panic!("{:?}", steps(&tracked)));
    assert_eq!(exchanged["milestone"]["replacement"], replacement.as_str());
    assert_eq!(tracked["returns"][0]["replacement"], replacement.as_str());
    let theirs = app
        .get_with(
            &format!("/api/v1/store/orders/{replacement}/tracking"),
            &cookie,
        )
        .await;
    assert_eq!(theirs.status, 200, "{:?}", theirs.json);
    assert_eq!(theirs.json["parcels"][0]["status"], "shipped");
    let told: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages WHERE recipient = $1 AND subject LIKE $2 AND body LIKE '%nothing to pay%'",
    )
    .bind("buyer@example.cn")
    .bind(format!("%{replacement}%"))
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(told, 1, "the replacement's confirmation");
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'return' AND entity_id = $1 AND action = 'return.exchange'",
    )
    .bind(id.to_string())
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        audited, 2,
        "sent, and sent again after the first was cancelled"
    );
    app.cleanup().await;
}
