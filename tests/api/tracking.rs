//! The customer's orders: the history with its filters, an order followed from placing to
//! the door (parcels with carrier and tracking number, the timeline), cancelling before a
//! warehouse has it (a paid order's money goes back), re-ordering, the guests' look-up at
//! `/track` (masked, rate-limited, a wrong pair as an unknown number) — and another
//! customer's order answering 404 on every route.

use crate::fulfilment::{allocate, pack_and_ship, pick_all, pick_list};
use reqwest::Method;
use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{guest_order, TestApp};

storekeep_tests::on_both_backends!(
    a_customer_follows_an_order_to_the_door,
    another_customers_order_answers_404_on_every_route,
    a_customer_cancels_before_allocation_and_not_after,
    a_guest_tracks_an_order_by_number_and_contact,
    an_order_goes_back_in_the_cart_at_todays_price,
);

/// A customer's cash-on-delivery order for `quantity` of `variant`; its number and token.
async fn order_as(
    app: &TestApp,
    cookie: &str,
    key: &str,
    variant: i64,
    quantity: u32,
    payment: &str,
) -> (String, String) {
    let body = guest_order("buyer@example.cn", variant, quantity, payment);
    let placed = app.place_order(key, &body, cookie).await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    (
        placed.json["number"].as_str().unwrap().to_string(),
        placed.json["access_token"].as_str().unwrap().to_string(),
    )
}

async fn tracking(app: &TestApp, number: &str, cookie: &str) -> Value {
    let res = app
        .get_with(&format!("/api/v1/store/orders/{number}/tracking"), cookie)
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    res.json
}

fn steps(tracked: &Value) -> Vec<String> {
    tracked["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["milestone"]["step"].as_str().unwrap().to_string())
        .collect()
}

async fn mine(app: &TestApp, cookie: &str, query: &str) -> Value {
    let res = app
        .get_with(&format!("/api/v1/store/account/orders?{query}"), cookie)
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    res.json
}

async fn a_customer_follows_an_order_to_the_door(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, cookie) = app.with_customer().await;
    let picker = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let variant = app.variant_with_stock("BD-001-01", 10).await;
    let (number, _) = order_as(
        &app,
        &cookie,
        "track-flow-01",
        variant,
        2,
        "cash_on_delivery",
    )
    .await;

    let list = mine(&app, &cookie, "").await;
    assert_eq!(list["total"], 1);
    let row = &list["items"][0];
    assert_eq!(row["number"], number.as_str());
    assert_eq!(row["units"], 2);
    assert!(row["image"].is_string(), "{row:?}");
    assert!(!row["name"]["zh"].as_str().unwrap().is_empty());

    let placed = tracking(&app, &number, &cookie).await;
    assert_eq!(steps(&placed), ["placed"]);
    assert_eq!(placed["can_cancel"], true);
    assert_eq!(placed["parcels"], json!([]));
    let line = &placed["order"]["lines"][0];
    assert_eq!(line["variant"], variant);
    assert!(
        line["image"].is_string() && line["slug"].is_string(),
        "{line:?}"
    );

    allocate(&app, &number, &picker).await;
    let sh = app.warehouse_id("SH-01").await;
    let list_body = pick_list(&app, sh, &picker).await;
    pick_all(&app, &list_body, &picker, |l| {
        l["quantity"].as_u64().unwrap()
    })
    .await;
    let shipment: i64 = sqlx::query_scalar(
        "SELECT s.id FROM shipments s JOIN orders o ON o.id = s.order_id WHERE o.number = $1",
    )
    .bind(&number)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let (status, body) = pack_and_ship(&app, shipment, &picker, Some("SF7001")).await;
    assert_eq!(status, 200, "{body:?}");

    let shipped = tracking(&app, &number, &cookie).await;
    assert_eq!(shipped["order"]["status"], "shipped");
    assert_eq!(shipped["can_cancel"], false);
    assert_eq!(
        steps(&shipped),
        ["placed", "preparing", "picked", "packed", "shipped"]
    );
    let parcel = &shipped["parcels"][0];
    assert_eq!(parcel["carrier"], "sf_express");
    assert_eq!(parcel["tracking_number"], "SF7001");
    let last = shipped["timeline"].as_array().unwrap().last().unwrap();
    assert_eq!(last["milestone"]["tracking"], "SF7001");
    // the staff's side (which warehouse, which pick list) is not the customer's
    let text = shipped.to_string();
    assert!(
        !text.contains("SH-01") && !text.contains("pick_list"),
        "{text}"
    );

    // the history by status and by search
    assert_eq!(mine(&app, &cookie, "status=shipped").await["total"], 1);
    assert_eq!(mine(&app, &cookie, "status=cancelled").await["total"], 0);
    let lower = number.to_lowercase();
    assert_eq!(mine(&app, &cookie, &format!("q={lower}")).await["total"], 1);
    assert_eq!(mine(&app, &cookie, "q=nothing-like-this").await["total"], 0);
    let too_long = "x".repeat(101);
    let res = app
        .get_with(
            &format!("/api/v1/store/account/orders?q={too_long}"),
            &cookie,
        )
        .await;
    assert_eq!(res.status, 422, "{:?}", res.json);
    assert_eq!(
        app.get_with("/api/v1/store/account/orders", "")
            .await
            .status,
        401
    );
    app.cleanup().await;
}

