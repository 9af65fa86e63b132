//! The cart: a customer's server cart and the merge at login, checking and pricing carts,
//! the address pickers' divisions and remembered addresses — on SQLite and PostgreSQL.

use crate::orders::{order, variant_with_stock};
use reqwest::Method;
use serde_json::{json, Value};
use server::db::Backend;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    a_customers_cart_is_kept_and_merged,
    concurrent_adds_to_one_cart_all_count,
    a_quote_reports_prices_stock_and_coupons,
    an_order_empties_the_cart_and_keeps_the_address,
    divisions_cascade_and_unknown_districts_are_refused,
    a_configured_tax_rate_is_contained_in_prices,
    coupon_codes_cannot_be_guessed,
);

fn lines(cart: &Value) -> Vec<(i64, i64)> {
    cart.as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["variant_id"].as_i64().unwrap(),
                i["quantity"].as_i64().unwrap(),
            )
        })
        .collect()
}

async fn a_customers_cart_is_kept_and_merged(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let a = variant_with_stock(&app, "TS-001-01", 20).await;
    let b = variant_with_stock(&app, "TS-001-02", 20).await;
    let (status, _) = app.get_json("/api/v1/store/cart").await;
    assert_eq!(status, 401, "guests keep their cart in the browser");

    let session = app.register_customer("cart@example.cn").await;
    let add = |v: i64, q: i64| json!({"variant_id": v, "quantity": q});
    let res = app
        .send(
            Method::POST,
            "/api/v1/store/cart/items",
            Some(&add(a, 2)),
            &session,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(lines(&res.json), [(a, 2)]);
    assert_eq!(
        res.json[0]["seen_price"]["minor"], 7_900,
        "the server notes the price itself"
    );
    let res = app
        .send(
            Method::PUT,
            &format!("/api/v1/store/cart/items/{a}"),
            Some(&json!({"quantity": 3})),
            &session,
        )
        .await;
    assert_eq!(lines(&res.json), [(a, 3)]);

    // the guest cart joins at login: same variant adds up, unknown ones are left out
    let guest = json!({"items": [add(a, 1), add(b, 2), add(99_999_999, 1)]});
    let res = app
        .send(
            Method::POST,
            "/api/v1/store/cart/merge",
            Some(&guest),
            &session,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(lines(&res.json), [(a, 4), (b, 2)]);
    let saved = app.get_with("/api/v1/store/cart", &session).await;
    assert_eq!(
        lines(&saved.json),
        [(a, 4), (b, 2)],
        "stored, not just answered"
    );

    let res = app
        .send(
            Method::DELETE,
            &format!("/api/v1/store/cart/items/{b}"),
            None,
            &session,
        )
        .await;
    assert_eq!(lines(&res.json), [(a, 4)]);

    // bad input: nothing changes
    for (method, path, body) in [
        (
            Method::PUT,
            format!("/api/v1/store/cart/items/{a}"),
            json!({"quantity": 0}),
        ),
        (
            Method::PUT,
            format!("/api/v1/store/cart/items/{a}"),
            json!({"quantity": 1_000_000_000}),
        ),
        (
            Method::POST,
            "/api/v1/store/cart/items".to_string(),
            add(a, -1),
        ),
        (
            Method::POST,
            "/api/v1/store/cart/items".to_string(),
            add(99_999_999, 1),
        ),
        (
            Method::PUT,
            format!("/api/v1/store/cart/items/{b}"),
            json!({"quantity": 1}),
        ),
    ] {
        let res = app.send(method, &path, Some(&body), &session).await;
        assert!(
            (400..500).contains(&res.status) && res.json["message"].is_string(),
            "{path} {body}: {} {:?}",
            res.status,
            res.json
        );
    }
    let saved = app.get_with("/api/v1/store/cart", &session).await;
    assert_eq!(lines(&saved.json), [(a, 4)]);
    // without the CSRF header the cart cannot be changed from another site
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/store/cart/items"))
        .header("cookie", &session)
        .json(&add(b, 1))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    app.cleanup().await;
}

async fn a_quote_reports_prices_stock_and_coupons(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let ok = variant_with_stock(&app, "TS-001-01", 20).await;
    let changed = variant_with_stock(&app, "TS-001-02", 20).await;
    let sold_out = variant_with_stock(&app, "TS-001-03", 0).await;
    let short = variant_with_stock(&app, "TS-001-04", 2).await;
    let item = |v: i64, q: i64, seen: Option<i64>| {
        json!({"variant_id": v, "quantity": q,
               "seen_price": seen.map(|m| json!({"minor": m, "currency": "CNY"}))})
    };
    let req = json!({"items": [
        item(ok, 1, Some(7_900)), item(changed, 1, Some(5_900)), item(sold_out, 1, None),
        item(short, 3, None), item(99_999_999, 1, None)]});
    let res = app.post_json("/api/v1/store/cart/quote", &req, "").await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    let q = &res.json;
    let problems: Vec<Value> = q["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["problem"].clone())
        .collect();
    assert_eq!(problems[0], Value::Null);
    assert_eq!(
        problems[1],
        json!({"kind": "price_changed", "was": {"minor": 5_900, "currency": "CNY"}})
    );
    assert_eq!(problems[2], json!({"kind": "out_of_stock"}));
    assert_eq!(
        problems[3],
        json!({"kind": "not_enough_stock", "available": 2})
    );
    assert_eq!(problems[4], json!({"kind": "unavailable"}));
    assert_eq!(q["orderable"], false);
    assert_eq!(
        q["lines"][0]["product"]["name"]["zh"]
            .as_str()
            .map(|s| !s.is_empty()),
        Some(true)
    );
    assert_eq!(q["lines"][0]["unit_price"]["minor"], 7_900);

    // a clean cart priced for Shanghai, express, with the 满减 coupon (¥50 off from ¥300)
    let req = json!({"items": [item(ok, 4, None)],
        "destination": {"type": "china", "division_code": "310115"},
        "shipping_method": "express", "coupon_code": "mj300-50"});
    let q = app
        .post_json("/api/v1/store/cart/quote", &req, "")
        .await
        .json;
    assert_eq!(q["orderable"], true);
    assert_eq!(q["totals"]["items"]["minor"], 31_600);
    assert_eq!(
        q["coupon"],
        json!({"status": "applied", "code": "MJ300-50", "discount": {"minor": 5_000, "currency": "CNY"}})
    );
    assert_eq!(q["totals"]["discount"]["minor"], 5_000);
    let options = q["shipping_options"].as_array().unwrap();
    assert!(
        options.iter().all(|o| o["price"].is_object()),
        "{options:?}"
    );
    let express = options.iter().find(|o| o["code"] == "express").unwrap();
    assert_eq!(
        q["totals"]["total"]["minor"].as_i64(),
        Some(31_600 - 5_000 + express["price"]["minor"].as_i64().unwrap())
    );
    // the very same numbers as placing the order
    let placed = app
        .place_order(
            "quote-equals-order-1",
            &json!({
            "lines": [{"variant_id": ok, "quantity": 4}], "email": "q@example.cn",
            "address": order(json!([]), None, "card")["address"], "shipping_method": "express",
            "payment_method": "card", "coupon_code": "MJ300-50"}),
            "",
        )
        .await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    assert_eq!(placed.json["totals"], q["totals"]);

    // below the threshold, and an unknown code: said, not an error
    let req = json!({"items": [item(ok, 1, None)], "coupon_code": "MJ300-50"});
    let q = app
        .post_json("/api/v1/store/cart/quote", &req, "")
        .await
        .json;
    assert_eq!(q["coupon"]["status"], "rejected");
    assert_eq!(q["coupon"]["rejection"]["reason"], "below_threshold");
    assert_eq!(q["coupon"]["rejection"]["missing"]["minor"], 30_000 - 7_900);
    let req = json!({"items": [item(ok, 1, None)], "coupon_code": "NO-SUCH-CODE"});
    let q = app
        .post_json("/api/v1/store/cart/quote", &req, "")
        .await
        .json;
    assert_eq!(
        q["coupon"],
        json!({"status": "unknown", "code": "NO-SUCH-CODE"})
    );
    assert_eq!(q["totals"]["discount"]["minor"], 0);

    // nothing was reserved by quoting
    let (_, reserved) = crate::orders::stock(&app, short).await;
    assert_eq!(reserved, 0);
    let res = app
        .post_json(
            "/api/v1/store/cart/quote",
            &json!({"items": [item(ok, 0, None)]}),
            "",
        )
        .await;
    assert_eq!(res.status, 400, "{:?}", res.json);
    app.cleanup().await;
}

async fn an_order_empties_the_cart_and_keeps_the_address(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let a = variant_with_stock(&app, "TS-001-01", 20).await;
    let b = variant_with_stock(&app, "TS-001-02", 20).await;
    let session = app.register_customer("keeper@example.cn").await;
    for v in [a, b] {
        let res = app
            .send(
                Method::POST,
                "/api/v1/store/cart/items",
                Some(&json!({"variant_id": v, "quantity": 1})),
                &session,
            )
            .await;
        assert_eq!(res.status, 200);
    }
    let mut body = order(
        json!([{"variant_id": a, "quantity": 1}]),
        None,
        "cash_on_delivery",
    );
    body["email"] = json!("keeper@example.cn");
    body["save_address"] = json!(true);
    let res = app.place_order("keeper-order-0001", &body, &session).await;
    assert_eq!(res.status, 201, "{:?}", res.json);
    let cart = app.get_with("/api/v1/store/cart", &session).await;
    assert_eq!(
        lines(&cart.json),
        [(b, 1)],
        "the ordered line left the cart"
    );

    let saved = app
        .get_with("/api/v1/store/account/addresses", &session)
        .await;
    assert_eq!(saved.status, 200);
    let list = saved.json.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["region"], "上海市 浦东新区");
    assert_eq!(
        list[0]["address"]["phone"], "13800138000",
        "kept normalised"
    );
    // the same address again is not a second entry
    let res = app.place_order("keeper-order-0002", &body, &session).await;
    assert_eq!(res.status, 201);
    let saved = app
        .get_with("/api/v1/store/account/addresses", &session)
        .await;
    assert_eq!(saved.json.as_array().unwrap().len(), 1);
    // the order page names the region
    let number = res.json["number"].as_str().unwrap().to_string();
    let view = app
        .get_with(&format!("/api/v1/store/orders/{number}"), &session)
        .await;
    assert_eq!(view.json["region"], "上海市 浦东新区");

    // someone else cannot see or delete it
    let other = app.register_customer("other@example.cn").await;
    let theirs = app
        .get_with("/api/v1/store/account/addresses", &other)
        .await;
    assert_eq!(theirs.json, json!([]));
    let id = list[0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/store/account/addresses/{id}");
    assert_eq!(
        app.send(Method::DELETE, &path, None, &other).await.status,
        404
    );
    assert_eq!(
        app.send(Method::DELETE, &path, None, &session).await.status,
        204
    );
    let saved = app
        .get_with("/api/v1/store/account/addresses", &session)
        .await;
    assert_eq!(saved.json, json!([]));
    app.cleanup().await;
}

async fn divisions_cascade_and_unknown_districts_are_refused(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, provinces) = app.get_json("/api/v1/store/divisions").await;
    assert_eq!(status, 200);
    assert_eq!(provinces.as_array().unwrap().len(), 31);
    assert_eq!(provinces[0], json!({"code": "11", "name": "北京市"}));
    let (_, cities) = app.get_json("/api/v1/store/divisions?parent=44").await;
    assert!(cities
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "深圳市"));
    let (_, districts) = app.get_json("/api/v1/store/divisions?parent=3101").await;
    assert!(districts
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d == &json!({"code": "310115", "name": "浦东新区"})));
    assert_eq!(
        app.get_json("/api/v1/store/divisions?parent=99").await.0,
        404
    );
    assert_eq!(
        app.get_json("/api/v1/store/divisions?parent=3x").await.0,
        400
    );
    assert_eq!(
        app.get_json("/api/v1/store/divisions?parent=310115")
            .await
            .0,
        400
    );

    // a well-formed code that names no district
    let v = variant_with_stock(&app, "TS-001-01", 5).await;
    let mut body = order(
        json!([{"variant_id": v, "quantity": 1}]),
        None,
        "cash_on_delivery",
    );
    body["address"]["division_code"] = json!("310199");
    let res = app.place_order("bad-district-0001", &body, "").await;
    assert_eq!(res.status, 422, "{:?}", res.json);
    assert_eq!(res.json["problem"], "invalid_division");
    assert_eq!(
        crate::orders::stock(&app, v).await,
        (5, 0),
        "nothing reserved"
    );
    app.cleanup().await;
}

