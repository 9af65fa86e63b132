//! Inventory: stock per warehouse and bin with reorder points and the low-stock list;
//! transfers (what is on the road shows as in transit, then arrives); stocktakes whose
//! variances are against the books at the moment of each count (a unit shipped during the
//! count is no false variance), approved by someone else; the valuation report; and the
//! books stay their ledger's sums throughout.

use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{StaffLogin, TestApp};

storekeep_tests::on_both_backends!(
    stock_levels_show_reorder_points_and_the_low_list,
    a_transfer_is_in_transit_then_received,
    a_stocktake_counts_against_the_books_of_its_moment,
);

async fn post(app: &TestApp, path: &str, body: Value, who: &StaffLogin) -> (u16, Value) {
    let res = app.post_json(path, &body, &who.cookie).await;
    (res.status, res.json)
}

async fn put(app: &TestApp, path: &str, body: Value, who: &StaffLogin) -> (u16, Value) {
    let res = app
        .send(reqwest::Method::PUT, path, Some(&body), &who.cookie)
        .await;
    (res.status, res.json)
}

async fn level(app: &TestApp, variant: i64, warehouse: i64) -> (i64, i64) {
    sqlx::query_as(
        "SELECT on_hand, reserved FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2",
    )
    .bind(variant)
    .bind(warehouse)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

async fn stock_levels_show_reorder_points_and_the_low_list(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let keeper = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let variant = app.variant_with_stock("BD-001-01", 4).await;
    let sh = app.warehouse_id("SH-01").await;
    let (status, _) = put(
        &app,
        &format!("/api/v1/admin/stock/{sh}/{variant}/reorder-point"),
        json!({"reorder_point": 5}),
        &keeper,
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = put(
        &app,
        &format!("/api/v1/admin/stock/{sh}/{variant}/reorder-point"),
        json!({"reorder_point": -1}),
        &keeper,
    )
    .await;
    assert_eq!(status, 422);
    let (status, _) = put(
        &app,
        &format!("/api/v1/admin/stock/{sh}/999999/reorder-point"),
        json!({"reorder_point": 1}),
        &keeper,
    )
    .await;
    assert_eq!(status, 404);
    let low = app
        .get_with(
            &format!("/api/v1/admin/stock?low=true&warehouse={sh}"),
            &keeper.cookie,
        )
        .await;
    assert_eq!(low.status, 200, "{:?}", low.json);
    let rows = low.json["items"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        1,
        "only the one at or below its point: {rows:?}"
    );
    assert_eq!(
        (
            rows[0]["sku"].as_str(),
            rows[0]["available"].as_i64(),
            rows[0]["low"].as_bool()
        ),
        (Some("BD-001-01"), Some(4), Some(true))
    );
    assert!(rows[0]["bin"]
        .as_str()
        .unwrap()
        .starts_with(['A', 'B', 'C', 'D']));
    let found = app
        .get_with("/api/v1/admin/stock?q=bd-001-01", &keeper.cookie)
        .await;
    assert_eq!(found.json["total"], 2, "one row per warehouse");
    let raw = app
        .get_with("/api/v1/admin/stock?kind=raw_material", &keeper.cookie)
        .await;
    assert_eq!(
        raw.json["total"], 0,
        "the demo shop keeps no raw materials: kept apart"
    );
    let report = app
        .get_with("/api/v1/admin/reports/valuation", &keeper.cookie)
        .await;
    assert_eq!(report.status, 200);
    assert!(report
        .json
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["value"]["minor"].as_i64().unwrap() > 0));
    app.cleanup().await;
}

async fn a_transfer_is_in_transit_then_received(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let keeper = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let variant = app.variant_with_stock("BD-001-01", 10).await;
    let (sh, gz) = (
        app.warehouse_id("SH-01").await,
        app.warehouse_id("GZ-01").await,
    );
    let (status, body) = post(
        &app,
        "/api/v1/admin/transfers",
        json!({"from": sh, "to": sh, "lines": [{"variant": variant, "quantity": 2}]}),
        &keeper,
    )
    .await;
    assert_eq!(status, 422, "{body:?}");
    let (status, body) = post(
        &app,
        "/api/v1/admin/transfers",
        json!({"from": sh, "to": gz, "lines": [{"variant": variant, "quantity": 11}]}),
        &keeper,
    )
    .await;
    assert_eq!(status, 201, "a request holds nothing yet: {body:?}");
    let big = body["id"].as_i64().unwrap();
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/transfers/{big}/ship"),
        json!({}),
        &keeper,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("out_of_stock")),
        "only 10 free"
    );
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/transfers/{big}/cancel"),
        json!({}),
        &keeper,
    )
    .await;
    assert_eq!(status, 200);

    let (status, body) = post(&app, "/api/v1/admin/transfers", json!({"from": sh, "to": gz, "lines": [{"variant": variant, "quantity": 6}], "note": "广州补货"}), &keeper).await;
    assert_eq!(status, 201, "{body:?}");
    let id = body["id"].as_i64().unwrap();
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/transfers/{id}/ship"),
        json!({}),
        &keeper,
    )
    .await;
    assert_eq!((status, body["status"].as_str()), (200, Some("shipped")));
    assert_eq!(level(&app, variant, sh).await, (4, 0));
    let gz_row = app
        .get_with(
            &format!("/api/v1/admin/stock?warehouse={gz}&q=BD-001-01"),
            &keeper.cookie,
        )
        .await;
    assert_eq!(
        (
            gz_row.json["items"][0]["on_hand"].as_i64(),
            gz_row.json["items"][0]["in_transit"].as_i64()
        ),
        (Some(10), Some(6))
    );
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/transfers/{id}/cancel"),
        json!({}),
        &keeper,
    )
    .await;
    assert_eq!(status, 409, "on the road: received, not cancelled");
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/transfers/{id}/receive"),
        json!({"lines": [{"variant": variant, "received": 7}]}),
        &keeper,
    )
    .await;
    assert_eq!(status, 422, "more than was sent");
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/transfers/{id}/receive"),
        json!({"lines": [{"variant": variant, "received": 5}]}),
        &keeper,
    )
    .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("received")),
        "{body:?}"
    );
    assert_eq!(level(&app, variant, gz).await, (15, 0));
    assert!(body["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["about"] == serde_json::json!({"kind": "arrived_short", "missing": 1})));
    app.assert_books_true().await;
    app.cleanup().await;
}

async fn a_stocktake_counts_against_the_books_of_its_moment(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let keeper = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let finance = app.with_staff(&[StaffRole::Finance]).await;
    let owner = app.owner().await;
    let variant = app.variant_with_stock("BD-001-01", 10).await;
    let sh = app.warehouse_id("SH-01").await;
    let bin: String = sqlx::query_scalar("SELECT b.code FROM stock_levels s JOIN warehouse_bins b ON b.id = s.bin_id WHERE s.variant_id = $1 AND s.warehouse_id = $2")
        .bind(variant)
        .bind(sh)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let zone = bin.split('-').next().unwrap().to_string();
    let (status, body) = post(
        &app,
        "/api/v1/admin/stocktakes",
        json!({"warehouse": sh, "zone": zone}),
        &keeper,
    )
    .await;
    assert_eq!(status, 201, "{body:?}");
    let id = body["id"].as_i64().unwrap();
    assert!(
        body["lines"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["bin"].as_str().unwrap().starts_with(&zone)),
        "one zone only"
    );
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/stocktakes/{id}/submit"),
        json!({}),
        &keeper,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("lines_left"))
    );
    // a second sheet over the same shelves would count them twice
    let (status, body) = post(
        &app,
        "/api/v1/admin/stocktakes",
        json!({"warehouse": sh}),
        &keeper,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("stocktake_open"))
    );

    // an order ships 2 while the shelf is being counted: counted before, 10 were there and
    // 9 found; then 2 left — the variance is still 1, not 3
    let path = |v: i64| format!("/api/v1/admin/stocktakes/{id}/lines/{v}");
    let (status, _) = put(&app, &path(variant), json!({"counted": 9}), &keeper).await;
    assert_eq!(status, 200);
    let placed = app
        .place_order(
            "count-order-1",
            &storekeep_tests::guest_order("count@example.cn", variant, 2, "cash_on_delivery"),
            "",
        )
        .await;
    let number = placed.json["number"].as_str().unwrap().to_string();
    let (_, a) = post(
        &app,
        &format!("/api/v1/admin/orders/{number}/allocate"),
        json!({}),
        &owner,
    )
    .await;
    let shipment = a["shipments"][0].as_i64().unwrap();
    let (_, list) = post(
        &app,
        "/api/v1/admin/pick-lists",
        json!({"warehouse": sh}),
        &owner,
    )
    .await;
    let list_id = list["row"]["id"].as_i64().unwrap();
    put(
        &app,
        &format!("/api/v1/admin/pick-lists/{list_id}/lines/{variant}"),
        json!({"picked": 2}),
        &owner,
    )
    .await;
    post(
        &app,
        &format!("/api/v1/admin/pick-lists/{list_id}/complete"),
        json!({}),
        &owner,
    )
    .await;
    post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/pack"),
        json!({"package": "small", "weight_grams": 200}),
        &owner,
    )
    .await;
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/shipments/{shipment}/ship"),
        json!({"carrier": "zto"}),
        &owner,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(level(&app, variant, sh).await, (8, 0));

    // the rest of the zone: counted as the books say
    let sheet = app
        .get_with(&format!("/api/v1/admin/stocktakes/{id}"), &keeper.cookie)
        .await;
    for line in sheet.json["lines"].as_array().unwrap() {
        if line["counted"].is_null() {
            let (status, _) = put(
                &app,
                &path(line["variant"].as_i64().unwrap()),
                json!({"counted": line["expected"]}),
                &keeper,
            )
            .await;
            assert_eq!(status, 200);
        }
    }
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/stocktakes/{id}/submit"),
        json!({}),
        &keeper,
    )
    .await;
    assert_eq!((status, body["status"].as_str()), (200, Some("review")));
    let line = body["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["variant"] == variant)
        .unwrap()
        .clone();
    assert_eq!(
        (
            line["expected"].as_i64(),
            line["book_at_count"].as_i64(),
            line["variance"].as_i64()
        ),
        (Some(10), Some(10), Some(-1))
    );
    // who counts does not approve
    let (status, _) = post(
        &app,
        &format!("/api/v1/admin/stocktakes/{id}/approve"),
        json!({}),
        &keeper,
    )
    .await;
    assert_eq!(status, 403);
    let (status, body) = post(
        &app,
        &format!("/api/v1/admin/stocktakes/{id}/approve"),
        json!({}),
        &finance,
    )
    .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("approved")),
        "{body:?}"
    );
    assert_eq!(
        level(&app, variant, sh).await,
        (7, 0),
        "10 − 2 shipped − 1 missing"
    );
    let (status, _) = put(&app, &path(variant), json!({"counted": 1}), &keeper).await;
    assert_eq!(status, 409, "approved sheets are closed");
    app.assert_books_true().await;
    app.cleanup().await;
}