async fn another_customers_order_answers_404_on_every_route(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, alice) = app.with_customer().await;
    let (_, bob) = app.with_customer().await;
    let variant = app.variant_with_stock("BD-001-01", 10).await;
    let mut body = guest_order("alice@example.cn", variant, 1, "cash_on_delivery");
    body["save_address"] = json!(true);
    let placed = app.place_order("idor-alice-01", &body, &alice).await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    let number = placed.json["number"].as_str().unwrap().to_string();
    let address: i64 = app
        .get_with("/api/v1/store/account/addresses", &alice)
        .await
        .json[0]["id"]
        .as_i64()
        .expect("alice saved her address");
    let unknown = "SK2001010001";

    // every customer route naming one order or one address: Bob, a guest without the
    // token, and a wrong token get what an unknown number gets
    let routes: [(Method, String); 6] = [
        (Method::GET, "/api/v1/store/orders/{n}".into()),
        (Method::GET, "/api/v1/store/orders/{n}/tracking".into()),
        (Method::POST, "/api/v1/store/orders/{n}/cancel".into()),
        (Method::POST, "/api/v1/store/orders/{n}/reorder".into()),
        (
            Method::GET,
            "/api/v1/store/orders/{n}/tracking?token=not-the-token".into(),
        ),
        (
            Method::DELETE,
            format!("/api/v1/store/account/addresses/{address}"),
        ),
    ];
    for (method, path) in &routes {
        let theirs = path.replace("{n}", &number);
        let none = path.replace("{n}", unknown);
        for who in [&bob, ""] {
            let body = (*method != Method::GET && *method != Method::DELETE).then(|| json!({}));
            let res = app.send(method.clone(), &theirs, body.as_ref(), who).await;
            // the routes that need an account ask a guest to sign in first
            let account_only = path.contains("reorder") || *method == Method::DELETE;
            let expected = if who.is_empty() && account_only {
                401
            } else {
                404
            };
            assert_eq!(
                res.status, expected,
                "{method} {theirs} as {who:?}: {:?}",
                res.json
            );
            if expected == 404 {
                let unknown_res = app.send(method.clone(), &none, body.as_ref(), who).await;
                assert_eq!(
                    res.json, unknown_res.json,
                    "{method} {theirs} tells more than an unknown one"
                );
            }
        }
    }
    // Bob's history and search do not find it either
    assert_eq!(mine(&app, &bob, "").await["total"], 0);
    assert_eq!(mine(&app, &bob, &format!("q={number}")).await["total"], 0);
    // and nothing changed: Alice's order is still hers, placed, with her address
    let hers = tracking(&app, &number, &alice).await;
    assert_eq!(hers["order"]["status"], "processing");
    assert_eq!(hers["can_cancel"], true);
    assert_eq!(
        app.get_with("/api/v1/store/account/addresses", &alice)
            .await
            .json
            .as_array()
            .unwrap()
            .len(),
        1
    );
    app.cleanup().await;
}