async fn a_configured_tax_rate_is_contained_in_prices(backend: Backend) {
    let Some(app) = TestApp::spawn_configured(backend, |c| c.tax_basis_points = 1_300).await else {
        return;
    };
    let v = variant_with_stock(&app, "TS-001-01", 5).await;
    let req = json!({"items": [{"variant_id": v, "quantity": 2}],
        "destination": {"type": "china", "division_code": "310115"}, "shipping_method": "standard"});
    let q = app
        .post_json("/api/v1/store/cart/quote", &req, "")
        .await
        .json;
    let total = q["totals"]["total"]["minor"].as_i64().unwrap();
    assert_eq!(total, 15_800, "prices include the tax: nothing is added");
    // ¥158 × 13/113 = ¥18.1769… → ¥18.18
    assert_eq!(q["totals"]["tax_included"]["minor"], 1_818);
    let placed = app
        .place_order(
            "taxed-order-0001",
            &order(
                json!([{"variant_id": v, "quantity": 2}]),
                None,
                "cash_on_delivery",
            ),
            "",
        )
        .await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    assert_eq!(placed.json["totals"], q["totals"]);
    app.cleanup().await;
}

async fn coupon_codes_cannot_be_guessed(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let v = variant_with_stock(&app, "TS-001-01", 5).await;
    let ask =
        |code: &str| json!({"items": [{"variant_id": v, "quantity": 1}], "coupon_code": code});
    for i in 0..20 {
        let res = app
            .post_json(
                "/api/v1/store/cart/quote",
                &ask(&format!("GUESS-{i:03}")),
                "",
            )
            .await;
        assert_eq!(res.status, 200);
        assert_eq!(res.json["coupon"]["status"], "unknown");
    }
    // the 21st attempt, with any code, waits; the cart itself can still be priced
    let res = app
        .post_json("/api/v1/store/cart/quote", &ask("SAVE30"), "")
        .await;
    assert_eq!(res.status, 429, "{:?}", res.json);
    assert!(res.headers.get("retry-after").is_some());
    let plain = app
        .post_json(
            "/api/v1/store/cart/quote",
            &json!({"items": [{"variant_id": v, "quantity": 1}]}),
            "",
        )
        .await;
    assert_eq!(plain.status, 200);
    let placed = app
        .place_order(
            "guessing-order-01",
            &order(
                json!([{"variant_id": v, "quantity": 1}]),
                Some("SAVE30"),
                "cash_on_delivery",
            ),
            "",
        )
        .await;
    assert_eq!(placed.status, 429);
    assert_eq!(crate::orders::stock(&app, v).await, (5, 0));
    app.cleanup().await;
}

/// Two tabs (or a double click) adding the same item at once: every add lands, none fails.
async fn concurrent_adds_to_one_cart_all_count(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, cookie) = app.with_customer().await;
    let variant = app.variant_with_stock("BD-001-01", 50).await;
    let app = std::sync::Arc::new(app);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (app, cookie) = (app.clone(), cookie.clone());
        tasks.push(tokio::spawn(async move {
            let body = json!({"variant_id": variant, "quantity": 3});
            app.post_json("/api/v1/store/cart/items", &body, &cookie)
                .await
        }));
    }
    for task in tasks {
        let res = task.await.unwrap();
        assert_eq!(res.status, 200, "{:?}", res.json);
    }
    let cart = app.get_with("/api/v1/store/cart", &cookie).await;
    assert_eq!(cart.json.as_array().unwrap().len(), 1);
    assert_eq!(cart.json[0]["quantity"], 24);
    if let Ok(app) = std::sync::Arc::try_unwrap(app) {
        app.cleanup().await;
    }
}
