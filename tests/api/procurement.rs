//! Procurement: a supplier and its list (each rule refused where it is, nothing written);
//! the suggestions pick the cheapest supplier in time and round to its minimum and packs;
//! a suggestion becomes a draft, which is then no longer suggested; a draft above the
//! threshold goes out only once someone other than its writer (finance) approved exactly
//! its lines; a sent order is expected after the lead time and can be cancelled with a
//! reason, once; every change is in the audit log.

use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{StaffLogin, TestApp};

storekeep_tests::on_both_backends!(a_suggestion_becomes_an_approved_purchase_order);

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

async fn audit_actions(app: &TestApp, entity: &str, id: i64) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id",
    )
    .bind(entity)
    .bind(id.to_string())
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

fn supplier(code: &str) -> Value {
    json!({"code": code, "name": "测试纺织有限公司", "contact_name": "王经理",
           "email": "sales@test.example.cn", "payment_terms_days": 30, "lead_time_days": 7,
           "currency": "CNY", "active": true})
}

async fn a_suggestion_becomes_an_approved_purchase_order(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let clerk = app.with_staff(&[StaffRole::Procurement]).await;
    let finance = app.with_staff(&[StaffRole::Finance]).await;
    let keeper = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let owner = app.owner().await;

    // a supplier's record: each rule where it is, nothing written
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM suppliers")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    for (change, problem, field) in [
        (json!({"code": "X"}), "code_invalid", "code"),
        (json!({"code": "SUP-001"}), "code_taken", "code"),
        (json!({"email": "sales"}), "email_invalid", "email"),
        (
            json!({"lead_time_days": 366}),
            "lead_time_invalid",
            "lead_time_days",
        ),
    ] {
        let mut body = supplier("SUP-T1");
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (status, err) = call(&app, "POST", "/api/v1/admin/suppliers", Some(body), &clerk).await;
        assert_eq!(
            (status, err["problem"].as_str(), err["field"].as_str()),
            (422, Some(problem), Some(field)),
            "{err:?}"
        );
    }
    let (status, _) = call(
        &app,
        "POST",
        "/api/v1/admin/suppliers",
        Some(supplier("SUP-T1")),
        &keeper,
    )
    .await;
    assert_eq!(
        status, 403,
        "the warehouse sees suppliers but does not keep them"
    );
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM suppliers")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(after, before, "nothing written");
    let (status, made) = call(
        &app,
        "POST",
        "/api/v1/admin/suppliers",
        Some(supplier(" sup-t1 ")),
        &clerk,
    )
    .await;
    assert_eq!(status, 201, "{made:?}");
    assert_eq!(made["supplier"]["code"], "SUP-T1");
    let id = made["id"].as_i64().unwrap();

    // its list: named by SKU, each rule refused where it is
    let offers = |sku: &str, cost: i64| {
        json!({"offers": [
        {"sku": "BD-001-01", "unit_cost": cost, "min_order": 10, "pack": 5},
        {"sku": sku, "unit_cost": 2000, "min_order": 1, "pack": 1, "lead_time_days": 3}]})
    };
    let path = format!("/api/v1/admin/suppliers/{id}/offers");
    let (status, err) = call(
        &app,
        "PUT",
        &path,
        Some(offers("NO-SUCH-SKU", 1000)),
        &clerk,
    )
    .await;
    assert_eq!(
        (status, err["problem"].as_str(), err["field"].as_str()),
        (422, Some("sku_unknown"), Some("offers[1].sku"))
    );
    let (status, err) = call(&app, "PUT", &path, Some(offers("BD-001-01", 1000)), &clerk).await;
    assert_eq!(
        (status, err["problem"].as_str()),
        (422, Some("sku_repeated"))
    );
    let (status, err) = call(&app, "PUT", &path, Some(offers("BD-001-02", 0)), &clerk).await;
    assert_eq!(
        (status, err["field"].as_str()),
        (422, Some("offers[0].unit_cost"))
    );
    let (status, listed) = call(&app, "PUT", &path, Some(offers("BD-001-02", 1000)), &clerk).await;
    assert_eq!(status, 200, "{listed:?}");
    assert_eq!(listed["offers"].as_array().unwrap().len(), 2);
    assert_eq!(listed["offers"][0]["unit_cost"]["minor"], 1000);
    assert!(listed["offers"][0]["name"]["zh"].as_str().unwrap().len() > 3);
    assert_eq!(
        audit_actions(&app, "supplier", id).await,
        ["supplier.create", "supplier.offers"]
    );

    // the suggestion: 4 on hand in each warehouse and a reorder point of 10: projected 8 ≤
    // 10, brought up to 10 + a month's pace (at least 1), at least the minimum of 10, in
    // packs of 5, from the cheapest supplier in time
    let variant = app.variant_with_stock("BD-001-01", 4).await;
    let sh = app.warehouse_id("SH-01").await;
    let (status, _) = call(
        &app,
        "PUT",
        &format!("/api/v1/admin/stock/{sh}/{variant}/reorder-point"),
        Some(json!({"reorder_point": 10})),
        &keeper,
    )
    .await;
    assert_eq!(status, 204);
    let (status, suggested) = call(
        &app,
        "GET",
        "/api/v1/admin/procurement/suggestions",
        None,
        &clerk,
    )
    .await;
    assert_eq!(status, 200);
    let row = suggested
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["variant"] == variant)
        .cloned()
        .expect("BD-001-01 is suggested");
    let pace = row["used_30_days"].as_i64().unwrap().max(1);
    let wanted = (10 + pace - 8).max(10);
    assert_eq!(
        (
            row["supplier"].as_i64(),
            row["quantity"].as_i64(),
            row["unit_cost"]["minor"].as_i64()
        ),
        (Some(id), Some((wanted + 4) / 5 * 5), Some(1000)),
        "{row:?}"
    );
    assert_eq!(
        (row["on_hand"].as_i64(), row["reorder_point"].as_i64()),
        (Some(8), Some(10))
    );
    assert!(row["arrives_by"].as_i64().unwrap() > row["order_by"].as_i64().unwrap());

    // a suggestion becomes a draft; then it is on order and no longer suggested
    let (status, drafts) = call(
        &app,
        "POST",
        "/api/v1/admin/purchase-orders/from-suggestions",
        Some(json!({"warehouse": sh, "lines": [{"supplier": id, "variant": variant, "quantity": 10}]})),
        &clerk,
    )
    .await;
    assert_eq!(status, 201, "{drafts:?}");
    let drafts = drafts.as_array().unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(
        (
            drafts[0]["status"].as_str(),
            drafts[0]["total"]["minor"].as_i64()
        ),
        (Some("draft"), Some(10_000))
    );
    let po = drafts[0]["id"].as_i64().unwrap();
    assert_eq!(drafts[0]["number"], format!("PO-{po:06}"));
    let (_, suggested) = call(
        &app,
        "GET",
        "/api/v1/admin/procurement/suggestions",
        None,
        &clerk,
    )
    .await;
    assert!(
        !suggested
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["variant"] == variant),
        "on order now: {suggested:?}"
    );

    // drafts' rules: an item the supplier does not sell, the same item twice
    let other: i64 = sqlx::query_scalar("SELECT id FROM product_variants WHERE sku = 'TS-001-01'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let draft = |lines: Value| json!({"supplier": id, "warehouse": sh, "lines": lines});
    let (status, err) = call(
        &app,
        "POST",
        "/api/v1/admin/purchase-orders",
        Some(draft(json!([{"variant": other, "quantity": 1}]))),
        &clerk,
    )
    .await;
    assert_eq!(
        (status, err["problem"].as_str(), err["field"].as_str()),
        (422, Some("not_offered"), Some("lines[0].variant"))
    );
    let (status, err) = call(
        &app,
        "POST",
        "/api/v1/admin/purchase-orders",
        Some(draft(
            json!([{"variant": variant, "quantity": 1}, {"variant": variant, "quantity": 2}]),
        )),
        &clerk,
    )
    .await;
    assert_eq!(
        (status, err["problem"].as_str()),
        (422, Some("item_repeated"))
    );
    let mut unknown = draft(json!([{"variant": variant, "quantity": 1}]));
    unknown["supplier"] = json!(999_999);
    let (status, err) = call(
        &app,
        "POST",
        "/api/v1/admin/purchase-orders",
        Some(unknown),
        &clerk,
    )
    .await;
    assert_eq!(
        (status, err["problem"].as_str()),
        (422, Some("supplier_unknown"))
    );

    // the owner asks approval above ¥50; the clerk may not set it
    let (status, _) = call(
        &app,
        "PUT",
        "/api/v1/admin/procurement/settings",
        Some(json!({"approval_threshold": 5_000})),
        &clerk,
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = call(
        &app,
        "PUT",
        "/api/v1/admin/procurement/settings",
        Some(json!({"approval_threshold": 5_000})),
        &owner,
    )
    .await;
    assert_eq!(status, 200);
    let order_path = format!("/api/v1/admin/purchase-orders/{po}");
    let (_, view) = call(&app, "GET", &order_path, None, &clerk).await;
    assert_eq!(view["needs_approval"], true);
    let (status, err) = call(&app, "POST", &format!("{order_path}/send"), None, &clerk).await;
    assert_eq!(
        (status, err["problem"].as_str()),
        (409, Some("not_approved"))
    );
    let (status, _) = call(&app, "POST", &format!("{order_path}/approve"), None, &clerk).await;
    assert_eq!(status, 403, "who buys does not approve");
    let (status, view) = call(
        &app,
        "POST",
        &format!("{order_path}/approve"),
        None,
        &finance,
    )
    .await;
    assert_eq!(status, 200, "{view:?}");
    assert_eq!(view["approved_by"], "测试员工");
    // a change to the lines withdraws the approval: it approved other lines
    let (status, view) = call(
        &app,
        "PUT",
        &order_path,
        Some(draft(json!([{"variant": variant, "quantity": 15}]))),
        &clerk,
    )
    .await;
    assert_eq!(status, 200, "{view:?}");
    assert_eq!(
        (
            view["approved_by"].is_null(),
            view["total"]["minor"].as_i64()
        ),
        (true, Some(15_000))
    );
    let (status, _) = call(&app, "POST", &format!("{order_path}/send"), None, &clerk).await;
    assert_eq!(status, 409);
    let (status, _) = call(
        &app,
        "POST",
        &format!("{order_path}/approve"),
        None,
        &finance,
    )
    .await;
    assert_eq!(status, 200);
    let (status, sent) = call(&app, "POST", &format!("{order_path}/send"), None, &clerk).await;
    assert_eq!(status, 200, "{sent:?}");
    assert_eq!(sent["status"], "sent");
    let sent_at = sent["sent_at"].as_i64().unwrap();
    assert_eq!(
        sent["lines"][0]["expected_at"].as_i64(),
        Some(sent_at + 7 * 86_400_000),
        "the supplier's lead time"
    );
    assert_eq!(
        sent["lines"][0]["unit_cost"]["minor"], 1000,
        "the list's price, never the client's"
    );
    let (status, err) = call(
        &app,
        "PUT",
        &order_path,
        Some(draft(json!([{"variant": variant, "quantity": 1}]))),
        &clerk,
    )
    .await;
    assert_eq!((status, err["problem"].as_str()), (409, Some("not_draft")));
    let events: Vec<&str> = sent["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to_status"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        ["draft", "draft", "draft", "sent"],
        "written, approved, approved again, sent"
    );
    assert_eq!(sent["events"][1]["about"]["kind"], "purchase_approved");

    // an owner who wrote a draft does not approve it themself
    let (status, own) = call(
        &app,
        "POST",
        "/api/v1/admin/purchase-orders",
        Some(draft(json!([{"variant": variant, "quantity": 10}]))),
        &owner,
    )
    .await;
    assert_eq!(status, 201, "{own:?}");
    let own_path = format!("/api/v1/admin/purchase-orders/{}", own["id"]);
    let (status, err) = call(&app, "POST", &format!("{own_path}/approve"), None, &owner).await;
    assert_eq!(
        (status, err["problem"].as_str()),
        (409, Some("approved_by_writer"))
    );

    // an order in another currency than the threshold's always needs approval
    let mut usd = supplier("SUP-USD");
    usd["currency"] = json!("USD");
    let (status, made) = call(&app, "POST", "/api/v1/admin/suppliers", Some(usd), &clerk).await;
    assert_eq!(status, 201, "{made:?}");
    let usd = made["id"].as_i64().unwrap();
    call(
        &app,
        "PUT",
        &format!("/api/v1/admin/suppliers/{usd}/offers"),
        Some(
            json!({"offers": [{"sku": "BD-001-01", "unit_cost": 100, "min_order": 1, "pack": 1}]}),
        ),
        &clerk,
    )
    .await;
    let (status, small) = call(
        &app,
        "POST",
        "/api/v1/admin/purchase-orders",
        Some(json!({"supplier": usd, "warehouse": sh, "lines": [{"variant": variant, "quantity": 1}]})),
        &clerk,
    )
    .await;
    assert_eq!(
        (status, small["needs_approval"].as_bool()),
        (201, Some(true)),
        "$1.00 against a ¥50 threshold: {small:?}"
    );
    let (status, err) = call(
        &app,
        "POST",
        &format!("/api/v1/admin/purchase-orders/{}/send", small["id"]),
        None,
        &clerk,
    )
    .await;
    assert_eq!(
        (status, err["problem"].as_str()),
        (409, Some("not_approved"))
    );

    // the sent order is withdrawn with a reason, once
    let (status, err) = call(
        &app,
        "POST",
        &format!("{order_path}/cancel"),
        Some(json!({"reason": "  "})),
        &clerk,
    )
    .await;
    assert_eq!(
        (status, err["problem"].as_str()),
        (422, Some("reason_invalid"))
    );
    let (status, cancelled) = call(
        &app,
        "POST",
        &format!("{order_path}/cancel"),
        Some(json!({"reason": "供应商停产"})),
        &clerk,
    )
    .await;
    assert_eq!(
        (status, cancelled["status"].as_str()),
        (200, Some("cancelled"))
    );
    let (status, err) = call(
        &app,
        "POST",
        &format!("{order_path}/cancel"),
        Some(json!({"reason": "再取消"})),
        &clerk,
    )
    .await;
    assert_eq!(
        (status, err["problem"].as_str()),
        (409, Some("not_cancellable"))
    );
    let (_, list) = call(
        &app,
        "GET",
        "/api/v1/admin/purchase-orders?status=cancelled",
        None,
        &finance,
    )
    .await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(
        audit_actions(&app, "purchase_order", po).await,
        [
            "purchase_order.create",
            "purchase_order.approve",
            "purchase_order.update",
            "purchase_order.approve",
            "purchase_order.send",
            "purchase_order.cancel"
        ]
    );
    app.cleanup().await;
}