async fn a_customer_cancels_before_allocation_and_not_after(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, cookie) = app.with_customer().await;
    let picker = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let variant = app.variant_with_stock("BD-001-01", 5).await;
    let available = || async {
        let (on_hand, reserved): (i64, i64) = sqlx::query_as(
            "SELECT CAST(SUM(on_hand) AS BIGINT), CAST(SUM(reserved) AS BIGINT) FROM stock_levels WHERE variant_id = $1",
        )
        .bind(variant)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        on_hand - reserved
    };

    // a card order, paid: cancelled by its customer, its money goes back in full
    let before = available().await;
    let (number, token) = order_as(&app, &cookie, "cancel-card-01", variant, 2, "card").await;
    assert_eq!(available().await, before - 2);
    app.pay_by_card(&number, &token).await;
    let res = app
        .post_json(
            &format!("/api/v1/store/orders/{number}/cancel"),
            &json!({}),
            &cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(available().await, before, "the held stock went back");
    let after = tracking(&app, &number, &cookie).await;
    assert_eq!(after["can_cancel"], false);
    let paid = after["paid"]["minor"].as_i64().unwrap();
    assert!(paid > 0);
    assert_eq!(
        after["refunded"]["minor"].as_i64().unwrap(),
        paid,
        "{after:?}"
    );
    let s = steps(&after);
    assert!(
        s.starts_with(&["placed".into(), "paid".into(), "cancelled".into()]),
        "{s:?}"
    );
    assert!(s.contains(&"refunded".to_string()), "{s:?}");
    // twice: nothing more goes back
    let again = app
        .post_json(
            &format!("/api/v1/store/orders/{number}/cancel"),
            &json!({}),
            &cookie,
        )
        .await;
    assert_eq!(again.status, 409, "{:?}", again.json);
    let refunds: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.number = $1",
    )
    .bind(&number)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(refunds, 1);

    // once a warehouse has it, only customer service cancels it
    let (allocated, _) = order_as(
        &app,
        &cookie,
        "cancel-cod-01",
        variant,
        1,
        "cash_on_delivery",
    )
    .await;
    allocate(&app, &allocated, &picker).await;
    let refused = app
        .post_json(
            &format!("/api/v1/store/orders/{allocated}/cancel"),
            &json!({}),
            &cookie,
        )
        .await;
    assert_eq!(refused.status, 409);
    assert_eq!(refused.json["problem"], "not_cancellable");
    assert_eq!(
        tracking(&app, &allocated, &cookie).await["order"]["status"],
        "processing"
    );

    // a guest cancels with the order's link
    let placed = app
        .place_order(
            "cancel-guest-01",
            &guest_order("guest@example.cn", variant, 1, "bank_transfer"),
            "",
        )
        .await;
    let guest_number = placed.json["number"].as_str().unwrap();
    let guest_token = placed.json["access_token"].as_str().unwrap();
    let res = app
        .post_json(
            &format!("/api/v1/store/orders/{guest_number}/cancel?token={guest_token}"),
            &json!({}),
            "",
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(res.json["order"]["status"], "cancelled");
    app.assert_books_true().await;
    app.cleanup().await;
}

async fn a_guest_tracks_an_order_by_number_and_contact(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let placed = app
        .order_sku("track-guest-01", "BD-001-01", 1, 10, "cash_on_delivery")
        .await;
    let number = placed.json["number"].as_str().unwrap().to_string();
    let track = |number: String, contact: &'static str| {
        let app = &app;
        async move {
            app.post_json(
                "/api/v1/store/track",
                &json!({"number": number, "contact": contact}),
                "",
            )
            .await
        }
    };
    let by_email = track(number.to_lowercase(), " GUEST@example.cn ").await;
    assert_eq!(by_email.status, 200, "{:?}", by_email.json);
    assert_eq!(by_email.json["order"]["number"], number.as_str());
    assert_eq!(by_email.json["can_cancel"], false);
    let address = &by_email.json["order"]["address"];
    assert_eq!(address["recipient"], "李**");
    assert_eq!(address["phone"], "*******8000");
    assert_eq!(address["detail"], "***");
    assert_eq!(steps(&by_email.json), ["placed"]);
    let by_phone = track(number.clone(), "+86 138 0013 8000").await;
    assert_eq!(by_phone.status, 200, "{:?}", by_phone.json);

    // a wrong contact reads as a number that does not exist
    let wrong = track(number.clone(), "someone@example.cn").await;
    let unknown = track("SK2001010001".into(), "guest@example.cn").await;
    assert_eq!((wrong.status, unknown.status), (404, 404));
    assert_eq!(wrong.json, unknown.json);
    // twenty look-ups from one address in fifteen minutes, then it waits
    for _ in 0..16 {
        assert_eq!(track(number.clone(), "13900000000").await.status, 404);
    }
    let limited = track(number.clone(), "guest@example.cn").await;
    assert_eq!(limited.status, 429, "{:?}", limited.json);
    assert!(limited.headers.contains_key("retry-after"));
    app.cleanup().await;
}

async fn an_order_goes_back_in_the_cart_at_todays_price(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, cookie) = app.with_customer().await;
    let variant = app.variant_with_stock("BD-001-01", 10).await;
    let (number, _) = order_as(&app, &cookie, "reorder-01", variant, 3, "cash_on_delivery").await;
    sqlx::query("UPDATE product_variants SET price = price + 100 WHERE id = $1")
        .bind(variant)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let price: i64 = sqlx::query_scalar("SELECT price FROM product_variants WHERE id = $1")
        .bind(variant)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let res = app
        .post_json(
            &format!("/api/v1/store/orders/{number}/reorder"),
            &json!({}),
            &cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    let cart = app.get_with("/api/v1/store/cart", &cookie).await.json;
    assert_eq!(cart, res.json);
    assert_eq!(cart[0]["variant_id"], variant);
    assert_eq!(cart[0]["quantity"], 3);
    assert_eq!(cart[0]["seen_price"]["minor"], price);

    // an order of which nothing is for sale any more
    sqlx::query("UPDATE products SET status = 'archived' WHERE id = (SELECT product_id FROM product_variants WHERE id = $1)")
        .bind(variant)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let res = app
        .post_json(
            &format!("/api/v1/store/orders/{number}/reorder"),
            &json!({}),
            &cookie,
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.json["problem"], "nothing_to_reorder");
    app.cleanup().await;
}
