//! Fulfilment from a paid order to the customer's door: allocation to the nearest warehouse
//! that holds everything, batch pick lists with short picks, packing, shipping with a
//! tracking number and delivery; cancellations, holds and moves between warehouses; illegal
//! moves refused with 409 and nothing changed; races with one winner; and after a
//! randomized day of all of it (with a transfer and a stocktake), on-hand and reserved are
//! their ledger rows' sums for every SKU and warehouse.

use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{guest_order, StaffLogin, TestApp};

storekeep_tests::on_both_backends!(
    a_paid_order_goes_from_shelf_to_door,
    a_short_pick_lowers_the_books_and_flags_the_latest_order,
    a_shipment_none_of_which_was_found_moves_to_another_warehouse,
    illegal_moves_are_refused_and_change_nothing,
    two_staff_at_once_one_wins,
    cancelling_and_moving_give_stock_back,
    a_randomized_day_keeps_the_books_true,
    the_order_list_filters_and_views_are_kept,
    only_the_shops_carriers_ship,
);

/// A paid bank-transfer order of `quantity` × `variant` to Shanghai; its number.
async fn paid_order(
    app: &TestApp,
    key: &str,
    variant: i64,
    quantity: u32,
    clerk: &StaffLogin,
) -> String {
    let placed = app
        .place_order(
            key,
            &guest_order("buyer@example.cn", variant, quantity, "bank_transfer"),
            "",
        )
        .await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    let number = placed.json["number"].as_str().unwrap().to_string();
    let paid = app
        .post_json(
            &format!("/api/v1/admin/orders/{number}/mark-paid"),
            &json!({}),
            &clerk.cookie,
        )
        .await;
    assert_eq!(paid.status, 204, "{:?}", paid.json);
    number
}

pub(crate) async fn detail(app: &TestApp, number: &str, who: &StaffLogin) -> Value {
    let res = app
        .get_with(&format!("/api/v1/admin/orders/{number}"), &who.cookie)
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    res.json
}

async fn post(app: &TestApp, path: &str, body: Value, who: &StaffLogin) -> (u16, Value) {
    let res = app.post_json(path, &body, &who.cookie).await;
    (res.status, res.json)
}

