//! Repairs under warranty (保修维修): a customer asks for a repair of a delivered item with a
//! description and a photo; the warehouse receives it, repairs it and sends it back with the
//! parcel's tracking number, customer service closes it — each step on the customer's
//! timeline, in the outbox and in the audit log. Asking before delivery, after the warranty,
//! for a line the order does not have, without a description, twice at once, or of another
//! customer's order is refused with nothing written; a request the warranty does not cover
//! is rejected with the reason; a product's own warranty counts instead of the year.

use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{guest_order, TestApp};

storekeep_tests::on_both_backends!(
    a_repaired_item_goes_back_to_its_customer_step_by_step,
    a_repair_is_refused_outside_what_the_warranty_covers,
    a_repair_not_covered_is_rejected_with_the_reason,
);

const DAY: i64 = 24 * 60 * 60 * 1000;
/// Where `TestApp::delivered_order`'s orders send their messages.
const BUYER: &str = "buyer@example.cn";

async fn ask(app: &TestApp, number: &str, cookie: &str, body: Value) -> (u16, Value) {
    let res = app
        .post_json(
            &format!("/api/v1/store/orders/{number}/repairs"),
            &body,
            cookie,
        )
        .await;
    (res.status, res.json)
}

fn steps(tracked: &Value) -> Vec<String> {
    tracked["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["milestone"]["step"].as_str().unwrap().to_string())
        .collect()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn messages(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE recipient = $1")
        .bind(BUYER)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn delivered_at(app: &TestApp, number: &str) -> i64 {
    sqlx::query_scalar("SELECT delivered_at FROM orders WHERE number = $1")
        .bind(number)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn tracking(app: &TestApp, number: &str, cookie: &str) -> Value {
    let res = app
        .get_with(&format!("/api/v1/store/orders/{number}/tracking"), cookie)
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    res.json
}

/// Takes step `name` of repair `id` as the staff member `cookie`: it answers 200 with the
/// repair in `status`, and the customer is told. The repair as it is then.
async fn take(
    app: &TestApp,
    id: i64,
    name: &str,
    body: Value,
    cookie: &str,
    status: &str,
) -> Value {
    let told = messages(app).await;
    let res = app
        .post_json(&format!("/api/v1/admin/repairs/{id}/{name}"), &body, cookie)
        .await;
    assert_eq!(res.status, 200, "{name}: {:?}", res.json);
    assert_eq!(res.json["status"], status, "{name}");
    assert_eq!(
        messages(app).await,
        told + 1,
        "{name}: the customer is told"
    );
    res.json
}

async fn a_repaired_item_goes_back_to_its_customer_step_by_step(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, cookie) = app.with_customer().await;
    let (number, _) = app
        .delivered_order(&cookie, "repair-flow-0001", "BD-001-01", 1)
        .await;
    let service = app.with_staff(&[StaffRole::CustomerService]).await;
    let warehouse = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let finance = app.with_staff(&[StaffRole::Finance]).await;

    // the order offers a repair of its line for a year after delivery
    let tracked = tracking(&app, &number, &cookie).await;
    let delivered = delivered_at(&app, &number).await;
    assert_eq!(
        tracked["repair_until"],
        json!([delivered + 365 * DAY]),
        "{tracked:?}"
    );
    assert_eq!(tracked["repairs"], json!([]));

    // a photo of the fault, uploaded for the order first
    let photo = app
        .post_bytes(
            &format!("/api/v1/store/orders/{number}/photos?purpose=repair"),
            "image/png",
            crate::catalog_admin::png(800, 600),
            &cookie,
        )
        .await;
    assert_eq!(photo.status, 201, "{:?}", photo.json);
    let key = photo.json["key"].as_str().unwrap().to_string();

    let told = messages(&app).await;
    let (status, tracked) = ask(
        &app,
        &number,
        &cookie,
        json!({"line": 0, "description": "  开机后屏幕不亮  ", "photos": [key]}),
    )
    .await;
    assert_eq!(status, 201, "{tracked:?}");
    let repair = &tracked["repairs"][0];
    let id = repair["id"].as_i64().unwrap();
    assert_eq!(repair["status"], "requested");
    assert_eq!(repair["line"], 0);
    assert_eq!(repair["description"], "开机后屏幕不亮", "trimmed");
    assert_eq!(repair["order"], number.as_str());
    // it is in the customer's copy of their data
    let export = app.get_with("/api/v1/store/account/export", &cookie).await;
    assert_eq!(export.status, 200, "{:?}", export.json);
    assert_eq!(export.json["repairs"][0]["description"], "开机后屏幕不亮");
    assert_eq!(export.json["repairs"][0]["order_number"], number.as_str());
    let shown = repair["photos"][0].as_str().unwrap();
    assert!(shown.starts_with("/media/"), "{shown}");
    assert_eq!(app.get(shown).await.status(), 200);
    assert_eq!(
        tracked["repair_until"],
        json!([null]),
        "one repair of a line at a time"
    );
    assert_eq!(steps(&tracked).last().unwrap(), "repair_requested");
    assert_eq!(messages(&app).await, told + 1, "the customer is told");
    let mail = app.last_message_to(BUYER).await;
    assert!(
        mail.contains(&format!("#{id}")) && mail.contains(&number),
        "{mail}"
    );

    let path = |step: &str| format!("/api/v1/admin/repairs/{id}/{step}");
    // finance does not handle repairs; customer service and the warehouse do
    let res = app
        .post_json(&path("receive"), &json!({}), &finance.cookie)
        .await;
    assert_eq!(res.status, 403);
    let queue = app
        .get_with("/api/v1/admin/repairs?status=requested", &service.cookie)
        .await;
    assert_eq!(queue.status, 200, "{:?}", queue.json);
    assert_eq!(queue.json["total"], 1);
    assert_eq!(queue.json["items"][0]["id"], id);
    assert_eq!(queue.json["items"][0]["customer"], "韩梅梅");
    let one = app
        .get_with(&format!("/api/v1/admin/repairs/{id}"), &warehouse.cookie)
        .await;
    assert_eq!(one.status, 200, "{:?}", one.json);
    assert_eq!(one.json["description"], "开机后屏幕不亮");
    // no step is skipped
    let res = app
        .post_json(
            &path("return"),
            &json!({"note": "顺丰 SF1"}),
            &warehouse.cookie,
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (409, Some("illegal_transition"))
    );

    let audited = app.audit_count().await;
    take(
        &app,
        id,
        "receive",
        json!({}),
        &warehouse.cookie,
        "received",
    )
    .await;
    take(
        &app,
        id,
        "start",
        json!({"note": "更换屏幕排线"}),
        &warehouse.cookie,
        "repairing",
    )
    .await;
    // sending it back names the parcel
    let res = app
        .post_json(&path("return"), &json!({"note": "  "}), &warehouse.cookie)
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("note"))
    );
    let returned = take(
        &app,
        id,
        "return",
        json!({"note": "顺丰速运 SF1234567890"}),
        &warehouse.cookie,
        "returned",
    )
    .await;
    assert_eq!(returned["staff_note"], "顺丰速运 SF1234567890");
    let mail = app.last_message_to(BUYER).await;
    assert!(mail.contains("SF1234567890"), "{mail}");
    take(&app, id, "close", json!({}), &service.cookie, "closed").await;
    assert_eq!(app.audit_count().await, audited + 4);
    let entries: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'repair' AND entity_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(entries, 4, "receive, start, return, close");
    let mail = app.last_message_to(BUYER).await;
    assert!(mail.contains("维修已完成"), "{mail}");
    // closed: nothing more to do
    let res = app
        .post_json(&path("receive"), &json!({}), &warehouse.cookie)
        .await;
    assert_eq!(res.status, 409);

    // the customer sees every step, the parcel, and may ask again
    let tracked = tracking(&app, &number, &cookie).await;
    let s = steps(&tracked);
    let repair_steps: Vec<&str> = s
        .iter()
        .map(String::as_str)
        .filter(|s| s.starts_with("repair_"))
        .collect();
    assert_eq!(
        repair_steps,
        [
            "repair_requested",
            "repair_received",
            "repair_started",
            "repair_returned",
            "repair_closed"
        ],
        "{s:?}"
    );
    let back = tracked["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["milestone"]["step"] == "repair_returned")
        .unwrap();
    assert_eq!(back["milestone"]["note"], "顺丰速运 SF1234567890");
    assert_eq!(back["milestone"]["id"], id);
    let repair = &tracked["repairs"][0];
    assert_eq!(repair["status"], "closed");
    assert_eq!(repair["staff_note"], "顺丰速运 SF1234567890", "kept");
    assert_eq!(repair["events"].as_array().unwrap().len(), 5);
    assert_eq!(tracked["repair_until"], json!([delivered + 365 * DAY]));
    // the queue by status
    let queue = app
        .get_with("/api/v1/admin/repairs?status=closed", &service.cookie)
        .await;
    assert_eq!(queue.json["total"], 1);
    let queue = app
        .get_with("/api/v1/admin/repairs?status=requested", &service.cookie)
        .await;
    assert_eq!(queue.json["total"], 0);
    app.cleanup().await;
}

async fn a_repair_is_refused_outside_what_the_warranty_covers(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, cookie) = app.with_customer().await;
    let (_, stranger) = app.with_customer().await;
    let (number, variant) = app
        .delivered_order(&cookie, "repair-refuse-01", "BD-001-01", 1)
        .await;
    // another order of theirs, paid but not delivered yet
    let placed = app
        .place_order(
            "repair-refuse-02",
            &guest_order(BUYER, variant, 1, "card"),
            &cookie,
        )
        .await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    let early = placed.json["number"].as_str().unwrap().to_string();
    app.pay_by_card(&early, placed.json["access_token"].as_str().unwrap())
        .await;
    let fine = json!({"line": 0, "description": "按键失灵"});
    let told = messages(&app).await;
    let audited = app.audit_count().await;

    // another customer's order is not found, nor is one that does not exist; a guest signs in
    let (status, _) = ask(&app, &number, &stranger, fine.clone()).await;
    assert_eq!(status, 404);
    let (status, _) = ask(&app, "SK2001010001", &cookie, fine.clone()).await;
    assert_eq!(status, 404);
    let (status, _) = ask(&app, &number, "", fine.clone()).await;
    assert_eq!(status, 401);
    let (status, body) = ask(&app, &early, &cookie, fine.clone()).await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("not_delivered"))
    );
    for (body, problem) in [
        (json!({"line": 3, "description": "按键失灵"}), "line"),
        (json!({"line": 0, "description": "   "}), "description"),
        (
            json!({"line": 0, "description": "坏".repeat(2001)}),
            "description",
        ),
        (
            json!({"line": 0, "description": "按键失灵", "photos": ["0123456789abcdef"]}),
            "photos",
        ),
        (
            json!({"line": 0, "description": "按键失灵", "photos": ["a", "b", "c", "d", "e", "f", "g"]}),
            "photos",
        ),
    ] {
        let (status, answer) = ask(&app, &number, &cookie, body.clone()).await;
        assert_eq!(
            (status, answer["problem"].as_str()),
            (422, Some(problem)),
            "{body}"
        );
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM repairs").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM repair_events").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM repair_photos").await, 0);
    assert_eq!(messages(&app).await, told, "nothing sent");

    // one repair of a line at a time
    let (status, tracked) = ask(&app, &number, &cookie, fine.clone()).await;
    assert_eq!(status, 201, "{tracked:?}");
    let (status, body) = ask(&app, &number, &cookie, fine.clone()).await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("already_open"))
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM repairs").await, 1);

    // a year and a day after delivery the warranty is over
    sqlx::query("UPDATE orders SET delivered_at = delivered_at - $1 WHERE number = $2")
        .bind(366 * DAY)
        .bind(&number)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (status, body) = ask(&app, &number, &cookie, fine.clone()).await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("warranty_over"))
    );
    let tracked = tracking(&app, &number, &cookie).await;
    assert_eq!(tracked["repair_until"], json!([null]));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM repairs").await, 1);
    assert_eq!(messages(&app).await, told + 1, "only the one asked for");
    assert_eq!(
        app.audit_count().await,
        audited,
        "customers' requests are no staff changes"
    );
    app.cleanup().await;
}

