//! A return in real browsers: a customer on a phone asks to return one line of a delivered
//! order with a photo; in the back office customer service approves it, the warehouse
//! receives it into Shanghai and restocks it at inspection, and the clerk refunds it; the
//! customer then sees the refund in the order's timeline, and the unit is back on the
//! warehouse's ledger.

use crate::catalogue::{png, TempFile};
use crate::sign_in_staff;
use fantoccini::Locator;
use server::db::Backend;
use std::time::{Duration, Instant};
use storekeep_tests::browser::Browser;
use storekeep_tests::{guest_order, TestApp};

storekeep_tests::on_both_backends!(
    a_customer_returns_a_line_and_gets_the_refund,
    a_customer_exchanges_for_another_colour,
);

async fn a_customer_returns_a_line_and_gets_the_refund(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    // a delivered card order of two lines
    let email = "returner@example.cn";
    let cookie = app.register_customer(email).await;
    let clerk = app.login("orders@storekeep.test", "orders-demo-2026").await;
    let tee = app.variant_with_stock("TS-001-01", 10).await;
    let other = app.variant_with_stock("BD-001-01", 10).await;
    let mut body = guest_order(email, tee, 1, "card");
    body["lines"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"variant_id": other, "quantity": 1}));
    let placed = app.place_order("e2e-return-01", &body, &cookie).await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    let number = placed.json["number"].as_str().unwrap().to_string();
    app.pay_by_card(&number, placed.json["access_token"].as_str().unwrap())
        .await;
    let warehouse = app
        .login("warehouse@storekeep.test", "warehouse-demo-2026")
        .await;
    let shipment = app.ship_order(&warehouse, &number, "SF9001").await;
    let delivered = app
        .post_json(
            &format!("/api/v1/admin/shipments/{shipment}/deliver"),
            &serde_json::json!({}),
            &warehouse,
        )
        .await;
    assert_eq!(delivered.status, 204, "{:?}", delivered.json);
    let sh = app.warehouse_id("SH-01").await;
    let on_hand = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT on_hand FROM stock_levels WHERE variant_id = $1 AND warehouse_id = $2",
        )
        .bind(tee)
        .bind(sh)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
    };
    let before = on_hand().await;
    let _ = clerk;

    // the customer asks, on a phone, in Chinese
    let b = Browser::start("zh-CN").await;
    b.resize(390, 844).await;
    let order_page = format!("/orders/{number}");
    open_return_form(&b, &app, email, &order_page, "").await;
    let picture = TempFile::new("scratch.png", &png(640, 480));
    // until the form is hydrated a chosen file goes nowhere: choose again until it shows
    let started = Instant::now();
    while !b.has("[data-testid=return-photo]").await {
        b.choose_file("[data-testid=return-photos]", &picture.0)
            .await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the photo never uploaded"
        );
    }
    b.click(Locator::Css("[data-testid=return-line]")).await;
    b.select("[data-testid=return-reason]", "defective").await;
    b.type_into("[data-testid=return-comment]", "领口有破洞")
        .await;
    b.screenshot("return-form-zh-390").await;
    b.click_until(
        "[data-testid=return-submit]",
        || async { b.has("[data-testid=return-card]").await },
        "the return on the order's page",
    )
    .await;
    assert_eq!(b.text("[data-testid=return-card-status]").await, "待审核");
    let id: i64 = sqlx::query_scalar("SELECT id FROM returns")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let photos: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM return_photos WHERE return_id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(photos, 1, "the photo went with the return");

    // the back office: the clerk approves, the warehouse receives and restocks, the clerk refunds
    let staff = Browser::start("zh-CN").await;
    sign_in_staff(&staff, &app, "orders@storekeep.test", "orders-demo-2026").await;
    staff.goto(&app.url("/admin/returns")).await;
    staff
        .wait_text(
            "[data-testid=return-row]",
            |t| t.contains(&number),
            "the return in the queue",
        )
        .await;
    staff.screenshot("admin-returns-zh").await;
    staff.goto(&app.url(&format!("/admin/returns/{id}"))).await;
    staff
        .type_into("[data-testid=return-note]", "请用顺丰寄回上海仓，运费到付")
        .await;
    step(&staff, "approve", "已同意").await;
    staff.screenshot("admin-return-approved-zh").await;

    let wh = Browser::start("zh-CN").await;
    sign_in_staff(&wh, &app, "warehouse@storekeep.test", "warehouse-demo-2026").await;
    wh.goto(&app.url(&format!("/admin/returns/{id}"))).await;
    wh.select("[data-testid=return-warehouse]", &sh.to_string())
        .await;
    step(&wh, "receive", "已收货").await;
    step(&wh, "inspect", "已质检").await;
    wh.close().await;
    assert_eq!(on_hand().await, before + 1, "restocked in Shanghai");
    let ledger: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM stock_movements WHERE kind = 'return' AND document = $1",
    )
    .bind(format!("return:{id}"))
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(ledger, 1, "the restock is on the ledger");
    app.assert_books_true().await;

    staff.goto(&app.url(&format!("/admin/returns/{id}"))).await;
    step(&staff, "refund", "已退款").await;
    staff.screenshot("admin-return-refunded-zh").await;
    staff.close().await;

    // the customer sees the refund
    b.goto(&app.url(&order_page)).await;
    let timeline = b.text("[data-testid=timeline]").await;
    assert!(
        timeline.contains(&format!("退货 #{id} 退款 ¥")),
        "{timeline}"
    );
    assert!(timeline.contains("请用顺丰寄回上海仓"), "{timeline}");
    assert_eq!(b.text("[data-testid=return-card-status]").await, "已退款");
    b.screenshot("order-returned-zh-390").await;
    b.close().await;
    app.cleanup().await;
}