/// Allocates; the new shipments' ids.
pub(crate) async fn allocate(app: &TestApp, number: &str, who: &StaffLogin) -> Vec<i64> {
    let (status, body) = post(
        app,
        &format!("/api/v1/admin/orders/{number}/allocate"),
        json!({}),
        who,
    )
    .await;
    assert_eq!(status, 200, "{body:?}");
    body["shipments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect()
}

/// A pick list of the warehouse: its body.
pub(crate) async fn pick_list(app: &TestApp, warehouse: i64, who: &StaffLogin) -> Value {
    let (status, body) = post(
        app,
        "/api/v1/admin/pick-lists",
        json!({"warehouse": warehouse}),
        who,
    )
    .await;
    assert_eq!(status, 201, "{body:?}");
    body
}

/// Counts every line of the list as `found(line)` and completes it.
pub(crate) async fn pick_all(
    app: &TestApp,
    list: &Value,
    who: &StaffLogin,
    found: impl Fn(&Value) -> u64,
) {
    let id = list["row"]["id"].as_i64().unwrap();
    for line in list["lines"].as_array().unwrap() {
        let res = app
            .send(
                reqwest::Method::PUT,
                &format!("/api/v1/admin/pick-lists/{id}/lines/{}", line["variant"]),
                Some(&json!({"picked": found(line)})),
                &who.cookie,
            )
            .await;
        assert_eq!(res.status, 200, "{:?}", res.json);
    }
    let (status, body) = post(
        app,
        &format!("/api/v1/admin/pick-lists/{id}/complete"),
        json!({}),
        who,
    )
    .await;
    assert_eq!(status, 200, "{body:?}");
}

pub(crate) async fn pack_and_ship(
    app: &TestApp,
    shipment: i64,
    who: &StaffLogin,
    tracking: Option<&str>,
) -> (u16, Value) {
    let (status, body) = post(
        app,
        &format!("/api/v1/admin/shipments/{shipment}/pack"),
        json!({"package": "medium", "weight_grams": 850}),
        who,
    )
    .await;
    assert_eq!(status, 204, "{body:?}");
    post(
        app,
        &format!("/api/v1/admin/shipments/{shipment}/ship"),
        json!({"carrier": "sf_express", "tracking_number": tracking}),
        who,
    )
    .await
}

async fn a_paid_order_goes_from_shelf_to_door(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    let picker = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let variant = app.variant_with_stock("BD-001-01", 10).await;
    let number = paid_order(&app, "flow-0001", variant, 2, &clerk).await;
    app.assert_books_true().await;

    // Shanghai address: the Shanghai warehouse sends it all
    let shipments = allocate(&app, &number, &picker).await;
    assert_eq!(shipments.len(), 1);
    let order = detail(&app, &number, &clerk).await;
    assert_eq!(order["status"], "processing");
    assert_eq!(order["allocated"], true);
    assert_eq!(order["shipments"][0]["warehouse_code"], "SH-01");
    assert_eq!(order["shipments"][0]["units"], 2);
    let shanghai = app.warehouse_id("SH-01").await;
    let (_, w) = app.get_json("/api/v1/admin/warehouses").await;
    assert_eq!(w["code"], "unauthorized", "staff only");
    let ws = app
        .get_with("/api/v1/admin/warehouses", &picker.cookie)
        .await;
    let sh = ws
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == shanghai)
        .unwrap()
        .clone();
    assert_eq!(
        (sh["province"].as_str(), sh["waiting"].as_i64()),
        (Some("31"), Some(1))
    );

    // one pick list line, with its bin
    let list = pick_list(&app, shanghai, &picker).await;
    assert_eq!(list["lines"].as_array().unwrap().len(), 1);
    assert_eq!(list["lines"][0]["quantity"], 2);
    assert!(
        list["lines"][0]["bin"].as_str().unwrap().contains('-'),
        "{list:?}"
    );
    assert_eq!(list["orders"][0]["status"], "picking");
    pick_all(&app, &list, &picker, |l| l["quantity"].as_u64().unwrap()).await;

    let (status, body) =
        pack_and_ship(&app, shipments[0], &picker, Some("sf 1234 5678 9012")).await;
    assert_eq!(status, 200, "{body:?}");
    assert_eq!(body["tracking_number"], "SF123456789012");
    let order = detail(&app, &number, &clerk).await;
    assert_eq!(order["status"], "shipped");
    assert_eq!(order["shipments"][0]["carrier"], "sf_express");
    let message = app.last_message_to("buyer@example.cn").await;
    assert!(message.contains("SF123456789012"), "{message}");

    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/shipments/{}/deliver", shipments[0]),
        json!({}),
        &clerk,
    )
    .await;
    assert_eq!(status, 204, "{body:?}");
    let order = detail(&app, &number, &clerk).await;
    assert_eq!(order["status"], "delivered");
    // every step is in the order's history, with who did it
    // (as data, for each app to say in its reader's language)
    let about: Vec<&Value> = order["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["about"])
        .collect();
    assert!(
        about.contains(
            &&json!({"kind": "allocated", "warehouses": [{"warehouse": "SH-01", "units": 2}]})
        ),
        "{about:?}"
    );
    assert!(
        about
            .iter()
            .any(|n| n["kind"] == "shipped" && n["tracking"] == "SF123456789012"),
        "{about:?}"
    );
    assert!(order["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["actor_name"] == "测试员工"));
    let ship = app
        .get_with(
            &format!("/api/v1/admin/shipments/{}", shipments[0]),
            &picker.cookie,
        )
        .await;
    let steps: Vec<&str> = ship.json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to_status"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "allocated",
            "picking",
            "picked",
            "packed",
            "shipped",
            "delivered"
        ]
    );
    assert_eq!(ship.json["package"], "medium");

    // the books: 2 left Shanghai, nothing is held any more
    let (on_hand, reserved): (i64, i64) = sqlx::query_as(
        "SELECT on_hand, reserved FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2",
    )
    .bind(variant)
    .bind(shanghai)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((on_hand, reserved), (8, 0));
    app.assert_books_true().await;
    let kinds: Vec<String> = sqlx::query_scalar(
        "SELECT kind FROM stock_movements WHERE variant_id = $1 AND warehouse_id = $2 \
         AND kind NOT IN ('opening', 'adjustment') ORDER BY id",
    )
    .bind(variant)
    .bind(shanghai)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        kinds,
        ["reservation", "pick", "shipment"],
        "held where it was placed, picked, shipped"
    );
    app.cleanup().await;
}