async fn a_repair_not_covered_is_rejected_with_the_reason(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, cookie) = app.with_customer().await;
    let (number, variant) = app
        .delivered_order(&cookie, "repair-reject-1", "BD-001-01", 1)
        .await;
    let service = app.with_staff(&[StaffRole::CustomerService]).await;
    let (status, tracked) = ask(
        &app,
        &number,
        &cookie,
        json!({"line": 0, "description": "进水后无法开机"}),
    )
    .await;
    assert_eq!(status, 201, "{tracked:?}");
    let id = tracked["repairs"][0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/admin/repairs/{id}/reject");
    // the customer is told why
    let res = app
        .post_json(&path, &json!({"note": ""}), &service.cookie)
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("note"))
    );
    let reason = "人为进水不在保修范围内，可付费维修";
    let told = messages(&app).await;
    let res = app
        .post_json(&path, &json!({"note": reason}), &service.cookie)
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(res.json["status"], "rejected");
    assert_eq!(res.json["staff_note"], reason);
    assert_eq!(messages(&app).await, told + 1);
    assert!(app.last_message_to(BUYER).await.contains(reason));
    // rejected is final
    for step in ["reject", "receive"] {
        let res = app
            .post_json(
                &format!("/api/v1/admin/repairs/{id}/{step}"),
                &json!({"note": "再试"}),
                &service.cookie,
            )
            .await;
        assert_eq!(
            (res.status, res.json["problem"].as_str()),
            (409, Some("illegal_transition")),
            "{step}"
        );
    }
    let tracked = tracking(&app, &number, &cookie).await;
    let rejected = tracked["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["milestone"]["step"] == "repair_rejected")
        .unwrap();
    assert_eq!(rejected["milestone"]["reason"], reason);
    assert_eq!(tracked["repairs"][0]["status"], "rejected");
    // the line is free again
    assert!(tracked["repair_until"][0].is_i64(), "{tracked:?}");

    // past the year, but the product has a warranty of two years: still covered
    sqlx::query("UPDATE orders SET delivered_at = delivered_at - $1 WHERE number = $2")
        .bind(400 * DAY)
        .bind(&number)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (status, body) = ask(
        &app,
        &number,
        &cookie,
        json!({"line": 0, "description": "屏幕闪烁"}),
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("warranty_over"))
    );
    sqlx::query(
        "UPDATE products SET warranty_days = 730 WHERE id = (SELECT product_id FROM product_variants WHERE id = $1)",
    )
    .bind(variant)
    .execute(&app.db.pool)
    .await
    .unwrap();
    app.db.commits.note(); // a write the server did not make itself
    let (status, tracked) = ask(
        &app,
        &number,
        &cookie,
        json!({"line": 0, "description": "屏幕闪烁"}),
    )
    .await;
    assert_eq!(status, 201, "{tracked:?}");
    assert_eq!(tracked["repairs"].as_array().unwrap().len(), 2);
    app.cleanup().await;
}
