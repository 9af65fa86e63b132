//! Own-fleet delivery in a real browser: a clerk plans today's routes for the Shanghai
//! warehouse and sees them drawn next to the naive order's distance; the driver opens their
//! route on a phone and completes it stop by stop (one parcel not delivered, with why).

use crate::sign_in_staff;
use fantoccini::Locator;
use server::db::Backend;
use storekeep_tests::browser::Browser;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    a_driver_completes_a_planned_route,
    a_clerk_sets_up_a_zone_and_a_van
);

async fn a_driver_completes_a_planned_route(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    app.own_fleet_parcels(&owner.cookie, "e2e-fleet", &["310115", "310104", "310106"])
        .await;
    // the demo warehouse operator drives every Shanghai van
    sqlx::query("UPDATE vehicles SET driver_id = (SELECT id FROM users WHERE email = 'warehouse@storekeep.test') WHERE plate LIKE '沪%'")
        .execute(&app.db.pool)
        .await
        .unwrap();

    let b = Browser::start("zh-CN").await;
    sign_in_staff(&b, &app, "orders@storekeep.test", "orders-demo-2026").await;
    b.goto(&app.url("/admin/fulfilment/routes")).await;
    b.wait_text("main", |t| t.contains("还没有规划"), "not planned yet")
        .await;
    b.click(Locator::Css("[data-testid=plan-routes]")).await;
    b.wait_text(
        "[data-testid=plan-distance]",
        |t| t.contains("km"),
        "the plan",
    )
    .await;
    assert!(
        b.has(".route-sketch polyline").await,
        "a sketch of the routes"
    );
    let stops = b
        .client
        .find_all(Locator::Css("[data-testid=route-stop]"))
        .await
        .unwrap();
    assert_eq!(stops.len(), 3);
    b.screenshot("routes-plan-1280").await;
    b.close().await;

    let d = Browser::start("zh-CN").await;
    d.resize(390, 844).await;
    sign_in_staff(&d, &app, "warehouse@storekeep.test", "warehouse-demo-2026").await;
    d.goto(&app.url("/admin/fulfilment/driver")).await;
    d.wait_text(
        "[data-testid=driver-route]",
        |t| t.contains("km"),
        "my route",
    )
    .await;
    d.screenshot("driver-route-390").await;
    for n in 0..3 {
        let pending = format!("[data-testid=driver-stop]:nth-child({}) ", n + 1);
        d.type_into(
            &format!("{pending}[data-testid=stop-note]"),
            if n == 1 {
                "家中无人"
            } else {
                "本人签收"
            },
        )
        .await;
        let button = if n == 1 {
            "stop-failed"
        } else {
            "stop-delivered"
        };
        d.click(Locator::Css(&format!("{pending}[data-testid={button}]")))
            .await;
        d.wait_text(
            &format!("{pending}.pick-line__actions"),
            |t| t.contains("本人签收") || t.contains("家中无人"),
            "recorded",
        )
        .await;
    }
    d.screenshot("driver-done-390").await;
    d.close().await;
    let delivered: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM shipments WHERE carrier = 'own_fleet' AND status = 'delivered'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(delivered, 2, "two delivered, one to try again");
    app.cleanup().await;
}

/// The fleet's set-up page: a new delivery zone with two slots, and a new van.
async fn a_clerk_sets_up_a_zone_and_a_van(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let b = Browser::start("zh-CN").await;
    sign_in_staff(&b, &app, "orders@storekeep.test", "orders-demo-2026").await;
    b.goto(&app.url("/admin/fulfilment/fleet")).await;
    b.wait_text(
        "[data-testid=zone-table]",
        |t| t.contains("上海市区"),
        "the seeded zones",
    )
    .await;
    b.click(Locator::Css("[data-testid=zone-new]")).await;
    b.type_into("[data-testid=zone-name-zh]", "浦东新区").await;
    b.type_into("[data-testid=zone-name-en]", "Pudong").await;
    b.type_into("[data-testid=zone-divisions]", "310115").await;
    b.click(Locator::Css("[data-testid=slot-add]")).await;
    // time inputs take their value as the browser's own picker would give it
    b.eval(
        "for (const [id, v] of [['slot-starts-1', '14:00'], ['slot-ends-1', '18:00']]) { \
           const el = document.querySelector(`[data-testid=${id}]`); \
           el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }",
    )
    .await;
    b.click(Locator::Css("[data-testid=zone-save]")).await;
    b.wait_text(
        "[data-testid=zone-table]",
        |t| t.contains("浦东新区") && t.contains("14:00–18:00"),
        "the new zone with its slots",
    )
    .await;
    let slots: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM delivery_slots s JOIN delivery_zones z ON z.id = s.zone_id WHERE z.name_en = 'Pudong'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(slots, 2);

    b.click(Locator::Css("[data-testid=van-new]")).await;
    b.type_into("[data-testid=van-plate]", "沪A·D1003").await;
    b.type_into("[data-testid=van-weight]", "500").await;
    b.type_into("[data-testid=van-parcels]", "80").await;
    b.click(Locator::Css("[data-testid=van-save]")).await;
    b.wait_text(
        "[data-testid=van-table]",
        |t| t.contains("沪A·D1003"),
        "the new van",
    )
    .await;
    let (weight, parcels): (i64, i64) = sqlx::query_as(
        "SELECT max_weight_grams, max_parcels FROM vehicles WHERE plate = '沪A·D1003'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((weight, parcels), (500_000, 80));
    b.screenshot("fleet").await;
    b.close().await;
    app.cleanup().await;
}