async fn a_short_pick_lowers_the_books_and_flags_the_latest_order(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let variant = app.variant_with_stock("BD-001-01", 5).await;
    let first = paid_order(&app, "short-0001", variant, 2, &owner).await;
    let second = paid_order(&app, "short-0002", variant, 2, &owner).await;
    let a = allocate(&app, &first, &owner).await[0];
    let b = allocate(&app, &second, &owner).await[0];
    let shanghai = app.warehouse_id("SH-01").await;
    let list = pick_list(&app, shanghai, &owner).await;
    assert_eq!(
        list["lines"][0]["quantity"], 4,
        "one line for the SKU over both orders"
    );
    // the bin holds 3, not 4
    let id = list["row"]["id"].as_i64().unwrap();
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/pick-lists/{id}/complete"),
        json!({}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("lines_left")),
        "{body:?}"
    );
    let too_many = app
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/admin/pick-lists/{id}/lines/{variant}"),
            Some(&json!({"picked": 5})),
            &owner.cookie,
        )
        .await;
    assert_eq!(too_many.status, 422, "{:?}", too_many.json);
    pick_all(&app, &list, &owner, |_| 3).await;

    let one = detail(&app, &first, &owner).await;
    let two = detail(&app, &second, &owner).await;
    assert_eq!(
        (one["short_pick"].as_bool(), two["short_pick"].as_bool()),
        (Some(false), Some(true))
    );
    let shipment = app
        .get_with(&format!("/api/v1/admin/shipments/{b}"), &owner.cookie)
        .await;
    assert_eq!(shipment.json["row"]["short"], true);
    assert_eq!(shipment.json["lines"][0]["picked"], 1);
    assert!(two["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["about"]["kind"] == "short_pick"
            && (&e["about"]["found"], &e["about"]["wanted"]) == (&json!(1), &json!(2))));
    // the missing unit left the books; the rest is still held for the two orders
    let (on_hand, reserved): (i64, i64) = sqlx::query_as(
        "SELECT on_hand, reserved FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2",
    )
    .bind(variant)
    .bind(shanghai)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((on_hand, reserved), (4, 3));
    app.assert_books_true().await;
    // both ship what was picked; nothing more leaves than was picked
    for s in [a, b] {
        let (status, body) = pack_and_ship(&app, s, &owner, None).await;
        assert_eq!(status, 200, "{body:?}");
        assert!(body["tracking_number"].as_str().unwrap().starts_with("SF"));
    }
    let (on_hand, reserved): (i64, i64) = sqlx::query_as(
        "SELECT on_hand, reserved FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2",
    )
    .bind(variant)
    .bind(shanghai)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((on_hand, reserved), (1, 0));
    app.assert_books_true().await;
    app.cleanup().await;
}

/// The picker found none of it: it cannot be packed, but it can go to another warehouse,
/// where it is allocated afresh, picked and shipped — the order is not stuck.
async fn a_shipment_none_of_which_was_found_moves_to_another_warehouse(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let variant = app.variant_with_stock("BD-001-01", 5).await;
    let number = paid_order(&app, "none-found-1", variant, 2, &owner).await;
    let shipment = allocate(&app, &number, &owner).await[0];
    let (shanghai, guangzhou) = (
        app.warehouse_id("SH-01").await,
        app.warehouse_id("GZ-01").await,
    );
    let list = pick_list(&app, shanghai, &owner).await;
    pick_all(&app, &list, &owner, |_| 0).await;
    let path = format!("/api/v1/admin/shipments/{shipment}");
    let (status, body) = post(
        &app,
        &format!("{path}/pack"),
        json!({"package": "small", "weight_grams": 100}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("nothing_to_pack"))
    );
    app.assert_books_true().await;

    let (status, body) = post(
        &app,
        &format!("{path}/reallocate"),
        json!({"warehouse": guangzhou}),
        &owner,
    )
    .await;
    assert_eq!(status, 204, "{body:?}");
    let moved = app.get_with(&path, &owner.cookie).await.json;
    assert_eq!(
        (
            &moved["row"]["status"],
            &moved["row"]["warehouse_code"],
            &moved["row"]["short"]
        ),
        (&json!("allocated"), &json!("GZ-01"), &json!(false)),
        "{moved:?}"
    );
    assert!(moved["lines"][0]["picked"].is_null(), "counted afresh");
    let held: i64 = sqlx::query_scalar(
        "SELECT reserved FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2",
    )
    .bind(variant)
    .bind(guangzhou)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(held, 2, "held in Guangzhou now");
    app.assert_books_true().await;
    // a shipment of which something was picked stays where it is
    let list = pick_list(&app, guangzhou, &owner).await;
    pick_all(&app, &list, &owner, |l| l["quantity"].as_u64().unwrap()).await;
    let (status, body) = post(
        &app,
        &format!("{path}/reallocate"),
        json!({"warehouse": shanghai}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("not_allocated"))
    );
    let (status, body) = pack_and_ship(&app, shipment, &owner, None).await;
    assert_eq!(status, 200, "{body:?}");
    assert_eq!(detail(&app, &number, &owner).await["status"], "shipped");
    app.assert_books_true().await;
    app.cleanup().await;
}

