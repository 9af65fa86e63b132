//! The address book: a customer adds addresses (checked as checkout checks them), edits
//! one, makes another the default — which the list puts first, as checkout fills it in —
//! and removes the default, which passes to the latest used. Bad addresses are refused with
//! nothing written.

use serde_json::{json, Value};
use server::db::Backend;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(a_customer_keeps_an_address_book);

fn china(recipient: &str, division: &str, detail: &str) -> Value {
    json!({"type": "china", "recipient": recipient, "phone": "138 0013 8000",
        "division_code": division, "detail": detail})
}

async fn saved(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM customer_addresses")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn a_customer_keeps_an_address_book(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, cookie) = app.with_customer().await;
    let path = "/api/v1/store/account/addresses";
    for (address, problem) in [
        (china("", "310115", "世纪大道 1 号"), "recipient_missing"),
        (china("李雷", "310199", "世纪大道 1 号"), "invalid_division"),
        (china("李雷", "310115", " "), "detail_missing"),
        (
            json!({"type": "china", "recipient": "李雷", "phone": "12345", "division_code": "310115", "detail": "世纪大道 1 号"}),
            "invalid_mobile",
        ),
    ] {
        let res = app
            .post_json(path, &json!({ "address": address }), &cookie)
            .await;
        assert_eq!(
            (res.status, res.json["problem"].as_str()),
            (422, Some(problem)),
            "{address}"
        );
    }
    assert_eq!(saved(&app).await, 0);

    let first = app
        .post_json(
            path,
            &json!({"address": china(" 李雷 ", "310115", "世纪大道 1 号")}),
            &cookie,
        )
        .await;
    assert_eq!(first.status, 201, "{:?}", first.json);
    assert_eq!(
        first.json[0]["is_default"], true,
        "the first is the default"
    );
    assert_eq!(first.json[0]["address"]["recipient"], "李雷");
    assert_eq!(first.json[0]["address"]["phone"], "13800138000");
    assert_eq!(first.json[0]["region"], "上海市 浦东新区");
    let home = first.json[0]["id"].as_i64().unwrap();
    let second = app
        .post_json(
            path,
            &json!({"address": china("韩梅梅", "440305", "科技园 2 栋")}),
            &cookie,
        )
        .await;
    assert_eq!(second.json.as_array().unwrap().len(), 2);
    assert_eq!(second.json[0]["id"], home, "the default stays first");
    let office = second.json[1]["id"].as_i64().unwrap();

    let edited = app
        .send(
            reqwest::Method::PUT,
            &format!("{path}/{office}"),
            Some(&json!({"address": china("韩梅梅", "440305", "科技园 3 栋"), "default": true})),
            &cookie,
        )
        .await;
    assert_eq!(edited.status, 200, "{:?}", edited.json);
    assert_eq!(edited.json[0]["id"], office, "now the default, first");
    assert_eq!(edited.json[0]["address"]["detail"], "科技园 3 栋");
    assert_eq!(edited.json[1]["is_default"], false);
    let back = app
        .post_json(&format!("{path}/{home}/default"), &json!({}), &cookie)
        .await;
    assert_eq!(back.json[0]["id"], home);

    let gone = app
        .send(
            reqwest::Method::DELETE,
            &format!("{path}/{home}"),
            None,
            &cookie,
        )
        .await;
    assert_eq!(gone.status, 204);
    let left = app.get_with(path, &cookie).await;
    assert_eq!(left.json.as_array().unwrap().len(), 1);
    assert_eq!(left.json[0]["id"], office);
    assert_eq!(left.json[0]["is_default"], true, "the default passed on");
    let missing = app
        .post_json(&format!("{path}/{home}/default"), &json!({}), &cookie)
        .await;
    assert_eq!(missing.status, 404);

    // checkout keeps what it ships to beside them, the default still first
    let variant = app.variant_with_stock("BD-001-01", 5).await;
    let mut order = storekeep_tests::guest_order("book@example.cn", variant, 1, "card");
    order["save_address"] = json!(true);
    let placed = app.place_order("address-book-1", &order, &cookie).await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    let after = app.get_with(path, &cookie).await;
    assert_eq!(after.json.as_array().unwrap().len(), 2);
    assert_eq!(after.json[0]["id"], office);
    app.cleanup().await;
}
