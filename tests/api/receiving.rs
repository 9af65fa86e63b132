//! Receiving, inspection and put-away: goods arrive one line short against a confirmed
//! order (the order is partly received; nothing is sellable yet); inspection of every unit
//! rejects two, which go on a return-to-supplier document; put-away into the item's own bin
//! (another bin is refused) makes the rest stock, in the ledger, at the moving-average cost.

use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{StaffLogin, TestApp};

storekeep_tests::on_both_backends!(goods_arrive_short_are_inspected_and_put_away);

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    body: Option<Value>,
    who: &StaffLogin,
) -> (u16, Value) {
    let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let res = app.send(m, path, body.as_ref(), &who.cookie).await;
    (res.status, res.json)
}

async fn goods_arrive_short_are_inspected_and_put_away(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let clerk = app.with_staff(&[StaffRole::Procurement]).await;
    let keeper = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let variant = app.variant_with_stock("BD-001-01", 4).await;
    let (product, cost_before): (i64, Option<i64>) =
        sqlx::query_as("SELECT product_id, cost FROM product_variants WHERE id = $1")
            .bind(variant)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let sh = app.warehouse_id("SH-01").await;
    let level = || async {
        let (on_hand,): (i64,) = sqlx::query_as(
            "SELECT on_hand FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2",
        )
        .bind(variant)
        .bind(sh)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        on_hand
    };

    // every unit of this product is inspected (the warehouse may not set the plan)
    let plan = format!("/api/v1/admin/products/{product}/inspection-plan");
    let (status, _) = call(
        &app,
        "PUT",
        &plan,
        Some(json!({"plan": {"kind": "full"}, "characteristics": ["外观"]})),
        &keeper,
    )
    .await;
    assert_eq!(status, 403);
    let (status, err) = call(
        &app,
        "PUT",
        &plan,
        Some(json!({"plan": {"kind": "sampled", "aql": 300}, "characteristics": []})),
        &clerk,
    )
    .await;
    assert_eq!(status, 422, "{err:?}");
    let (status, _) = call(
        &app,
        "PUT",
        &plan,
        Some(json!({"plan": {"kind": "full"}, "characteristics": ["外观", "尺寸"]})),
        &clerk,
    )
    .await;
    assert_eq!(status, 200);

    // a confirmed order of 20
    let (_, made) = call(
        &app,
        "POST",
        "/api/v1/admin/suppliers",
        Some(json!({"code": "SUP-R", "name": "收货测试供应商",
        "payment_terms_days": 30, "lead_time_days": 7, "currency": "CNY", "active": true})),
        &clerk,
    )
    .await;
    let supplier = made["id"].as_i64().unwrap();
    call(
        &app,
        "PUT",
        &format!("/api/v1/admin/suppliers/{supplier}/offers"),
        Some(
            json!({"offers": [{"sku": "BD-001-01", "unit_cost": 1000, "min_order": 1, "pack": 1}]}),
        ),
        &clerk,
    )
    .await;
    let (_, po) = call(&app, "POST", "/api/v1/admin/purchase-orders",
        Some(json!({"supplier": supplier, "warehouse": sh, "lines": [{"variant": variant, "quantity": 20}]})), &clerk).await;
    let po = po["id"].as_i64().unwrap();
    let receipts = format!("/api/v1/admin/purchase-orders/{po}/receipts");
    let arrived = json!({"lines": [{"variant": variant, "quantity": 15}], "note": "少到 5 件"});
    let (status, err) = call(&app, "POST", &receipts, Some(arrived.clone()), &keeper).await;
    assert_eq!(
        (status, err["problem"].as_str()),
        (409, Some("not_receivable")),
        "a draft receives nothing"
    );
    call(
        &app,
        "POST",
        &format!("/api/v1/admin/purchase-orders/{po}/send"),
        None,
        &clerk,
    )
    .await;
    sqlx::query("UPDATE purchase_orders SET status = 'confirmed' WHERE id = $1")
        .bind(po)
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.db.commits.note();

    // 15 of 20 arrive: partly received, in the receiving area, not yet stock
    let (status, _) = call(&app, "POST", &receipts, Some(arrived.clone()), &clerk).await;
    assert_eq!(status, 403, "procurement does not receive");
    let (status, err) = call(
        &app,
        "POST",
        &receipts,
        Some(json!({"lines": [{"variant": 999_999, "quantity": 1}]})),
        &keeper,
    )
    .await;
    assert_eq!(
        (status, err["problem"].as_str(), err["field"].as_str()),
        (422, Some("line_unknown"), Some("lines[0].variant"))
    );
    let (status, receipt) = call(&app, "POST", &receipts, Some(arrived), &keeper).await;
    assert_eq!(status, 201, "{receipt:?}");
    let id = receipt["id"].as_i64().unwrap();
    assert_eq!(receipt["number"], format!("GR-{id:06}"));
    let line = &receipt["lines"][0];
    assert_eq!(
        (
            line["expected"].as_i64(),
            line["quantity"].as_i64(),
            line["plan"]["kind"].as_str()
        ),
        (Some(20), Some(15), Some("full"))
    );
    assert_eq!(line["characteristics"], json!(["外观", "尺寸"]));
    let bin = line["suggested_bin"].as_str().unwrap().to_string();
    let (_, order) = call(
        &app,
        "GET",
        &format!("/api/v1/admin/purchase-orders/{po}"),
        None,
        &keeper,
    )
    .await;
    assert_eq!(
        (
            order["status"].as_str(),
            order["lines"][0]["received"].as_i64()
        ),
        (Some("partially_received"), Some(15))
    );
    assert_eq!(level().await, 4, "not sellable before put-away");

    // inspection of every unit: 2 fail and go back to the supplier
    let inspect = format!("/api/v1/admin/receipts/{id}/inspect");
    let (status, err) = call(
        &app,
        "POST",
        &inspect,
        Some(json!({"lines": [{"variant": variant, "defective": 16, "rejected_to": "supplier"}]})),
        &keeper,
    )
    .await;
    assert_eq!(
        (status, err["problem"].as_str()),
        (422, Some("defective_invalid"))
    );
    let (status, err) = call(
        &app,
        "POST",
        &format!("/api/v1/admin/receipts/{id}/put-away"),
        Some(json!({"lines": [{"variant": variant, "bin": bin}]})),
        &keeper,
    )
    .await;
    assert_eq!(
        (status, err["problem"].as_str()),
        (409, Some("wrong_step")),
        "put-away after inspection"
    );
    let (status, inspected) = call(&app, "POST", &inspect, Some(json!({"lines": [{"variant": variant, "defective": 2,
        "results": [{"characteristic": "外观", "passed": false, "note": "污渍"}, {"characteristic": "尺寸", "passed": true}],
        "rejected_to": "supplier"}]})), &keeper).await;
    assert_eq!(status, 200, "{inspected:?}");
    let line = &inspected["lines"][0];
    assert_eq!(
        (
            line["accepted"].as_i64(),
            line["rejected"].as_i64(),
            line["rejected_to"].as_str()
        ),
        (Some(13), Some(2), Some("supplier"))
    );
    assert_eq!(line["results"][0]["note"], "污渍");
    let (status, _) = call(
        &app,
        "POST",
        &inspect,
        Some(json!({"lines": [{"variant": variant, "defective": 0, "rejected_to": "scrap"}]})),
        &keeper,
    )
    .await;
    assert_eq!(status, 409, "inspected once");
    let returned: i64 = sqlx::query_scalar(
        "SELECT CAST(SUM(l.quantity) AS BIGINT) FROM supplier_return_lines l JOIN supplier_returns r ON r.id = l.supplier_return_id WHERE r.receipt_id = $1 AND r.supplier_id = $2",
    )
    .bind(id)
    .bind(supplier)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(returned, 2, "the return-to-supplier document");

    // put away into the item's own bin only; then it is stock, at the averaged cost
    let put = format!("/api/v1/admin/receipts/{id}/put-away");
    let other: String = sqlx::query_scalar("SELECT code FROM warehouse_bins WHERE warehouse_id = $1 AND code <> $2 ORDER BY code LIMIT 1")
        .bind(sh)
        .bind(&bin)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let (status, err) = call(
        &app,
        "POST",
        &put,
        Some(json!({"lines": [{"variant": variant, "bin": other}]})),
        &keeper,
    )
    .await;
    assert_eq!(
        (status, err["problem"].as_str()),
        (422, Some("not_its_bin")),
        "{err:?}"
    );
    let (status, done) = call(
        &app,
        "POST",
        &put,
        Some(json!({"lines": [{"variant": variant, "bin": bin}]})),
        &keeper,
    )
    .await;
    assert_eq!(status, 200, "{done:?}");
    assert_eq!(
        (
            done["status"].as_str(),
            done["lines"][0]["put_away_bin"].as_str()
        ),
        (Some("put_away"), Some(bin.as_str()))
    );
    assert_eq!(level().await, 4 + 13);
    app.assert_books_true().await;
    let cost: i64 = sqlx::query_scalar("SELECT cost FROM product_variants WHERE id = $1")
        .bind(variant)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        cost,
        shared::procurement::receiving::moving_average(8, cost_before, 13, 1000)
    );
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM inbound_movements WHERE receipt_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(kinds, ["received", "accepted", "to_supplier", "put_away"]);
    let audit: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE entity_type = 'receipt' AND entity_id = $1 ORDER BY id",
    )
    .bind(id.to_string())
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        audit,
        ["receipt.create", "receipt.inspect", "receipt.put_away"]
    );
    app.cleanup().await;
}