async fn illegal_moves_are_refused_and_change_nothing(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let variant = app.variant_with_stock("BD-001-01", 10).await;
    // unpaid: no allocation
    let unpaid = app
        .place_order(
            "illegal-0001",
            &guest_order("late@example.cn", variant, 1, "bank_transfer"),
            "",
        )
        .await
        .json["number"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/orders/{unpaid}/allocate"),
        json!({}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("not_paid")),
        "{body:?}"
    );
    assert_eq!(detail(&app, &unpaid, &owner).await["allocated"], false);

    let number = paid_order(&app, "illegal-0002", variant, 1, &owner).await;
    // held: no allocation until released
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/hold"),
        json!({"reason": "地址待确认"}),
        &owner,
    )
    .await;
    assert_eq!(status, 204);
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/hold"),
        json!({"reason": "again"}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("already_on_hold"))
    );
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/allocate"),
        json!({}),
        &owner,
    )
    .await;
    assert_eq!((status, body["problem"].as_str()), (409, Some("on_hold")));
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/release"),
        json!({"reason": " "}),
        &owner,
    )
    .await;
    assert_eq!(status, 422, "a reason is needed: {body:?}");
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/release"),
        json!({"reason": "客户已确认"}),
        &owner,
    )
    .await;
    assert_eq!(status, 204);
    let shipment = allocate(&app, &number, &owner).await[0];
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/allocate"),
        json!({}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("already_allocated"))
    );

    // nothing is packed or shipped unpicked
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/pack"),
        json!({"package": "small", "weight_grams": 300}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("illegal_transition")),
        "{body:?}"
    );
    assert!(
        body["message"].as_str().unwrap().contains("allocated"),
        "{body:?}"
    );
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/ship"),
        json!({"carrier": "zto"}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("illegal_transition"))
    );
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/deliver"),
        json!({}),
        &owner,
    )
    .await;
    assert_eq!(status, 409);
    let (status, _) = post(
        &app,
        "/api/v1/admin/shipments/999999/deliver",
        json!({}),
        &owner,
    )
    .await;
    assert_eq!(status, 404);
    // bad input: a weight of nothing, an unknown carrier, a tracking number with markup
    let list = pick_list(&app, app.warehouse_id("SH-01").await, &owner).await;
    pick_all(&app, &list, &owner, |l| l["quantity"].as_u64().unwrap()).await;
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/pack"),
        json!({"package": "small", "weight_grams": 0}),
        &owner,
    )
    .await;
    assert_eq!(status, 422);
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/pack"),
        json!({"package": "crate", "weight_grams": 10}),
        &owner,
    )
    .await;
    assert_eq!(status, 422);
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/pack"),
        json!({"package": "small", "weight_grams": 300}),
        &owner,
    )
    .await;
    assert_eq!(status, 204);
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/ship"),
        json!({"carrier": "sf_express", "tracking_number": "<b>SF1</b>"}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["field"].as_str()),
        (422, Some("tracking_number")),
        "{body:?}"
    );
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/ship"),
        json!({"carrier": "yto", "tracking_number": "YT0000000001"}),
        &owner,
    )
    .await;
    assert_eq!(status, 200);
    // shipped: no cancelling, no hold, no second shipping
    let before = detail(&app, &number, &owner).await;
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/cancel"),
        json!({"reason": "changed my mind"}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("already_shipped"))
    );
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/hold"),
        json!({"reason": "too late"}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("not_holdable"))
    );
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/ship"),
        json!({"carrier": "yto"}),
        &owner,
    )
    .await;
    assert_eq!(status, 409);
    let after = detail(&app, &number, &owner).await;
    assert_eq!(before["events"], after["events"], "nothing was written");
    assert_eq!(after["status"], "shipped");
    app.assert_books_true().await;
    app.cleanup().await;
}