/// An exchange (换货): the customer asks for another colour of a delivered item in the
/// order's return form; once the goods are back and inspected, customer service sends the
/// exchange in the back office, which makes the replacement order with its unit reserved;
/// the customer's timeline names it.
async fn a_customer_exchanges_for_another_colour(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let email = "exchanger@example.cn";
    let cookie = app.register_customer(email).await;
    let wanted = app.variant_with_stock("BD-001-04", 3).await;
    let (number, _) = app
        .delivered_order(&cookie, "e2e-exchange-01", "BD-001-01", 1)
        .await;
    let warehouse = app
        .login("warehouse@storekeep.test", "warehouse-demo-2026")
        .await;

    let b = Browser::start("en").await;
    let order_page = format!("/en/orders/{number}");
    open_return_form(&b, &app, email, &order_page, "/en").await;
    // until the form is hydrated the other sizes stay hidden: choose again until they show
    let started = Instant::now();
    loop {
        b.select("[data-testid=return-resolution]", "exchange")
            .await;
        let shown = b
            .eval("const e = document.querySelector('[data-testid=exchange-for]'); return !!e && e.offsetParent !== null;")
            .await;
        if shown == serde_json::Value::Bool(true) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the other sizes never showed"
        );
    }
    b.select("[data-testid=exchange-for]", &wanted.to_string())
        .await;
    b.select("[data-testid=return-reason]", "wrong_item").await;
    b.type_into(
        "[data-testid=return-comment]",
        "The colour is not what I expected",
    )
    .await;
    b.screenshot("return-exchange-form-en").await;
    b.click_until(
        "[data-testid=return-submit]",
        || async { b.has("[data-testid=return-card]").await },
        "the exchange on the order's page",
    )
    .await;
    let (id, asked): (i64, Option<i64>) =
        sqlx::query_as("SELECT id, exchange_variant_id FROM returns")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(asked, Some(wanted));

    // the goods come back and are inspected; customer service sends the exchange
    let clerk = app.login("orders@storekeep.test", "orders-demo-2026").await;
    let sh = app.warehouse_id("SH-01").await;
    for (path, body, who) in [
        (
            "approve",
            serde_json::json!({"note": "Please send it back to Shanghai"}),
            &clerk,
        ),
        ("receive", serde_json::json!({"warehouse": sh}), &warehouse),
        (
            "inspect",
            serde_json::json!({"lines": [{"line": 0, "restock": 1, "scrap": 0, "to_supplier": 0}]}),
            &warehouse,
        ),
    ] {
        let res = app
            .post_json(&format!("/api/v1/admin/returns/{id}/{path}"), &body, who)
            .await;
        assert_eq!(res.status, 200, "{path}: {:?}", res.json);
    }
    let staff = Browser::start("en").await;
    sign_in_staff(&staff, &app, "orders@storekeep.test", "orders-demo-2026").await;
    staff.goto(&app.url(&format!("/admin/returns/{id}"))).await;
    staff
        .wait_text(
            "[data-testid=return-exchange-for]",
            |t| t == "BD-001-04",
            "the size asked for",
        )
        .await;
    step(&staff, "exchange", "Exchanged").await;
    let replacement = staff.text("[data-testid=return-replacement]").await;
    assert_ne!(replacement, number);
    staff.screenshot("admin-return-exchanged-en").await;
    staff.close().await;
    let reserved: i64 = sqlx::query_scalar(
        "SELECT CAST(SUM(r.quantity) AS BIGINT) FROM stock_reservations r JOIN orders o ON o.id = r.order_id \
         WHERE o.number = $1 AND r.variant_id = $2",
    )
    .bind(&replacement)
    .bind(wanted)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(reserved, 1, "the other size is held for the replacement");
    app.assert_books_true().await;

    // the customer reads it on the order's timeline and follows the link to the replacement
    b.goto(&app.url(&order_page)).await;
    let timeline = b.text("[data-testid=timeline]").await;
    assert!(
        timeline.contains(&format!(
            "Return #{id} exchanged: the replacement ships as order {replacement}"
        )),
        "{timeline}"
    );
    assert_eq!(
        b.text("[data-testid=return-replacement]").await,
        replacement
    );
    b.screenshot("order-exchanged-en").await;
    b.close().await;
    app.cleanup().await;
}

/// Signs customer `email` in (the locale's `prefix`: "" or "/en") and opens the return
/// form on the order's page.
async fn open_return_form(b: &Browser, app: &TestApp, email: &str, order_page: &str, prefix: &str) {
    b.goto(&app.url(&format!("{prefix}/account/login?next={order_page}")))
        .await;
    b.submit_form_until(
        &[("email", email), ("password", "a fine long passphrase")],
        order_page,
    )
    .await;
    b.click(Locator::Css("[data-testid=return-form] summary"))
        .await;
}

/// Clicks a step's button until the return's status reads `status`.
async fn step(b: &Browser, name: &str, status: &str) {
    b.click_until(
        &format!("[data-testid=return-{name}]"),
        || async { b.text("[data-testid=return-status]").await == status },
        &format!("the return {status}"),
    )
    .await;
}