async fn two_staff_at_once_one_wins(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let other = app.with_staff(&[StaffRole::Owner]).await;
    let variant = app.variant_with_stock("BD-001-01", 10).await;
    let number = paid_order(&app, "race-0001", variant, 3, &owner).await;
    let path = format!("/api/v1/admin/orders/{number}/allocate");
    let (one, two) = tokio::join!(
        post(&app, &path, json!({}), &owner),
        post(&app, &path, json!({}), &other)
    );
    let mut statuses = [one.0, two.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{one:?} {two:?}");
    let order = detail(&app, &number, &owner).await;
    assert_eq!(
        order["shipments"].as_array().unwrap().len(),
        1,
        "one allocation"
    );
    let shipment = order["shipments"][0]["id"].as_i64().unwrap();
    let list = pick_list(&app, app.warehouse_id("SH-01").await, &owner).await;
    pick_all(&app, &list, &owner, |l| l["quantity"].as_u64().unwrap()).await;
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/pack"),
        json!({"package": "large", "weight_grams": 2000}),
        &owner,
    )
    .await;
    assert_eq!(status, 204);
    let path = format!("/api/v1/admin/shipments/{shipment}/ship");
    let (one, two) = tokio::join!(
        post(
            &app,
            &path,
            json!({"carrier": "sf_express", "tracking_number": "SF000000000001"}),
            &owner
        ),
        post(
            &app,
            &path,
            json!({"carrier": "ems", "tracking_number": "EM000000000002"}),
            &other
        )
    );
    let mut statuses = [one.0, two.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{one:?} {two:?}");
    let shipped: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM stock_movements WHERE kind = 'shipment' AND document = $1",
    )
    .bind(format!("shipment:{shipment}"))
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(shipped, 1, "the units left once");
    app.assert_books_true().await;
    app.cleanup().await;
}

async fn cancelling_and_moving_give_stock_back(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let variant = app.variant_with_stock("BD-001-01", 4).await;
    let (shanghai, guangzhou) = (
        app.warehouse_id("SH-01").await,
        app.warehouse_id("GZ-01").await,
    );
    let number = paid_order(&app, "move-0001", variant, 3, &owner).await;
    let shipment = allocate(&app, &number, &owner).await[0];
    // to Guangzhou by hand: the hold moves with it
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/reallocate"),
        json!({"warehouse": shanghai}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (422, Some("same_warehouse"))
    );
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/reallocate"),
        json!({"warehouse": guangzhou}),
        &owner,
    )
    .await;
    assert_eq!(status, 204, "{body:?}");
    let held = |w: i64| {
        let pool = app.db.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT reserved FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2",
            )
            .bind(variant)
            .bind(w)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!((held(shanghai).await, held(guangzhou).await), (0, 3));
    app.assert_books_true().await;
    // a second order wants 2 more: Guangzhou has 1 free, Shanghai 4 — it goes to Shanghai
    let second = paid_order(&app, "move-0002", variant, 2, &owner).await;
    allocate(&app, &second, &owner).await;
    // Guangzhou cannot take that one too
    let s2 = detail(&app, &second, &owner).await["shipments"][0]["id"]
        .as_i64()
        .unwrap();
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/shipments/{s2}/reallocate"),
        json!({"warehouse": guangzhou}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("out_of_stock")),
        "{body:?}"
    );
    // cancelling gives everything back, shipments cancelled
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/cancel"),
        json!({"reason": "客户取消"}),
        &owner,
    )
    .await;
    assert_eq!(status, 204, "{body:?}");
    let order = detail(&app, &number, &owner).await;
    assert_eq!(order["status"], "cancelled");
    assert_eq!(order["shipments"][0]["status"], "cancelled");
    assert_eq!((held(shanghai).await, held(guangzhou).await), (2, 0));
    // notes are kept with their author
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/notes"),
        json!({"body": "客户来电取消，已退款"}),
        &owner,
    )
    .await;
    assert_eq!(status, 204);
    let order = detail(&app, &number, &owner).await;
    assert_eq!(order["notes"][0]["body"], "客户来电取消，已退款");
    assert_eq!(
        order["other_orders"].as_array().unwrap().len(),
        1,
        "the buyer's other order"
    );
    app.assert_books_true().await;
    app.cleanup().await;
}

/// A small deterministic generator (xorshift), so a failing day can be replayed.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

async fn a_randomized_day_keeps_the_books_true(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let mut dice = Dice(0x5eed_2026_1201);
    let mut variants = Vec::new();
    for sku in ["BD-001-01", "BD-001-02", "BD-002-01"] {
        variants.push(app.variant_with_stock(sku, 12).await);
    }
    let mut orders = Vec::new();
    for n in 0..24 {
        let variant = variants[dice.below(3) as usize];
        let quantity = 1 + dice.below(3) as u32;
        let method = if dice.below(3) == 0 {
            "cash_on_delivery"
        } else {
            "bank_transfer"
        };
        let placed = app
            .place_order(
                &format!("day-{n:04}"),
                &guest_order("day@example.cn", variant, quantity, method),
                "",
            )
            .await;
        if placed.status != 201 {
            assert_eq!(placed.json["problem"], "out_of_stock", "{:?}", placed.json);
            continue;
        }
        let number = placed.json["number"].as_str().unwrap().to_string();
        if method == "bank_transfer" {
            let (status, _) = post(
                &app,
                &format!("/api/v1/admin/orders/{number}/mark-paid"),
                json!({}),
                &owner,
            )
            .await;
            assert_eq!(status, 204);
        }
        match dice.below(6) {
            0 => {
                let (status, _) = post(
                    &app,
                    &format!("/api/v1/admin/orders/{number}/cancel"),
                    json!({"reason": "day"}),
                    &owner,
                )
                .await;
                assert_eq!(status, 204);
            }
            _ => orders.push(number),
        }
    }
    for number in &orders {
        allocate(&app, number, &owner).await;
    }
    // a few cancelled after allocation
    for number in orders.iter().step_by(5) {
        let (status, _) = post(
            &app,
            &format!("/api/v1/admin/orders/{number}/cancel"),
            json!({"reason": "day"}),
            &owner,
        )
        .await;
        assert_eq!(status, 204);
    }
    app.assert_books_true().await;
    // pick every warehouse, each line short now and then; pack and ship most
    let warehouses = app
        .get_with("/api/v1/admin/warehouses", &owner.cookie)
        .await;
    for w in warehouses.json.as_array().unwrap() {
        if w["waiting"] == 0 {
            continue;
        }
        let list = pick_list(&app, w["id"].as_i64().unwrap(), &owner).await;
        let shorts: Vec<u64> = list["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|_| dice.below(4))
            .collect();
        let lines = list["lines"].as_array().unwrap().clone();
        pick_all(&app, &list, &owner, |l| {
            let at = lines
                .iter()
                .position(|x| x["variant"] == l["variant"])
                .unwrap();
            let q = l["quantity"].as_u64().unwrap();
            if shorts[at] == 0 {
                q - 1
            } else {
                q
            }
        })
        .await;
        app.assert_books_true().await;
        for s in list["orders"].as_array().unwrap() {
            let id = s["id"].as_i64().unwrap();
            let picked: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(SUM(picked), 0) AS BIGINT) FROM shipment_lines WHERE shipment_id = $1")
                .bind(id)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
            if picked == 0 || dice.below(5) == 0 {
                continue;
            }
            let (status, body) = pack_and_ship(&app, id, &owner, None).await;
            assert_eq!(status, 200, "{body:?}");
            if dice.below(2) == 0 {
                let (status, _) = post(
                    &app,
                    &format!("/api/v1/admin/shipments/{id}/deliver"),
                    json!({}),
                    &owner,
                )
                .await;
                assert_eq!(status, 204);
            }
        }
    }
    app.assert_books_true().await;
    // a transfer between the warehouses, then a stocktake of Shanghai's first zone with one
    // unit missing where one is free
    let (sh, gz) = (
        app.warehouse_id("SH-01").await,
        app.warehouse_id("GZ-01").await,
    );
    let free: i64 = sqlx::query_scalar(
        "SELECT on_hand - reserved FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2",
    )
    .bind(variants[1])
    .bind(gz)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    if free > 0 {
        let (status, t) = post(&app, "/api/v1/admin/transfers", json!({"from": gz, "to": sh, "lines": [{"variant": variants[1], "quantity": free.min(3)}]}), &owner).await;
        assert_eq!(status, 201, "{t:?}");
        let id = t["id"].as_i64().unwrap();
        assert_eq!(
            post(
                &app,
                &format!("/api/v1/admin/transfers/{id}/ship"),
                json!({}),
                &owner
            )
            .await
            .0,
            200
        );
        app.assert_books_true().await;
        assert_eq!(
            post(
                &app,
                &format!("/api/v1/admin/transfers/{id}/receive"),
                json!({}),
                &owner
            )
            .await
            .0,
            200
        );
    }
    let (status, sheet) = post(
        &app,
        "/api/v1/admin/stocktakes",
        json!({"warehouse": sh, "zone": "A"}),
        &owner,
    )
    .await;
    assert_eq!(status, 201, "{sheet:?}");
    let id = sheet["id"].as_i64().unwrap();
    let mut short_one = false;
    for line in sheet["lines"].as_array().unwrap() {
        let variant = line["variant"].as_i64().unwrap();
        let (on_hand, reserved): (i64, i64) = sqlx::query_as("SELECT on_hand, reserved FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2")
            .bind(variant)
            .bind(sh)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        let counted = if !short_one && on_hand > reserved {
            short_one = true;
            on_hand - 1
        } else {
            on_hand
        };
        let res = app
            .send(
                reqwest::Method::PUT,
                &format!("/api/v1/admin/stocktakes/{id}/lines/{variant}"),
                Some(&json!({"counted": counted})),
                &owner.cookie,
            )
            .await;
        assert_eq!(res.status, 200, "{:?}", res.json);
    }
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/admin/stocktakes/{id}/submit"),
            json!({}),
            &owner
        )
        .await
        .0,
        200
    );
    let (status, approved) = post(
        &app,
        &format!("/api/v1/admin/stocktakes/{id}/approve"),
        json!({}),
        &owner,
    )
    .await;
    assert_eq!(status, 200, "{approved:?}");
    app.assert_books_true().await;
    // reserved is never negative, and is what orders hold
    let negative: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM stock_levels WHERE reserved < 0 OR on_hand < 0")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(negative, 0);
    // nothing shipped that was not picked: per shipment, shipped units = picked units
    let unpicked: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT document, \
         CAST(SUM(CASE WHEN kind = 'shipment' THEN quantity ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN kind = 'pick' THEN quantity ELSE 0 END) AS BIGINT) \
         FROM stock_movements WHERE document LIKE 'shipment:%' GROUP BY document",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert!(unpicked.iter().any(|r| r.1 > 0), "something shipped");
    for (document, shipped, picked) in unpicked {
        assert!(
            shipped == 0 || shipped == picked,
            "{document}: {shipped} shipped, {picked} picked"
        );
    }
    app.cleanup().await;
}

async fn the_order_list_filters_and_views_are_kept(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    let variant = app.variant_with_stock("BD-001-01", 20).await;
    // one to Shanghai by standard delivery, one to Guangzhou by express
    let shanghai = paid_order(&app, "list-0001", variant, 1, &clerk).await;
    let mut body = guest_order("gz@example.cn", variant, 1, "cash_on_delivery");
    body["address"] = json!({"type": "china", "recipient": "黄强", "phone": "+86 139-1234-5678",
                             "division_code": "440106", "detail": "天河路 1 号"});
    body["shipping_method"] = json!("express");
    let placed = app.place_order("list-0002", &body, "").await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    let guangzhou = placed.json["number"].as_str().unwrap().to_string();
    allocate(&app, &guangzhou, &clerk).await;
    let numbers = |path: &str| {
        let (app, clerk) = (&app, &clerk);
        let path = path.to_string();
        async move {
            let res = app.get_with(&path, &clerk.cookie).await;
            assert_eq!(res.status, 200, "{path}: {:?}", res.json);
            let items: Vec<String> = res.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["number"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(
                res.json["total"].as_u64(),
                Some(items.len() as u64),
                "the total counts the same filter"
            );
            items
        }
    };
    assert_eq!(
        numbers("/api/v1/admin/orders?province=44").await,
        vec![guangzhou.clone()]
    );
    assert_eq!(
        numbers("/api/v1/admin/orders?shipping_method=standard").await,
        vec![shanghai.clone()]
    );
    let gz = app.warehouse_id("GZ-01").await;
    assert_eq!(
        numbers(&format!("/api/v1/admin/orders?warehouse={gz}")).await,
        vec![guangzhou.clone()]
    );
    assert_eq!(
        numbers("/api/v1/admin/orders?q=13912345678").await,
        vec![guangzhou.clone()],
        "by the recipient's mobile"
    );
    assert_eq!(
        numbers("/api/v1/admin/orders?q=%2B86%20139%201234%205678").await,
        vec![guangzhou.clone()]
    );
    let today = ui_day(server::db::now_millis());
    assert_eq!(
        numbers(&format!("/api/v1/admin/orders?from={today}&to={today}"))
            .await
            .len(),
        2
    );
    assert!(numbers("/api/v1/admin/orders?to=2020-01-01")
        .await
        .is_empty());
    for bad in [
        "province=3",
        "province=ab",
        "shipping_method=Bad%20Method",
        "from=2026-13-01",
        "warehouse=0",
    ] {
        let res = app
            .get_with(&format!("/api/v1/admin/orders?{bad}"), &clerk.cookie)
            .await;
        assert_eq!(res.status, 400, "{bad}: {:?}", res.json);
    }
    // views follow the person, by name; another staff member does not see them
    let (status, views) = post(&app, "/api/v1/admin/me/views", json!({"page": "orders", "name": "广东快递", "query": "?province=44&shipping_method=express&page=2"}), &clerk).await;
    assert_eq!(status, 201, "{views:?}");
    assert_eq!(views[0]["query"], "province=44&shipping_method=express");
    let (status, _) = post(
        &app,
        "/api/v1/admin/me/views",
        json!({"page": "orders", "name": "广东快递", "query": "province=44"}),
        &clerk,
    )
    .await;
    assert_eq!(status, 201);
    let mine = app
        .get_with("/api/v1/admin/me/views?page=orders", &clerk.cookie)
        .await;
    assert_eq!(
        (
            mine.json.as_array().unwrap().len(),
            mine.json[0]["query"].as_str()
        ),
        (1, Some("province=44")),
        "replaced by name"
    );
    let other = app.with_staff(&[StaffRole::OrderClerk]).await;
    assert_eq!(
        app.get_with("/api/v1/admin/me/views?page=orders", &other.cookie)
            .await
            .json,
        json!([])
    );
    let id = mine.json[0]["id"].as_i64().unwrap();
    let res = app
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/admin/me/views/{id}"),
            None,
            &other.cookie,
        )
        .await;
    assert_eq!(res.status, 404, "not theirs");
    let res = app
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/admin/me/views/{id}"),
            None,
            &clerk.cookie,
        )
        .await;
    assert_eq!(res.status, 204);
    app.cleanup().await;
}

/// The shop's day (`YYYY-MM-DD`, China time) of a moment.
fn ui_day(ms: i64) -> String {
    let (y, m, d) = shared::time::civil_date(ms, shared::time::SHOP_UTC_OFFSET_HOURS);
    format!("{y:04}-{m:02}-{d:02}")
}

async fn only_the_shops_carriers_ship(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let variant = app.variant_with_stock("BD-001-01", 10).await;
    let number = paid_order(&app, "carriers-0001", variant, 1, &owner).await;
    let shipment = allocate(&app, &number, &owner).await[0];
    let list = pick_list(&app, app.warehouse_id("SH-01").await, &owner).await;
    pick_all(&app, &list, &owner, |l| l["quantity"].as_u64().unwrap()).await;
    let res = app
        .send(
            reqwest::Method::PUT,
            "/api/v1/admin/settings/carriers",
            Some(&json!({"enabled": []})),
            &owner.cookie,
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("no_carrier"))
    );
    let res = app
        .send(
            reqwest::Method::PUT,
            "/api/v1/admin/settings/carriers",
            Some(&json!({"enabled": ["zto", "own_fleet"]})),
            &owner.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    let seen = app
        .get_with("/api/v1/admin/settings/carriers", &clerk.cookie)
        .await;
    assert_eq!(seen.json["enabled"], json!(["zto", "own_fleet"]));
    let refused = app
        .send(
            reqwest::Method::PUT,
            "/api/v1/admin/settings/carriers",
            Some(&json!({"enabled": ["ems"]})),
            &clerk.cookie,
        )
        .await;
    assert_eq!(refused.status, 403, "only owners choose");
    let (status, body) = pack_and_ship(&app, shipment, &owner, None).await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (422, Some("carrier_disabled")),
        "SF Express is not used"
    );
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/ship"),
        json!({"carrier": "zto"}),
        &owner,
    )
    .await;
    assert_eq!(status, 200, "{body:?}");
    app.cleanup().await;
}
